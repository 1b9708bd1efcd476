"""Numbers that are not figures (ages after names, class names, probabilities, lines to
call, forecasts, thresholds, durations in school days) and figures read from wording
(hours counted in thousands, "in a week", "45% above", "averaged", "remained flat").

Every sentence here is written for the test.
"""

from __future__ import annotations

from datetime import date

import pytest

from ocsae_cli.extract import extract

from .helpers import assert_valid, one, rows, values

PUBLISHED = date(2022, 6, 1)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # ages
        ("Tom Reed, 37, a ward nurse, said 40 beds had closed in May.", [40]),
        ('"It was chaos," said Ana Silva, 29, one of 300 staff hired in May.', [300]),
        ("Her son was expelled at 14, and 230 pupils were expelled in 2021.", [230]),
        ("She first called the line when she was 15; it took 900 calls in May.", [900]),
        # classes and names
        ("Crews reached 812 category 2 calls in May.", [812]),
        ("Pupils in Year 6 sat 3,000 tests in May.", [3000]),
        ("In May, tier 3 rules covered 11 council areas.", [11]),
        # durations with a word between
        ("Claims take five working days; 800 were paid in May.", [800]),
        ("A pupil may miss up to 45 school days, and 1,200 did in 2021.", [1200]),
        # probabilities, lines, forecasts, thresholds
        ("Homes in the zone have a 1 in 200 or higher chance of flooding.", []),
        (
            "Each house has a one in 50 risk of subsidence, and 3,400 houses are in May's list.",
            [3400],
        ),
        ("Wildlife crime can be reported on 101.", []),
        ("Economists had expected 5,000 job cuts in May; firms announced 6,200.", [6200]),
        ("Analysts forecast claims to reach 250,000 in May; they rose to 210,000.", [210000]),
        ("Claims rose more than expected to 210,000 in May.", [210000]),
        ('"Claims under 200,000 mean a tight market," she said in May.', []),
        ("In May, claims fell to under 200,000.", [200000]),
        # ranks, emergency lines and goals
        ("The top 10 wards in May had 45% of the thefts.", [45]),
        ("In May, 999 calls rose to 12,000, and 111 calls to 9,000.", [12000, 9000]),
        ("A 10-year plan launched in May aims to cut thefts by 20%.", []),
        ("The council's target is to fill 5,000 potholes; it filled 3,900 in May.", [3900]),
        ("The force pledged to hire 300 officers and hired 120 in May.", [120]),
    ],
)
def test_which_numbers_are_figures(sentence: str, kept: list[float]) -> None:
    assert values(sentence, PUBLISHED) == kept


def test_shares_are_still_shares_beside_the_probability_rule() -> None:
    row = one("In May, one in five adults were at risk of debt.", PUBLISHED)
    assert (row.value, row.statistic) == (20, "share")


def test_thousands_of_hours_are_counted_time() -> None:
    row = one("Crews lost 14,300 hours waiting at hospitals in May.", PUBLISHED)
    assert (row.value, row.statistic, row.metric) == (14300, "total", "hours")
    assert values("Crews waited six hours at hospitals in May.", PUBLISHED) == []


@pytest.mark.parametrize(
    ("sentence", "statistic"),
    [
        ("Police made 300 arrests in a week in May.", "total"),
        ("Police made 300 arrests within a day in May.", "total"),
        ("Police made 300 arrests a week in May.", "weekly-average"),
        ("In May, 3,900 patients had waited more than a year.", "total"),
        ("In May, 3,900 patients had waited at least a week.", "total"),
        ("Weekly claims averaged 218,000 in 2019.", "weekly-average"),
        ("In 2019, daily admissions were 450 on average.", "daily-average"),
        ("The monthly figure averaged 1,300 in 2019.", "monthly-average"),
    ],
)  # fmt: skip
def test_rates_and_spans(sentence: str, statistic: str) -> None:
    assert {r.statistic for r in rows(sentence, PUBLISHED)} == {statistic}


def test_above_or_below_a_level_is_a_change_against_it() -> None:
    draft = extract(
        "A headline for the test\n\nIn May, rainfall was 45% above the long-term average.",
        published=PUBLISHED,
    )
    assert_valid(draft)
    (figure,) = draft.figures
    assert (figure.value, figure.statistic) == (45, "percent-change")
    baseline = next(p for p in draft.periods if p.id == figure.baseline)
    assert baseline.label.lower().startswith("long-term average")
    assert (baseline.note or "").startswith("review:") and "no dates" in (baseline.note or "")
    row = one("In May, attendance was 12% below normal.", PUBLISHED)
    assert (row.value, row.statistic) == (-12, "percent-change")


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("In 2021, burglaries remained flat on 2020.", "around"),
        ("In 2021, calls to the line stayed steady compared with 2020.", "around"),
        ("In 2021, thefts were unchanged from 2020.", None),
    ],
)
def test_no_change_in_words_is_a_change_of_zero(sentence: str, qualifier: str | None) -> None:
    row = one(sentence, PUBLISHED)
    assert (row.value, row.statistic, row.qualifier) == (0, "percent-change", qualifier)
    assert (row.start, row.end) == (date(2021, 1, 1), date(2021, 12, 31))
    assert row.baseline == (date(2020, 1, 1), date(2020, 12, 31))


def test_level_words_without_a_comparison_are_not_changes() -> None:
    assert values("In 2021, the river stayed level for a week.", PUBLISHED) == []
    assert values("In 2021, patients remained stable overnight.", PUBLISHED) == []
