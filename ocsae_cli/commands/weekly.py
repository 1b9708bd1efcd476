"""``ocsae weekly``: every figure as a weekly rate."""

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


def weekly(
    period: PeriodOption = None,
    metric: MetricOption = None,
    basis: BasisOption = BasisChoice.BOTH,
    derived: DerivedOption = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Every figure as a weekly rate, saying how: divided, passed through or converted.

    Example: ocsae weekly --period lockdown --basis calendar
    """
    from ocsae_cli.analysis.rates import weekly as weekly_rates

    index = load_index(data)
    result = weekly_rates(
        index,
        bases=basis.bases,
        metrics=check_ids(metric or [], index.metrics, "metric", "--metric"),
        periods=check_periods(period or [], index, derivable=True),
        derived=derived,
    )
    show(result, output, as_json, no_color)
