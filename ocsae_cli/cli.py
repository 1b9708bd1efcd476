"""The ``ocsae`` entry point: run one command and map every way it can end to an exit code.

Exit codes: 0 ok, 1 a check found a failing claim, 2 usage error, 3 data file
missing or invalid, 130 interrupted, 141 stdout closed early.

All of that is decided in :func:`run`, the one error handler (as pre-commit's
``error_handler``): commands raise, and only public exceptions are caught here.
"""

import gc
import os
import sys
from collections.abc import Sequence

import typer
from typer.main import get_command

from ocsae_cli.commands import app
from ocsae_cli.commands.common import (
    EXIT_CHECK_FAILED,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PIPE_CLOSED,
    EXIT_USAGE,
    complete_metrics,
    complete_periods,
)
from ocsae_cli.load import DataError
from ocsae_cli.render import OutputClosed

__all__ = [
    "EXIT_CHECK_FAILED",
    "EXIT_DATA",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "EXIT_USAGE",
    "app",
    "complete_metrics",
    "complete_periods",
    "main",
    "run",
]


def _say(message: str) -> None:
    typer.echo(message, err=True)


def run(args: Sequence[str] | None = None) -> int:
    """Run ``ocsae ARGS`` (default: the process's arguments) and return its exit code."""
    command = get_command(app)
    try:
        outcome = command.main(args=args, prog_name="ocsae", standalone_mode=False)
    except typer.TyperException as error:  # click's usage errors derive from it
        context = getattr(error, "ctx", None)
        where = context.command_path if context is not None else "ocsae"
        _say(f"Error: {error.format_message()} (see '{where} --help')")
        return int(getattr(error, "exit_code", EXIT_USAGE))
    except DataError as error:
        for diagnostic in error.diagnostics:
            _say(f"Error: {diagnostic}")
        return EXIT_DATA
    except OutputClosed:
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    except (typer.Abort, KeyboardInterrupt):
        _say("")
        return EXIT_INTERRUPTED
    return outcome if isinstance(outcome, int) else EXIT_OK


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
