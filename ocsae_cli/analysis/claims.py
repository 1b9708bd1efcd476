"""Checks of stated changes and of figures that should agree.

``change``: a stated change, percent-change or ratio against the figures of its
period and baseline (exact totals first, else averages on the same unit).
``agreement``: two figures of one metric and statistic for the same dates that
disagree beyond their intervals; across sources, ends up to three days apart
count as the same reported period.

Both judge through :mod:`ocsae_cli.analysis.intervals`, and both pair figures
through dictionaries keyed on metric, statistic and dates, so their cost grows
with the number of figures, not with its square.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date

from ocsae_cli.analysis import intervals as iv
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check, Verdict
from ocsae_cli.model import AVERAGES, Figure

SAME_PERIOD_DAYS = 3
"""Across sources, periods whose ends differ by at most this many days are one period."""


def _finite(value: float) -> float | None:
    """A number fit for JSON: a ratio against a near-zero value may overflow to infinity."""
    return value if math.isfinite(value) else None


def _interval(figure: Figure) -> iv.Interval:
    return iv.stated(figure.value, figure.statistic, figure.qualifier, figure.precision)


def _words(figure: Figure) -> str:
    hedge = f"{figure.qualifier} " if figure.qualifier else ""
    return f"{hedge}{iv.exact(figure.value)}"


def _amount(index: Index, metric: str, period: str, statistics: tuple[str, ...]) -> Figure | None:
    """The figure of ``metric`` in ``period`` to compute with: exact before approximate."""
    found = [f for _, f in index.figures(metric, period) if f.statistic in statistics]
    return min(found, key=lambda f: f.approximate) if found else None


def _sides(index: Index, figure: Figure) -> tuple[Figure, Figure] | str:
    """The later and earlier amounts a change is computed from, or why there are none."""
    assert figure.baseline is not None
    for statistics in (("total",), *((s,) for s in sorted(AVERAGES))):
        later = _amount(index, figure.metric, figure.period, statistics)
        earlier = _amount(index, figure.metric, figure.baseline, statistics)
        if later is not None and earlier is not None:
            return later, earlier
    missing = [
        p
        for p in (figure.period, figure.baseline)
        if _amount(index, figure.metric, p, ("total", *sorted(AVERAGES))) is None
    ]
    if missing:
        return f"cannot be checked: no figure for '{figure.metric}' in '{missing[0]}'"
    return (
        f"cannot be checked: '{figure.period}' and '{figure.baseline}' have no amount on one unit"
    )


def _computed(figure: Figure, later: Figure, earlier: Figure) -> iv.Interval | None:
    new, old = _interval(later), _interval(earlier)
    if figure.statistic == "change":
        return iv.difference(new, old)
    if figure.statistic == "percent-change":
        return iv.percent_change(new, old)
    return iv.quotient(new, old)


_UNIT = {"change": "", "percent-change": "%", "ratio": "x"}


def _in_file_order(index: Index) -> list[tuple[int, Figure]]:
    # From the index: Index.build is the only pass over the figures.
    return sorted((entry for entries in index.cells.values() for entry in entries), key=_first)


def _first(entry: tuple[int, Figure]) -> int:
    return entry[0]


def change_checks(index: Index) -> Iterator[Check]:
    """Every stated change, percent-change and ratio against its own figures."""
    for position, figure in _in_file_order(index):
        if figure.baseline is None:
            continue
        check_id = f"change:{figure.metric}:{figure.period}:{figure.baseline}:figures[{position}]"
        subject = {"metrics": [figure.metric], "periods": [figure.period, figure.baseline]}
        unit = _UNIT[figure.statistic]
        claim = (
            f"{figure.statistic} of {_words(figure)}{unit} "
            f"from {figure.baseline} to {figure.period}"
        )
        sides = _sides(index, figure)
        if isinstance(sides, str):
            yield Check(
                check_id,
                "change",
                subject,
                None,
                claim,
                "—",
                figure.value,
                None,
                None,
                "the claim's interval",
                "note",
                sides,
            )
            continue
        later, earlier = sides
        computed = _computed(figure, later, earlier)
        claimed = _interval(figure)
        basis = f"{_words(earlier)} in {figure.baseline} to {_words(later)} in {figure.period}"
        if computed is None:
            yield Check(
                check_id,
                "change",
                subject,
                None,
                claim,
                "—",
                figure.value,
                None,
                None,
                "the claim's interval",
                "note",
                f"cannot be checked: the baseline {_words(earlier)} can be zero, "
                "so no change relative to it exists",
            )
            continue
        slack = iv.slack(figure.value, figure.statistic, figure.approximate, figure.precision)
        verdict = iv.verdict(claimed, computed, slack)
        middle = (computed.low + computed.high) / 2
        relative = _finite(claimed.gap(computed) / abs(middle)) if middle else None
        explanation = f"{basis} gives {computed}{unit}; the claim allows {claimed}{unit}: " + (
            "they meet." if verdict == "ok" else f"{claimed.gap(computed):,.4g}{unit} apart."
        )
        yield Check(
            check_id,
            "change",
            subject,
            None,
            claim,
            f"{computed}{unit}",
            figure.value,
            middle,
            relative,
            "the claim's interval; warn within its width again",
            verdict,
            explanation,
        )


def _same_period(first: tuple[date, date], second: tuple[date, date], across: bool) -> bool:
    if not across:
        return first == second
    return (
        abs((first[0] - second[0]).days) <= SAME_PERIOD_DAYS
        and abs((first[1] - second[1]).days) <= SAME_PERIOD_DAYS
    )


def agreement_checks(index: Index) -> Iterator[Check]:
    """Figures of one metric and statistic for the same dates that should agree."""
    groups: dict[tuple[str, str, tuple[date, date] | None], list[tuple[int, Figure]]] = {}
    for position, figure in _in_file_order(index):
        baseline = None
        if figure.baseline is not None:
            base = index.periods[figure.baseline]
            baseline = (base.start, base.end)
        groups.setdefault((figure.metric, figure.statistic, baseline), []).append(
            (position, figure)
        )
    for members in groups.values():
        if len(members) < 2:
            continue
        dated = sorted(members, key=lambda m: (index.periods[m[1].period].start, m[0]))
        for i, (first_pos, first) in enumerate(dated):
            first_dates = (index.periods[first.period].start, index.periods[first.period].end)
            for second_pos, second in dated[i + 1 :]:
                second_dates = (
                    index.periods[second.period].start,
                    index.periods[second.period].end,
                )
                if (second_dates[0] - first_dates[0]).days > SAME_PERIOD_DAYS:
                    break
                yield from _agreement(
                    index, (first_pos, first, first_dates), (second_pos, second, second_dates)
                )


def _source(index: Index, figure: Figure) -> str:
    return figure.source or index.default_source or ""


def _agreement(
    index: Index,
    first: tuple[int, Figure, tuple[date, date]],
    second: tuple[int, Figure, tuple[date, date]],
) -> Iterator[Check]:
    (a_pos, a, a_dates), (b_pos, b, b_dates) = sorted((first, second), key=lambda m: m[0])
    across = _source(index, a) != _source(index, b)
    if not _same_period(a_dates, b_dates, across):
        return
    if not across and a.period == b.period and a.approximate != b.approximate:
        return  # an approximation beside an exact figure: the approximation check's
    claimed, other = _interval(b), _interval(a)
    verdict: Verdict = "ok" if claimed.meets(other) else "fail"
    check_id = f"agreement:{a.metric}:figures[{a_pos}]:figures[{b_pos}]"
    periods = list(dict.fromkeys([a.period, b.period, *(p for p in (a.baseline,) if p)]))
    where = f"{_source(index, a)} and {_source(index, b)}" if across else "one source"
    explanation = f"{_words(a)} and {_words(b)} ({a.statistic}, {where}) " + (
        "agree within their intervals."
        if verdict == "ok"
        else f"disagree: {other} against {claimed}."
    )
    if a_dates != b_dates:
        explanation += (
            f" Taken as one reported period: {a_dates[0]} to {a_dates[1]} and "
            f"{b_dates[0]} to {b_dates[1]} end at most {SAME_PERIOD_DAYS} days apart."
        )
        if verdict == "ok":
            verdict = "note"
    yield Check(
        check_id,
        "agreement",
        {"metrics": [a.metric], "periods": periods},
        None,
        f"{_words(b)} ({b.period})",
        f"{_words(a)} ({a.period})",
        b.value,
        a.value,
        _finite(claimed.gap(other) / abs(a.value)) if a.value else None,
        "the two intervals meet",
        verdict,
        explanation,
    )
