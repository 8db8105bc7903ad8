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
