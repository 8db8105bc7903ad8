// A port for a server process that a test starts on 127.0.0.1.
#pragma once

namespace sub::itest {

// A TCP port nothing listens on now, drawn at random below the kernel's ephemeral range
// (net.ipv4.ip_local_port_range). A port the kernel picks (bind to port 0) is handed out
// again to any client connection of a test running in parallel before the server binds it;
// below the range only another explicit pick can collide. -1 when no port could be found.
int loopback_port();

}  // namespace sub::itest
