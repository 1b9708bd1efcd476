"""``ocsae check --format claimreview``: schema.org ClaimReview JSON-LD for a fact check.

The required and recommended fields are those of Google's Fact Check markup
documentation (Search Central, "Fact check (ClaimReview) structured data"),
encoded below as a JSON Schema:

- ClaimReview: required ``claimReviewed`` ("try to keep this less than 75
  characters"; no rating in it), ``reviewRating`` and ``url``; recommended
  ``author`` (an Organization or a Person, with a name) and ``itemReviewed``.
- Claim (the ``itemReviewed``): recommended ``appearance`` (a URL or a
  CreativeWork where the claim appears), ``author`` and ``datePublished``.
- Rating (the ``reviewRating``): required ``alternateName`` (the rating in
  words); ``ratingValue`` between ``worstRating`` and ``bestRating`` (integers
  recommended, ``bestRating`` above ``worstRating``, ``worstRating`` at least 1).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from clirun import Outcome, invoke
from publish_data import TWO_SOURCES_TOML

from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.reviews import PUBLISHED_VERDICTS, REVIEWED_KINDS
from ocsae_cli.load import load_file, packaged_data_path
from ocsae_cli.render.claimreview import BEST_RATING, WORST_RATING, claim_text

from .helpers import reviews

ORGANISATION_OR_PERSON = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {
        "@type": {"enum": ["Organization", "Person"]},
        "name": {"type": "string", "minLength": 1},
    },
}
GOOGLE_CLAIM_REVIEW: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "@context",
        "@type",
        "claimReviewed",
        "reviewRating",
        "url",
        "author",
        "itemReviewed",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "claimReviewed": {"type": "string", "minLength": 1, "maxLength": 74},
        "url": {"type": "string", "minLength": 1},
        "author": ORGANISATION_OR_PERSON,
        "reviewRating": {
            "type": "object",
            "required": ["@type", "alternateName", "ratingValue", "bestRating", "worstRating"],
            "properties": {
                "@type": {"const": "Rating"},
                "alternateName": {"type": "string", "minLength": 1},
                "ratingValue": {"type": "integer"},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer", "minimum": 1},
            },
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type", "appearance"],
            "properties": {
                "@type": {"const": "Claim"},
                "appearance": {
                    "anyOf": [
                        {"type": "string", "minLength": 1},
                        {
                            "type": "object",
                            "required": ["@type"],
                            "anyOf": [{"required": ["url"]}, {"required": ["headline"]}],
                        },
                    ]
                },
                "datePublished": {"type": "string", "format": "date"},
                "author": ORGANISATION_OR_PERSON,
            },
        },
    },
}
VALIDATOR = jsonschema.Draft202012Validator(
    GOOGLE_CLAIM_REVIEW, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
PREFIX = "https://checks.example.org/lockdown-figures"


@pytest.fixture
def two_sources(tmp_path: Path) -> Path:
    path = tmp_path / "two.toml"
    path.write_text(TWO_SOURCES_TOML, encoding="utf-8")
    return path


def markup(*args: str, data: Path | None = None) -> tuple[Outcome, list[dict[str, Any]]]:
    extra = ["--data", str(data)] if data is not None else []
    outcome = invoke(["check", "--format", "claimreview", *args, *extra])
    assert outcome.exit_code in (0, 1), outcome.output
    return outcome, json.loads(outcome.stdout)


def checks_json(data: Path | None = None, *args: str) -> list[dict[str, Any]]:
    extra = ["--data", str(data)] if data is not None else []
    checks: list[dict[str, Any]] = json.loads(invoke(["check", "--json", *args, *extra]).stdout)
    return checks


def assert_googles_fields(review: dict[str, Any]) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(review)]
    assert errors == [], review
    rating = review["reviewRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["bestRating"] > rating["worstRating"]
    assert rating["alternateName"] not in review["claimReviewed"]  # no rating in the claim


def test_every_review_has_googles_fields() -> None:
    _, packaged = markup("--author", "Test Checkers", "--url-prefix", PREFIX)
    assert packaged
    for review in packaged:
        assert_googles_fields(review)
        assert review["author"] == {"@type": "Organization", "name": "Test Checkers"}
        assert urlsplit(review["url"]).geturl().startswith(PREFIX + "#")


def test_ok_and_fail_are_both_published(two_sources: Path) -> None:
    outcome, published = markup("--author", "Test Checkers", data=two_sources)
    assert outcome.exit_code == 1  # a claim fails: check's exit code, markup printed in full
    ratings = {review["reviewRating"]["alternateName"] for review in published}
    assert ratings == {"Accurate", "Inaccurate"}
    for review in published:
        assert_googles_fields(review)


def test_one_review_per_published_check_of_a_claim(two_sources: Path) -> None:
    for data in (None, two_sources):
        _, published = markup("--author", "A", data=data)
        expected = [
            check["id"]
            for check in checks_json(data)
            if check["kind"] in REVIEWED_KINDS and check["verdict"] in PUBLISHED_VERDICTS
        ]
        assert [unquote(review["url"]).removeprefix("#") for review in published] == expected
    left_out = {check["kind"] for check in checks_json(two_sources)} - set(REVIEWED_KINDS)
    assert {"quote", "nesting", "stated-vs-calendar"} <= left_out


def test_each_check_judges_the_figure_that_states_its_claim(two_sources: Path) -> None:
    from ocsae_cli.analysis.checks import run_checks
    from ocsae_cli.analysis.reviews import claim_position
    from ocsae_cli.analysis.weeks import Basis

    index = Index.build(load_file(two_sources))
    found = {
        check.id: claim_position(index, check)
        for check in run_checks(index, (Basis.STATED,)).checks
    }
    assert {k: v for k, v in found.items() if v is not None} == {
        "average-vs-total:calls:q4-2023:weekly-average:stated": 7,  # 150 a week, not 1,300
        "approximation:figures[4]": 4,  # around 87,000, not the 87,525 counted
        "change:fraud:yr-2023:yr-2022:figures[2]": 2,
        "change:fraud:yr-2023:yr-2022:figures[3]": 3,
        "agreement:fraud:figures[1]:figures[4]": 4,  # the later figure, against the earlier
    }
    packaged = Index.build(load_file(packaged_data_path()))
    agreement = next(
        c for c in run_checks(packaged, (Basis.STATED,)).checks if c.kind == "agreement"
    )
    assert agreement.id == "agreement:children-protected:figures[2]:figures[3]"
    assert claim_position(packaged, agreement) == 3  # both say 100: the id names it last


def test_the_claim_appears_in_its_source_on_its_date(two_sources: Path) -> None:
    _, published = markup("--author", "A", data=two_sources)
    change = next(r for r in published if "figures%5B3%5D" in r["url"])
    assert change["claimReviewed"] == (
        "Year ending March 2023 vs Year ending March 2022: down 170,000 offences"
    )
    assert change["reviewRating"]["ratingValue"] == WORST_RATING
    claim = change["itemReviewed"]
    assert claim["datePublished"] == "2023-07-21"
    assert claim["appearance"] == {
        "@type": "CreativeWork",
        "headline": "Fraud falls by almost two-thirds in Testshire",
        "url": "https://news.example.org/fraud-falls",
        "publisher": {"@type": "Organization", "name": "Example News"},
        "datePublished": "2023-07-21",
    }
    assert claim["text"] == "170,000 fewer offences than the year before"
    percent = next(r for r in published if "figures%5B2%5D" in r["url"])
    assert percent["reviewRating"]["ratingValue"] == BEST_RATING
    assert percent["claimReviewed"].endswith(": down 64%")
    calls = next(r for r in published if r["url"].startswith("#average-vs-total:calls"))
    assert calls["itemReviewed"]["author"] == {"@type": "Organization", "name": "Testshire Police"}


def test_the_packaged_article_has_no_date_or_address_to_give() -> None:
    _, published = markup("--author", "A")
    for review in published:
        claim = review["itemReviewed"]
        assert "datePublished" not in claim  # the article states none; none is made up
        assert claim["appearance"]["headline"].startswith("Data shows around 100 children")
        assert review["url"].startswith("#")  # relative: the page that holds the markup


def test_one_basis_gives_one_review_of_an_average() -> None:
    _, both = markup("--author", "A")
    _, stated = markup("--author", "A", "--basis", "stated")
    averages = [r for r in both if r["url"].startswith("#average-vs-total")]
    assert len(averages) == 2
    assert [r for r in stated if r["url"].startswith("#average-vs-total")] == averages[:1]


def test_markup_is_safe_inside_a_script_element(tmp_path: Path) -> None:
    hostile = "</script><script>alert(1)</script> \u202e Fraud fell by 64% on the year before"
    path = tmp_path / "hostile.toml"
    path.write_text(
        TWO_SOURCES_TOML.replace("Fraud fell by 64% on the year before", hostile), encoding="utf-8"
    )
    outcome, published = markup("--author", "<b>Checkers</b>", data=path)
    assert "<" not in outcome.stdout and "\u202e" not in outcome.stdout
    assert published[0]["author"]["name"] == "<b>Checkers</b>"
    texts = [r["itemReviewed"]["text"] for r in published]
    assert hostile in texts


def test_a_long_claim_is_cut_to_fit() -> None:
    index = Index.build(load_file(packaged_data_path()))
    claim = reviews(index).claims[0]
    long_label = "The very long period that a statistical bulletin names in full, with its dates"
    figure = claim.figure._replace(
        metric_label="A metric with a long name as well",
        period_label=long_label,
        value=12345,
        approximate=True,
        qualifier="around",
    )
    text = claim_text(claim._replace(figure=figure))
    assert len(text) <= 74
    assert text.startswith("A metric with a long name as well, The very long period")
    assert text.endswith("…: around 12,345")


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "claimreview"], "--format claimreview needs --author NAME"),
        (["--format", "claimreview", "--author", " "], "--format claimreview needs --author"),
        (["--author", "A"], "only apply with --format claimreview"),
        (["--json", "--url-prefix", PREFIX], "only apply with --format claimreview"),
        (["-f", "claimreview", "--author", "A", "--url-prefix", "example.org"], "http"),
        (["-f", "claimreview", "--author", "A", "--url-prefix", PREFIX + "#x"], "without a #"),
        (["--format", "vega-lite"], "ocsae check cannot print vega-lite; it prints table"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    outcome = invoke(["check", *args])
    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    assert outcome.stderr.count("\n") == 1
    assert message in outcome.stderr


def test_only_check_prints_claimreview() -> None:
    outcome = invoke(["query", "--format", "claimreview"])
    assert outcome.exit_code == 2
    assert "ocsae query cannot print claimreview; it prints table, json, csv" in outcome.stderr
    assert "claimreview" not in outcome.stderr.split("it prints")[1]
