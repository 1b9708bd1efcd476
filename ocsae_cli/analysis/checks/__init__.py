"""Checking a dataset's figures against each other, and against the article they quote.

One module per kind of check; each finds its checks as typed records (see
:class:`~ocsae_cli.analysis.checks.common.Finding`) whose verdict is known at
once and whose explanation is written only when asked, so that counting
verdicts (the summary's tally) costs little even at 100,000 figures.

Every check that compares a stated number with a computed one judges by one
rule, in :mod:`ocsae_cli.analysis.intervals`: the claim's interval (its rounding
and its qualifier) against the interval computed from the figures it comes
from. The README's "How checks judge" documents the rule with worked examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from ocsae_cli.analysis.checks.approximation import approximations
from ocsae_cli.analysis.checks.article import article_quote_checks
from ocsae_cli.analysis.checks.averages import average_units, average_vs_total
from ocsae_cli.analysis.checks.changes import agreement_checks, change_checks
from ocsae_cli.analysis.checks.common import Explained, Finding
from ocsae_cli.analysis.checks.lengths import stated_vs_calendar
from ocsae_cli.analysis.checks.nesting import nesting
from ocsae_cli.analysis.checks.quotes import quotes
from ocsae_cli.analysis.checks.shares import share_checks
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import CheckResult, CheckTally, Verdict
from ocsae_cli.analysis.weeks import Basis

__all__ = [
    "KINDS",
    "Article",
    "run_checks",
    "tally",
    "tally_checks",
    "tally_data",
    "tally_from_data",
]

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
"""Every kind of check, in the order a run lists them."""


class Article(NamedTuple):
    """The text figures' quotes should stand in, and what to call it in explanations."""

    text: str
    name: str


def _findings(
    index: Index, bases: Sequence[Basis], article: Article | None = None
) -> Iterator[Finding]:
    """Every check of the dataset, unexplained, in the order of ``KINDS``."""
    yield from average_vs_total(index, bases)
    yield from approximations(index)
    yield from nesting(index)
    yield from average_units(index)
    yield from stated_vs_calendar(index)
    yield from quotes(index)
    yield from change_checks(index)
    yield from agreement_checks(index)
    yield from map(Explained, share_checks(index))
    if article is not None:
        yield from map(Explained, article_quote_checks(index, article.text, article.name))


def run_checks(index: Index, bases: Sequence[Basis], article: Article | None = None) -> CheckResult:
    """Every check of the dataset, explained, in the order of ``KINDS``.

    With ``article``, each figure's quote is also looked for in its text
    (``quote-in-source``).
    """
    return CheckResult(checks=tuple(f.explain() for f in _findings(index, bases, article)))


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


def tally_data(tally: CheckTally) -> dict[str, object]:
    """A tally as JSON data, to keep beside the cached dataset."""
    return tally._asdict() | {"not_ok": list(tally.not_ok)}


def tally_from_data(data: object) -> CheckTally | None:
    """A tally back from :func:`tally_data`; None for anything of another shape."""
    if not isinstance(data, dict) or set(data) != set(CheckTally._fields):
        return None
    counts, not_ok = data["counts"], data["not_ok"]
    verdicts = ("ok", "note", "warn", "fail")
    if not (
        isinstance(counts, dict)
        and list(counts) == list(verdicts)
        and all(type(n) is int and n >= 0 for n in counts.values())
        and isinstance(not_ok, list)
        and all(isinstance(i, str) for i in not_ok)
        and data["total"] == sum(counts.values())
        and data["passed"] == counts["ok"] + counts["note"]
        and len(not_ok) == counts["warn"] + counts["fail"]
    ):
        return None
    return CheckTally(data["total"], data["passed"], counts, tuple(not_ok))


def tally_checks(index: Index, bases: Sequence[Basis]) -> CheckTally:
    """``tally(run_checks(index, bases))``, without writing any check's explanation."""
    return _tally((finding.id, finding.verdict) for finding in _findings(index, bases))
