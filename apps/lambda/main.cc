// `bootstrap`: the Substation AWS Lambda custom runtime (SUBSTATION_LAMBDA_HANDLER selects
// the event handler, SUBSTATION_CONFIG the pipeline).
#include <curl/curl.h>

#include "apps/lambda/bootstrap.h"

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const int rc = sub::lambda::run_bootstrap();
  curl_global_cleanup();
  return rc;
}
