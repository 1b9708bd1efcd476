"""Which checks review a claim that a source states, and which figure states it.

A fact check publishes a verdict on a claim: "Fraud fell by 64%" holds or it
does not. Of the checks ``ocsae check`` runs, these judge a figure a source
states against other figures, so their verdict is a verdict on that claim:

* ``average-vs-total``: the stated average (one review per basis);
* ``approximation``: the approximate figure ("almost 100");
* ``average-units``: the average on the longer unit ("2,200 a year");
* ``change``: the stated change, percent-change or ratio;
* ``agreement``: the later of the two figures, against the earlier;
* ``share``: the stated share.

Left out: ``nesting`` (two totals that cannot both hold, neither of them the
claim), ``stated-vs-calendar`` (a period's length, not a figure), ``quote`` and
``quote-in-source`` (they test the figures file's transcription of the source,
not what the source says). Of the verdicts, ``ok``, ``warn`` and ``fail`` are
published: a fact check reports what holds as well as what does not. A
``note`` (a claim that cannot be checked, or is to be read by eye) rates
nothing and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ocsae_cli.analysis.figures import Index, query_figures, source_infos
from ocsae_cli.analysis.results import (
    Check,
    CheckResult,
    ClaimReviewResult,
    FigureRow,
    ReviewedClaim,
    SourceInfo,
)
from ocsae_cli.analysis.weeks import DAYS_PER_AVERAGE

REVIEWED_KINDS = (
    "average-vs-total",
    "approximation",
    "average-units",
    "change",
    "agreement",
    "share",
)
PUBLISHED_VERDICTS = ("ok", "warn", "fail")

_FIGURE = re.compile(r"figures\[(\d+)\]")


def _named(check: Check) -> list[int]:
    """The positions of the figures a check's id names (``figures[N]``), in order."""
    return [int(position) for position in _FIGURE.findall(check.id)]


def _candidates(index: Index, check: Check) -> list[int]:
    """The positions of the figures a check compares, the claim first where it says."""
    if check.figures:
        return list(check.figures)
    if named := _named(check):
        return named
    subject = check.subject
    return sorted(
        position
        for metric in subject.get("metrics", [])
        for period in subject.get("periods", [])
        for position, _ in index.figures(metric, period)
    )


def claim_position(index: Index, check: Check) -> int | None:
    """The position of the figure whose claim ``check`` judges; None when it judges none.

    That figure's value is the check's ``claimed_value``. Among several of that
    value: an average (average-vs-total), the approximate one (approximation),
    the one on the longer unit (average-units), the later one (agreement, whose
    id names it last), else the first the check names.
    """
    if check.kind not in REVIEWED_KINDS or check.claimed_value is None:
        return None
    figures = index.dataset.figures
    found = [
        p
        for p in _candidates(index, check)
        if 0 <= p < len(figures) and figures[p].value == check.claimed_value
    ]
    if check.kind == "average-vs-total":
        found = [p for p in found if figures[p].statistic in DAYS_PER_AVERAGE]
        found = [p for p in found if f":{figures[p].statistic}" in check.id] or found
    elif check.kind == "approximation":
        found = [p for p in found if figures[p].approximate] or found
    elif check.kind == "average-units" and found:
        longest = max(DAYS_PER_AVERAGE.get(figures[p].statistic, 0.0) for p in found)
        found = [p for p in found if DAYS_PER_AVERAGE.get(figures[p].statistic) == longest]
    elif check.kind == "agreement" and len(found) > 1:
        later = _named(check)[-1:]
        found = [p for p in found if p in later] or found
    return found[0] if found else None


def _claimant(source: SourceInfo, metric: str) -> str | None:
    """Who ``source`` attributes ``metric``'s figures to: the attribution naming it, else
    the one for every other metric."""
    named = next((a.name for a in source.attributions if metric in a.metrics), None)
    return named or next((a.name for a in source.attributions if not a.metrics), None)


def _reviewed(index: Index, result: CheckResult) -> Iterator[ReviewedClaim]:
    rows: dict[int, FigureRow] | None = None
    sources = {source.id: source for source in source_infos(index.dataset)}
    for check in result.checks:
        if check.verdict not in PUBLISHED_VERDICTS:
            continue
        position = claim_position(index, check)
        if position is None:
            continue
        if rows is None:  # built once, and only when a claim is published
            rows = {row.index: row for row in query_figures(index).figures}
        figure = rows[position]
        source = sources[figure.source or ""]
        baseline = index.periods[figure.baseline].label if figure.baseline else None
        yield ReviewedClaim(check, figure, baseline, source, _claimant(source, figure.metric))


def claim_reviews(
    index: Index, result: CheckResult, *, author: str, url_prefix: str | None = None
) -> ClaimReviewResult:
    """The checks of ``result`` that a fact check publishes, each with the claim it judges.

    ``author`` publishes the fact check, at ``url_prefix`` (None: the page that
    holds the markup). Checks come in ``result``'s order.
    """
    return ClaimReviewResult(author, url_prefix, tuple(_reviewed(index, result)))
