"""``ocsae chart``: weekly rates as bars."""

from ocsae_cli.commands.common import (
    BasisChoice,
    BasisOption,
    DataOption,
    DerivedOption,
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


def chart(
    metric: MetricOption = None,
    period: PeriodOption = None,
    basis: BasisOption = BasisChoice.CALENDAR,
    derived: DerivedOption = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Weekly rates as horizontal bars, one group per metric.

    Example: ocsae chart --metric arrests --derived
    """
    from ocsae_cli.analysis.chart import chart as chart_bars

    index = load_index(data)
    result = chart_bars(
        index,
        bases=basis.bases,
        metrics=check_ids(metric or [], index.metrics, "metric", "--metric"),
        periods=check_periods(period or [], index, derivable=True),
        derived=derived,
    )
    show(result, output, as_json, no_color)
