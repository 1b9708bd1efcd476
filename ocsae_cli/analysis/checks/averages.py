"""``average-vs-total`` and ``average-units``: stated averages against the amounts they imply.

``average-vs-total``: a stated average beside a total of the same metric and
period, on each basis of weeks. The total's interval over the period's weeks
gives the computed average; the interval rule judges the claim. A claim that
holds on one basis and not on another is at most ``warn`` on the other: the
source counted the weeks its own way, and the stated-vs-calendar check says so.

``average-units``: averages of one metric and period on different units (a
month against a year), the smaller converted to the larger's unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ocsae_cli.analysis import intervals as iv
from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis import wording as say
from ocsae_cli.analysis.checks.common import (
    INTERVAL_TOLERANCE,
    Finding,
    interval,
    judge,
    relative,
    subject,
    words,
)
from ocsae_cli.analysis.figures import Index, weeks_of
from ocsae_cli.analysis.results import Check, PeriodInfo, Verdict
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.model import AVERAGES, Figure


class NoLength(NamedTuple):
    """An average whose period states no length, so it has no stated basis."""

    id: str
    metric: str
    period: PeriodInfo
    unit: str
    average: Figure
    position: int

    @property
    def verdict(self) -> Verdict:
        """Always a note: nothing to compute with."""
        return "note"

    def explain(self) -> Check:
        """Why this basis cannot check the average."""
        claim = f"{words(self.average)} {self.unit} a {say.UNIT_WORD[self.average.statistic]}"
        return Check(
            id=self.id,
            kind="average-vs-total",
            subject=subject([self.metric], [self.period.id]),
            basis=Basis.STATED.value,
            claim=claim,
            computed="no stated length",
            claimed_value=self.average.value,
            computed_value=None,
            difference=None,
            tolerance="n/a",
            verdict="note",
            figures=(self.position,),
            explanation=f"'{self.period.id}' states no length, so the {claim} cannot be "
            "checked on the stated basis.",
        )


class AverageVsTotal(NamedTuple):
    """A stated average against a total of the same metric and period, on one basis."""

    id: str
    verdict: Verdict
    metric: str
    period: PeriodInfo
    unit: str
    average: Figure
    total: Figure
    basis: Basis
    weeks: float
    computed: iv.Interval
    holds_elsewhere: str | None  # a basis on which the claim holds, when this one fails it
    figures: tuple[int, int]  # the positions of the average and the total

    def explain(self) -> Check:
        """The claim, what the total gives on this basis, and how far apart they are."""
        word = say.UNIT_WORD[self.average.statistic]
        claim = f"{words(self.average)} {self.unit} a {word}"
        middle = (self.computed.low + self.computed.high) / 2
        agrees = {"ok": "agrees with", "warn": "is off from", "fail": "does not follow from"}
        explanation = (
            f"On the {self.basis.value} basis, the stated average of {claim} "
            f"{agrees.get(self.verdict, 'agrees with')} the total of {words(self.total)}: "
            f"{self._how()} gives {self.computed} a {word}; the claim allows "
            f"{interval(self.average)}."
        )
        if self.holds_elsewhere:
            explanation += (
                f" It holds on the {self.holds_elsewhere} basis, so the source counted the "
                "weeks its own way: a warn, not a fail."
            )
        return Check(
            id=self.id,
            kind="average-vs-total",
            subject=subject([self.metric], [self.period.id]),
            basis=self.basis.value,
            claim=claim,
            computed=f"{self.computed} {self.unit} a {word}",
            claimed_value=self.average.value,
            computed_value=middle,
            difference=relative(self.average.value, middle),
            tolerance=INTERVAL_TOLERANCE,
            verdict=self.verdict,
            explanation=explanation,
            figures=self.figures,
        )

    def _how(self) -> str:
        if self.basis is Basis.STATED:
            length = self.period.stated_length
            assert length is not None
            how = f"counting '{self.period.id}' as {say.length(length.value, length.unit)}"
            if length.inferred:
                how += " (a length the source implies, not states)"
            return how
        return f"counting its {self.period.days} days as {self.weeks:.3f} weeks"


def _average_from_total(total: Figure, weeks: float, statistic: str) -> iv.Interval:
    per_unit = wk.total_to_average(1.0, weeks, statistic)
    return iv.scaled(interval(total), per_unit)


def average_vs_total(index: Index, bases: Sequence[Basis]) -> Iterator[Finding]:
    """Every stated average beside a total of its metric and period, on each basis."""
    for (metric, period_id), figures in index.cells.items():
        totals = [(p, f) for p, f in figures if f.statistic == "total"]
        averages = [(p, f) for p, f in figures if f.statistic in AVERAGES]
        if not totals or not averages:
            continue
        per_statistic = Counter(f.statistic for _, f in averages)
        total_position, total = min(totals, key=lambda entry: entry[1].approximate)
        period = index.periods[period_id]
        unit = index.metrics[metric].unit
        for position, average in averages:
            # Two averages of one statistic (a file may hold both) get their position too.
            which = f":figures[{position}]" if per_statistic[average.statistic] > 1 else ""
            prefix = f"average-vs-total:{metric}:{period_id}:{average.statistic}{which}"
            found = (prefix, metric, period, unit, average, total, (position, total_position))
            yield from _on_each_basis(*found, bases)


def _on_each_basis(
    prefix: str,
    metric: str,
    period: PeriodInfo,
    unit: str,
    average: Figure,
    total: Figure,
    figures: tuple[int, int],
    bases: Sequence[Basis],
) -> Iterator[Finding]:
    # Every basis is judged, whichever are shown: whether the claim holds on the
    # other basis decides a fail here, and must not depend on what was asked for.
    judged: dict[Basis, tuple[float, iv.Interval, Verdict]] = {}
    for basis in Basis:
        weeks = weeks_of(period, basis)
        if weeks is not None:
            computed = _average_from_total(total, weeks, average.statistic)
            judged[basis] = (weeks, computed, judge(average, computed))
    holding = next((b.value for b, (_, _, verdict) in judged.items() if verdict == "ok"), None)
    for basis in bases:
        if basis not in judged:
            yield NoLength(f"{prefix}:{basis.value}", metric, period, unit, average, figures[0])
            continue
        weeks, computed, verdict = judged[basis]
        elsewhere = holding if verdict == "fail" and holding else None
        yield AverageVsTotal(
            f"{prefix}:{basis.value}",
            "warn" if elsewhere else verdict,
            metric,
            period,
            unit,
            average,
            total,
            basis,
            weeks,
            computed,
            elsewhere,
            figures,
        )


class AverageUnits(NamedTuple):
    """Two averages of one metric and period on different units."""

    id: str
    verdict: Verdict
    unit: str
    small: Figure  # the average on the shorter unit
    large: Figure
    converted: iv.Interval  # the smaller average on the larger's unit
    figures: tuple[int, int]

    def explain(self) -> Check:
        """The conversion and how far it lands from the larger average."""
        small, large = self.small, self.large
        small_word, large_word = say.UNIT_WORD[small.statistic], say.UNIT_WORD[large.statistic]
        middle = (self.converted.low + self.converted.high) / 2
        agree = {"ok": "agree", "warn": "roughly agree", "fail": "disagree"}[self.verdict]
        return Check(
            id=self.id,
            kind="average-units",
            subject=subject([small.metric], [small.period, large.period]),
            basis=None,
            claim=f"{words(small)} {self.unit} a {small_word} and {words(large)} a {large_word}",
            computed=f"{self.converted} a {large_word}",
            claimed_value=large.value,
            computed_value=middle,
            difference=relative(large.value, middle),
            tolerance=INTERVAL_TOLERANCE,
            verdict=self.verdict,
            figures=self.figures,
            explanation=(
                f"{words(small)} {self.unit} a {small_word} makes {self.converted} a "
                f"{large_word}; the stated {words(large)} a {large_word} allows "
                f"{interval(large)}: they {agree}."
            ),
        )


def average_units(index: Index) -> Iterator[Finding]:
    """Pairs of averages of one metric and period on different units.

    Only averages of the same period are compared: a different level in another
    period (2019 against early 2020) is a change, not an inconsistency.
    """
    pairs: list[tuple[int, Figure, int, Figure]] = []
    for figures in index.cells.values():
        averages = [(p, f) for p, f in figures if f.statistic in AVERAGES]
        pairs.extend(
            (first_pos, first, second_pos, second)
            for first_pos, first in averages
            for second_pos, second in averages
            if first_pos < second_pos and first.statistic != second.statistic
        )
    for first_pos, first, second_pos, second in sorted(pairs, key=lambda p: (p[0], p[2])):
        small, large = sorted((first, second), key=lambda f: wk.DAYS_PER_AVERAGE[f.statistic])
        factor = wk.convert_average(1.0, small.statistic, large.statistic)
        converted = iv.scaled(interval(small), factor)
        yield AverageUnits(
            f"average-units:figures[{first_pos}]:figures[{second_pos}]",
            judge(large, converted),
            index.metrics[first.metric].unit,
            small,
            large,
            converted,
            (first_pos, second_pos),
        )
