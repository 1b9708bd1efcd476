"""Run ``ocsae`` in-process as a user would, through its one error handler.

typer's ``CliRunner.invoke`` calls the click command directly, which would skip
:func:`ocsae_cli.cli.run`, where every exit code is decided. This helper uses the
runner's isolation (stdin, stdout, stderr, environment) around ``run`` instead.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from typer.testing import CliRunner

from ocsae_cli.cli import run


class Outcome(NamedTuple):
    """What a user sees: the exit code and the two streams."""

    exit_code: int
    stdout: str
    stderr: str
    output: str  # stdout and stderr as they interleave on a terminal
    exception: BaseException | None  # an exception that escaped: a traceback for a user


def invoke(
    args: Sequence[str],
    env: Mapping[str, str | None] | None = None,
    input: str | bytes | None = None,
) -> Outcome:
    """``ocsae ARGS`` with this environment and standard input."""
    runner = CliRunner()
    escaped: BaseException | None = None
    with runner.isolation(input=input, env=env) as (stdout, stderr, output):
        try:
            code = run(list(args))
        except SystemExit as error:  # shell completion exits by itself
            code = error.code if isinstance(error.code, int) else 1
        except Exception as error:  # what a user would see as a traceback
            escaped, code = error, 1
        sys.stdout.flush()
        sys.stderr.flush()
        return Outcome(
            code,
            stdout.getvalue().decode(runner.charset, "replace").replace("\r\n", "\n"),
            stderr.getvalue().decode(runner.charset, "replace").replace("\r\n", "\n"),
            output.getvalue().decode(runner.charset, "replace").replace("\r\n", "\n"),
            escaped,
        )
