"""Stated changes, ratios and agreement between figures, on crafted schema 2 files."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import figure, metric, period
from hypothesis import given
from hypothesis import strategies as st

from ocsae_cli.analysis import intervals as iv
from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.model import Dataset

Y2022 = period("y2022", date(2022, 1, 1), date(2022, 12, 31))
Y2023 = period("y2023", date(2023, 1, 1), date(2023, 12, 31))


def dataset(figures: list[dict[str, Any]], sources: int = 1, periods: Any = None) -> Index:
    doc = {
        "schema_version": 2,
        "sources": [
            {"id": f"src-{n}", "title": f"Source {n}", "kind": "article"} for n in range(sources)
        ],
        "periods": periods or [Y2022, Y2023],
        "metrics": [metric("offences")],
        "figures": figures,
    }
    return Index.build(Dataset.model_validate(doc))


def checks(index: Index, kind: str) -> list[Check]:
    return [c for c in run_checks(index, (Basis.CALENDAR,)).checks if c.kind == kind]


def test_a_rise_with_a_transposed_digit_fails() -> None:
    index = dataset(
        [
            figure("offences", "y2022", 31966),
            figure("offences", "y2023", 39638),
            figure("offences", "y2023", 7762, "change", baseline="y2022"),
        ]
    )
    [check] = checks(index, "change")
    assert check.verdict == "fail"
    assert check.computed == "7,672"
    assert check.subject == {"metrics": ["offences"], "periods": ["y2023", "y2022"]}


def test_a_percentage_that_holds_only_through_an_approximate_baseline_is_ok() -> None:
    # "almost 250,000" to 87,525 is a fall of 61% to 65%: "fell by 64%" holds.
    index = dataset(
        [
            figure("offences", "y2022", 250000, qualifier="almost"),
            figure("offences", "y2023", 87525),
            figure("offences", "y2023", -64, "percent-change", baseline="y2022"),
        ]
    )
    [check] = checks(index, "change")
    assert check.verdict == "ok"
    exact_baseline = dataset(
        [
            figure("offences", "y2022", 250000),
            figure("offences", "y2023", 87525),
            figure("offences", "y2023", -64, "percent-change", baseline="y2022"),
        ]
    )
    assert checks(exact_baseline, "change")[0].verdict != "ok"  # -65.0% is not 63.5 to 64.5


def test_more_than_doubled_fails_when_the_ratio_is_175() -> None:
    index = dataset(
        [
            figure("offences", "y2022", 400),
            figure("offences", "y2023", 700),
            figure("offences", "y2023", 2, "ratio", baseline="y2022", qualifier="over"),
        ]
    )
    assert checks(index, "change")[0].verdict == "fail"


def test_a_zero_baseline_is_a_note_not_a_crash() -> None:
    index = dataset(
        [
            figure("offences", "y2022", 0),
            figure("offences", "y2023", 10),
            figure("offences", "y2023", 100, "percent-change", baseline="y2022"),
        ]
    )
    [check] = checks(index, "change")
    assert (check.verdict, check.computed_value) == ("note", None)
    assert "can be zero" in check.explanation


def test_a_change_with_no_baseline_figure_cannot_be_checked() -> None:
    index = dataset(
        [
            figure("offences", "y2023", 10),
            figure("offences", "y2023", 5, "change", baseline="y2022"),
        ]
    )
    [check] = checks(index, "change")
    assert check.verdict == "note"
    assert check.explanation == "cannot be checked: no figure for 'offences' in 'y2022'"


def test_two_exact_figures_for_the_same_dates_that_differ_fail_agreement() -> None:
    twin = period("lockdown", date(2023, 1, 1), date(2023, 12, 31))
    index = dataset(
        [figure("offences", "y2023", 45), figure("offences", "lockdown", 50)],
        periods=[Y2022, Y2023, twin],
    )
    [check] = checks(index, "agreement")
    assert check.verdict == "fail"


def test_two_sources_one_day_apart_are_one_reported_period() -> None:
    article = period("to-23", date(2020, 3, 23), date(2020, 4, 23))
    release = period("to-24", date(2020, 3, 23), date(2020, 4, 24))
    agree = dataset(
        [
            figure("offences", "to-23", 202, source="src-0"),
            figure("offences", "to-24", 202, source="src-1"),
        ],
        sources=2,
        periods=[article, release],
    )
    [check] = checks(agree, "agreement")
    assert check.verdict == "note"
    assert "2020-04-23" in check.explanation and "2020-04-24" in check.explanation
    disagree = dataset(
        [
            figure("offences", "to-23", 202, source="src-0"),
            figure("offences", "to-24", 220, source="src-1"),
        ],
        sources=2,
        periods=[article, release],
    )
    assert checks(disagree, "agreement")[0].verdict == "fail"


def test_a_file_with_two_sources_must_say_which_states_each_figure() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="say which one states this figure"):
        dataset([figure("offences", "y2022", 1)], sources=2)


def test_a_share_over_100_is_rejected() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="from 0 to 100"):
        dataset([figure("offences", "y2022", 135, "share")])


counts = st.integers(min_value=1, max_value=10**9)


@given(counts, counts)
def test_a_change_computed_exactly_from_its_figures_is_ok(before: int, after: int) -> None:
    stated = round((after - before) / before * 100, 1)
    claim = iv.stated(stated, "percent-change", None)
    computed = iv.percent_change(iv.exact(after), iv.exact(before))
    assert computed is not None
    assert iv.verdict(claim, computed) == "ok"


@given(counts, counts, st.sampled_from(["almost", "around", "over", "under", "at-least", "up-to"]))
def test_widening_a_qualifier_never_turns_ok_into_fail(
    claimed: int, actual: int, qualifier: str
) -> None:
    exact_verdict = iv.verdict(iv.stated(claimed, "total", None), iv.exact(actual))
    if exact_verdict == "ok":
        assert iv.verdict(iv.stated(claimed, "total", qualifier), iv.exact(actual)) == "ok"


@given(counts, counts)
def test_swapping_period_and_baseline_negates_a_change_and_inverts_a_ratio(a: int, b: int) -> None:
    assert (
        iv.difference(iv.exact(a), iv.exact(b)).low == -iv.difference(iv.exact(b), iv.exact(a)).high
    )
    forward, backward = iv.quotient(iv.exact(a), iv.exact(b)), iv.quotient(iv.exact(b), iv.exact(a))
    assert forward is not None and backward is not None
    assert forward.low == pytest.approx(1 / backward.low)


# ---------------------------------------------------------------- share


def share_index(figures: list[dict[str, Any]]) -> Index:
    doc = {
        "schema_version": 2,
        "sources": [{"id": "src-0", "title": "Source 0"}],
        "periods": [Y2023],
        "metrics": [metric("contacts"), metric("loneliness")],
        "figures": figures,
    }
    return Index.build(Dataset.model_validate(doc))


def test_a_share_that_its_part_and_whole_give_is_ok() -> None:
    index = share_index(
        [
            figure("contacts", "y2023", 2000),
            figure("loneliness", "y2023", 700),
            figure("contacts", "y2023", 35, "share", part="loneliness"),
        ]
    )
    [check] = checks(index, "share")
    assert check.verdict == "ok"
    assert check.subject == {"metrics": ["loneliness", "contacts"], "periods": ["y2023"]}


def test_a_share_whose_part_exceeds_its_whole_fails() -> None:
    index = share_index(
        [
            figure("contacts", "y2023", 500),
            figure("loneliness", "y2023", 700),
            figure("contacts", "y2023", 35, "share", part="loneliness"),
        ]
    )
    [check] = checks(index, "share")
    assert check.verdict == "fail"
    assert "larger than its whole" in check.explanation


def test_a_share_without_its_part_is_a_note() -> None:
    index = share_index(
        [
            figure("contacts", "y2023", 500),
            figure("contacts", "y2023", 35, "share", part="loneliness"),
        ]
    )
    [check] = checks(index, "share")
    assert check.verdict == "note"
    assert check.explanation == "cannot be checked: no figure for 'loneliness' in 'y2023'"


def test_part_belongs_to_shares_and_names_a_known_metric() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="part is only for a share"):
        share_index([figure("contacts", "y2023", 5, part="loneliness")])
    with pytest.raises(ValidationError, match="unknown metric 'lonely'"):
        share_index([figure("contacts", "y2023", 5, "share", part="lonely")])


# ---------------------------------------------------------------- quote-in-source


def test_quotes_are_found_in_the_article_after_quote_marks_dashes_and_spaces() -> None:
    from ocsae_cli.analysis.checks import Article

    index = dataset(
        [
            figure("offences", "y2023", 12, quote='the "twelve" – no, 12 offences'),
            figure("offences", "y2022", 9, quote="nine offences that nobody wrote"),
        ]
    )
    article = Article("It said: the “twelve” — no,\n   12 offences last year.", "a.txt")
    result = run_checks(index, (Basis.CALENDAR,), article)
    found = {c.id: c.verdict for c in result.checks if c.kind == "quote-in-source"}
    assert found == {"quote-in-source:figures[0]": "ok", "quote-in-source:figures[1]": "fail"}
    assert result.failed


# ---------------------------------------------------------------- compare and summary


def test_compare_puts_the_stated_change_beside_the_computed_one() -> None:
    from ocsae_cli.analysis.compare import compare

    index = dataset(
        [
            figure("offences", "y2022", 31966),
            figure("offences", "y2023", 39638),
            figure("offences", "y2023", 7762, "change", baseline="y2022"),
        ]
    )
    result = compare(index, ["y2022", "y2023"], bases=(Basis.CALENDAR,))
    [row] = result.rows
    [change] = row.changes
    assert change.absolute == 7672
    [stated] = change.stated
    assert (stated.index, stated.value, stated.computed, stated.verdict) == (
        2,
        7762,
        "7,672",
        "fail",
    )
    assert row.cells[1].also_stated == ()  # the change is not an amount of offences


def test_summary_lists_the_stated_changes_of_its_periods_with_verdicts() -> None:
    from ocsae_cli.analysis.summary import summarise

    index = dataset(
        [
            figure("offences", "y2022", 400),
            figure("offences", "y2023", 700),
            figure("offences", "y2023", 2, "ratio", baseline="y2022", qualifier="over"),
        ]
    )
    [stated] = summarise(index).changes
    assert (stated.statistic, stated.qualifier, stated.verdict) == ("ratio", "over", "fail")
    assert stated.check == "change:offences:y2023:y2022:figures[2]"
