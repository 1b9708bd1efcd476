"""Indexing a dataset, and the plain views of it: periods, metrics, figures, weekly rates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.results import (
    AttributionInfo,
    FigureRow,
    Length,
    MetricInfo,
    MetricsResult,
    PeriodInfo,
    PeriodsResult,
    PersonInfo,
    QueryResult,
    SourceInfo,
)
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.model import Dataset, Figure, Period, Source

# Which figure stands for a metric in a period when several are stated.
# Changes, ratios and shares are not amounts of the metric, so none stands for one.
STATISTIC_PREFERENCE = (
    "total",
    "weekly-average",
    "daily-average",
    "monthly-average",
    "annual-average",
)


_AMOUNTS = frozenset(STATISTIC_PREFERENCE)


def period_info(period: Period) -> PeriodInfo:
    """A file's period with its day count and lengths on both bases."""
    stated = period.stated_length
    return PeriodInfo(
        id=period.id,
        label=period.label,
        start=period.start,
        end=period.end,
        days=wk.inclusive_days(period.start, period.end),
        calendar_weeks=wk.calendar_weeks(period.start, period.end),
        stated_length=None
        if stated is None
        else Length(
            value=stated.value,
            unit=stated.unit,
            inferred=stated.inferred,
            weeks=wk.length_in_weeks(stated.value, stated.unit),
        ),
        start_inferred=period.start_inferred,
        end_inferred=period.end_inferred,
        derived=False,
        derived_from=None,
        note=period.note,
    )


def weeks_of(period: PeriodInfo, basis: Basis) -> float | None:
    """The weeks ``period`` lasts on ``basis`` (None: it states no length)."""
    stated = period.stated_length.weeks if period.stated_length else None
    return wk.weeks_on(basis, calendar=period.calendar_weeks, stated=stated)


@dataclass(frozen=True)
class Index:
    """A dataset read once into lookups that every analysis shares.

    Building it is the only pass over the figures; nothing after rescans them.
    """

    dataset: Dataset
    periods: dict[str, PeriodInfo]
    metrics: dict[str, MetricInfo]
    # (metric, period) -> [(position in file, figure)], in file order
    cells: dict[tuple[str, str], list[tuple[int, Figure]]] = field(repr=False)
    by_period: dict[str, list[str]] = field(repr=False)  # period -> metric ids, file order
    default_source: str | None = None  # the one source's id, when the file has one
    # Every (position, figure) in file order, kept from the one pass so that no
    # check walks the figures again or sorts them back into order.
    in_order: list[tuple[int, Figure]] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, dataset: Dataset) -> Index:
        """Index ``dataset``: one pass over its figures."""
        cells: dict[tuple[str, str], list[tuple[int, Figure]]] = {}
        by_period: dict[str, dict[str, None]] = {p.id: {} for p in dataset.periods}
        in_order = list(enumerate(dataset.figures))
        for entry in in_order:
            figure = entry[1]
            cells.setdefault((figure.metric, figure.period), []).append(entry)
            by_period[figure.period][figure.metric] = None
        sources = dataset.source_entries()
        return cls(
            dataset=dataset,
            periods={p.id: period_info(p) for p in dataset.periods},
            metrics={
                m.id: MetricInfo(id=m.id, label=m.label, unit=m.unit, description=m.description)
                for m in dataset.metrics
            },
            cells=cells,
            by_period={p: list(ms) for p, ms in by_period.items()},
            default_source=sources[0].id if len(sources) == 1 else None,
            in_order=in_order,
        )

    def figures(self, metric: str, period: str) -> list[tuple[int, Figure]]:
        """Every figure stated for ``metric`` in ``period``, in file order."""
        return self.cells.get((metric, period), [])

    def preferred(self, metric: str, period: str) -> Figure | None:
        """The figure that stands for a metric in a period.

        An exact total first, then an approximate one, then weekly, monthly and
        annual averages (exact before approximate), then the first in the file.
        """
        entry = self.preferred_entry(metric, period)
        return None if entry is None else entry[1]

    def preferred_entry(self, metric: str, period: str) -> tuple[int, Figure] | None:
        """The figure that stands for a metric in a period, with its position in the file."""
        candidates = [e for e in self.figures(metric, period) if e[1].statistic in _AMOUNTS]
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda e: (STATISTIC_PREFERENCE.index(e[1].statistic), e[1].approximate),
        )

    def exact_total(self, metric: str, period: str) -> float | None:
        """The first exact total of ``metric`` in ``period``, if there is one."""
        for _, figure in self.figures(metric, period):
            if figure.statistic == "total" and not figure.approximate:
                return figure.value
        return None


def source_infos(dataset: Dataset) -> tuple[SourceInfo, ...]:
    """Every source as shown to users, each with its id."""
    return tuple(_source_info(source) for source in dataset.source_entries())


def _source_info(source: Source) -> SourceInfo:
    return SourceInfo(
        id=source.id or "",
        kind=source.kind,
        title=source.title,
        publisher=source.publisher,
        published=source.published,
        url=source.url,
        attributions=tuple(AttributionInfo(a.name, a.metrics) for a in source.attributions),
        people=tuple(PersonInfo(p.name, p.role, p.organisation) for p in source.people),
    )


def list_periods(index: Index) -> PeriodsResult:
    """The file's periods, in file order."""
    return PeriodsResult(tuple(index.periods.values()))


def list_metrics(index: Index) -> MetricsResult:
    """The file's metrics, in file order."""
    return MetricsResult(tuple(index.metrics.values()))


def _selected(value: str, wanted: Collection[str]) -> bool:
    return not wanted or value in wanted


def query_figures(
    index: Index,
    *,
    metrics: Collection[str] = (),
    periods: Collection[str] = (),
    statistics: Collection[str] = (),
    approximate: bool | None = None,
) -> QueryResult:
    """The figures matching every filter given; an empty filter matches all."""
    rows = []
    for position, figure in enumerate(index.dataset.figures):
        if not (
            _selected(figure.metric, metrics)
            and _selected(figure.period, periods)
            and _selected(figure.statistic, statistics)
            and (approximate is None or figure.approximate == approximate)
        ):
            continue
        period = index.periods[figure.period]
        metric = index.metrics[figure.metric]
        rows.append(
            FigureRow(
                index=position,
                metric=figure.metric,
                metric_label=metric.label,
                unit=metric.unit,
                period=figure.period,
                period_label=period.label,
                start=period.start,
                end=period.end,
                start_inferred=period.start_inferred,
                end_inferred=period.end_inferred,
                value=figure.value,
                statistic=figure.statistic,
                approximate=figure.approximate,
                qualifier=figure.qualifier,
                source=figure.source or index.default_source,
                baseline=figure.baseline,
                precision=figure.precision,
                quote=figure.quote,
                note=figure.note,
                period_note=period.note,
            )
        )
    return QueryResult(tuple(rows))
