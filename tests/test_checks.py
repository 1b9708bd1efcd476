"""Every check kind and every verdict, on crafted data; then the article's verdicts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import build_index, figure, period

from ocsae_cli.analysis.checks import KINDS, Article, run_checks, tally, tally_checks
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check, CheckResult
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.load import load_file, packaged_data_path

BOTH = (Basis.STATED, Basis.CALENDAR)

# 28 days, stated as 4 weeks: the stated and calendar bases agree.
FOUR = period("four", date(2021, 3, 1), date(2021, 3, 28), stated=(4, "weeks"))
# 14 days, no stated length.
LOOSE = period("loose", date(2021, 5, 1), date(2021, 5, 14))
# 90 days, stated as 3 months.
QTR = period("qtr", date(2021, 1, 1), date(2021, 3, 31), stated=(3, "months"))
YEAR = period("yr", date(2021, 1, 1), date(2021, 12, 31), stated=(1, "years"))


def checks_of(
    periods: list[dict[str, Any]], figures: list[dict[str, Any]], kind: str
) -> dict[str, Check]:
    result = run_checks(build_index(periods, figures), BOTH)
    return {c.id: c for c in result.checks if c.kind == kind}


def verdicts(checks: dict[str, Check]) -> dict[str, str]:
    return {check_id: check.verdict for check_id, check in checks.items()}


# ---------------------------------------------------------------- average-vs-total


def test_average_vs_total_verdicts() -> None:
    figures = [
        figure("exact", "four", 40),
        figure("exact", "four", 10, "weekly-average"),  # 40 / 4 = 10: ok
        figure("close", "four", 40),
        figure("close", "four", 10.4, "weekly-average"),  # 10.35 to 10.45 misses 10: fail
        figure("rounded", "four", 41),
        figure("rounded", "four", 10, "weekly-average"),  # 9.5 to 10.5 holds 10.25: ok
        figure("off", "four", 40),
        figure("off", "four", 11, "weekly-average"),  # 10.5 to 11.5; within 0.5 more: warn
        figure("wrong", "four", 40),
        figure("wrong", "four", 20, "weekly-average"),  # 100% off: fail
        figure("hedged", "four", 40),
        figure("hedged", "four", 11, "weekly-average", qualifier="around"),  # 10%, approx: ok
    ]
    checks = checks_of([FOUR], figures, "average-vs-total")
    expected = {
        "exact": "ok",
        "close": "fail",  # stated to a tenth, so judged to a tenth
        "rounded": "ok",
        "off": "warn",
        "wrong": "fail",
        "hedged": "ok",
    }
    assert verdicts(checks) == {
        f"average-vs-total:{m}:four:weekly-average:{b}": v
        for m, v in expected.items()
        for b in ("stated", "calendar")
    }
    off = checks["average-vs-total:off:four:weekly-average:stated"]
    assert (off.claimed_value, off.computed_value) == (11, 10)
    assert off.difference == pytest.approx(0.1)
    assert off.subject == {"metrics": ["off"], "periods": ["four"]}
    assert "is off from the total of 40" in off.explanation
    assert "counting 'four' as 4 weeks" in off.explanation
    wrong = checks["average-vs-total:wrong:four:weekly-average:calendar"]
    assert "does not follow from" in wrong.explanation
    assert "counting its 28 days as 4.000 weeks" in wrong.explanation


def test_average_vs_total_without_stated_length_is_a_note_on_the_stated_basis() -> None:
    figures = [figure("cases", "loose", 28), figure("cases", "loose", 2, "weekly-average")]
    checks = checks_of([LOOSE], figures, "average-vs-total")
    stated = checks["average-vs-total:cases:loose:weekly-average:stated"]
    assert (stated.verdict, stated.computed_value, stated.computed) == (
        "note",
        None,
        "no stated length",
    )
    assert "states no length" in stated.explanation
    calendar = checks["average-vs-total:cases:loose:weekly-average:calendar"]
    assert (calendar.verdict, calendar.computed_value) == ("fail", 14)


def test_average_vs_total_monthly_average() -> None:
    figures = [figure("cases", "qtr", 300), figure("cases", "qtr", 100, "monthly-average")]
    checks = checks_of([QTR], figures, "average-vs-total")
    stated = checks["average-vs-total:cases:qtr:monthly-average:stated"]
    assert stated.verdict == "ok"
    assert stated.computed_value == pytest.approx(100)
    calendar = checks["average-vs-total:cases:qtr:monthly-average:calendar"]
    # 101.46 a month on the calendar misses 99.5 to 100.5 (and 99 to 101), but the
    # claim holds on the stated basis: the source counted three months, so a warn.
    assert calendar.verdict == "warn"
    assert "holds on the stated basis" in calendar.explanation
    assert calendar.computed_value == pytest.approx(300 / 90 * 30.4375)


def test_stated_length_inferred_is_said_in_the_explanation() -> None:
    implied = period(
        "four", date(2021, 3, 1), date(2021, 3, 28), stated=(4, "weeks"), stated_inferred=True
    )
    figures = [figure("cases", "four", 40), figure("cases", "four", 10, "weekly-average")]
    check = checks_of([implied], figures, "average-vs-total")[
        "average-vs-total:cases:four:weekly-average:stated"
    ]
    assert "a length the source implies, not states" in check.explanation


# ---------------------------------------------------------------- approximation


@pytest.mark.parametrize(
    ("qualifier", "claimed", "counted", "verdict"),
    [
        ("around", 100, 92, "ok"),  # 90 to 110
        ("around", 100, 110, "ok"),
        ("around", 100, 85, "warn"),  # 80 to 120
        ("around", 100, 70, "fail"),
        ("almost", 100, 95, "ok"),  # 90 to 100
        ("almost", 100, 85, "warn"),  # 80 to 100
        ("almost", 100, 101, "fail"),  # "almost" admits nothing above
        ("over", 50, 52, "ok"),  # 50 to 55
        ("over", 50, 57, "ok"),  # "over 50" is above 50, up to 62.5
        ("over", 50, 65, "warn"),  # within 5% more
        ("over", 50, 70, "fail"),
        ("over", 50, 48, "fail"),  # "over" admits nothing below
    ],
)
def test_approximation_verdicts(qualifier: str, claimed: int, counted: int, verdict: str) -> None:
    figures = [
        figure("cases", "four", counted),
        figure("cases", "four", claimed, qualifier=qualifier),
    ]
    checks = checks_of([FOUR], figures, "approximation")
    assert list(checks) == ["approximation:figures[1]"]
    check = checks["approximation:figures[1]"]
    assert check.verdict == verdict
    assert (check.claimed_value, check.computed_value) == (claimed, counted)
    assert check.claim == f"{qualifier} {claimed} cases"
    assert check.tolerance.startswith(f"'{qualifier}' admits ")


def test_approximation_without_an_exact_figure_is_not_checked() -> None:
    figures = [figure("cases", "four", 100, qualifier="around")]
    assert checks_of([FOUR], figures, "approximation") == {}


def test_approximation_compares_like_statistics_only() -> None:
    figures = [
        figure("cases", "four", 10, "weekly-average"),
        figure("cases", "four", 100, qualifier="around"),
    ]
    assert checks_of([FOUR], figures, "approximation") == {}


# ---------------------------------------------------------------- nesting


def test_nesting_ok_and_fail() -> None:
    wide = period("wide", date(2021, 3, 1), date(2021, 4, 30))
    figures = [
        figure("good", "wide", 50),
        figure("good", "four", 40),
        figure("bad", "wide", 30),
        figure("bad", "four", 40),
        figure("fuzzy", "wide", 10, qualifier="around"),  # approximate: not checked
        figure("fuzzy", "four", 40),
    ]
    checks = checks_of([wide, FOUR], figures, "nesting")
    assert verdicts(checks) == {"nesting:good:wide:four": "ok", "nesting:bad:wide:four": "fail"}
    assert "leaving 10 for the rest of its days" in checks["nesting:good:wide:four"].explanation
    bad = checks["nesting:bad:wide:four"]
    assert "has fewer bad (30 against 40)" in bad.explanation
    assert bad.subject == {"metrics": ["bad"], "periods": ["wide", "four"]}
    result = run_checks(build_index([wide, FOUR], figures), BOTH)
    assert result.failed


def test_nesting_holds_for_a_period_strictly_inside() -> None:
    outer = period("outer", date(2021, 2, 1), date(2021, 4, 30))
    figures = [figure("cases", "outer", 10), figure("cases", "four", 40)]
    checks = checks_of([outer, FOUR], figures, "nesting")
    assert verdicts(checks) == {"nesting:cases:outer:four": "fail"}


def test_overlapping_periods_are_not_nested() -> None:
    cross = period("cross", date(2021, 3, 20), date(2021, 4, 30))
    figures = [figure("cases", "cross", 1), figure("cases", "four", 40)]
    assert checks_of([cross, FOUR], figures, "nesting") == {}


# ---------------------------------------------------------------- average-units


@pytest.mark.parametrize(
    ("monthly", "annual", "qualifier", "verdict"),
    [
        (100, 1200, None, "ok"),  # 99.5 to 100.5 a month is 1,194 to 1,206 a year
        (100, 1206, None, "ok"),
        (100, 1207, None, "warn"),  # within the claim's rounding again
        (100, 1250, None, "fail"),  # 4% apart, but both stated as exact whole numbers
        (100, 1300, "around", "ok"),  # around 100 a month is 1,080 to 1,320 a year
        (100, 1500, "around", "warn"),  # around 1,500 is 1,350 to 1,650; 5% more reaches
        (100, 2000, None, "fail"),
    ],
)
def test_average_units_verdicts(
    monthly: int, annual: int, qualifier: str | None, verdict: str
) -> None:
    figures = [
        figure("cases", "yr", monthly, "monthly-average", qualifier=qualifier),
        figure("cases", "yr", annual, "annual-average", qualifier=qualifier),
    ]
    checks = checks_of([QTR, YEAR], figures, "average-units")
    assert list(checks) == ["average-units:figures[0]:figures[1]"]
    check = checks["average-units:figures[0]:figures[1]"]
    assert check.verdict == verdict
    assert check.computed_value == pytest.approx(monthly * 12)
    assert check.claimed_value == annual
    assert check.subject == {"metrics": ["cases"], "periods": ["yr"]}


def test_average_units_leaves_averages_of_different_periods_alone() -> None:
    # A different level in another period is a change, not an inconsistency.
    figures = [
        figure("cases", "qtr", 100, "monthly-average"),
        figure("cases", "yr", 2000, "annual-average"),
    ]
    assert checks_of([QTR, YEAR], figures, "average-units") == {}


def test_average_units_needs_different_units() -> None:
    figures = [
        figure("cases", "qtr", 100, "monthly-average"),
        figure("cases", "yr", 50, "monthly-average"),
    ]
    assert checks_of([QTR, YEAR], figures, "average-units") == {}


# ---------------------------------------------------------------- stated-vs-calendar


def test_stated_vs_calendar_verdicts() -> None:
    periods = [
        FOUR,  # 28 days as 4 weeks: ok
        period("long", date(2021, 3, 1), date(2021, 4, 1), stated=(4, "weeks")),  # 32: note
        period("stretch", date(2021, 3, 1), date(2021, 4, 29), stated=(4, "weeks")),  # 60: warn
        QTR,  # 90 days against 91.3: within 2% for months, ok
        YEAR,  # 365 against 365.25: ok
        LOOSE,  # states no length: no check
    ]
    checks = checks_of(periods, [figure("cases", "four", 1)], "stated-vs-calendar")
    assert verdicts(checks) == {
        "stated-vs-calendar:four": "ok",
        "stated-vs-calendar:long": "note",
        "stated-vs-calendar:stretch": "warn",
        "stated-vs-calendar:qtr": "ok",
        "stated-vs-calendar:yr": "ok",
    }
    long = checks["stated-vs-calendar:long"]
    assert (long.claimed_value, long.computed_value) == (28, 32)
    assert long.difference == pytest.approx(4 / 28)
    assert "The source states 4 weeks for 'long'" in long.explanation
    assert "differ by 14.3%" in long.explanation
    assert checks["stated-vs-calendar:yr"].claim == "1 year (365.2 days)"


def test_stated_vs_calendar_says_implies_for_an_inferred_length() -> None:
    implied = period(
        "four", date(2021, 3, 1), date(2021, 3, 28), stated=(4, "weeks"), stated_inferred=True
    )
    [check] = checks_of([implied], [figure("cases", "four", 1)], "stated-vs-calendar").values()
    assert "The source implies 4 weeks" in check.explanation


# ---------------------------------------------------------------- quote


@pytest.mark.parametrize(
    ("value", "qualifier", "quote", "verdict"),
    [
        (45, None, "the unit arrested 45 suspects", "ok"),
        (45, None, "the unit arrested many suspects", "fail"),
        (45, None, "the unit arrested 145 suspects", "fail"),  # not the number 45
        (45, None, "the unit arrested 45.5 suspects", "fail"),
        (2200, "around", "the number was around 2,200.", "ok"),
        (2200, None, "the number was 2200", "ok"),
        (100, "almost", "protected nearly 100 children", "ok"),
        (100, "around", "protected 100 children", "warn"),  # qualifier missing
        (4, None, "during the four weeks", "ok"),
        (2.5, None, "2.5 visits a day", "ok"),
    ],
)
def test_quote_verdicts(value: float, qualifier: str | None, quote: str, verdict: str) -> None:
    figures = [figure("cases", "four", value, qualifier=qualifier, quote=quote)]
    checks = checks_of([FOUR], figures, "quote")
    assert verdicts(checks) == {"quote:figures[0]": verdict}


def test_quote_explanations() -> None:
    figures = [
        figure("cases", "four", 45, quote="arrested many"),
        figure("cases", "four", 100, qualifier="around", quote="protected 100"),
    ]
    checks = checks_of([FOUR], figures, "quote")
    missing = checks["quote:figures[0]"]
    assert (missing.computed, missing.verdict) == ("not found in the quote", "fail")
    assert "does not contain 45" in missing.explanation
    hedge = checks["quote:figures[1]"]
    assert "not 'around' before it" in hedge.explanation


# ---------------------------------------------------------------- every verdict, tally


def test_every_kind_and_verdict_in_one_run() -> None:
    wide = period("wide", date(2021, 3, 1), date(2021, 4, 30))
    periods = [FOUR, wide, QTR, YEAR, LOOSE]
    figures = [
        figure("cases", "four", 40),
        figure("cases", "four", 11, "weekly-average"),
        figure("cases", "four", 50, qualifier="around"),
        figure("cases", "wide", 30),
        figure("cases", "loose", 7),
        figure("cases", "loose", 7, "weekly-average"),
        figure("visits", "yr", 100, "monthly-average"),
        figure("visits", "yr", 1200, "annual-average"),
        figure("visits", "qtr", 300),
        figure("visits", "qtr", 310),  # the same dates, another value: agreement fails
        figure("cases", "wide", -25, "percent-change", baseline="four"),  # 40 -> 30 is -25%
        figure("visits", "qtr", 40, "share", part="cases"),  # no cases in qtr: a note
    ]
    article = Article("Nothing here is quoted.", "article.txt")  # every quote-in-source fails
    result = run_checks(build_index(periods, figures), BOTH, article)
    kinds = [c.kind for c in result.checks]
    assert set(kinds) == set(KINDS)
    assert kinds == sorted(kinds, key=KINDS.index)  # grouped in the order of KINDS
    assert {c.verdict for c in result.checks} == {"ok", "note", "warn", "fail"}
    assert result.failed
    counted = tally(result)
    assert counted.total == len(result.checks)
    assert sum(counted.counts.values()) == counted.total
    assert set(counted.not_ok) == {c.id for c in result.checks if c.verdict in ("warn", "fail")}
    assert len({c.id for c in result.checks}) == len(result.checks)


def test_tally_without_explanations_counts_what_run_checks_explains() -> None:
    """The summary's tally skips writing explanations; it must count the same checks."""
    crafted = build_index(
        [FOUR, LOOSE, QTR, YEAR],
        [
            figure("cases", "four", 40),
            figure("cases", "four", 14, "weekly-average"),
            figure("cases", "loose", 7, "weekly-average"),
            figure("cases", "loose", 7),
            figure("visits", "qtr", 100, "monthly-average", qualifier="around"),
            figure("visits", "yr", 1500, "annual-average"),
            figure("visits", "four", 9, quote="nine visits, or so"),
            figure("visits", "four", 80, quote="the quote has no number"),
        ],
    )
    article = Index.build(load_file(packaged_data_path()))
    for index in (crafted, article):
        for bases in (BOTH, (Basis.STATED,), (Basis.CALENDAR,)):
            assert tally_checks(index, bases) == tally(run_checks(index, bases))
    assert tally_checks(crafted, BOTH).counts["fail"] > 0


def test_failed_is_false_without_a_fail() -> None:
    figures = [figure("cases", "four", 40), figure("cases", "four", 11, "weekly-average")]
    result = run_checks(build_index([FOUR], figures), BOTH)
    assert {c.verdict for c in result.checks} >= {"warn"}
    assert not result.failed
    assert not CheckResult(checks=()).failed


def test_single_basis_runs_average_checks_on_that_basis_only() -> None:
    figures = [figure("cases", "four", 40), figure("cases", "four", 10, "weekly-average")]
    result = run_checks(build_index([FOUR], figures), (Basis.CALENDAR,))
    bases = {c.basis for c in result.checks if c.kind == "average-vs-total"}
    assert bases == {"calendar"}


# ---------------------------------------------------------------- the article


@pytest.fixture(scope="module")
def article() -> CheckResult:
    return run_checks(Index.build(load_file(packaged_data_path())), BOTH)


def article_verdict(result: CheckResult, check_id: str) -> str:
    [check] = [c for c in result.checks if c.id == check_id]
    return check.verdict


def test_article_nca_average_ok_on_stated_and_warn_on_calendar(article: CheckResult) -> None:
    stated = "average-vs-total:nca-reports:nca-referrals:weekly-average:stated"
    calendar = "average-vs-total:nca-reports:nca-referrals:weekly-average:calendar"
    assert article_verdict(article, stated) == "ok"
    assert article_verdict(article, calendar) == "warn"
    [check] = [c for c in article.checks if c.id == calendar]
    assert check.computed_value == pytest.approx(202 / (33 / 7))


def test_article_almost_and_around_100_fit_92(article: CheckResult) -> None:
    approximations = {c.claim: c.verdict for c in article.checks if c.kind == "approximation"}
    assert approximations == {"almost 100 children": "ok", "around 100 children": "ok"}
    assert {c.computed_value for c in article.checks if c.kind == "approximation"} == {92}


def test_article_nesting_ok(article: CheckResult) -> None:
    nesting = {c.id: c.verdict for c in article.checks if c.kind == "nesting"}
    assert nesting == {
        f"nesting:{m}:seven-weeks:lockdown": "ok"
        for m in ("arrests", "children-protected", "warrants-executed")
    }


def test_article_stated_vs_calendar_notes(article: CheckResult) -> None:
    notes = {
        c.id.removeprefix("stated-vs-calendar:")
        for c in article.checks
        if c.kind == "stated-vs-calendar" and c.verdict == "note"
    }
    assert notes == {"lockdown", "seven-weeks", "nca-referrals"}


def test_article_quotes_all_ok(article: CheckResult) -> None:
    quotes = {c.id: c.verdict for c in article.checks if c.kind == "quote"}
    assert len(quotes) == 15
    # "remain level" is a change of 0 in words: read by eye, not found as digits
    assert quotes.pop("quote:figures[14]") == "note"
    assert set(quotes.values()) == {"ok"}


def test_the_article_claim_of_no_change_holds(article: CheckResult) -> None:
    [level] = [c for c in article.checks if c.kind == "change"]
    assert level.id == "change:offences:q1-2020:year-2019:figures[14]"
    assert level.verdict == "ok"
    assert level.subject == {"metrics": ["offences"], "periods": ["q1-2020", "year-2019"]}


def test_article_does_not_fail(article: CheckResult) -> None:
    assert not article.failed
    assert tally(article).counts["fail"] == 0
    assert tally(article).not_ok == (
        "average-vs-total:nca-reports:nca-referrals:weekly-average:calendar",
    )


def test_two_averages_of_one_statistic_get_distinct_check_ids() -> None:
    figures = [
        figure("cases", "four", 40),
        figure("cases", "four", 10, "weekly-average"),
        figure("cases", "four", 20, "weekly-average"),
    ]
    checks = checks_of([FOUR], figures, "average-vs-total")
    assert sorted(checks) == [
        "average-vs-total:cases:four:weekly-average:figures[1]:calendar",
        "average-vs-total:cases:four:weekly-average:figures[1]:stated",
        "average-vs-total:cases:four:weekly-average:figures[2]:calendar",
        "average-vs-total:cases:four:weekly-average:figures[2]:stated",
    ]
    assert checks["average-vs-total:cases:four:weekly-average:figures[1]:stated"].verdict == "ok"
    assert checks["average-vs-total:cases:four:weekly-average:figures[2]:stated"].verdict == "fail"


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        ("code İ45 was closed", "fail"),  # glued to a letter, however it lower-cases
        ("ſix were arrested", "ok"),  # the long s is an s when case is ignored
        ("SIX were arrested", "ok"),
        ("sixty were arrested", "fail"),  # inside a longer word
    ],
)
def test_quote_search_ignores_case_as_unicode_does(quote: str, verdict: str) -> None:
    figures = [figure("cases", "four", 45 if "45" in quote else 6, quote=quote)]
    (check,) = checks_of([FOUR], figures, "quote").values()
    assert check.verdict == verdict


def test_every_check_names_the_figures_it_compares_by_query_index(
    article: CheckResult,
) -> None:
    figures = {c.id: c.figures for c in article.checks}
    # the claimed average first, then the total it is computed from
    assert figures["average-vs-total:nca-reports:nca-referrals:weekly-average:calendar"] == (10, 9)
    assert figures["approximation:figures[2]"] == (2, 1)  # almost 100, then the 92 counted
    assert figures["nesting:arrests:seven-weeks:lockdown"] == (0, 6)
    assert figures["quote:figures[13]"] == (13,)
    assert figures["change:offences:q1-2020:year-2019:figures[14]"] == (14, 11, 12)
    assert figures["stated-vs-calendar:lockdown"] == ()  # about a period, not a figure
    every = {i for c in article.checks for i in c.figures}
    assert every == set(range(15))


def test_a_claim_that_holds_on_the_stated_basis_is_warn_on_the_calendar_one_alone() -> None:
    # The verdict on one basis must not depend on which bases were asked for.
    packaged = Index.build(load_file(packaged_data_path()))
    alone = run_checks(packaged, (Basis.CALENDAR,))
    [nca] = [c for c in alone.checks if c.kind == "average-vs-total"]
    assert nca.verdict == "warn"
    assert "holds on the stated basis" in nca.explanation
    assert not alone.failed


@pytest.mark.parametrize(
    ("value", "statistic", "quote", "verdict"),
    [
        (20, "percent-change", "knife crime rose by a fifth", "ok"),
        (-50, "percent-change", "arrests halved", "ok"),
        (2, "ratio", "calls more than doubled", "ok"),
        (3, "ratio", "searches trebled in a year", "ok"),
        (100 / 3, "share", "a third of all contacts", "ok"),
        (25, "share", "one in four callers", "ok"),
        (20, "percent-change", "knife crime rose sharply", "fail"),  # neither digits nor words
    ],
)
def test_a_percentage_or_ratio_written_in_words_is_found_in_its_quote(
    value: float, statistic: str, quote: str, verdict: str
) -> None:
    extra: dict[str, Any] = {"baseline": "four"} if statistic in ("percent-change", "ratio") else {}
    figures = [figure("cases", "qtr", value, statistic, quote=quote, **extra)]
    (check,) = checks_of([FOUR, QTR], figures, "quote").values()
    assert check.verdict == verdict
