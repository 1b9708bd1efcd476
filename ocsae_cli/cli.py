"""The ``ocsae`` entry point: run one command and map every way it can end to an exit code.

Exit codes: 0 ok, 1 a check found a failing claim, 2 usage error, 3 data file
missing or invalid, 74 standard output cannot be written (closed, full, or an
encoding without the characters), 130 interrupted, 141 stdout closed early.

All of that is decided in :func:`run`, the one error handler (as pre-commit's
``error_handler``): commands raise, and only public exceptions are caught here.
Every message it writes passes :func:`_say`, which escapes whatever a file or
the command line put in it.
"""

# Ctrl-C is handled before the imports below, which take most of a start-up:
# the console script enters through ocsae_cli.launch, and `python -m ocsae_cli`
# or an import of this module gets the same handling from this first import.
from ocsae_cli import launch  # isort: skip

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.main import get_command

from ocsae_cli.commands import app
from ocsae_cli.commands.common import (
    EXIT_CHECK_FAILED,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_PIPE_CLOSED,
    EXIT_USAGE,
    complete_metrics,
    complete_periods,
)
from ocsae_cli.load import DataError
from ocsae_cli.render import OutputClosed, OutputError, flush_stdout, guarded_stdout

launch.imports_done()

__all__ = [
    "EXIT_CHECK_FAILED",
    "EXIT_DATA",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_PIPE_CLOSED",
    "EXIT_USAGE",
    "app",
    "complete_metrics",
    "complete_periods",
    "main",
    "run",
]

ALL_ERRORS_HINT = "`ocsae validate --all-errors` lists them"


def _say(message: str) -> None:
    """One line on stderr, with anything a terminal would act on shown escaped.

    The one place every message passes: keys, values, ids, paths and arguments
    in it come from a file or the command line, and may hold escape sequences,
    line breaks or bidirectional marks (see render.text.one_line).
    """
    from ocsae_cli.render.text import one_line

    # stderr full or closed: there is nowhere left to say it.
    with contextlib.suppress(OSError, ValueError):
        typer.echo(one_line(message), err=True)


def run(args: Sequence[str] | None = None) -> int:
    """Run ``ocsae ARGS`` (default: the process's arguments) and return its exit code."""
    launch.command_started()
    try:
        code = _run_guarded(args)
    finally:
        interrupted = launch.command_ended()
    if interrupted and code != EXIT_INTERRUPTED:
        # Python dropped the KeyboardInterrupt (raised inside a callback, where it
        # cannot propagate) and launch could not raise it again in time (Windows,
        # another thread): the command ran on, but the user still asked it to stop.
        _say("")
        code = EXIT_INTERRUPTED
    return code


def _run_guarded(args: Sequence[str] | None) -> int:
    try:
        with guarded_stdout():
            return _run(args)
    except OutputClosed:
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    except OutputError as error:
        _say(f"Error: cannot write to standard output: {error.reason}")
        _silence_stdout()
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        _say("")
        return EXIT_INTERRUPTED


@functools.cache
def _command() -> Any:
    """The click command typer builds from the app: once per process, not once per run.

    A process runs once, so this changes nothing for a user; a test that runs
    thousands of commands in one process (the fuzzer) is spared rebuilding it.
    """
    return get_command(app)


def _run(args: Sequence[str] | None) -> int:
    try:
        outcome = _command().main(args=args, prog_name="ocsae", standalone_mode=False)
    except typer.TyperException as error:  # click's usage errors derive from it
        context = getattr(error, "ctx", None)
        where = context.command_path if context is not None else "ocsae"
        _say(f"Error: {error.format_message()} (see '{where} --help')")
        code = int(getattr(error, "exit_code", EXIT_USAGE))
    except DataError as error:
        for diagnostic in error.diagnostics:
            _say(f"Error: {diagnostic}")
        if error.omitted:
            _say(f"... and {error.omitted} more; {ALL_ERRORS_HINT}")
        code = EXIT_DATA
    except typer.Abort:
        _say("")
        code = EXIT_INTERRUPTED
    else:
        code = outcome if isinstance(outcome, int) else EXIT_OK
        if code == EXIT_INTERRUPTED:  # typer turned a KeyboardInterrupt into Exit(130)
            _say("")
    # Whatever is still buffered is written now, where a full disk is one more
    # OutputError, and not by the interpreter at exit, where it is a traceback.
    flush_stdout()
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(args: Sequence[str] | None = None) -> None:
    """Console-script entry point: run, then exit with the code :func:`run` chose."""
    # One run builds large structures without cycles (a figure, its index entries,
    # its checks) and then exits. The cyclic collector would rescan them again and
    # again, a third of the run at 100,000 figures; reference counting still frees
    # everything as it goes.
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = run(args)
    except KeyboardInterrupt:  # one that came as run() returned
        _say("")
        code = EXIT_INTERRUPTED
    finally:
        if collecting:  # a caller in the same process (a test) gets it back
            gc.enable()
        # The process exits next, and the interpreter's last collection would scan
        # every object left (typer, pydantic, the figures) for cycles: 15 ms on the
        # packaged figures, more on a large file. It skips frozen objects.
        gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    main()
