"""The commands of ``ocsae``: one module each, registered on one typer app here.

To add a command: write ``ocsae_cli/commands/NAME.py`` with one function whose
docstring is its help, and add it to ``COMMANDS`` below.
"""

from typing import Annotated

import typer

from ocsae_cli import __version__
from ocsae_cli.commands import (
    chart,
    check,
    compare,
    export,
    extract,
    listing,
    query,
    summary,
    upgrade,
    validate,
    weekly,
)
from ocsae_cli.commands.common import DataOption, OcsaeCommand, OcsaeGroup, root_data

HELP = (
    "Query, compare, rate and fact-check the figures that news articles publish.\n\n"
    "Start with `ocsae summary`. Every command reads the packaged figures unless "
    "--data PATH or $OCSAE_DATA names another figures file."
)

app = typer.Typer(
    name="ocsae",
    help=HELP,
    cls=OcsaeGroup,
    pretty_exceptions_enable=False,
    # Help is plain text everywhere, as click writes it: no box drawing, no colour
    # and no "<bool>" beside each flag, on a terminal or piped.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS = (
    summary.summary,
    query.query,
    listing.periods,
    listing.metrics,
    weekly.weekly,
    compare.compare,
    check.check,
    chart.chart,
    validate.validate,
    validate.schema,
    upgrade.upgrade,
    extract.extract,
    export.export,
)
for command in COMMANDS:
    app.command(cls=OcsaeCommand)(command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ocsae {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Query, compare, rate and fact-check the figures that news articles publish."""
    root_data(ctx, data)
    if ctx.invoked_subcommand is None:  # bare `ocsae`: its help, and success
        typer.echo(ctx.get_help())
        raise typer.Exit()
