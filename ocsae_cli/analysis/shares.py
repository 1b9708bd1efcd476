"""The ``share`` check: a stated share against its part and its whole.

A share figure counts the whole in its own ``metric`` and names the metric of
the part in ``part`` ("35% of all contacts were about loneliness": the whole is
contacts, the part loneliness contacts). Both amounts come from the same period,
exact totals first, else averages on one unit, and the share they give is judged
by the interval rule (:mod:`ocsae_cli.analysis.intervals`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ocsae_cli.analysis import intervals as iv
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check
from ocsae_cli.model import AVERAGES, Figure

_UNITS = (("total",), *((s,) for s in sorted(AVERAGES)))


def _amount(index: Index, metric: str, period: str, statistics: tuple[str, ...]) -> Figure | None:
    found = [f for _, f in index.figures(metric, period) if f.statistic in statistics]
    return min(found, key=lambda f: f.approximate) if found else None


def _interval(figure: Figure) -> iv.Interval:
    return iv.stated(figure.value, figure.statistic, figure.qualifier, figure.precision)


def _words(figure: Figure) -> str:
    return f"{figure.qualifier + ' ' if figure.qualifier else ''}{iv.exact(figure.value)}"


def _sides(index: Index, figure: Figure) -> tuple[Figure, Figure] | None:
    assert figure.part is not None
    for statistics in _UNITS:
        part = _amount(index, figure.part, figure.period, statistics)
        whole = _amount(index, figure.metric, figure.period, statistics)
        if part is not None and whole is not None:
            return part, whole
    return None


def _why_unchecked(index: Index, figure: Figure) -> str:
    assert figure.part is not None
    every = tuple(s for unit in _UNITS for s in unit)
    for metric in (figure.part, figure.metric):
        if _amount(index, metric, figure.period, every) is None:
            return f"cannot be checked: no figure for '{metric}' in '{figure.period}'"
    return "cannot be checked: the part and the whole are stated on no common unit"


def share_checks(index: Index) -> Iterator[Check]:
    """Every share that names its part, against the part and the whole of its period."""
    entries = sorted((e for es in index.cells.values() for e in es), key=lambda e: e[0])
    for position, figure in entries:
        if figure.statistic != "share" or figure.part is None:
            continue
        check_id = f"share:{figure.part}:{figure.metric}:{figure.period}:figures[{position}]"
        subject = {"metrics": [figure.part, figure.metric], "periods": [figure.period]}
        claim = f"{_words(figure)}% of {figure.metric} are {figure.part} in {figure.period}"
        sides = _sides(index, figure)
        if sides is None:
            yield Check(
                check_id,
                "share",
                subject,
                None,
                claim,
                "—",
                figure.value,
                None,
                None,
                "the claim's interval",
                "note",
                _why_unchecked(index, figure),
            )
            continue
        part, whole = sides
        ratio = iv.quotient(_interval(part), _interval(whole))
        if ratio is None:
            yield Check(
                check_id,
                "share",
                subject,
                None,
                claim,
                "—",
                figure.value,
                None,
                None,
                "the claim's interval",
                "note",
                f"cannot be checked: the whole, {_words(whole)}, can be zero",
            )
            continue
        computed = iv.scaled(ratio, 100)
        claimed = _interval(figure)
        verdict = iv.verdict(
            claimed,
            computed,
            iv.slack(figure.value, figure.statistic, figure.approximate, figure.precision),
        )
        middle = (computed.low + computed.high) / 2
        gap = claimed.gap(computed)
        over = " The part is larger than its whole." if computed.low > 100 else ""
        explanation = (
            f"{_words(part)} {figure.part} of {_words(whole)} {figure.metric} is {computed}%; "
            f"the claim allows {claimed}%: "
            + ("they meet." if verdict == "ok" else f"{gap:,.3g} points apart.")
            + over
        )
        relative = gap / middle if middle and math.isfinite(gap / middle) else None
        yield Check(
            check_id,
            "share",
            subject,
            None,
            claim,
            f"{computed}%",
            figure.value,
            middle if math.isfinite(middle) else None,
            relative,
            "the claim's interval; warn within its rounding again",
            verdict,
            explanation,
        )
