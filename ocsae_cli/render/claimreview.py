"""ClaimReview: schema.org's markup of a fact check, as JSON-LD, one object per checked claim.

Which checks are published is :mod:`ocsae_cli.analysis.reviews`' choice; this
module lays each out as Google's Fact Check markup documents it:
``claimReviewed`` (under 75 characters), ``reviewRating``, ``url``,
``author`` and ``itemReviewed``, a ``Claim`` with its ``appearance`` (the
source) and ``datePublished`` (the source's date, where the file gives it).

The rating scale, the same for every claim:

=========  ===========  ==============================================
verdict    ratingValue  alternateName
=========  ===========  ==============================================
``ok``     3            Accurate: the claim holds within its tolerance
``warn``   2            Imprecise: off, but within twice the tolerance
``fail``   1            Inaccurate: the figures contradict it
=========  ===========  ==============================================

``bestRating`` is 3 and ``worstRating`` 1.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ocsae_cli.analysis.results import ClaimReviewResult, FigureRow, Result, ReviewedClaim
from ocsae_cli.render import embed

BEST_RATING, WORST_RATING = 3, 1
RATINGS = {"ok": (3, "Accurate"), "warn": (2, "Imprecise"), "fail": (1, "Inaccurate")}
CLAIM_LIMIT = 74
"""Google asks for a claimReviewed under 75 characters: it is shown on a phone."""

_PER = {
    "daily-average": " a day",
    "weekly-average": " a week",
    "monthly-average": " a month",
    "annual-average": " a year",
}
_HEDGES = {"at-least": "at least", "up-to": "up to"}


def _number(value: float) -> str:
    """2,200, 4.5, 0.333: grouped, as few decimals as the value has."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10g}"


def _hedge(figure: FigureRow) -> str:
    return f"{_HEDGES.get(figure.qualifier, figure.qualifier)} " if figure.qualifier else ""


def value_words(figure: FigureRow, *, unit: bool = True) -> str:
    """The figure as a claim states it: "almost 100 children", "down 64%", "50 reports a week"."""
    value, statistic = figure.value, figure.statistic
    noun = f" {figure.unit}" if unit else ""
    hedge = _hedge(figure)
    if statistic in ("change", "percent-change"):
        if value == 0:  # "level with 2019"; hedged, the number reads better than words
            zero = "0%" if statistic == "percent-change" else f"0{noun}"
            return f"{hedge}{zero}" if hedge else "no change"
        direction = "up" if value > 0 else "down"
        amount = _number(abs(value)) + ("%" if statistic == "percent-change" else noun)
        return f"{hedge}{direction} {amount}"
    if statistic == "ratio":
        return f"{hedge}{_number(value)} times as many{noun}"
    if statistic == "share":
        return f"{hedge}{_number(value)}% of{noun or ' the whole'}"
    return f"{hedge}{_number(value)}{noun}{_PER.get(statistic, '')}"


def claim_text(claim: ReviewedClaim, limit: int = CLAIM_LIMIT) -> str:
    """A short summary of the claim: the metric, the period(s), the value; at most ``limit``.

    The first that fits of: metric, periods and value with its unit; without the
    unit; periods and value with its unit (which names what is counted); then
    the first, its labels cut short with "…". The rating is never in it
    (Google's rule).
    """
    figure = claim.figure
    periods = figure.period_label
    if claim.baseline_label is not None:
        periods += f" vs {claim.baseline_label}"
    full, bare = value_words(figure), value_words(figure, unit=False)
    for text in (
        f"{figure.metric_label}, {periods}: {full}",
        f"{figure.metric_label}, {periods}: {bare}",
        f"{periods}: {full}",
    ):
        if len(text) <= limit:
            return text
    where = f"{figure.metric_label}, {periods}"
    room = max(1, limit - len(bare) - 3)  # ": " and "…"
    return f"{where[:room].rstrip()}…: {bare}"[:limit]


def review_url(claim: ReviewedClaim, url_prefix: str | None) -> str:
    """The review's address: the page's, with the check's id as its fragment.

    Without a prefix it is the fragment alone, which JSON-LD resolves against
    the page that holds the markup.
    """
    return f"{url_prefix or ''}#{quote(claim.check.id, safe=':-')}"


def _organisation(name: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name}


def _appearance(claim: ReviewedClaim) -> dict[str, Any]:
    source = claim.source
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
    if source.url:
        work["url"] = source.url
    if source.publisher:
        work["publisher"] = _organisation(source.publisher)
    if source.published:
        work["datePublished"] = source.published.isoformat()
    return work


def review(claim: ReviewedClaim, *, author: str, url_prefix: str | None) -> dict[str, Any]:
    """One ClaimReview object."""
    value, name = RATINGS[claim.check.verdict]
    item: dict[str, Any] = {
        "@type": "Claim",
        "appearance": _appearance(claim),
        "text": claim.figure.quote,
    }
    if claim.source.published:
        item["datePublished"] = claim.source.published.isoformat()
    if claim.claimant:
        item["author"] = _organisation(claim.claimant)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(claim, url_prefix),
        "claimReviewed": claim_text(claim),
        "author": _organisation(author),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": name,
        },
        "reviewBody": claim.check.explanation,
        "itemReviewed": item,
    }


def dumps(result: Result, *, pretty: bool) -> str:
    """A JSON array of ClaimReview objects, safe to paste into a ``<script>`` element."""
    if not isinstance(result, ClaimReviewResult):
        raise TypeError(
            f"{type(result).__name__} has no ClaimReview markup "
            "(only `ocsae check --format claimreview` prints it)"
        )
    reviews = [
        review(claim, author=result.author, url_prefix=result.url_prefix) for claim in result.claims
    ]
    return embed.dumps(reviews, pretty=pretty)
