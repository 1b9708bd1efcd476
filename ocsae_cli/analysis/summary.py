"""The one-screen summary a newcomer reads first."""

from __future__ import annotations

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.checks import run_checks, tally
from ocsae_cli.analysis.compare import Remainder, all_remainders
from ocsae_cli.analysis.figures import Index, source_info, weekly_rate_row
from ocsae_cli.analysis.results import (
    AverageRow,
    CommandHint,
    PeriodInfo,
    SummaryResult,
    WeeklyRate,
)
from ocsae_cli.analysis.weeks import Basis

COMMANDS = (
    CommandHint("ocsae query --quotes", "every figure with the sentence it comes from"),
    CommandHint("ocsae weekly", "each figure as a weekly rate, on both bases"),
    CommandHint("ocsae compare --period A --period B", "periods side by side, with remainders"),
    CommandHint("ocsae check", "do the figures agree with each other?"),
    CommandHint("ocsae chart", "weekly rates as bars"),
    CommandHint("ocsae periods | ocsae metrics", "what the ids mean"),
)

BOTH = (Basis.STATED, Basis.CALENDAR)


def _ordered_periods(index: Index, remainders: list[Remainder]) -> list[PeriodInfo]:
    """The file's periods, each derived remainder right after the period it sits beside."""
    beside: dict[str, list[PeriodInfo]] = {}
    for derived in remainders:
        assert derived.period.derived_from is not None
        beside.setdefault(derived.period.derived_from[1], []).append(derived.period)
    ordered: list[PeriodInfo] = []
    for period in index.periods.values():
        ordered.append(period)
        ordered.extend(beside.get(period.id, []))
    return ordered


def summarise(index: Index) -> SummaryResult:
    """Source, periods (with derived remainders), weekly rates, averages and checks."""
    # Only remainders with something to show: a 1-day tail with no shared metric is noise.
    remainders = [r for r in all_remainders(index) if r.totals]
    derived_totals = {d.period.id: d for d in remainders}
    periods = _ordered_periods(index, remainders)

    rates: list[WeeklyRate] = []
    for period in periods:
        if period.derived:
            values = [
                (m, total, "total", False) for m, total in derived_totals[period.id].totals.items()
            ]
        else:
            values = [
                (figure.metric, figure.value, figure.statistic, figure.approximate)
                for metric in index.by_period[period.id]
                for _, figure in index.figures(metric, period.id)
                if figure.statistic in ("total", "weekly-average")
            ]
        for metric, value, statistic, approximate in values:
            for basis in BOTH:
                rates.append(
                    weekly_rate_row(
                        metric=index.metrics[metric],
                        period=period,
                        value=value,
                        statistic=statistic,
                        approximate=approximate,
                        basis=basis,
                    )
                )

    averages = []
    for (metric, period_id), figures in index.cells.items():
        for _, figure in figures:
            if figure.statistic not in ("monthly-average", "annual-average"):
                continue
            info, period = index.metrics[metric], index.periods[period_id]
            averages.append(
                AverageRow(
                    metric=metric,
                    metric_label=info.label,
                    unit=info.unit,
                    period=period_id,
                    period_label=period.label,
                    value=figure.value,
                    statistic=figure.statistic,
                    approximate=figure.approximate,
                    qualifier=figure.qualifier,
                    per_week=wk.convert_average(figure.value, figure.statistic, "weekly-average"),
                    per_month=wk.convert_average(figure.value, figure.statistic, "monthly-average"),
                    per_year=wk.convert_average(figure.value, figure.statistic, "annual-average"),
                )
            )

    return SummaryResult(
        source=source_info(index.dataset),
        periods=tuple(periods),
        rates=tuple(rates),
        averages=tuple(averages),
        checks=tally(run_checks(index, BOTH)),
        commands=COMMANDS,
    )
