"""Output channels: a closed or full stdout, and an ASCII-only one.

Before issue 11 each of these ended in a traceback: ``AttributeError`` for a
closed stdout, ``OSError: No space left on device`` for ``>/dev/full`` (every
command, ``--version`` and ``--help`` too), ``UnicodeEncodeError`` for
``PYTHONIOENCODING=ascii``. Each now ends with one line on stderr and exit 74
(EX_IOERR). Ctrl-C at start-up, the fourth channel of issue 11, is in
test_launch.py.

The in-process tests swap ``sys.stdout``; the ``slow`` ones run real processes.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ocsae_cli.cli import EXIT_OK, EXIT_OUTPUT, EXIT_PIPE_CLOSED, run

OCSAE = Path(sys.executable).parent / "ocsae"
TIMEOUT = 60
FULL = Path("/dev/full")

# Every command, with what it needs to write something.
COMMANDS = [
    ["summary"],
    ["summary", "--json"],
    ["query", "--format", "csv"],
    ["query", "--format", "markdown"],
    ["periods"],
    ["metrics"],
    ["weekly"],
    ["compare", "--period", "lockdown", "--period", "seven-weeks"],
    ["check"],
    ["chart"],
    ["validate"],
    ["schema"],
    ["--version"],
    ["--help"],
    ["summary", "--help"],
    [],
]
IDS = [" ".join(args) or "(bare)" for args in COMMANDS]


@pytest.fixture(autouse=True)
def _no_data_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCSAE_DATA", raising=False)


# ---------------------------------------------------------------- in-process


def run_with_stdout(stdout: Any, args: list[str]) -> int:
    """``ocsae ARGS`` with this stdout (None: closed, as Python sets it for `>&-`)."""
    saved = sys.stdout
    sys.stdout = stdout
    try:
        return run(args)
    finally:
        sys.stdout = saved


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_closed_stdout_no_longer_gives_attribute_error(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_with_stdout(None, args)
    assert code == EXIT_OUTPUT
    assert capsys.readouterr().err == (
        "Error: cannot write to standard output: standard output is closed\n"
    )


class Full(io.RawIOBase):
    """A device that takes nothing, as /dev/full: its first write fails.

    Later writes are swallowed, as if it had been emptied, so that the
    wrapper's last flush when it is collected does not fail again and show as
    "Exception ignored" in the middle of another test (Python 3.13 warns).
    """

    def __init__(self) -> None:
        super().__init__()
        self.refused = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if not self.refused:
            self.refused += 1
            raise OSError(28, "No space left on device")
        return len(data)


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_full_disk_no_longer_gives_oserror(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    device = Full()
    full = io.TextIOWrapper(io.BufferedWriter(device), encoding="utf-8")
    code = run_with_stdout(full, args)
    assert device.refused == 1
    assert code == EXIT_OUTPUT
    assert capsys.readouterr().err == (
        "Error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize(
    "args",
    [["summary"], ["periods"], ["compare", "--period", "lockdown", "--period", "seven-weeks"]],
    ids=["summary", "periods", "compare"],
)
def test_an_ascii_stdout_no_longer_gives_unicode_encode_error(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    written = io.BytesIO()
    ascii_out = io.TextIOWrapper(written, encoding="ascii")
    code = run_with_stdout(ascii_out, args)
    assert code == EXIT_OUTPUT
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("Error: cannot write to standard output: its encoding (ascii) has no U+")
    assert line.endswith("; set PYTHONIOENCODING=utf-8")
    assert written.getvalue() == b""  # nothing half-written


def test_an_ascii_stdout_still_gets_what_it_can_encode(capsys: pytest.CaptureFixture[str]) -> None:
    written = io.BytesIO()
    code = run_with_stdout(io.TextIOWrapper(written, encoding="ascii"), ["metrics", "--json"])
    assert code == EXIT_OK
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- real processes


def environ(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("OCSAE_DATA", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")
    }
    env.update(extra)
    return env


@pytest.fixture
def ocsae() -> Path:
    if not OCSAE.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")
    return OCSAE


def assert_one_line(stderr: str, line: str) -> None:
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
    assert stderr.splitlines() == [line]


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_every_command_to_dev_full_is_one_line_and_exit_74(ocsae: Path, args: list[str]) -> None:
    if not FULL.exists():
        pytest.skip("no /dev/full")
    with FULL.open("w") as full:
        result = subprocess.run(
            [str(ocsae), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=environ(),
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    assert result.returncode == EXIT_OUTPUT
    assert_one_line(
        result.stderr, "Error: cannot write to standard output: No space left on device"
    )


@pytest.mark.slow
@pytest.mark.parametrize("args", [["summary"], ["--version"], ["--help"]], ids=str)
def test_a_closed_stdout_is_one_line_and_exit_74(ocsae: Path, args: list[str]) -> None:
    result = subprocess.run(
        [str(ocsae), *args],
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environ(),
        text=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=lambda: os.close(1),  # as `ocsae summary >&-`
    )
    assert result.returncode == EXIT_OUTPUT
    assert_one_line(
        result.stderr, "Error: cannot write to standard output: standard output is closed"
    )


@pytest.mark.slow
def test_pythonioencoding_ascii_is_one_line_and_exit_74(ocsae: Path) -> None:
    result = subprocess.run(
        [str(ocsae), "summary"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=environ(PYTHONIOENCODING="ascii"),
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == EXIT_OUTPUT
    assert result.stdout == b""
    assert_one_line(
        result.stderr.decode("ascii"),
        "Error: cannot write to standard output: its encoding (ascii) has no U+201C; "
        "set PYTHONIOENCODING=utf-8",
    )
    version = subprocess.run(
        [str(ocsae), "--version"],
        capture_output=True,
        env=environ(PYTHONIOENCODING="ascii"),
        timeout=TIMEOUT,
        check=False,
    )
    assert version.returncode == EXIT_OK


@pytest.mark.slow
def test_help_to_a_closed_pipe_is_141_not_1(ocsae: Path) -> None:
    process = subprocess.Popen(
        [str(ocsae), "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environ(),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before ocsae writes a byte
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=TIMEOUT) == EXIT_PIPE_CLOSED
    assert stderr == ""
