"""``ocsae export``: the figures, weekly rates and checks as a Data Package or a SQLite database."""

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ocsae_cli.commands.common import EXIT_OUTPUT, DataOption, load_index


class ExportTo(StrEnum):
    """What ``ocsae export`` writes."""

    DATAPACKAGE = "datapackage"
    SQLITE = "sqlite"


def _target(value: str) -> Path:
    if not value:
        raise typer.BadParameter("an empty path names nothing; give a directory or a file")
    if value == "-":
        raise typer.BadParameter("an export is files, not standard output; give a path")
    return Path(value)


def export(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="TARGET",
            parser=_target,
            show_default=False,
            help="datapackage: the directory to create; sqlite: the database file "
            "(metadata.json is written beside it).",
        ),
    ],
    # Optional to typer only: click's own message for a missing choice spans lines.
    to: Annotated[
        ExportTo | None,
        typer.Option(
            "--to",
            "-t",
            case_sensitive=False,
            show_default=False,
            help="Required. datapackage: datapackage.json and a CSV file per table; "
            "sqlite: one database, with Datasette's metadata.json.",
        ),
    ] = None,
    data: DataOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace TARGET (and metadata.json) when it exists."),
    ] = False,
) -> None:
    """Write the figures, their weekly rates and checks for other tools.

    The tables: sources, periods, metrics, figures, weekly_rates and checks, with
    their keys, as `ocsae query`, `weekly --derived` and `check` compute them.
    Nothing is overwritten without --force, and nothing is left half-written.

    Example: ocsae export --to sqlite figures.db && datasette figures.db -m metadata.json
    """
    from datetime import UTC, datetime

    from ocsae_cli.export.files import TargetExists, WriteFailed

    if to is None:
        choices = " or ".join(f"--to {choice}" for choice in ExportTo)
        raise typer.BadParameter(f"say what to write: {choices}", param_hint="'--to'")
    index = load_index(data)
    try:
        if to is ExportTo.DATAPACKAGE:
            from ocsae_cli.export.datapackage import write_datapackage

            rows = write_datapackage(index, target, force=force, created=datetime.now(UTC))
            what = "datapackage.json and 6 CSV files"
        else:
            from ocsae_cli.export.sqlite import METADATA, VIEWS, write_sqlite

            rows = write_sqlite(index, target, force=force)
            what = f"6 tables and {len(VIEWS)} views; {target.parent / METADATA} beside it"
    except TargetExists as error:
        raise typer.BadParameter(error.reason, param_hint="'TARGET'") from None
    except WriteFailed as error:
        _tell(f"Error: {error.reason}")
        raise typer.Exit(EXIT_OUTPUT) from None
    _tell(f"ocsae export: {rows} rows to {target} ({what})")


def _tell(message: str) -> None:
    from ocsae_cli.render.text import one_line

    with contextlib.suppress(OSError, ValueError):  # stderr gone: nowhere left to say it
        typer.echo(one_line(message), err=True)
