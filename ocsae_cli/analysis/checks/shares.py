"""The ``share`` check: a stated share against its part and its whole.

A share figure counts the whole in its own ``metric`` and names the metric of
the part in ``part`` ("35% of all contacts were about loneliness": the whole is
contacts, the part loneliness contacts). Both amounts come from the same period,
exact totals first, else averages on one unit, and the share they give is judged
by the interval rule (:mod:`ocsae_cli.analysis.intervals`).
"""

from __future__ import annotations

from collections.abc import Iterator

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
from ocsae_cli.analysis.results import Check
from ocsae_cli.model import AVERAGES, Figure

_UNITS = (("total",), *((s,) for s in sorted(AVERAGES)))


def _sides(index: Index, figure: Figure) -> tuple[Figure, Figure] | None:
    assert figure.part is not None
    for statistics in _UNITS:
        part = amount(index, figure.part, figure.period, statistics)
        whole = amount(index, figure.metric, figure.period, statistics)
        if part is not None and whole is not None:
            return part, whole
    return None


def _why_unchecked(index: Index, figure: Figure) -> str:
    assert figure.part is not None
    every = tuple(s for unit in _UNITS for s in unit)
    for metric in (figure.part, figure.metric):
        if amount(index, metric, figure.period, every) is None:
            return f"cannot be checked: no figure for '{metric}' in '{figure.period}'"
    return "cannot be checked: the part and the whole are stated on no common unit"


def share_checks(index: Index) -> Iterator[Check]:
    """Every share that names its part, against the part and the whole of its period."""
    for position, figure in in_file_order(index):
        if figure.statistic == "share" and figure.part is not None:
            yield check_share(index, position, figure)


def check_share(index: Index, position: int, figure: Figure) -> Check:
    """One share against its part and its whole."""
    assert figure.part is not None
    unchecked = not_yet_judged(
        f"share:{figure.part}:{figure.metric}:{figure.period}:figures[{position}]",
        "share",
        {"metrics": [figure.part, figure.metric], "periods": [figure.period]},
        f"{words(figure)}% of {figure.metric} are {figure.part} in {figure.period}",
        figure,
        position,
    )
    sides = _sides(index, figure)
    if sides is None:
        return unchecked._replace(explanation=_why_unchecked(index, figure))
    part, whole = sides
    figures = positions(index, figure, part, whole)
    ratio = iv.quotient(interval(part), interval(whole))
    if ratio is None:
        return unchecked._replace(
            explanation=f"cannot be checked: the whole, {words(whole)}, can be zero",
            figures=figures,
        )
    computed = iv.scaled(ratio, 100)
    claimed = interval(figure)
    verdict = judge(figure, computed)
    middle = (computed.low + computed.high) / 2
    gap = claimed.gap(computed)
    apart = "they meet." if verdict == "ok" else f"{gap:,.3g} points apart."
    over = " The part is larger than its whole." if computed.low > 100 else ""
    return unchecked._replace(
        computed=f"{computed}%",
        computed_value=finite(middle),
        difference=finite(gap / middle) if middle else None,
        verdict=verdict,
        explanation=f"{words(part)} {figure.part} of {words(whole)} {figure.metric} is "
        f"{computed}%; the claim allows {claimed}%: {apart}{over}",
        figures=figures,
    )
