"""``stated-vs-calendar``: a period's stated length against its calendar days."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis import wording as say
from ocsae_cli.analysis.checks.common import Finding, relative, subject
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check, Length, PeriodInfo, Verdict

LENGTH_NOTE = 0.20
"""Up to this far apart, the two lengths are a ``note``; beyond, a ``warn``."""


class StatedVsCalendar(NamedTuple):
    """A period's stated length against the days its dates span."""

    id: str
    verdict: Verdict
    period: PeriodInfo
    stated: Length
    stated_days: float

    def explain(self) -> Check:
        """Both lengths, and how far the two bases' rates per week differ."""
        period, stated = self.period, self.stated
        apart = relative(period.days, self.stated_days)
        said = "implies" if stated.inferred else "states"
        stated_text = say.length(stated.value, stated.unit)
        tail = (
            "."
            if self.verdict == "ok"
            else f": rates per week differ by {say.percent(apart)} between the stated and "
            "calendar bases."
        )
        return Check(
            id=self.id,
            kind="stated-vs-calendar",
            subject=subject([], [period.id]),
            basis=None,
            claim=f"{stated_text} ({say.number(round(self.stated_days, 1))} days)",
            computed=f"{period.days} days ({period.calendar_weeks:.3f} weeks)",
            claimed_value=self.stated_days,
            computed_value=float(period.days),
            difference=apart,
            tolerance="ok when equal, note within 20%, warn beyond",
            verdict=self.verdict,
            explanation=(
                f"The source {said} {stated_text} for '{period.id}', and its dates "
                f"({period.start.isoformat()} to {period.end.isoformat()}) span {period.days} "
                f"days, {period.calendar_weeks:.2f} weeks{tail}"
            ),
        )


def _verdict(period: PeriodInfo, stated: Length, stated_days: float) -> Verdict:
    apart = relative(period.days, stated_days) or 0.0
    if abs(period.days - stated_days) < 0.5 or (
        stated.unit in ("months", "years") and apart <= 0.02
    ):
        return "ok"
    return "note" if apart <= LENGTH_NOTE else "warn"


def stated_vs_calendar(index: Index) -> Iterator[Finding]:
    """Every period that states a length, against its dates."""
    for period in index.periods.values():
        stated = period.stated_length
        if stated is None:
            continue
        stated_days = wk.length_in_days(stated.value, stated.unit)
        yield StatedVsCalendar(
            f"stated-vs-calendar:{period.id}",
            _verdict(period, stated, stated_days),
            period,
            stated,
            stated_days,
        )
