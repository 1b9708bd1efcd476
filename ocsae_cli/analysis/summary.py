"""The one-screen summary a newcomer reads first."""

from __future__ import annotations

from collections.abc import Sequence

from ocsae_cli.analysis import SUMMARY_LIMIT
from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.checks import tally_checks
from ocsae_cli.analysis.checks.changes import stated_change
from ocsae_cli.analysis.compare import Remainder, all_remainders
from ocsae_cli.analysis.figures import Index, source_infos
from ocsae_cli.analysis.rates import Stated, rate_rows
from ocsae_cli.analysis.results import (
    AverageRow,
    CheckTally,
    CommandHint,
    DatasetSize,
    Omitted,
    PeriodInfo,
    StatedChange,
    SummaryResult,
    WeeklyRate,
)
from ocsae_cli.analysis.weeks import Basis

BOTH = (Basis.STATED, Basis.CALENDAR)


def _ordered_periods(listed: list[PeriodInfo], remainders: list[Remainder]) -> list[PeriodInfo]:
    """The listed periods, each derived remainder right after the period it sits beside."""
    beside: dict[str, list[PeriodInfo]] = {}
    for derived in remainders:
        assert derived.period.derived_from is not None
        beside.setdefault(derived.period.derived_from[1], []).append(derived.period)
    ordered: list[PeriodInfo] = []
    for period in listed:
        ordered.append(period)
        ordered.extend(beside.get(period.id, []))
    return ordered


def _rates(
    index: Index, periods: list[PeriodInfo], remainders: list[Remainder]
) -> list[WeeklyRate]:
    """Totals and weekly averages of the listed periods (remainders too), on both bases."""
    derived_totals = {d.period.id: d for d in remainders}
    values: list[Stated] = []
    for period in periods:
        if period.derived:
            values += (
                Stated(index.metrics[metric], period, total, "total", False)
                for metric, total in derived_totals[period.id].totals.items()
            )
        else:
            values += (
                Stated(index.metrics[metric], period, f.value, f.statistic, f.approximate, n)
                for metric in index.by_period[period.id]
                for n, f in index.figures(metric, period.id)
                if f.statistic in ("total", "weekly-average")
            )
    return list(rate_rows(values, BOTH))


def _averages(index: Index, periods: list[PeriodInfo]) -> list[AverageRow]:
    """Monthly and annual averages of the listed periods, in the file's order."""
    listed = {p.id: p for p in periods if not p.derived}
    averages = []
    for (metric, period_id), figures in index.cells.items():
        period = listed.get(period_id)
        if period is None:
            continue
        for position, figure in figures:
            if figure.statistic not in ("monthly-average", "annual-average"):
                continue
            info = index.metrics[metric]
            averages.append(
                AverageRow(
                    index=position,
                    metric=metric,
                    metric_label=info.label,
                    unit=info.unit,
                    period=period.id,
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
    return averages


def _changes(index: Index, listed: list[PeriodInfo]) -> list[StatedChange]:
    """The changes stated for the listed periods, each with its verdict, in file order."""
    ids = {period.id for period in listed}
    stated = [
        (position, figure)
        for period_id in ids
        for metric in index.by_period[period_id]
        for position, figure in index.figures(metric, period_id)
        if figure.baseline is not None
    ]
    return [stated_change(index, position, figure) for position, figure in sorted(stated)]


def summarise(
    index: Index,
    limit: int | None = SUMMARY_LIMIT,
    *,
    hints: Sequence[tuple[str, str]] = (),
    tally: CheckTally | None = None,
) -> SummaryResult:
    """Source, periods (with derived remainders), rates, averages, stated changes and checks.

    ``limit`` is the most of the file's periods listed, in file order (None:
    all of them). The checks always cover the whole file; only the ids of
    those that are not ok are cut to the limit. ``hints`` are the (command,
    purpose) pairs the caller suggests running next. ``tally`` is the tally of
    every check on both bases, when the caller has it already (kept from an earlier
    run on the same file); otherwise it is counted here.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    every = list(index.periods.values())
    listed = every if limit is None else every[:limit]
    # Only remainders with something to show: a 1-day tail with no shared metric is noise.
    remainders = [r for r in all_remainders(index, among={p.id for p in listed}) if r.totals]
    periods = _ordered_periods(listed, remainders)

    checks = tally if tally is not None else tally_checks(index, BOTH)
    sources = source_infos(index.dataset)
    not_ok = checks.not_ok if limit is None else checks.not_ok[:limit]
    return SummaryResult(
        source=sources[0],
        sources=sources,
        dataset=DatasetSize(
            periods=len(every), metrics=len(index.metrics), figures=len(index.dataset.figures)
        ),
        limit=limit,
        omitted=Omitted(periods=len(every) - len(listed), not_ok=len(checks.not_ok) - len(not_ok)),
        periods=tuple(periods),
        rates=tuple(_rates(index, periods, remainders)),
        averages=tuple(_averages(index, periods)),
        changes=tuple(_changes(index, listed)),
        checks=CheckTally(
            total=checks.total, passed=checks.passed, counts=checks.counts, not_ok=not_ok
        ),
        commands=tuple(CommandHint(command, purpose) for command, purpose in hints),
    )
