"""``nesting``: a period that contains another cannot have fewer of a metric."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ocsae_cli.analysis import wording as say
from ocsae_cli.analysis.checks.common import Finding, subject
from ocsae_cli.analysis.compare import least_containers
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check, PeriodInfo, Verdict


class Nesting(NamedTuple):
    """A contained period's exact total against its container's."""

    id: str
    verdict: Verdict
    metric: str
    unit: str
    container: PeriodInfo
    contained: PeriodInfo
    big: float
    small: float
    indexed: Index  # for the totals' positions, found only when explained

    def explain(self) -> Check:
        """The two totals, and what is left for the rest of the container's days."""
        big, small, unit = say.number(self.big), say.number(self.small), self.unit
        if self.verdict == "ok":
            explanation = (
                f"{self.container.label} ({big} {unit}) contains {self.contained.label} "
                f"({small}), leaving {say.number(self.big - self.small)} for the rest of its "
                "days."
            )
        else:
            explanation = (
                f"{self.container.label} contains {self.contained.label} but has fewer {unit} "
                f"({big} against {small}): one of the two totals is wrong."
            )
        explanation += _inference(self.container, self.contained)
        return Check(
            id=self.id,
            kind="nesting",
            subject=subject([self.metric], [self.container.id, self.contained.id]),
            basis=None,
            claim=f"{big} {unit} in {self.container.id} ⊇ {small} in {self.contained.id}",
            computed=f"remainder {say.number(self.big - self.small)}",
            claimed_value=self.big,
            computed_value=self.small,
            difference=None,
            tolerance="container >= contained",
            verdict=self.verdict,
            figures=_totals_at(self.indexed, self.metric, self.container.id, self.contained.id),
            explanation=explanation,
        )


def _inference(*periods: PeriodInfo) -> str:
    """A sentence naming the periods whose inferred dates this check stands on."""
    inferred = [p.id for p in periods if p.start_inferred or p.end_inferred]
    if not inferred:
        return ""
    names = " and ".join(f"'{period_id}'" for period_id in inferred)
    return (
        f" It stands on an inference: {names} has a date the source does not state "
        "(see its note); the containment holds on that reading."
    )


def nesting(index: Index) -> Iterator[Finding]:
    """Each period against the container with the smallest total of each shared metric.

    That container fails whenever any would, and checking every pair of nested
    periods would grow with the square of those that overlap.
    """
    for metric, container, contained, big, small in least_containers(index):
        yield Nesting(
            f"nesting:{metric}:{container.id}:{contained.id}",
            "ok" if big >= small else "fail",
            metric,
            index.metrics[metric].unit,
            container,
            contained,
            big,
            small,
            index,
        )


def _totals_at(index: Index, metric: str, *periods: str) -> tuple[int, ...]:
    """The positions of the first exact total of ``metric`` in each period, in file order."""
    found = (
        next(
            (
                p
                for p, f in index.figures(metric, period)
                if f.statistic == "total" and not f.approximate
            ),
            None,
        )
        for period in periods
    )
    return tuple(sorted(p for p in found if p is not None))
