// The bootstrap's life: read the settings, pick the handler, then serve invocations from
// the Runtime API until it goes away. Returns the process exit code.
#pragma once

namespace sub::lambda {

int run_bootstrap();

}  // namespace sub::lambda
