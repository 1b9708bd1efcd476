"""Checks of stated changes and of figures that should agree.

``change``: a stated change, percent-change or ratio against the figures of its
period and baseline (exact totals first, else averages on the same unit).
``agreement``: two figures of one metric and statistic for the same dates that
disagree beyond their intervals; across sources, ends up to three days apart
count as the same reported period.

Both judge by the interval rule (:mod:`ocsae_cli.analysis.intervals`), and both pair figures
through dictionaries keyed on metric, statistic and dates, so their cost grows
with the number of figures, not with its square.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from ocsae_cli.analysis import intervals as iv
from ocsae_cli.analysis.checks.common import (
    amount,
    finite,
    in_file_order,
    interval,
    judge,
    not_yet_judged,
    positions,
    words,
)
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check, StatedChange, Verdict
from ocsae_cli.model import AVERAGES, Figure

SAME_PERIOD_DAYS = 3
"""Across sources, periods whose ends differ by at most this many days are one period."""


def _sides(index: Index, figure: Figure) -> tuple[Figure, Figure] | str:
    """The later and earlier amounts a change is computed from, or why there are none."""
    assert figure.baseline is not None
    for statistics in (("total",), *((s,) for s in sorted(AVERAGES))):
        later = amount(index, figure.metric, figure.period, statistics)
        earlier = amount(index, figure.metric, figure.baseline, statistics)
        if later is not None and earlier is not None:
            return later, earlier
    missing = [
        p
        for p in (figure.period, figure.baseline)
        if amount(index, figure.metric, p, ("total", *sorted(AVERAGES))) is None
    ]
    if missing:
        return f"cannot be checked: no figure for '{figure.metric}' in '{missing[0]}'"
    return (
        f"cannot be checked: '{figure.period}' and '{figure.baseline}' have no amount on one unit"
    )


def _computed(figure: Figure, later: Figure, earlier: Figure) -> iv.Interval | None:
    new, old = interval(later), interval(earlier)
    if figure.statistic == "change":
        return iv.difference(new, old)
    if figure.statistic == "percent-change":
        return iv.percent_change(new, old)
    return iv.quotient(new, old)


_UNIT = {"change": "", "percent-change": "%", "ratio": "x"}


class ChangeFinding(NamedTuple):
    """A stated change judged; its explanation is written only when asked."""

    id: str
    verdict: Verdict
    indexed: Index  # not "index": that would hide tuple.index
    position: int
    figure: Figure

    def explain(self) -> Check:
        """The whole change check."""
        return check_change(self.indexed, self.position, self.figure)


def _change_verdict(index: Index, figure: Figure) -> Verdict:
    """What :func:`check_change` finds, without writing a word of it."""
    sides = _sides(index, figure)
    if isinstance(sides, str):
        return "note"
    computed = _computed(figure, *sides)
    return "note" if computed is None else judge(figure, computed)


def change_checks(index: Index) -> Iterator[ChangeFinding]:
    """Every stated change, percent-change and ratio against its own figures."""
    for position, figure in in_file_order(index):
        if figure.baseline is not None:
            yield ChangeFinding(
                _change_id(position, figure),
                _change_verdict(index, figure),
                index,
                position,
                figure,
            )


def _change_id(position: int, figure: Figure) -> str:
    return f"change:{figure.metric}:{figure.period}:{figure.baseline}:figures[{position}]"


def stated_change(index: Index, position: int, figure: Figure) -> StatedChange:
    """A stated change beside what its figures give, for compare and summary to show."""
    assert figure.baseline is not None
    check = check_change(index, position, figure)
    return StatedChange(
        index=position,
        metric=figure.metric,
        period=figure.period,
        baseline=figure.baseline,
        statistic=figure.statistic,
        value=figure.value,
        approximate=figure.approximate,
        qualifier=figure.qualifier,
        computed=check.computed,
        verdict=check.verdict,
        check=check.id,
    )


def check_change(index: Index, position: int, figure: Figure) -> Check:
    """One stated change, percent-change or ratio against the figures of its two periods."""
    assert figure.baseline is not None
    unit = _UNIT[figure.statistic]
    unchecked = not_yet_judged(
        _change_id(position, figure),
        "change",
        {"metrics": [figure.metric], "periods": [figure.period, figure.baseline]},
        f"{figure.statistic} of {words(figure)}{unit} from {figure.baseline} to {figure.period}",
        figure,
        position,
    )
    sides = _sides(index, figure)
    if isinstance(sides, str):
        return unchecked._replace(explanation=sides)
    later, earlier = sides
    computed = _computed(figure, later, earlier)
    figures = positions(index, figure, later, earlier)
    if computed is None:
        return unchecked._replace(
            explanation=f"cannot be checked: the baseline {words(earlier)} can be zero, "
            "so no change relative to it exists",
            figures=figures,
        )
    claimed = interval(figure)
    verdict = judge(figure, computed)
    middle = (computed.low + computed.high) / 2
    basis = f"{words(earlier)} in {figure.baseline} to {words(later)} in {figure.period}"
    apart = "they meet." if verdict == "ok" else f"{claimed.gap(computed):,.4g}{unit} apart."
    return unchecked._replace(
        computed=f"{computed}{unit}",
        computed_value=finite(middle),
        difference=finite(claimed.gap(computed) / abs(middle)) if middle else None,
        verdict=verdict,
        explanation=f"{basis} gives {computed}{unit}; the claim allows {claimed}{unit}: {apart}",
        figures=figures,
    )


def _same_period(first: tuple[date, date], second: tuple[date, date], across: bool) -> bool:
    if not across:
        return first == second
    return (
        abs((first[0] - second[0]).days) <= SAME_PERIOD_DAYS
        and abs((first[1] - second[1]).days) <= SAME_PERIOD_DAYS
    )


# A figure in a group that should agree: (position in the file, figure, (start, end)).
Member = tuple[int, Figure, tuple[date, date]]


class _Bound:
    """Of the members added, the one with the best score for each of the two best keys.

    The member that bounds the others from one side, with a runner-up of
    another key for when a figure may not be paired with the first's key.
    """

    __slots__ = ("top",)

    def __init__(self) -> None:
        self.top: list[tuple[tuple[float, int], object, Member]] = []

    def add(self, score: tuple[float, int], key: object, member: Member) -> None:
        """Count ``member`` in, with its score and key."""
        top = self.top  # at most two entries, best first, of different keys
        entry = (score, key, member)
        if top and top[0][1] == key:
            if score > top[0][0]:
                top[0] = entry
        elif len(top) > 1 and top[1][1] == key:
            if score > top[1][0]:
                top[1] = entry
                if score > top[0][0]:
                    top.reverse()
        elif not top or score > top[0][0]:
            top.insert(0, entry)
            del top[2:]
        elif len(top) == 1 or score > top[1][0]:
            top[1:] = [entry]

    def best(self, excluded: object) -> Member | None:
        """The member of the best score whose key is not ``excluded``."""
        for _, key, member in self.top:
            if key != excluded:
                return member
        return None


def _bounding(
    low: _Bound, high: _Bound, excluded: object, position: int
) -> Iterator[tuple[int, int]]:
    """The pairs of ``position`` with the members that bound the others from below and above.

    Intervals on a line meet pairwise when the highest low is at most the
    lowest high (Helly), so a figure that meets these two meets every one.
    """
    for other in (low.best(excluded), high.best(excluded)):
        if other is not None:
            yield other[0], position


def _agreeing_pairs(
    index: Index, clusters: dict[tuple[date, date], list[Member]]
) -> set[tuple[int, int]]:
    """The pairs of positions to check in a group: linear in its figures, not quadratic.

    Of the same dates, each figure is paired with the earlier figures that bound the rest from
    below and above (the latest when tied, so restatements of one value pair with the one
    before); across sources, with those of each period whose ends are up to
    :data:`SAME_PERIOD_DAYS` days from its own. Every pair that disagrees has a member
    that is paired with a bound it disagrees with too.
    """
    pairs: set[tuple[int, int]] = set()
    for members in clusters.values():
        if len(members) < 2:
            continue
        low, high = _Bound(), _Bound()
        for member in members:
            position, figure, _ = member
            source = _source(index, figure)
            # An approximation beside an exact figure of its own period is the
            # approximation check's, not this one's.
            pairs.update(
                _bounding(low, high, (source, figure.period, not figure.approximate), position)
            )
            allowed = interval(figure)
            key = (source, figure.period, figure.approximate)
            low.add((allowed.low, position), key, member)
            high.add((-allowed.high, position), key, member)
    sources = {_source(index, m[1]) for members in clusters.values() for m in members}
    if len(sources) > 1:
        _across(index, clusters, pairs)
    return pairs


def _across(
    index: Index, clusters: dict[tuple[date, date], list[Member]], pairs: set[tuple[int, int]]
) -> None:
    """Add the pairs of figures of other sources whose periods end up to 3 days apart."""
    # Days as ordinals: integer keys and arithmetic cost a fraction of dates'.
    days = {(start.toordinal(), end.toordinal()): (start, end) for start, end in clusters}
    ends_by_start: dict[int, list[int]] = {}
    for start, end in sorted(days):
        ends_by_start.setdefault(start, []).append(end)
    by_source: dict[int | tuple[int, int], tuple[_Bound, _Bound]] = {}
    for (start, end), dates in days.items():
        for back in range(SAME_PERIOD_DAYS + 1):  # periods starting as early or earlier
            ends = ends_by_start.get(start - back)
            if ends is None:
                continue
            first = bisect_left(ends, end - SAME_PERIOD_DAYS)
            last = (
                bisect_left(ends, end) if back == 0 else bisect_right(ends, end + SAME_PERIOD_DAYS)
            )
            for other_end in ends[first:last]:
                low, high = _bounds_by_source(
                    index, clusters, days, by_source, (start - back, other_end)
                )
                for position, figure, _ in clusters[dates]:
                    pairs.update(_bounding(low, high, _source(index, figure), position))


def _bounds_by_source(
    index: Index,
    clusters: dict[tuple[date, date], list[Member]],
    days: dict[tuple[int, int], tuple[date, date]],
    found: dict[int | tuple[int, int], tuple[_Bound, _Bound]],
    key: tuple[int, int],
) -> tuple[_Bound, _Bound]:
    """The members of one period's dates that bound the rest, by source (made once)."""
    bounds = found.get(key)
    if bounds is None:
        low, high = _Bound(), _Bound()
        for member in clusters[days[key]]:
            position, figure, _ = member
            allowed = interval(figure)
            source = _source(index, figure)
            low.add((allowed.low, position), source, member)
            high.add((-allowed.high, position), source, member)
        bounds = found[key] = (low, high)
    return bounds


def agreement_checks(index: Index) -> Iterator[AgreementFinding]:
    """Figures of one metric and statistic for the same dates that should agree."""
    groups: dict[
        tuple[str, str, tuple[date, date] | None], dict[tuple[date, date], list[Member]]
    ] = {}
    for position, figure in in_file_order(index):
        baseline = None
        if figure.baseline is not None:
            base = index.periods[figure.baseline]
            baseline = (base.start, base.end)
        period = index.periods[figure.period]
        dates = (period.start, period.end)
        clusters = groups.setdefault((figure.metric, figure.statistic, baseline), {})
        clusters.setdefault(dates, []).append((position, figure, dates))
    for clusters in groups.values():
        if len(clusters) == 1 and len(next(iter(clusters.values()))) < 2:
            continue
        pairs = _agreeing_pairs(index, clusters)
        if not pairs:
            continue
        members = {m[0]: m for cluster in clusters.values() for m in cluster}
        # In order of start, then of place in the file.
        ordered = sorted(
            (sorted(((members[a][2][0], a), (members[b][2][0], b))), a, b) for a, b in pairs
        )
        for _, first, second in ordered:
            yield from _agreement(index, members[first], members[second])


class AgreementFinding(NamedTuple):
    """Two figures that should agree, judged; the explanation is written only when asked."""

    id: str
    verdict: Verdict
    indexed: Index  # not "index": that would hide tuple.index
    earlier: Member  # the first in the file
    later: Member
    across: bool  # from two sources

    def explain(self) -> Check:
        """Both figures, their intervals and, across sources, both dates."""
        (a_pos, a, a_dates), (b_pos, b, b_dates) = self.earlier, self.later
        claimed, other = interval(b), interval(a)
        periods = list(dict.fromkeys([a.period, b.period, *(p for p in (a.baseline,) if p)]))
        index = self.indexed
        where = f"{_source(index, a)} and {_source(index, b)}" if self.across else "one source"
        explanation = f"{words(a)} and {words(b)} ({a.statistic}, {where}) " + (
            "disagree: " + f"{other} against {claimed}."
            if self.verdict == "fail"
            else "agree within their intervals."
        )
        if a_dates != b_dates:
            explanation += (
                f" Taken as one reported period: {a_dates[0]} to {a_dates[1]} and "
                f"{b_dates[0]} to {b_dates[1]} end at most {SAME_PERIOD_DAYS} days apart."
            )
        return Check(
            id=self.id,
            kind="agreement",
            subject={"metrics": [a.metric], "periods": periods},
            basis=None,
            claim=f"{words(b)} ({b.period})",
            computed=f"{words(a)} ({a.period})",
            claimed_value=b.value,
            computed_value=a.value,
            difference=finite(claimed.gap(other) / abs(a.value)) if a.value else None,
            tolerance="the two intervals meet",
            verdict=self.verdict,
            explanation=explanation,
            figures=(a_pos, b_pos),
        )


def _source(index: Index, figure: Figure) -> str:
    return figure.source or index.default_source or ""


def _agreement(index: Index, first: Member, second: Member) -> Iterator[AgreementFinding]:
    earlier, later = sorted((first, second), key=lambda m: m[0])
    (a_pos, a, a_dates), (b_pos, b, b_dates) = earlier, later
    across = _source(index, a) != _source(index, b)
    if not _same_period(a_dates, b_dates, across):
        return
    if not across and a.period == b.period and a.approximate != b.approximate:
        return  # an approximation beside an exact figure: the approximation check's
    verdict: Verdict = "ok" if interval(b).meets(interval(a)) else "fail"
    if verdict == "ok" and a_dates != b_dates:
        verdict = "note"  # one reported period across two sources, dated a little apart
    yield AgreementFinding(
        f"agreement:{a.metric}:figures[{a_pos}]:figures[{b_pos}]",
        verdict,
        index,
        earlier,
        later,
        across,
    )
