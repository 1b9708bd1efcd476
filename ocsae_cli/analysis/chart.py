"""Bars of weekly rates, one per metric, period and basis."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ocsae_cli.analysis.compare import all_remainders
from ocsae_cli.analysis.figures import Index, weekly_rate_row
from ocsae_cli.analysis.results import Bar, ChartResult
from ocsae_cli.analysis.weeks import Basis


def chart(
    index: Index,
    *,
    bases: Sequence[Basis],
    metrics: Collection[str] = (),
    periods: Collection[str] = (),
    derived: bool = False,
) -> ChartResult:
    """Weekly rates of each metric's preferred figure in each period, grouped by metric.

    With ``derived``, remainders of nested periods are added after the file's periods.
    """
    columns = [p for p in index.periods.values() if not periods or p.id in periods]
    remainders = all_remainders(index, among=periods) if derived else []
    bars = []
    for metric in index.metrics.values():
        if metrics and metric.id not in metrics:
            continue
        values = []
        for period in columns:
            figure = index.preferred(metric.id, period.id)
            if figure is not None:
                values.append((period, figure.value, figure.statistic, figure.approximate))
        for remainder in remainders:
            if metric.id in remainder.totals:
                values.append((remainder.period, remainder.totals[metric.id], "total", False))
        for period, value, statistic, approximate in values:
            for basis in bases:
                row = weekly_rate_row(
                    metric=metric,
                    period=period,
                    value=value,
                    statistic=statistic,
                    approximate=approximate,
                    basis=basis,
                )
                bars.append(
                    Bar(
                        metric=metric.id,
                        metric_label=metric.label,
                        unit=metric.unit,
                        period=period.id,
                        period_label=period.label,
                        derived=period.derived,
                        basis=basis.value,
                        rate=row.rate,
                        approximate=approximate,
                    )
                )
    return ChartResult(bars=tuple(bars))
