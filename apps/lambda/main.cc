// `bootstrap`: the Substation AWS Lambda custom runtime (SUBSTATION_LAMBDA_HANDLER selects
// the event handler, SUBSTATION_CONFIG the pipeline).
#include "apps/lambda/bootstrap.h"

int main() { return sub::lambda::run_bootstrap(); }
