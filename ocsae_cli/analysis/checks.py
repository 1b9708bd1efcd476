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
  Each period is checked against the container with the smallest total of
  the metric, which fails whenever any container would.
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import NamedTuple

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.article_quotes import article_quote_checks
from ocsae_cli.analysis.claims import agreement_checks, change_checks
from ocsae_cli.analysis.compare import least_containers
from ocsae_cli.analysis.figures import Index, weeks_of
from ocsae_cli.analysis.intervals import decimals
from ocsae_cli.analysis.results import (
    Check,
    CheckResult,
    CheckTally,
    Length,
    PeriodInfo,
    Verdict,
)
from ocsae_cli.analysis.shares import share_checks
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.model import AVERAGES, COMPARISONS, Figure

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
    "change",
    "agreement",
    "share",
    "quote-in-source",
)

_UNIT_WORD = {
    "daily-average": "day",
    "weekly-average": "week",
    "monthly-average": "month",
    "annual-average": "year",
}
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
    if type(value) is int:  # the common case, and the quickest
        return f"{value:,}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pct(fraction: float | None) -> str:
    if fraction is None or not math.isfinite(fraction):  # against zero: none exists
        return "an undefined share (against zero)"
    return f"{fraction * 100:.1f}%"


def _length_text(value: float, unit: str) -> str:
    """ "4 weeks", "1 year"."""
    return f"{_num(value)} {unit.removesuffix('s') if value == 1 else unit}"


def _finite(value: float) -> float | None:
    """A relative difference for the JSON: none at all against a zero, never infinity."""
    return value if math.isfinite(value) else None


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
    def unique(ids: Sequence[str]) -> list[str]:
        return list(ids) if len(ids) < 2 else list(dict.fromkeys(ids))

    return {"metrics": unique(metrics), "periods": unique(periods)}


# A check found: its id, its verdict, and how to explain it. Counting verdicts
# (the summary's tally) never builds the explanations, which cost most of a check.
Finding = tuple[str, Verdict, Callable[[], Check]]


def _average_vs_total(index: Index, bases: Sequence[Basis]) -> Iterator[Finding]:
    named = [(basis, basis.value) for basis in bases]  # an enum's .value is slow to read
    for (metric, period_id), figures in index.cells.items():
        totals = [f for _, f in figures if f.statistic == "total"]
        averages = [(p, f) for p, f in figures if f.statistic in AVERAGES]
        if not totals or not averages:
            continue
        per_statistic = Counter(f.statistic for _, f in averages)
        total = min(totals, key=lambda f: f.approximate)
        period = index.periods[period_id]
        unit = index.metrics[metric].unit
        for position, average in averages:
            # Two averages of one statistic (a file may hold both) get their position too.
            which = f":figures[{position}]" if per_statistic[average.statistic] > 1 else ""
            for basis, basis_name in named:
                weeks = weeks_of(period, basis)
                check_id = (
                    f"average-vs-total:{metric}:{period_id}:{average.statistic}{which}:{basis_name}"
                )
                if weeks is None:
                    yield (
                        check_id,
                        "note",
                        partial(_no_length_check, check_id, metric, period, unit, average),
                    )
                    continue
                computed = wk.total_to_average(total.value, weeks, average.statistic)
                verdict = _average_verdict(
                    average.value, computed, average.approximate or total.approximate
                )
                yield (
                    check_id,
                    verdict,
                    partial(
                        _average_vs_total_check,
                        check_id,
                        metric,
                        period,
                        unit,
                        average,
                        total,
                        basis,
                        weeks,
                        computed,
                        verdict,
                    ),
                )


def _no_length_check(
    check_id: str, metric: str, period: PeriodInfo, unit: str, average: Figure
) -> Check:
    claim = f"{_num(average.value)} {unit} a {_UNIT_WORD[average.statistic]}"
    return Check(
        id=check_id,
        kind="average-vs-total",
        subject=_subject([metric], [period.id]),
        basis=Basis.STATED.value,
        claim=claim,
        computed="no stated length",
        claimed_value=average.value,
        computed_value=None,
        difference=None,
        tolerance="n/a",
        verdict="note",
        explanation=f"'{period.id}' states no length, so the {claim} cannot be "
        "checked on the stated basis.",
    )


def _average_vs_total_check(
    check_id: str,
    metric: str,
    period: PeriodInfo,
    unit: str,
    average: Figure,
    total: Figure,
    basis: Basis,
    weeks: float,
    computed: float,
    verdict: Verdict,
) -> Check:
    word = _UNIT_WORD[average.statistic]
    claim = f"{_num(average.value)} {unit} a {word}"
    relative = _relative(average.value, computed)
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
    agrees = {"ok": "agrees with", "warn": "is off from", "fail": "does not follow from"}
    return Check(
        id=check_id,
        kind="average-vs-total",
        subject=_subject([metric], [period.id]),
        basis=basis.value,
        claim=claim,
        computed=f"{computed:.2f} {unit} a {word}",
        claimed_value=average.value,
        computed_value=computed,
        difference=_finite(relative),
        tolerance="ok within 5% or rounding, warn within 20%",
        verdict=verdict,
        explanation=(
            f"On the {basis.value} basis, the stated average of {claim} "
            f"{agrees.get(verdict, 'agrees with')} the total of {_num(total.value)}: "
            f"{how} gives {computed:.1f} a {word} ({_pct(relative)} apart)."
        ),
    )


def _approximation_band(qualifier: str, claimed: float, width: float) -> tuple[float, float]:
    if qualifier in ("almost", "under", "up-to"):
        return claimed * (1 - width), claimed
    if qualifier in ("over", "at-least"):
        return claimed, claimed * (1 + width)
    return claimed * (1 - width), claimed * (1 + width)


def _approximations(index: Index) -> Iterator[Finding]:
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
            check_id = f"approximation:figures[{position}]"
            unit = index.metrics[metric].unit
            yield (
                check_id,
                verdict,
                partial(
                    _approximation_check,
                    check_id,
                    metric,
                    period_id,
                    unit,
                    figure,
                    exact,
                    qualifier,
                    (low, high),
                    verdict,
                ),
            )


def _approximation_check(
    check_id: str,
    metric: str,
    period_id: str,
    unit: str,
    figure: Figure,
    exact: Figure,
    qualifier: str,
    band: tuple[float, float],
    verdict: Verdict,
) -> Check:
    claim = f"{qualifier} {_num(figure.value)} {unit}"
    admits = f"{_num(band[0])} to {_num(band[1])}"
    fits = {"ok": "fits", "warn": "stretches", "fail": "does not fit"}[verdict]
    return Check(
        id=check_id,
        kind="approximation",
        subject=_subject([metric], [period_id]),
        basis=None,
        claim=claim,
        computed=f"{_num(exact.value)} {unit} counted",
        claimed_value=figure.value,
        computed_value=exact.value,
        difference=_finite(_relative(figure.value, exact.value)),
        tolerance=f"'{qualifier}' admits {admits}",
        verdict=verdict,
        explanation=(
            f'"{claim.capitalize()}" {fits} the {_num(exact.value)} counted for the same '
            f"period: '{qualifier} {_num(figure.value)}' admits {admits}."
        ),
    )


def _nesting(index: Index) -> Iterator[Finding]:
    # One check per period and metric, against the container with the smallest total:
    # every pair of nested periods would grow with the square of those that overlap.
    for metric, container, contained, big, small in least_containers(index):
        verdict: Verdict = "ok" if big >= small else "fail"
        check_id = f"nesting:{metric}:{container.id}:{contained.id}"
        unit = index.metrics[metric].unit
        yield (
            check_id,
            verdict,
            partial(
                _nesting_check,
                check_id,
                metric,
                unit,
                container,
                contained,
                big,
                small,
                verdict,
            ),
        )


def _nesting_check(
    check_id: str,
    metric: str,
    unit: str,
    container: PeriodInfo,
    contained: PeriodInfo,
    big: float,
    small: float,
    verdict: Verdict,
) -> Check:
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
    return Check(
        id=check_id,
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


def _average_units(index: Index) -> Iterator[Finding]:
    """Pairs of averages of one metric on different units, in periods that overlap or touch."""
    by_cell: dict[tuple[str, str], list[tuple[int, Figure]]] = {}
    for (metric, period_id), figures in index.cells.items():
        averages = [
            (p, f)
            for p, f in figures
            if f.statistic in ("monthly-average", "annual-average", "daily-average")
        ]
        if averages:
            by_cell[(metric, period_id)] = averages
    # Only averages of the same period are compared: a different level in another
    # period (2019 against early 2020) is a change, not an inconsistency.
    figure_at: dict[int, Figure] = {}
    pairs: set[tuple[int, int]] = set()
    for figures in by_cell.values():
        figure_at.update(figures)
        for first_pos, first in figures:
            for second_pos, second in figures:
                if first_pos < second_pos and first.statistic != second.statistic:
                    pairs.add((first_pos, second_pos))
    for first_pos, second_pos in sorted(pairs):
        first, second = figure_at[first_pos], figure_at[second_pos]
        small, large = sorted((first, second), key=lambda f: wk.DAYS_PER_AVERAGE[f.statistic])
        per_year = wk.convert_average(small.value, small.statistic, large.statistic)
        approximate = small.approximate or large.approximate
        verdict = _average_verdict(large.value, per_year, approximate)
        check_id = f"average-units:figures[{first_pos}]:figures[{second_pos}]"
        unit = index.metrics[first.metric].unit
        yield (
            check_id,
            verdict,
            partial(_average_units_check, check_id, unit, small, large, per_year, verdict),
        )


def _average_units_check(
    check_id: str, unit: str, small: Figure, large: Figure, per_year: float, verdict: Verdict
) -> Check:
    approximate = small.approximate or large.approximate
    relative = _relative(large.value, per_year)
    small_word, large_word = _UNIT_WORD[small.statistic], _UNIT_WORD[large.statistic]
    where = "" if small.period == large.period else f" ({small.period} against {large.period})"
    agree = {"ok": "agree", "warn": "roughly agree", "fail": "disagree"}[verdict]
    return Check(
        id=check_id,
        kind="average-units",
        subject=_subject([small.metric], [small.period, large.period]),
        basis=None,
        claim=f"{_num(small.value)} {unit} a {small_word} and {_num(large.value)} a {large_word}",
        computed=f"{_num(round(per_year, 2))} a {large_word}",
        claimed_value=large.value,
        computed_value=per_year,
        difference=_finite(relative),
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


def _stated_vs_calendar(index: Index) -> Iterator[Finding]:
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
        check_id = f"stated-vs-calendar:{period.id}"
        yield (
            check_id,
            verdict,
            partial(_stated_vs_calendar_check, check_id, period, stated, stated_days, verdict),
        )


def _stated_vs_calendar_check(
    check_id: str, period: PeriodInfo, stated: Length, stated_days: float, verdict: Verdict
) -> Check:
    relative = _relative(period.days, stated_days)
    said = "implies" if stated.inferred else "states"
    stated_text = _length_text(stated.value, stated.unit)
    return Check(
        id=check_id,
        kind="stated-vs-calendar",
        subject=_subject([], [period.id]),
        basis=None,
        claim=f"{stated_text} ({_num(round(stated_days, 1))} days)",
        computed=f"{period.days} days ({period.calendar_weeks:.3f} weeks)",
        claimed_value=stated_days,
        computed_value=float(period.days),
        difference=_finite(relative),
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
    """How a source may write ``value``: 2,200 and 2200; 4 and four."""
    if type(value) is int or float(value).is_integer():
        number = int(value)
        grouped, plain = f"{number:,}", str(number)
        forms = [grouped] if grouped == plain else [grouped, plain]
        if number < len(_NUMBER_WORDS):
            forms.append(_NUMBER_WORDS[number])
        return forms
    return list(dict.fromkeys([f"{value:,}", repr(value), _num(value)]))


def _scaled_forms(value: float) -> list[str]:
    """How a source may write a large rounded value: 5.2 million, 5.2m, 1.7bn."""
    forms = []
    for scale, words in ((1e9, ("billion", "bn")), (1e6, ("million", "m")), (1e3, ("k",))):
        if value >= scale:
            shown = f"{value / scale:.3f}".rstrip("0").rstrip(".")
            forms += [f"{shown} {words[0]}", *(f"{shown}{w}" for w in words)]
            break
    return forms


def _is_word(character: str) -> bool:
    """What a regular expression's ``\\w`` matches."""
    return character.isalnum() or character == "_"


def _appears(form: str, text: str) -> bool:
    """Whether ``form`` is in ``text`` as a number of its own, ignoring case.

    Not inside a longer number or word: "45" is not in "145", "4,500" or
    "45.5", and "2" is not in "2,200". An ASCII quote (nearly all of them) is
    searched plainly, where a regular expression per figure would cost more
    than everything else a check does. Other text goes to the expression, since
    lower-casing is not the same as ignoring case there (a dotted capital I, a
    long s, the Kelvin sign).
    """
    if not (text.isascii() and form.isascii()):
        pattern = rf"(?<![\w.,]){re.escape(form)}(?![\w]|[.,]\d)"
        return re.search(pattern, text, re.IGNORECASE) is not None
    needle, haystack = form.lower(), text.lower()
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before = haystack[start - 1] if start else ""
        after = haystack[end : end + 2]
        glued_before = bool(before) and (_is_word(before) or before in ".,")
        glued_after = bool(after) and (
            _is_word(after[0]) or (after[0] in ".," and after[1:2].isdecimal())
        )
        if not glued_before and not glued_after:
            return True
        start = haystack.find(needle, start + 1)
    return False


def _qualifier_before(figure: Figure, found: str) -> str | None:
    """The word of the figure's qualifier that its quote puts before ``found``, if any."""
    assert figure.qualifier is not None
    for word in _QUALIFIER_WORDS.get(figure.qualifier, (figure.qualifier,)):
        pattern = rf"\b{re.escape(word)}\s+{re.escape(found)}"
        if re.search(pattern, figure.quote, re.IGNORECASE):
            return word
    return None


def _quotes(index: Index) -> Iterator[Finding]:
    # In file order, from the index: Index.build is the only pass over the figures.
    in_file_order = sorted(
        (entry for entries in index.cells.values() for entry in entries), key=lambda e: e[0]
    )
    for position, figure in in_file_order:
        forms = _written_forms(abs(figure.value))  # "fell by 75%" is -75
        if figure.precision is not None and abs(figure.value) >= 1000:
            forms += _scaled_forms(abs(figure.value))
        found = next((form for form in forms if _appears(form, figure.quote)), None)
        qualifier_found = None
        # "doubled", "one in five", "a third", "remain level": numbers in words
        in_words = (
            figure.statistic in ("ratio", "share")
            or decimals(figure.value) > 6
            or (figure.statistic in COMPARISONS and figure.value == 0)
        )
        if found is None and (in_words or figure.precision):
            verdict: Verdict = "note"  # "doubled", "one in five", "a third": read by eye
        elif found is None:
            verdict = "fail"
        elif figure.approximate and figure.qualifier:
            qualifier_found = _qualifier_before(figure, found)
            verdict = "ok" if qualifier_found else "warn"
        else:
            verdict = "ok"
        check_id = f"quote:figures[{position}]"
        yield (
            check_id,
            verdict,
            partial(_quote_check, check_id, figure, forms[0], found, qualifier_found, verdict),
        )


def _quote_check(
    check_id: str,
    figure: Figure,
    shown: str,
    found: str | None,
    qualifier_found: str | None,
    verdict: Verdict,
) -> Check:
    if found is None:
        explanation = (
            f"The quote for this figure does not contain {shown}: it may be "
            "attached to the wrong sentence or mistyped."
        )
    elif qualifier_found:
        explanation = f'The quote says "{qualifier_found} {found}", as recorded.'
    elif verdict == "warn":
        explanation = (
            f"The quote contains {found} but not '{figure.qualifier}' before "
            "it, so the qualifier recorded is a reading of the sentence."
        )
    else:
        explanation = f"The quote contains {found}, as recorded."
    return Check(
        id=check_id,
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


def _findings(
    index: Index, bases: Sequence[Basis], article: Article | None = None
) -> Iterator[Finding]:
    """Every check of the dataset, unexplained, in the order of ``KINDS``."""
    yield from _average_vs_total(index, bases)
    yield from _approximations(index)
    yield from _nesting(index)
    yield from _average_units(index)
    yield from _stated_vs_calendar(index)
    yield from _quotes(index)
    for check in (*change_checks(index), *agreement_checks(index), *share_checks(index)):
        yield check.id, check.verdict, partial(_as_is, check)
    if article is not None:
        for check in article_quote_checks(index, article.text, article.name):
            yield check.id, check.verdict, partial(_as_is, check)


def _as_is(check: Check) -> Check:
    return check


class Article(NamedTuple):
    """The text figures' quotes should stand in, and what to call it in explanations."""

    text: str
    name: str


def run_checks(index: Index, bases: Sequence[Basis], article: Article | None = None) -> CheckResult:
    """Every check of the dataset, explained, in the order of ``KINDS``.

    With ``article``, each figure's quote is also looked for in its text
    (``quote-in-source``).
    """
    findings = _findings(index, bases, article)
    return CheckResult(checks=tuple(explain() for _, _, explain in findings))


def _tally(verdicts: Iterable[tuple[str, Verdict]]) -> CheckTally:
    counts = {"ok": 0, "note": 0, "warn": 0, "fail": 0}
    not_ok = []
    for check_id, verdict in verdicts:
        counts[verdict] += 1
        if verdict in ("warn", "fail"):
            not_ok.append(check_id)
    return CheckTally(
        total=sum(counts.values()),
        passed=counts["ok"] + counts["note"],
        counts=counts,
        not_ok=tuple(not_ok),
    )


def tally(result: CheckResult) -> CheckTally:
    """How many checks gave each verdict, and the ids that warn or fail."""
    return _tally((check.id, check.verdict) for check in result.checks)


def tally_checks(index: Index, bases: Sequence[Basis]) -> CheckTally:
    """``tally(run_checks(index, bases))``, without writing any check's explanation."""
    return _tally((check_id, verdict) for check_id, verdict, _ in _findings(index, bases))
