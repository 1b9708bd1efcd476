"""Bars of weekly rates, one per metric, period and basis."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from ocsae_cli.analysis.figures import Index, source_infos
from ocsae_cli.analysis.rates import Stated, derived_values, rate_rows
from ocsae_cli.analysis.results import Bar, ChartResult, SourceInfo
from ocsae_cli.analysis.weeks import Basis


def _preferred_values(
    index: Index, metrics: Collection[str], periods: Collection[str], derived: bool
) -> Iterator[Stated]:
    """Each metric's preferred figure in each period, then its derived remainders."""
    columns = [p for p in index.periods.values() if not periods or p.id in periods]
    remainders = list(derived_values(index, metrics=metrics, periods=periods, nested=derived))
    for metric in index.metrics.values():
        if metrics and metric.id not in metrics:
            continue
        for period in columns:
            entry = index.preferred_entry(metric.id, period.id)
            if entry is not None:
                position, figure = entry
                yield Stated(
                    metric, period, figure.value, figure.statistic, figure.approximate, position
                )
        yield from (r for r in remainders if r.metric.id == metric.id)


def chart(
    index: Index,
    *,
    bases: Sequence[Basis],
    metrics: Collection[str] = (),
    periods: Collection[str] = (),
    derived: bool = False,
) -> ChartResult:
    """Weekly rates of each metric's preferred figure in each period, grouped by metric.

    With ``derived``, remainders of nested periods are added after the file's periods,
    exactly as ``weekly --derived`` adds them.
    """
    bars = tuple(
        Bar(
            index=row.index,
            metric=row.metric,
            metric_label=row.metric_label,
            unit=row.unit,
            period=row.period,
            period_label=row.period_label,
            derived=row.derived,
            basis=row.basis,
            rate=row.rate,
            approximate=row.approximate,
            inferred_from=row.inferred_from,
        )
        for row in rate_rows(_preferred_values(index, metrics, periods, derived), bases)
    )
    return ChartResult(bars=bars, sources=_sources_drawn(index, bars))


def _sources_drawn(index: Index, bars: Sequence[Bar]) -> tuple[SourceInfo, ...]:
    """The sources that state the figures of ``bars``, in the file's order.

    A chart of derived values alone draws none of the file's figures: then every
    source, since their totals are what was subtracted.
    """
    every = source_infos(index.dataset)
    figures = index.dataset.figures
    stating = {
        figures[bar.index].source or index.default_source for bar in bars if bar.index is not None
    }
    drawn = tuple(source for source in every if source.id in stating)
    return drawn or every
