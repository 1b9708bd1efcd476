"""``ocsae compare``: periods side by side."""

import typer

from ocsae_cli.commands.common import (
    BasisChoice,
    BasisOption,
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


def compare(
    period: PeriodOption = None,
    metric: MetricOption = None,
    basis: BasisOption = BasisChoice.BOTH,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Periods side by side, per week, with remainders derived where one holds another.

    Example: ocsae compare --period lockdown --period seven-weeks
    """
    from ocsae_cli.analysis.compare import compare as compare_periods

    index = load_index(data)
    periods = check_periods(period or [], index, derivable=True)
    metrics = check_ids(metric or [], index.metrics, "metric", "--metric")
    if len(periods) < 2:
        raise typer.BadParameter(
            "give at least two periods, e.g. --period lockdown --period seven-weeks",
            param_hint="'--period'",
        )
    repeated = sorted({p for p in periods if periods.count(p) > 1})
    if repeated:
        raise typer.BadParameter(f"period '{repeated[0]}' is given twice", param_hint="'--period'")
    show(
        compare_periods(index, periods, bases=basis.bases, metrics=metrics),
        output,
        as_json,
        no_color,
    )
