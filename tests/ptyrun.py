"""Run a command with its stdout on a pseudo-terminal, as a user's shell would."""

from __future__ import annotations

import os
import pty
import select
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from fcntl import ioctl

TIMEOUT = 60


def run_on_terminal(
    args: Sequence[str], env: Mapping[str, str], columns: int | None = None
) -> tuple[int, str]:
    """The exit code and what the terminal showed; ``columns`` sets the terminal's width."""
    leader, follower = pty.openpty()
    if columns is not None:
        ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    try:
        process = subprocess.Popen(
            list(args),
            stdout=follower,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=dict(env),
        )
    finally:
        os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    code = process.wait(timeout=TIMEOUT)
    return code, b"".join(chunks).decode("utf-8", "replace")
