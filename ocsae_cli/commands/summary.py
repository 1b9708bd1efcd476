"""``ocsae summary``: one screen for a newcomer."""

from typing import Annotated

import typer

from ocsae_cli.analysis import SUMMARY_LIMIT
from ocsae_cli.commands.common import (
    DataOption,
    FormatOption,
    JsonOption,
    NoColorOption,
    show,
)
from ocsae_cli.render import OutputFormat

# What to run next, as the summary's last section shows it: command-line words, so here.
NEXT_COMMANDS = (
    ("ocsae query --quotes", "every figure with the sentence it comes from"),
    ("ocsae weekly", "each figure as a weekly rate, on both bases"),
    ("ocsae compare --period A --period B", "periods side by side, with remainders"),
    ("ocsae check", "do the figures agree with each other?"),
    ("ocsae chart", "weekly rates as bars"),
    ("ocsae periods | ocsae metrics", "what the ids mean"),
)


def summary(
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            metavar="N",
            show_default=False,
            help=f"List at most N of the file's periods (default {SUMMARY_LIMIT}); "
            "the checks always cover them all.",
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every period, however many the file has.")
    ] = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """One screen for a newcomer: source, periods, weekly rates, averages, checks.

    Example: ocsae summary
    """
    from ocsae_cli.analysis.checks import tally_checks, tally_data, tally_from_data
    from ocsae_cli.analysis.figures import Index
    from ocsae_cli.analysis.summary import BOTH, summarise
    from ocsae_cli.load import load_keyed, remembered

    if show_all and limit is not None:
        raise typer.BadParameter("give --limit or --all, not both", param_hint="'--all'")
    listed = None if show_all else (SUMMARY_LIMIT if limit is None else limit)
    loaded = load_keyed(data)
    index = Index.build(loaded.dataset)
    # Counting every check is most of a summary's work on a large file, and its
    # answer depends only on the file and the analysis code: kept beside the dataset.
    kept = remembered(
        loaded, "summary-tally", "analysis", lambda: tally_data(tally_checks(index, BOTH))
    )
    tally = tally_from_data(kept)
    show(summarise(index, listed, hints=NEXT_COMMANDS, tally=tally), output, as_json, no_color)
