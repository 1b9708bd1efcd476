"""``approximation``: "almost N", "around N", "over N" against an exact figure beside it.

The approximate figure is the claim; an exact figure of the same metric, period
and statistic is what it is judged against, by the interval rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ocsae_cli.analysis import intervals as iv
from ocsae_cli.analysis import wording as say
from ocsae_cli.analysis.checks.common import (
    Finding,
    interval,
    judge,
    qualifier_of,
    relative,
    subject,
)
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check, Verdict
from ocsae_cli.model import Figure


class Approximation(NamedTuple):
    """An approximate figure against the exact one of its metric, period and statistic."""

    id: str
    verdict: Verdict
    metric: str
    period: str
    unit: str
    figure: Figure
    exact: Figure
    figures: tuple[int, int]  # the positions of the approximation and the exact figure

    def explain(self) -> Check:
        """What the wording admits, and whether the exact figure is in it."""
        qualifier = qualifier_of(self.figure) or "around"
        claim = f"{qualifier} {say.number(self.figure.value)} {self.unit}"
        admits = str(interval(self.figure))
        fits = {"ok": "fits", "warn": "stretches", "fail": "does not fit"}[self.verdict]
        return Check(
            id=self.id,
            kind="approximation",
            subject=subject([self.metric], [self.period]),
            basis=None,
            claim=claim,
            computed=f"{say.number(self.exact.value)} {self.unit} counted",
            claimed_value=self.figure.value,
            computed_value=self.exact.value,
            difference=relative(self.figure.value, self.exact.value),
            tolerance=f"'{qualifier}' admits {admits}",
            verdict=self.verdict,
            figures=self.figures,
            explanation=(
                f'"{claim.capitalize()}" {fits} the {say.number(self.exact.value)} counted '
                f"for the same period: '{qualifier} {say.number(self.figure.value)}' admits "
                f"{admits}."
            ),
        )


def approximations(index: Index) -> Iterator[Finding]:
    """Every approximate figure that has an exact one beside it."""
    for (metric, period_id), figures in index.cells.items():
        for position, figure in figures:
            if not figure.approximate:
                continue
            found = next(
                (
                    (p, f)
                    for p, f in figures
                    if not f.approximate and f.statistic == figure.statistic
                ),
                None,
            )
            if found is None:
                continue
            exact_position, exact = found
            yield Approximation(
                f"approximation:figures[{position}]",
                judge(figure, iv.exact(exact.value)),
                metric,
                period_id,
                index.metrics[metric].unit,
                figure,
                exact,
                (position, exact_position),
            )
