"""Figures as weekly rates: the one loop that turns values into rates on each basis."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import NamedTuple

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.compare import all_remainders, derived_period
from ocsae_cli.analysis.figures import Index, weeks_of
from ocsae_cli.analysis.results import MetricInfo, PeriodInfo, WeeklyRate, WeeklyResult
from ocsae_cli.analysis.weeks import Basis


class Stated(NamedTuple):
    """A value of one metric in one period, as a source states it or as it is derived."""

    metric: MetricInfo
    period: PeriodInfo
    value: float
    statistic: str
    approximate: bool
    position: int | None = None  # the figure's position in the file (its index); None: derived


def weekly_rate_row(stated: Stated, basis: Basis) -> WeeklyRate:
    """One value of one period as a weekly rate on ``basis``, saying how it was found."""
    period = stated.period
    weeks = weeks_of(period, basis)
    rate, method, factor = wk.weekly_rate(stated.value, stated.statistic, weeks)
    reason = None
    if method == "unavailable":
        reason = f"period '{period.id}' states no length, so it has no stated basis"
    elif method == "not-a-rate":
        reason = f"a {stated.statistic} compares two amounts; it is not a rate per week"
    return WeeklyRate(
        index=stated.position,
        metric=stated.metric.id,
        metric_label=stated.metric.label,
        unit=stated.metric.unit,
        period=period.id,
        period_label=period.label,
        derived=period.derived,
        value=stated.value,
        statistic=stated.statistic,
        approximate=stated.approximate,
        basis=basis.value,
        weeks=weeks if method == "divided" else None,
        method=method,
        factor=factor,
        rate=rate,
        reason=reason,
        inferred_from=period.inferred_from,
    )


def rate_rows(values: Iterable[Stated], bases: Sequence[Basis]) -> Iterator[WeeklyRate]:
    """Each value as a weekly rate on each basis, in order: the loop every command shares."""
    for stated in values:
        for basis in bases:
            yield weekly_rate_row(stated, basis)


def stated_values(
    index: Index, *, metrics: Collection[str] = (), periods: Collection[str] = ()
) -> Iterator[Stated]:
    """The file's figures of these metrics and periods (empty: all), in file order."""
    for position, figure in enumerate(index.dataset.figures):
        if (not metrics or figure.metric in metrics) and (not periods or figure.period in periods):
            yield Stated(
                index.metrics[figure.metric],
                index.periods[figure.period],
                figure.value,
                figure.statistic,
                figure.approximate,
                position,
            )


def derived_values(
    index: Index,
    *,
    metrics: Collection[str] = (),
    periods: Collection[str] = (),
    nested: bool = True,
) -> Iterator[Stated]:
    """The subtracted totals of derived periods.

    With ``nested``, the remainders of nested periods among the file's periods
    in ``periods`` (empty: all); and always those of the derived periods that
    ``periods`` names by the ids compare and ``weekly --derived`` print.
    """
    file_periods = [p for p in periods if p in index.periods]
    found = (
        all_remainders(index, among=file_periods)
        if nested and (file_periods or not periods)
        else []
    )
    seen = {r.period.id for r in found}
    for period_id in periods:
        if period_id not in index.periods and period_id not in seen:
            named = derived_period(index, period_id)
            if named is not None:
                found.append(named)
                seen.add(period_id)
    for remainder in found:
        for metric_id, total in remainder.totals.items():
            if not metrics or metric_id in metrics:
                yield Stated(index.metrics[metric_id], remainder.period, total, "total", False)


def weekly(
    index: Index,
    *,
    bases: Sequence[Basis],
    metrics: Collection[str] = (),
    periods: Collection[str] = (),
    derived: bool = False,
) -> WeeklyResult:
    """Every selected figure as a weekly rate on each basis, in file order.

    With ``derived``, the remainders of nested periods follow, with their
    subtracted totals; a derived period named in ``periods`` follows either way.
    """
    file_periods = [p for p in periods if p in index.periods]
    rows: list[WeeklyRate] = []
    if file_periods or not periods:  # naming only derived periods selects no figure
        rows += rate_rows(stated_values(index, metrics=metrics, periods=file_periods), bases)
    named = derived_values(index, metrics=metrics, periods=periods, nested=derived)
    rows += rate_rows(named, bases)
    return WeeklyResult(bases=tuple(b.value for b in bases), rows=tuple(rows))
