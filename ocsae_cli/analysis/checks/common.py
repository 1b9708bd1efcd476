"""What every check kind shares: the finding protocol, subjects, intervals of figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from ocsae_cli.analysis import intervals as iv
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check, Verdict
from ocsae_cli.model import Figure


class Finding(Protocol):
    """A check found: its id and verdict now, its explanation only when asked.

    Counting verdicts (the summary's tally) never writes the explanations, which
    cost most of a check on a large file.
    """

    @property
    def id(self) -> str:
        """The check's id, stable across runs."""
        ...

    @property
    def verdict(self) -> Verdict:
        """ok, note, warn or fail."""
        ...

    def explain(self) -> Check:
        """The whole check, with its claim, computation and explanation."""
        ...


class Explained(NamedTuple):
    """A check whose explanation was cheap enough to write as it was found."""

    check: Check

    @property
    def id(self) -> str:
        """The check's id."""
        return self.check.id

    @property
    def verdict(self) -> Verdict:
        """The check's verdict."""
        return self.check.verdict

    def explain(self) -> Check:
        """The check itself."""
        return self.check


INTERVAL_TOLERANCE = "the claim's interval; warn within its rounding or 5% of an approximation"


def not_yet_judged(
    check_id: str,
    kind: str,
    about: dict[str, list[str]],
    claim: str,
    figure: Figure,
    position: int,
) -> Check:
    """A claim's check before its computation: a note, to be filled in or explained."""
    return Check(
        id=check_id,
        kind=kind,
        subject=about,
        basis=None,
        claim=claim,
        computed="—",
        claimed_value=figure.value,
        computed_value=None,
        difference=None,
        tolerance=INTERVAL_TOLERANCE,
        verdict="note",
        explanation="",
        figures=(position,),
    )


def subject(metrics: Sequence[str], periods: Sequence[str]) -> dict[str, list[str]]:
    """The ids a check is about, each once, in order."""

    def unique(ids: Sequence[str]) -> list[str]:
        return list(ids) if len(ids) < 2 else list(dict.fromkeys(ids))

    return {"metrics": unique(metrics), "periods": unique(periods)}


def finite(value: float | None) -> float | None:
    """A number fit for JSON: a ratio against zero or a near-zero value is none at all."""
    return value if value is not None and math.isfinite(value) else None


def relative(claimed: float, computed: float) -> float | None:
    """How far apart two values are, as a share of the computed one (None against zero)."""
    if computed == 0:
        return 0.0 if claimed == 0 else None
    return finite(abs(claimed - computed) / abs(computed))


def qualifier_of(figure: Figure) -> str | None:
    """The figure's qualifier; an approximate figure with none is read as "around"."""
    if figure.qualifier is None and figure.approximate and figure.precision is None:
        return "around"
    return figure.qualifier


def interval(figure: Figure) -> iv.Interval:
    """The values a figure's wording and precision allow (see intervals.stated)."""
    return iv.stated(figure.value, figure.statistic, qualifier_of(figure), figure.precision)


def slack(figure: Figure) -> float:
    """How far past its interval the figure is a ``warn`` (see intervals.slack)."""
    return iv.slack(figure.value, figure.statistic, figure.approximate, figure.precision)


def judge(figure: Figure, computed: iv.Interval) -> Verdict:
    """The interval rule: the figure as stated against what its file computes."""
    return iv.verdict(interval(figure), computed, slack(figure), qualifier_of(figure))


def words(figure: Figure) -> str:
    """A figure as its wording states it: "almost 100", "2,200"."""
    qualifier = qualifier_of(figure)
    return f"{qualifier + ' ' if qualifier else ''}{iv.exact(figure.value)}"


def amount(index: Index, metric: str, period: str, statistics: Sequence[str]) -> Figure | None:
    """The figure of ``metric`` in ``period`` to compute with: exact before approximate."""
    found = [f for _, f in index.figures(metric, period) if f.statistic in statistics]
    return min(found, key=lambda f: f.approximate) if found else None


def position_of(index: Index, figure: Figure) -> int:
    """Where ``figure`` stands in the file's [[figures]], as query's ``index``."""
    return next(p for p, f in index.figures(figure.metric, figure.period) if f is figure)


def positions(index: Index, claim: Figure, *sources: Figure) -> tuple[int, ...]:
    """The positions of a claim and of the figures it is computed from: the claim first."""
    first = position_of(index, claim)
    rest = sorted({position_of(index, figure) for figure in sources} - {first})
    return (first, *rest)


def in_file_order(index: Index) -> list[tuple[int, Figure]]:
    """Every figure with its position, in file order (kept by Index.build's one pass)."""
    return index.in_order
