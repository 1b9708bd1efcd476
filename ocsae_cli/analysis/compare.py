"""Comparing periods: how they sit in time, derived remainders, and changes per week."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterator, Sequence
from datetime import date, timedelta
from itertools import groupby, pairwise
from typing import Literal, NamedTuple

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.figures import Index, weeks_of
from ocsae_cli.analysis.results import (
    Cell,
    Change,
    CompareResult,
    CompareRow,
    Length,
    PeriodInfo,
    Rate,
    Relation,
    Relationship,
    StatedChange,
    StatedFigure,
)
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.model import COMPARISONS


class Remainder(NamedTuple):
    """A period derived as ``container`` less ``contained``, with its subtracted totals."""

    period: PeriodInfo
    totals: dict[str, float]  # metric -> container's exact total less contained's
    missing: dict[str, str]  # metric -> why no total could be derived


def _fmt(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


Placement = Literal["contains", "contained", "overlaps", "disjoint", "same-dates"]


def relate(first: PeriodInfo, second: PeriodInfo) -> tuple[Placement, date | None, date | None]:
    """How two periods sit in time: contains, overlaps, disjoint or same-dates.

    "contains" means ``first`` holds every day of ``second`` and more.
    """
    start, end = max(first.start, second.start), min(first.end, second.end)
    if start > end:
        return "disjoint", None, None
    if (first.start, first.end) == (second.start, second.end):
        return "same-dates", start, end
    if first.start <= second.start and second.end <= first.end:
        return "contains", start, end
    if second.start <= first.start and first.end <= second.end:
        return "contained", start, end
    return "overlaps", start, end


def _remainder_dates(container: PeriodInfo, contained: PeriodInfo) -> tuple[date, date] | None:
    """The one interval left when ``contained`` is taken out of ``container``, if one."""
    if container.start == contained.start:
        return contained.end + timedelta(days=1), container.end
    if container.end == contained.end:
        return container.start, contained.start - timedelta(days=1)
    return None


def _stands_on_inference(period: PeriodInfo) -> bool:
    """Whether a period's dates or stated length are a reading, not the source's words."""
    length = period.stated_length
    return (
        period.start_inferred
        or period.end_inferred
        or bool(length and length.inferred)
        or bool(period.inferred_from)
    )


def _inference_note(inferred: tuple[str, ...]) -> str:
    if not inferred:
        return ""
    names = " and ".join(f"'{period}'" for period in inferred)
    return (
        f" It stands on an inference: {names} has a date or length the source does not "
        "state (see its note), so it and its totals are marked ?."
    )


def remainder(index: Index, container: PeriodInfo, contained: PeriodInfo) -> Remainder | None:
    """The period ``container`` less ``contained``, where that is one contiguous interval.

    Its stated length is the difference of the stated lengths in weeks, where both
    periods state one and the difference is positive. Its totals are differences
    of exact totals only; approximate figures are never subtracted.
    """
    dates = _remainder_dates(container, contained)
    if dates is None:
        return None
    start, end = dates
    before = end < contained.start
    stated: Length | None = None
    if container.stated_length and contained.stated_length:
        difference = container.stated_length.weeks - contained.stated_length.weeks
        if difference > 0:
            stated = Length(
                value=difference,
                unit="weeks",
                inferred=container.stated_length.inferred or contained.stated_length.inferred,
                weeks=difference,
            )
    inferred = tuple(p.id for p in (container, contained) if _stands_on_inference(p))
    derived_id = f"{container.id}-{'before' if before else 'after'}-{contained.id}"
    while derived_id in index.periods:
        derived_id += "-derived"
    period = PeriodInfo(
        id=derived_id,
        label=f"{container.label}, {'before' if before else 'after'} {contained.id}",
        start=start,
        end=end,
        days=wk.inclusive_days(start, end),
        calendar_weeks=wk.calendar_weeks(start, end),
        stated_length=stated,
        start_inferred=container.start_inferred if before else contained.end_inferred,
        end_inferred=contained.start_inferred if before else container.end_inferred,
        derived=True,
        derived_from=(container.id, contained.id),
        note=f"Derived: '{container.id}' less '{contained.id}', {_fmt(start)} to {_fmt(end)}. "
        "Its totals are differences of exact totals; it is not one of the source's figures."
        + _inference_note(inferred),
        inferred_from=inferred,
    )
    totals: dict[str, float] = {}
    missing: dict[str, str] = {}
    shared = [m for m in index.by_period[container.id] if m in index.by_period[contained.id]]
    for metric in shared:
        big = index.exact_total(metric, container.id)
        small = index.exact_total(metric, contained.id)
        if big is None or small is None:
            missing[metric] = "only exact totals are subtracted; approximate figures are not"
        elif big < small:
            missing[metric] = (
                f"'{container.id}' has fewer ({big:g}) than '{contained.id}' ({small:g}), "
                "which it contains; see `ocsae check`"
            )
        else:
            totals[metric] = big - small
    return Remainder(period=period, totals=totals, missing=missing)


def relation(
    index: Index, first: PeriodInfo, second: PeriodInfo
) -> tuple[Relation, Remainder | None]:
    """Describe two periods' relation, deriving the remainder where one contains the other."""
    kind, start, end = relate(first, second)
    overlap = wk.inclusive_days(start, end) if start and end else 0
    container, contained = (first, second) if kind != "contained" else (second, first)
    relationship: Relationship
    derived = None
    if kind in ("contains", "contained"):
        relationship = "contains"
        # A derived period is a remainder already: nothing is derived from it again.
        either = container.derived or contained.derived
        derived = None if either else remainder(index, container, contained)
        if either:
            explanation = f"'{container.id}' contains '{contained.id}'."
        elif derived is None:
            explanation = (
                f"'{container.id}' contains '{contained.id}' with days on both sides "
                f"({_fmt(container.start)} to {_fmt(contained.start - timedelta(days=1))} and "
                f"{_fmt(contained.end + timedelta(days=1))} to {_fmt(container.end)}), so the "
                "remainder is two intervals and none is derived."
            )
        else:
            explanation = (
                f"'{container.id}' contains '{contained.id}'; the rest, "
                f"{_fmt(derived.period.start)} to {_fmt(derived.period.end)}, is derived as "
                f"'{derived.period.id}'."
            )
    elif kind == "overlaps" and start and end:
        relationship = "overlaps"
        explanation = (
            f"'{first.id}' and '{second.id}' share {overlap} days ({_fmt(start)} to "
            f"{_fmt(end)}); their figures count those days twice, so they are "
            "compared, never added, and no remainder is derived."
        )
    elif kind == "same-dates":
        relationship = "same-dates"
        explanation = f"'{first.id}' and '{second.id}' cover the same days."
    else:
        relationship = "disjoint"
        explanation = f"'{first.id}' and '{second.id}' share no days."
    nested = relationship == "contains"
    result = Relation(
        first=container.id if nested else first.id,
        second=contained.id if nested else second.id,
        relationship=relationship,
        overlap_start=start,
        overlap_end=end,
        overlap_days=overlap,
        remainder=derived.period.id if derived else None,
        explanation=explanation,
    )
    return result, derived


class Nesting(NamedTuple):
    """A period's exact total of a metric beside the smallest total of a period containing it."""

    metric: str
    container: PeriodInfo
    contained: PeriodInfo
    big: float  # the container's exact total
    small: float  # the contained period's


# (position of the period in the file, the period, its exact total of one metric)
Entry = tuple[int, PeriodInfo, float]


def exact_totals(index: Index, among: Collection[str] = ()) -> dict[str, list[Entry]]:
    """For each metric, the periods with an exact total of it (only those in ``among``, if given).

    Periods relate only through a metric they share: a period with no exact
    total of a metric takes part in none of its nestings or remainders.
    """
    wanted = set(among)
    position = {period_id: n for n, period_id in enumerate(index.periods)}
    found: dict[str, list[Entry]] = {}
    for (metric, period_id), figures in index.cells.items():
        if wanted and period_id not in wanted:
            continue
        for _, figure in figures:
            if figure.statistic == "total" and not figure.approximate:
                entry = (position[period_id], index.periods[period_id], figure.value)
                found.setdefault(metric, []).append(entry)
                break
    return found


def _least_containers(entries: Sequence[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """Each entry with the entry that contains it and has the smallest total, if any.

    A sweep by start over a staircase of the periods started so far: sorted by
    end, keeping only those that no other beats (one ending as late or later
    with a total as small or smaller), so the totals rise with the ends and the
    least total among those ending on a day or later is the first of them.
    O(n log n) in the entries, whatever the number of containing pairs.
    """
    # The key of an entry: smallest total first, then the shortest, then the earliest.
    ends: list[int] = []  # ordinals, ascending
    keys: list[tuple[float, int, int]] = []  # ascending with them
    by_position = {entry[0]: entry for entry in entries}
    # Earlier starts first and, for one start, later ends first: every strict container
    # of an entry is on the staircase when it is asked, and one of the same dates is not.
    ordered = sorted(entries, key=lambda e: (e[1].start, -e[1].end.toordinal(), e[0]))
    for _, group in groupby(ordered, key=lambda e: (e[1].start, e[1].end)):
        members = list(group)
        end = members[0][1].end.toordinal()
        at = bisect_left(ends, end)
        if at < len(ends):
            container = by_position[keys[at][2]]
            for member in members:
                yield container, member
        for position, period, total in members:
            key = (total, period.days, position)
            at = bisect_left(ends, end)
            if at < len(ends) and keys[at] <= key:
                continue  # beaten by one that ends as late or later
            # Those ending earlier (or the same day) with a key as large or larger are beaten.
            below = bisect_left(keys, key, 0, at)
            last = at + 1 if at < len(ends) and ends[at] == end else at
            ends[below:last] = [end]
            keys[below:last] = [key]


def least_containers(index: Index) -> list[Nesting]:
    """Each period's exact total of a metric against the smallest of its containers' totals.

    A container with fewer than a period it contains is a contradiction. If the
    container with the smallest exact total holds at least the contained
    period's, every container does; so this one pair per period and metric
    finds every contradiction there is, and the pairs grow with the periods,
    not with the square of those that overlap. Ties go to the shorter
    container, then the earlier in the file. In the order of the two periods
    in the file, then of the metrics in the container's figures.
    """
    found = []
    for metric, entries in exact_totals(index).items():
        for (c_pos, container, big), (d_pos, contained, small) in _least_containers(entries):
            pair = (c_pos, d_pos) if c_pos < d_pos else (d_pos, c_pos)
            found.append((pair, Nesting(metric, container, contained, big, small)))
    by_period = index.by_period
    found.sort(key=lambda item: (item[0], by_period[item[1].container.id].index(item[1].metric)))
    return [nesting for _, nesting in found]


def _next_longer(entries: Sequence[Entry], same_start: bool) -> Iterator[tuple[int, int]]:
    """(container, contained) positions: each entry and the next longer one sharing its start
    (or its end); of several with those same dates, the nearest in the file."""
    groups: dict[date, dict[date, list[int]]] = {}
    for position, period, _ in entries:
        shared, other = (period.start, period.end) if same_start else (period.end, period.start)
        groups.setdefault(shared, {}).setdefault(other, []).append(position)
    for by_other in groups.values():
        if len(by_other) < 2:
            continue
        # Shortest first: later ends after a shared start, earlier starts before a shared end.
        lengths = sorted(by_other, reverse=not same_start)
        for shorter, longer in pairwise(lengths):
            copies = sorted(by_other[longer])
            for position in by_other[shorter]:
                yield _nearest(copies, position), position


def _nearest(positions: Sequence[int], position: int) -> int:
    """The member of sorted ``positions`` nearest ``position`` (the earlier of two as near)."""
    at = bisect_left(positions, position)
    if at == 0:
        return positions[0]
    if at == len(positions):
        return positions[-1]
    before, after = positions[at - 1], positions[at]
    return before if position - before <= after - position else after


def all_remainders(index: Index, among: Collection[str] = ()) -> list[Remainder]:
    """The contiguous remainders of nested periods that share an exact total of a metric.

    Each period is taken from the next longer period with the same start, and
    from the next longer with the same end (of several with those dates, the
    nearest in the file): the steps of a running total, not every pair of them,
    so the remainders grow with the periods, not with the square of those that
    overlap. In the order of the two periods in the file. With ``among``, only
    remainders of two periods that are both in it.
    """
    pairs: set[tuple[int, int]] = set()
    for entries in exact_totals(index, among).values():
        pairs.update(_next_longer(entries, same_start=True))
        pairs.update(_next_longer(entries, same_start=False))
    periods = list(index.periods.values())
    found = []
    for container, contained in sorted(pairs, key=lambda pair: (min(pair), max(pair))):
        derived = remainder(index, periods[container], periods[contained])
        if derived is not None:
            found.append(derived)
    return found


def derived_period(index: Index, period_id: str) -> Remainder | None:
    """The remainder whose id is ``period_id``, as compare, weekly and summary name them.

    A derived id is ``CONTAINER-before-CONTAINED`` or ``CONTAINER-after-CONTAINED``
    (with ``-derived`` added while it names a period of the file), so each
    period that starts the id is tried as the container: as many tries as the
    file has periods. None when no remainder of the file has that id.
    """
    if period_id in index.periods:
        return None
    for container in index.periods.values():
        for side in ("-before-", "-after-"):
            if not period_id.startswith(container.id + side):
                continue
            rest = period_id.removeprefix(container.id + side)
            while True:
                contained = index.periods.get(rest)
                if contained is not None and relate(container, contained)[0] == "contains":
                    found = remainder(index, container, contained)
                    if found is not None and found.period.id == period_id:
                        return found
                if not rest.endswith("-derived"):
                    break
                rest = rest.removesuffix("-derived")
    return None


def _cell_rates(
    period: PeriodInfo, value: float | None, statistic: str | None, bases: Sequence[Basis]
) -> tuple[Rate, ...]:
    rates = []
    for basis in bases:
        weeks = weeks_of(period, basis)
        if value is None or statistic is None:
            rates.append(Rate(basis=basis.value, weeks=weeks, method="unavailable", rate=None))
            continue
        rate, method, _ = wk.weekly_rate(value, statistic, weeks)
        rates.append(Rate(basis=basis.value, weeks=weeks, method=method, rate=rate))
    return tuple(rates)


def _stated_cell(index: Index, metric: str, period: PeriodInfo, bases: Sequence[Basis]) -> Cell:
    chosen = index.preferred_entry(metric, period.id)
    if chosen is None:
        return Cell(
            period=period.id,
            derived=False,
            index=None,
            value=None,
            statistic=None,
            approximate=False,
            rates=_cell_rates(period, None, None, bases),
            also_stated=(),
            reason=f"no figure for '{metric}' in '{period.id}'",
        )
    position, figure = chosen
    others = tuple(
        StatedFigure(
            index=n,
            value=f.value,
            statistic=f.statistic,
            approximate=f.approximate,
            qualifier=f.qualifier,
        )
        for n, f in index.figures(metric, period.id)
        if n != position and f.statistic not in COMPARISONS  # changes have their own row
    )
    return Cell(
        period=period.id,
        derived=False,
        index=position,
        value=figure.value,
        statistic=figure.statistic,
        approximate=figure.approximate,
        rates=_cell_rates(period, figure.value, figure.statistic, bases),
        also_stated=others,
        reason=None,
    )


def _cell(
    index: Index,
    metric: str,
    period: PeriodInfo,
    named: dict[str, Remainder],
    bases: Sequence[Basis],
) -> Cell:
    """A given period's cell: its figure, or a named derived period's subtracted total."""
    found = named.get(period.id)
    if found is not None:
        return _derived_cell(found, metric, bases)
    return _stated_cell(index, metric, period, bases)


def _derived_cell(derived: Remainder, metric: str, bases: Sequence[Basis]) -> Cell:
    value = derived.totals.get(metric)
    statistic = "total" if value is not None else None
    reason = (
        None
        if value is not None
        else derived.missing.get(
            metric, f"no figure for '{metric}' in both periods it is derived from"
        )
    )
    return Cell(
        period=derived.period.id,
        derived=True,
        index=None,
        value=value,
        statistic=statistic,
        approximate=False,
        rates=_cell_rates(derived.period, value, statistic, bases),
        also_stated=(),
        reason=reason,
        inferred_from=derived.period.inferred_from,
    )


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _stated_changes(
    index: Index, metric: str, period: str, baseline: str
) -> tuple[StatedChange, ...]:
    """The changes the source states from ``baseline`` to ``period``, each checked."""
    # Imported here: the checks use this module's nestings.
    from ocsae_cli.analysis.checks.changes import stated_change

    return tuple(
        stated_change(index, position, figure)
        for position, figure in index.figures(metric, period)
        if figure.baseline == baseline
    )


def _change(baseline: Cell, other: Cell) -> Change:
    absolute = None
    if (
        baseline.value is not None
        and other.value is not None
        and baseline.statistic == other.statistic
    ):
        absolute = other.value - baseline.value
    return Change(
        period=other.period,
        baseline=baseline.period,
        absolute=absolute,
        relative=_ratio(absolute, baseline.value),
        rate_ratios={
            mine.basis: _ratio(mine.rate, theirs.rate)
            for mine, theirs in zip(other.rates, baseline.rates, strict=True)
        },
    )


def compare(
    index: Index,
    period_ids: Sequence[str],
    *,
    bases: Sequence[Basis],
    metrics: Sequence[str] = (),
) -> CompareResult:
    """Compare periods, in the order given, against the first.

    Rows are the metrics at least two of the periods share (or ``metrics``, if
    given). Where one period contains another and the rest is one interval, that
    remainder is derived and added as a column after the periods given.
    """
    if len(period_ids) < 2 or len(set(period_ids)) != len(period_ids):
        raise ValueError("compare needs at least two different periods")
    # Derived periods (the ids compare and weekly --derived print) compare as any other.
    named: dict[str, Remainder] = {}
    for period_id in period_ids:
        if period_id not in index.periods:
            named_period = derived_period(index, period_id)
            if named_period is None:
                raise ValueError(f"no period or derived period '{period_id}'")
            named[period_id] = named_period
    given = [index.periods[p] if p in index.periods else named[p].period for p in period_ids]
    relations: list[Relation] = []
    remainders: list[Remainder] = []
    for i, first in enumerate(given):
        for second in given[i + 1 :]:
            found, derived = relation(index, first, second)
            relations.append(found)
            if derived is not None:
                remainders.append(derived)

    if metrics:
        row_metrics = list(metrics)
    else:
        seen: dict[str, int] = {}
        for period in given:
            shown = named.get(period.id)
            for metric in shown.totals if shown else index.by_period[period.id]:
                seen[metric] = seen.get(metric, 0) + 1
        row_metrics = [m for m in index.metrics if seen.get(m, 0) >= 2]

    rows = []
    for metric in row_metrics:
        info = index.metrics[metric]
        cells = [_cell(index, metric, period, named, bases) for period in given]
        cells += [_derived_cell(derived, metric, bases) for derived in remainders]
        rows.append(
            CompareRow(
                metric=metric,
                label=info.label,
                unit=info.unit,
                cells=tuple(cells),
                changes=tuple(
                    _change(cells[0], cell)._replace(
                        stated=_stated_changes(index, metric, cell.period, cells[0].period)
                    )
                    for cell in cells[1:]
                ),
            )
        )
    return CompareResult(
        baseline=period_ids[0],
        bases=tuple(b.value for b in bases),
        columns=(*given, *(d.period for d in remainders)),
        rows=tuple(rows),
        relations=tuple(relations),
    )
