"""Loopback ports and waiting for servers."""
import socket
import time

LOOPBACK = "127.0.0.1"


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


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
