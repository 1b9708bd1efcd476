"""Checking a dataset's figures against each other.

Tolerances (documented in the README, "How checks judge"):

* A stated average against a total: ``ok`` within 5% of what the total gives
  (or within 0.5, the rounding of a whole number); ``warn``
  within 20%; ``fail`` beyond.
* An approximation against an exact figure of the same metric and period:
  "around N" admits N +/- 10%; "almost N" admits N - 10% up to N; "over N"
  admits N up to N + 10%. Twice that band is ``warn``; beyond, ``fail``.
* Averages of one metric on different units (a month against a year):
  compared per year; 10% ``ok``, 20% ``warn`` when either is approximate,
  else the average tolerances.
* Nesting: a container's exact total below a contained period's is ``fail``.
* Stated against calendar length: the same length is ``ok``; up to 20% apart
  is a ``note``; more is ``warn``.
* Quote integrity: the value, as the source writes it (``45``, ``2,200``), must
  appear in the figure's own quote (``fail`` if not); an approximation's
  qualifier should too (``warn`` if not).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.compare import nested_pairs, touching_pairs
from ocsae_cli.analysis.figures import Index, weeks_of
from ocsae_cli.analysis.results import Check, CheckResult, CheckTally, Verdict
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.model import Figure

AVERAGE_OK = 0.05
AVERAGE_WARN = 0.20
APPROXIMATION_BAND = 0.10
LENGTH_NOTE = 0.20

KINDS = (
    "average-vs-total",
    "approximation",
    "nesting",
    "average-units",
    "stated-vs-calendar",
    "quote",
)

_UNIT_WORD = {"weekly-average": "week", "monthly-average": "month", "annual-average": "year"}
_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
_QUALIFIER_WORDS = {
    "almost": ("almost", "nearly", "just under", "close to"),
    "around": ("around", "about", "approximately", "roughly", "some", "circa", "nearly", "almost"),
    "over": ("over", "more than", "above", "upwards of"),
}


def _num(value: float) -> str:
    """A number as a journalist would write it in a sentence."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.1f}%"


def _length_text(value: float, unit: str) -> str:
    """ "4 weeks", "1 year"."""
    return f"{_num(value)} {unit.removesuffix('s') if value == 1 else unit}"


def _relative(claimed: float, computed: float) -> float:
    if computed == 0:
        return 0.0 if claimed == 0 else math.inf
    return abs(claimed - computed) / abs(computed)


def _average_verdict(claimed: float, computed: float, approximate: bool) -> Verdict:
    if approximate:
        relative = _relative(claimed, computed)
        return (
            "ok"
            if relative <= APPROXIMATION_BAND
            else ("warn" if relative <= 2 * APPROXIMATION_BAND else "fail")
        )
    if abs(claimed - computed) <= 0.5 or _relative(claimed, computed) <= AVERAGE_OK:
        return "ok"
    return "warn" if _relative(claimed, computed) <= AVERAGE_WARN else "fail"


def _subject(metrics: Sequence[str], periods: Sequence[str]) -> dict[str, list[str]]:
    return {"metrics": list(dict.fromkeys(metrics)), "periods": list(dict.fromkeys(periods))}


def _average_vs_total(index: Index, bases: Sequence[Basis]) -> Iterator[Check]:
    for (metric, period_id), figures in index.cells.items():
        totals = [f for _, f in figures if f.statistic == "total"]
        averages = [(p, f) for p, f in figures if f.statistic != "total"]
        if not totals or not averages:
            continue
        per_statistic = Counter(f.statistic for _, f in averages)
        total = min(totals, key=lambda f: f.approximate)
        period = index.periods[period_id]
        unit = index.metrics[metric].unit
        for position, average in averages:
            word = _UNIT_WORD[average.statistic]
            # Two averages of one statistic (a file may hold both) get their position too.
            which = f":figures[{position}]" if per_statistic[average.statistic] > 1 else ""
            for basis in bases:
                weeks = weeks_of(period, basis)
                check_id = (
                    f"average-vs-total:{metric}:{period_id}:{average.statistic}{which}:{basis}"
                )
                claim = f"{_num(average.value)} {unit} a {word}"
                if weeks is None:
                    yield Check(
                        id=check_id,
                        kind="average-vs-total",
                        subject=_subject([metric], [period_id]),
                        basis=basis.value,
                        claim=claim,
                        computed="no stated length",
                        claimed_value=average.value,
                        computed_value=None,
                        difference=None,
                        tolerance="n/a",
                        verdict="note",
                        explanation=f"'{period_id}' states no length, so the {claim} cannot be "
                        "checked on the stated basis.",
                    )
                    continue
                computed = wk.total_to_average(total.value, weeks, average.statistic)
                relative = _relative(average.value, computed)
                verdict = _average_verdict(
                    average.value, computed, average.approximate or total.approximate
                )
                if basis is Basis.STATED:
                    assert period.stated_length is not None
                    how = (
                        f"counting '{period.id}' as "
                        f"{_length_text(period.stated_length.value, period.stated_length.unit)}"
                    )
                    if period.stated_length.inferred:
                        how += " (a length the source implies, not states)"
                else:
                    how = f"counting its {period.days} days as {weeks:.3f} weeks"
                agrees = {
                    "ok": "agrees with",
                    "warn": "is off from",
                    "fail": "does not follow from",
                }
                yield Check(
                    id=check_id,
                    kind="average-vs-total",
                    subject=_subject([metric], [period_id]),
                    basis=basis.value,
                    claim=claim,
                    computed=f"{computed:.2f} {unit} a {word}",
                    claimed_value=average.value,
                    computed_value=computed,
                    difference=relative,
                    tolerance="ok within 5% or rounding, warn within 20%",
                    verdict=verdict,
                    explanation=(
                        f"On the {basis.value} basis, the stated average of {claim} "
                        f"{agrees.get(verdict, 'agrees with')} the total of {_num(total.value)}: "
                        f"{how} gives {computed:.1f} a {word} ({_pct(relative)} apart)."
                    ),
                )


def _approximation_band(qualifier: str, claimed: float, width: float) -> tuple[float, float]:
    if qualifier == "almost":
        return claimed * (1 - width), claimed
    if qualifier == "over":
        return claimed, claimed * (1 + width)
    return claimed * (1 - width), claimed * (1 + width)


def _approximations(index: Index) -> Iterator[Check]:
    for (metric, period_id), figures in index.cells.items():
        for position, figure in figures:
            if not figure.approximate:
                continue
            exact = next(
                (f for _, f in figures if not f.approximate and f.statistic == figure.statistic),
                None,
            )
            if exact is None:
                continue
            qualifier = figure.qualifier or "around"
            low, high = _approximation_band(qualifier, figure.value, APPROXIMATION_BAND)
            wide_low, wide_high = _approximation_band(
                qualifier, figure.value, 2 * APPROXIMATION_BAND
            )
            if low <= exact.value <= high:
                verdict: Verdict = "ok"
            elif wide_low <= exact.value <= wide_high:
                verdict = "warn"
            else:
                verdict = "fail"
            unit = index.metrics[metric].unit
            claim = f"{qualifier} {_num(figure.value)} {unit}"
            admits = f"{_num(low)} to {_num(high)}"
            fits = {"ok": "fits", "warn": "stretches", "fail": "does not fit"}[verdict]
            yield Check(
                id=f"approximation:figures[{position}]",
                kind="approximation",
                subject=_subject([metric], [period_id]),
                basis=None,
                claim=claim,
                computed=f"{_num(exact.value)} {unit} counted",
                claimed_value=figure.value,
                computed_value=exact.value,
                difference=_relative(figure.value, exact.value),
                tolerance=f"'{qualifier}' admits {admits}",
                verdict=verdict,
                explanation=(
                    f'"{claim.capitalize()}" {fits} the {_num(exact.value)} counted for the same '
                    f"period: '{qualifier} {_num(figure.value)}' admits {admits}."
                ),
            )


def _nesting(index: Index) -> Iterator[Check]:
    for container, contained in nested_pairs(index):
        shared = [m for m in index.by_period[container.id] if m in index.by_period[contained.id]]
        for metric in shared:
            big = index.exact_total(metric, container.id)
            small = index.exact_total(metric, contained.id)
            if big is None or small is None:
                continue
            unit = index.metrics[metric].unit
            verdict: Verdict = "ok" if big >= small else "fail"
            if verdict == "ok":
                explanation = (
                    f"{container.label} ({_num(big)} {unit}) contains {contained.label} "
                    f"({_num(small)}), leaving {_num(big - small)} for the rest of its days."
                )
            else:
                explanation = (
                    f"{container.label} contains {contained.label} but has fewer {unit} "
                    f"({_num(big)} against {_num(small)}): one of the two totals is wrong."
                )
            yield Check(
                id=f"nesting:{metric}:{container.id}:{contained.id}",
                kind="nesting",
                subject=_subject([metric], [container.id, contained.id]),
                basis=None,
                claim=f"{_num(big)} {unit} in {container.id} ⊇ {_num(small)} in {contained.id}",
                computed=f"remainder {_num(big - small)}",
                claimed_value=big,
                computed_value=small,
                difference=None,
                tolerance="container >= contained",
                verdict=verdict,
                explanation=explanation,
            )


def _average_units(index: Index) -> Iterator[Check]:
    """Pairs of averages of one metric on different units, in periods that overlap or touch."""
    periods = list(index.periods.values())
    neighbours: dict[str, set[str]] = {p.id: {p.id} for p in periods}
    for i, j in touching_pairs(periods, gap_days=1):
        neighbours[periods[i].id].add(periods[j].id)
        neighbours[periods[j].id].add(periods[i].id)
    by_cell: dict[tuple[str, str], list[tuple[int, Figure]]] = {}
    for (metric, period_id), figures in index.cells.items():
        averages = [
            (p, f) for p, f in figures if f.statistic in ("monthly-average", "annual-average")
        ]
        if averages:
            by_cell[(metric, period_id)] = averages
    figure_at: dict[int, Figure] = {}
    pairs: set[tuple[int, int]] = set()
    for (metric, period_id), figures in by_cell.items():
        figure_at.update(figures)
        for other_period in neighbours[period_id]:
            for first_pos, first in figures:
                for second_pos, second in by_cell.get((metric, other_period), []):
                    # Each pair is met from both sides; keep it once, in file order.
                    if first_pos < second_pos and first.statistic != second.statistic:
                        pairs.add((first_pos, second_pos))
    for first_pos, second_pos in sorted(pairs):
        first, second = figure_at[first_pos], figure_at[second_pos]
        metric = first.metric
        small, large = sorted((first, second), key=lambda f: wk.DAYS_PER_AVERAGE[f.statistic])
        per_year = wk.convert_average(small.value, small.statistic, large.statistic)
        approximate = small.approximate or large.approximate
        verdict = _average_verdict(large.value, per_year, approximate)
        relative = _relative(large.value, per_year)
        unit = index.metrics[metric].unit
        small_word, large_word = _UNIT_WORD[small.statistic], _UNIT_WORD[large.statistic]
        period_ids = [small.period, large.period]
        same = small.period == large.period
        where = "" if same else f" ({small.period} against {large.period})"
        agree = {"ok": "agree", "warn": "roughly agree", "fail": "disagree"}[verdict]
        yield Check(
            id=f"average-units:figures[{first_pos}]:figures[{second_pos}]",
            kind="average-units",
            subject=_subject([metric], period_ids),
            basis=None,
            claim=f"{_num(small.value)} {unit} a {small_word} and "
            f"{_num(large.value)} a {large_word}",
            computed=f"{_num(round(per_year, 2))} a {large_word}",
            claimed_value=large.value,
            computed_value=per_year,
            difference=relative,
            tolerance="ok within 10%, warn within 20%"
            if approximate
            else "ok within 5% or rounding, warn within 20%",
            verdict=verdict,
            explanation=(
                f"{_num(small.value)} {unit} a {small_word} makes "
                f"{_num(round(per_year))} a {large_word}; against the stated "
                f"{_num(large.value)} a {large_word}{where} they {agree}, "
                f"{_pct(relative)} apart."
            ),
        )


def _stated_vs_calendar(index: Index) -> Iterator[Check]:
    for period in index.periods.values():
        stated = period.stated_length
        if stated is None:
            continue
        stated_days = wk.length_in_days(stated.value, stated.unit)
        relative = _relative(period.days, stated_days)
        if abs(period.days - stated_days) < 0.5 or (
            stated.unit in ("months", "years") and relative <= 0.02
        ):
            verdict: Verdict = "ok"
        elif relative <= LENGTH_NOTE:
            verdict = "note"
        else:
            verdict = "warn"
        said = "implies" if stated.inferred else "states"
        stated_text = _length_text(stated.value, stated.unit)
        yield Check(
            id=f"stated-vs-calendar:{period.id}",
            kind="stated-vs-calendar",
            subject=_subject([], [period.id]),
            basis=None,
            claim=f"{stated_text} ({_num(round(stated_days, 1))} days)",
            computed=f"{period.days} days ({period.calendar_weeks:.3f} weeks)",
            claimed_value=stated_days,
            computed_value=float(period.days),
            difference=relative,
            tolerance="ok when equal, note within 20%, warn beyond",
            verdict=verdict,
            explanation=(
                f"The source {said} {stated_text} for '{period.id}', and its dates "
                f"({period.start.isoformat()} to {period.end.isoformat()}) span {period.days} "
                f"days, {period.calendar_weeks:.2f} weeks"
                + (
                    "."
                    if verdict == "ok"
                    else f": rates per week differ by {_pct(relative)} between the stated and "
                    "calendar bases."
                )
            ),
        )


def _written_forms(value: float) -> list[str]:
    forms = []
    if float(value).is_integer():
        number = int(value)
        forms += [f"{number:,}", str(number)]
        if number < len(_NUMBER_WORDS):
            forms.append(_NUMBER_WORDS[number])
    else:
        forms += [f"{value:,}", repr(value), _num(value)]
    return list(dict.fromkeys(forms))


def _appears(form: str, text: str) -> bool:
    return (
        re.search(rf"(?<![\w.,]){re.escape(form)}(?![\w]|[.,]\d)", text, re.IGNORECASE) is not None
    )


def _quotes(index: Index) -> Iterator[Check]:
    # In file order, from the index: Index.build is the only pass over the figures.
    in_file_order = sorted(
        (entry for entries in index.cells.values() for entry in entries), key=lambda e: e[0]
    )
    for position, figure in in_file_order:
        forms = _written_forms(figure.value)
        found = next((form for form in forms if _appears(form, figure.quote)), None)
        shown = forms[0]
        qualifier_found = None
        if found is None:
            verdict: Verdict = "fail"
            explanation = (
                f"The quote for this figure does not contain {shown}: it may be "
                "attached to the wrong sentence or mistyped."
            )
        elif figure.approximate and figure.qualifier:
            words = _QUALIFIER_WORDS.get(figure.qualifier, (figure.qualifier,))
            qualifier_found = next(
                (
                    w
                    for w in words
                    if re.search(
                        rf"\b{re.escape(w)}\s+{re.escape(found)}", figure.quote, re.IGNORECASE
                    )
                ),
                None,
            )
            if qualifier_found:
                verdict = "ok"
                explanation = f'The quote says "{qualifier_found} {found}", as recorded.'
            else:
                verdict = "warn"
                explanation = (
                    f"The quote contains {found} but not '{figure.qualifier}' before "
                    "it, so the qualifier recorded is a reading of the sentence."
                )
        else:
            verdict = "ok"
            explanation = f"The quote contains {found}, as recorded."
        yield Check(
            id=f"quote:figures[{position}]",
            kind="quote",
            subject=_subject([figure.metric], [figure.period]),
            basis=None,
            claim=f"{figure.qualifier + ' ' if figure.qualifier else ''}{shown}",
            computed=f'found "{found}"' if found else "not found in the quote",
            claimed_value=figure.value,
            computed_value=None,
            difference=None,
            tolerance="the value as written, and an approximation's qualifier",
            verdict=verdict,
            explanation=explanation,
        )


def run_checks(index: Index, bases: Sequence[Basis]) -> CheckResult:
    """Every check of the dataset, in the order of ``KINDS``."""
    checks = [
        *_average_vs_total(index, bases),
        *_approximations(index),
        *_nesting(index),
        *_average_units(index),
        *_stated_vs_calendar(index),
        *_quotes(index),
    ]
    return CheckResult(checks=tuple(checks))


def tally(result: CheckResult) -> CheckTally:
    """How many checks gave each verdict, and the ids that warn or fail."""
    counts = {"ok": 0, "note": 0, "warn": 0, "fail": 0}
    for check in result.checks:
        counts[check.verdict] += 1
    return CheckTally(
        total=len(result.checks),
        passed=counts["ok"] + counts["note"],
        counts=counts,
        not_ok=tuple(c.id for c in result.checks if c.verdict in ("warn", "fail")),
    )
