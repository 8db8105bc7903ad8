"""Loopback ports and waiting for servers."""
import random
import socket
import time

LOOPBACK = "127.0.0.1"

# Ports for servers we start are drawn below the kernel's ephemeral range. A port the kernel
# handed out (port 0) is free only until the kernel hands it out again, to any client
# connection of any test running in parallel; that raced in CI ("Address already in use").
# Below the range, only another explicit pick can collide, and picks are spread at random.
_PICK_LOW = 10000


def _ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now, for a server started by
    another process. In-process servers bind port 0 themselves (`bind_http_server`)."""
    high = _ephemeral_low()
    rng = random.SystemRandom()
    if high - _PICK_LOW > 1000:
        for _ in range(200):
            port = rng.randrange(_PICK_LOW, high)
            if _is_free(port):
                return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def start_with_retries(launch, stop, what, tries=3):
    """Runs `launch` (which starts a server process on ports from free_port and waits for
    it, raising ServerExited if the process died first) up to `tries` times: another run
    may take a chosen port between the choice and the server's bind."""
    for attempt in range(1, tries + 1):
        try:
            return launch()
        except ServerExited:
            stop()
            if attempt == tries:
                raise
            print(f"{what} exited before listening; trying other ports "
                  f"({attempt}/{tries - 1})", flush=True)
    return None


class ServerExited(RuntimeError):
    """A server process ended before it listened."""


def bind_http_server(handler):
    """A ThreadingHTTPServer already bound to a loopback port of the kernel's choosing (no
    window between choosing and binding); its port is server.server_address[1]."""
    from http.server import ThreadingHTTPServer
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    server.daemon_threads = True
    return server


def can_connect(port, timeout=0.2):
    try:
        with socket.create_connection((LOOPBACK, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for_port(port, seconds, what, alive=None):
    """Waits until `port` accepts connections; raises after `seconds`.

    `alive`, when given, is called between tries and raises if the server died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if can_connect(port):
            return
        if alive is not None:
            alive()
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {LOOPBACK}:{port} within {seconds} s")


def die_with_parent():
    """preexec_fn for servers we start: the kernel sends them SIGTERM if we die first (even
    by SIGKILL, e.g. a test runner's timeout), so no server outlives its run. Linux only."""
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
