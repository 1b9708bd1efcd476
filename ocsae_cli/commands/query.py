"""``ocsae query``: the figures, filtered."""

from typing import Annotated

import typer

from ocsae_cli.commands.common import (
    DataOption,
    FormatOption,
    JsonOption,
    MetricOption,
    NoColorOption,
    PeriodOption,
    check_ids,
    check_periods,
    load_index,
    show,
)
from ocsae_cli.render import OutputFormat


def query(
    metric: MetricOption = None,
    period: PeriodOption = None,
    statistic: Annotated[
        list[str] | None,
        typer.Option(
            "--statistic",
            "-s",
            metavar="STAT",
            show_default=False,
            help="total, daily-, weekly-, monthly- or annual-average, change, percent-change, "
            "ratio or share; repeat for several.",
        ),
    ] = None,
    approximate: Annotated[
        bool | None,
        typer.Option(
            "--approximate/--exact",
            show_default=False,
            help="Only approximate figures, or only exact ones (default: both).",
        ),
    ] = None,
    quotes: Annotated[
        bool, typer.Option("--quotes", help="Show each figure's quote and notes (tables).")
    ] = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The figures, filtered; --quotes traces each one back to its sentence.

    Example: ocsae query --metric arrests --quotes
    """
    from ocsae_cli.analysis.figures import query_figures
    from ocsae_cli.model import STATISTICS

    index = load_index(data)
    result = query_figures(
        index,
        metrics=check_ids(metric or [], index.metrics, "metric", "--metric"),
        periods=check_periods(period or [], index, derivable=False),
        statistics=check_ids(statistic or [], STATISTICS, "statistic", "--statistic"),
        approximate=approximate,
    )
    show(result, output, as_json, no_color, quotes=quotes)
