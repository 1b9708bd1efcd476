"""Period wording beyond months and ranges: holidays, seasons, school terms and years,
month ends, "the same six months", moving averages, glosses and week-on-week changes.

Every sentence here is written for the test; each rule is checked on wording it was not
written from.
"""

from __future__ import annotations

from datetime import date

import pytest

from ocsae_cli.extract import extract
from ocsae_cli.extract.dates import easter_sunday, holiday, nth_weekday, season_range
from ocsae_cli.extract.periods import find_mentions

from .helpers import assert_valid, one, rows

D = date


def _period_of(text: str, published: date | None) -> tuple[date, date, bool, bool, str | None]:
    draft = extract("A headline for the test\n\n" + text, published=published)
    assert_valid(draft)
    (figure,) = draft.figures
    period = next(p for p in draft.periods if p.id == figure.period)
    return period.start, period.end, period.start_inferred, period.end_inferred, period.note


def _kinds(sentence: str) -> list[str]:
    return [m.kind for m in find_mentions(sentence, 0, len(sentence), 0)]


# ---------------------------------------------------------------- calendar arithmetic


def test_easter_and_weekday_holidays() -> None:
    assert easter_sunday(2019) == D(2019, 4, 21)
    assert easter_sunday(2025) == D(2025, 4, 20)
    assert nth_weekday(2021, 11, 3, 4) == D(2021, 11, 25)  # fourth Thursday
    assert nth_weekday(2021, 5, 0, -1) == D(2021, 5, 31)  # last Monday
    assert holiday("Good Friday", 2019) == (D(2019, 4, 19), D(2019, 4, 19))
    assert holiday("Black Friday", 2021) == (D(2021, 11, 26), D(2021, 11, 26))
    assert holiday("New Year’s Eve", 2018) == (D(2018, 12, 31), D(2018, 12, 31))
    assert holiday("Midsummer", 2018) is None


def test_seasons_that_cross_the_new_year() -> None:
    assert season_range((12, 2), 2019) == (D(2019, 12, 1), D(2020, 2, 29))
    assert season_range((6, 8), 2019) == (D(2019, 6, 1), D(2019, 8, 31))


# ---------------------------------------------------------------- holidays


@pytest.mark.parametrize(
    ("sentence", "published", "start", "end"),
    [
        ("The helpline took 410 calls on Boxing Day.", D(2021, 1, 5), D(2020, 12, 26), None),
        ("Shops reported 3,200 thefts on Black Friday 2019.", D(2021, 1, 5), D(2019, 11, 29), None),
        (
            "Officers made 75 arrests over the Easter weekend.",
            D(2023, 5, 2),
            D(2023, 4, 7),
            D(2023, 4, 10),
        ),
        ("Crews answered 96 calls last Christmas Eve.", D(2019, 7, 1), D(2018, 12, 24), None),
        ("Fire crews attended 52 fires on Bonfire Night.", D(2022, 11, 20), D(2022, 11, 5), None),
    ],
)
def test_holidays_are_dated(sentence: str, published: date, start: date, end: date | None) -> None:
    row = one(sentence, published)
    assert (row.start, row.end) == (start, end or start)


def test_the_same_day_a_year_earlier_follows_the_holiday() -> None:
    (now, before) = rows(
        "The trust admitted 212 patients on New Year's Day, up from 180 on the same day "
        "a year earlier.",
        D(2022, 1, 10),
    )
    assert (now.value, now.start, now.end) == (212, D(2022, 1, 1), D(2022, 1, 1))
    assert (before.value, before.start, before.end) == (180, D(2021, 1, 1), D(2021, 1, 1))


def test_a_holiday_without_a_publication_date_is_marked_for_review() -> None:
    start, end, start_inferred, _, note = _period_of(
        "The helpline took 410 calls on Boxing Day. Figures for 2019 were similar.", None
    )
    assert (start, end) == (D(2019, 12, 26), D(2019, 12, 26))
    assert start_inferred and note is not None and note.startswith("review:")


def test_holiday_words_in_other_senses_are_not_days() -> None:
    assert "holiday" not in _kinds("The good friday crowd bought 40 tickets.")
    assert "holiday" not in _kinds("Shops sold 300 Easter eggs and 90 Christmas puddings.")


# ---------------------------------------------------------------- seasons and terms


def test_last_winter_in_january_is_the_winter_before_the_current_one() -> None:
    start, end, start_inferred, end_inferred, note = _period_of(
        "The service logged 87 falls on ice last winter.", D(2023, 1, 12)
    )
    assert (start, end) == (D(2021, 12, 1), D(2022, 2, 28))
    assert start_inferred and end_inferred
    assert note is not None and note.startswith("review:") and "December to February" in note


@pytest.mark.parametrize(
    ("sentence", "published", "start", "end"),
    [
        (
            "The charity fed 3,400 families this winter so far.",
            D(2023, 1, 12),
            D(2022, 12, 1),
            D(2023, 1, 12),
        ),
        (
            "So far this summer, lifeguards made 61 rescues.",
            D(2022, 7, 20),
            D(2022, 6, 1),
            D(2022, 7, 20),
        ),
        (
            "Councils gritted 5,100 miles of road in winter 2020-21.",
            D(2022, 1, 1),
            D(2020, 12, 1),
            D(2021, 2, 28),
        ),
        (
            "Beaches recorded 240 rescues in summer 2019.",
            D(2022, 1, 1),
            D(2019, 6, 1),
            D(2019, 8, 31),
        ),
        ("Hospitals treated 800 cases last summer.", D(2024, 1, 11), D(2023, 6, 1), D(2023, 8, 31)),
        (
            "Schools reported 1,975 suspensions in the autumn term of 2021.",
            D(2023, 7, 20),
            D(2021, 9, 1),
            D(2021, 12, 31),
        ),
        (
            "Schools reported 640 suspensions in the spring term.",
            D(2023, 7, 20),
            D(2023, 1, 1),
            D(2023, 3, 31),
        ),
    ],
)
def test_seasons_and_terms(sentence: str, published: date, start: date, end: date) -> None:
    got = _period_of(sentence, published)
    assert got[:2] == (start, end)
    assert got[2] and got[3] and got[4] is not None and got[4].startswith("review:")


@pytest.mark.parametrize(
    "sentence",
    [
        "The fall in arrests was 120 in 2021.",
        "The spring budget promised 500 new officers.",
        "Spring water sales rose to 900 bottles.",
    ],
)
def test_season_words_that_are_not_seasons(sentence: str) -> None:
    assert "season" not in _kinds(sentence)


def test_a_season_glossed_with_its_months_takes_the_stated_months() -> None:
    start, end, start_inferred, end_inferred, _ = _period_of(
        "Wardens issued 312 fines last winter, from November to March.", D(2023, 6, 1)
    )
    assert (start, end) == (D(2022, 11, 1), D(2023, 3, 31))
    assert not (start_inferred or end_inferred)


# ---------------------------------------------------------------- points and years


def test_at_the_end_of_a_month_is_that_day() -> None:
    (level, change) = rows(
        "Rent arrears stood at £2.3bn at the end of June, up 8% on a year earlier.",
        D(2023, 10, 1),
    )
    assert (level.start, level.end) == (D(2023, 6, 30), D(2023, 6, 30))
    assert (change.value, change.baseline) == (8, (D(2022, 6, 30), D(2022, 6, 30)))


def test_at_the_start_of_a_year_and_as_of_the_end_of_a_month() -> None:
    assert one("The list held 7,200 names at the start of 2021.", D(2022, 5, 1))[4:6] == (
        D(2021, 1, 1),
        D(2021, 1, 1),
    )
    row = one("The waiting list held 7,200 names as of the end of February.", D(2024, 5, 1))
    assert (row.start, row.end) == (D(2024, 2, 29), D(2024, 2, 29))


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        (
            "Colleges enrolled 4,300 apprentices in the 2019-20 academic year.",
            D(2019, 9, 1),
            D(2020, 8, 31),
        ),
        ("Savers opened 4,300 accounts in the 2019/20 tax year.", D(2019, 4, 6), D(2020, 4, 5)),
        ("Councils spent £4,300 on repairs in 2019-20.", D(2019, 4, 1), D(2020, 3, 31)),
    ],
)
def test_split_years_read_by_the_words_beside_them(sentence: str, start: date, end: date) -> None:
    got = _period_of(sentence, D(2021, 6, 1))
    assert got[:2] == (start, end)
    assert got[2] and got[4] is not None and got[4].startswith("review:")


def test_an_article_about_school_years_reads_bare_split_years_as_school_years() -> None:
    found = rows(
        "Schools suspended 4,100 pupils in 2020-21. The school year before, suspensions "
        "were lower.",
        D(2022, 1, 1),
    )
    assert (found[0].start, found[0].end) == (D(2020, 9, 1), D(2021, 8, 31))
    financial = rows(
        "Schools suspended 4,100 pupils in 2020-21, the financial year figures show. "
        "The school year is longer.",
        D(2022, 1, 1),
    )
    assert (financial[0].start, financial[0].end) == (D(2020, 4, 1), D(2021, 3, 31))


def test_a_change_since_a_split_year_is_against_that_year() -> None:
    row = one("Evictions were down by a quarter since 2016-17.", D(2020, 1, 1))
    assert (row.value, row.baseline) == (-25, (D(2016, 4, 1), D(2017, 3, 31)))


# ---------------------------------------------------------------- relative wording


def test_the_same_six_months_of_a_year_after_a_glossed_half_year() -> None:
    (now, before) = rows(
        "The council sent 9,300 letters in the first half of the year, from April to "
        "September, compared with 8,100 in the same six months of 2021.",
        D(2022, 11, 3),
    )
    assert (now.start, now.end) == (D(2022, 4, 1), D(2022, 9, 30))
    assert (before.value, before.start, before.end) == (8100, D(2021, 4, 1), D(2021, 9, 30))


def test_at_the_same_time_is_not_a_period() -> None:
    row = one("On 3 March, 95 alerts were active at the same time.", D(2022, 3, 10))
    assert (row.start, row.end) == (D(2022, 3, 3), D(2022, 3, 3))
    assert "same" not in _kinds("Two crews were at the same time on 3 March.")


def test_during_the_week_is_the_latest_week_not_the_latest_period() -> None:
    found = rows(
        "Police made 45 arrests in the week to 12 April. In March they seized 30 knives. "
        "During the week, 12 people were charged.",
        D(2020, 4, 27),
    )
    charged = next(r for r in found if r.value == 12)
    assert (charged.start, charged.end) == (D(2020, 4, 6), D(2020, 4, 12))


def test_a_weekly_change_with_no_baseline_is_on_the_week_before() -> None:
    draft = extract(
        "A headline for the test\n\nApplications rose by 3,000 to 41,000 in the week ending May 6.",
        published=D(2023, 5, 11),
    )
    assert_valid(draft)
    change = next(f for f in draft.figures if f.statistic == "change")
    periods = {p.id: p for p in draft.periods}
    base = periods[change.baseline or ""]
    assert (base.start, base.end) == (D(2023, 4, 23), D(2023, 4, 29))
    assert base.start_inferred and (base.note or "").startswith("review:")
    assert any("no baseline stated" in r.message for r in draft.review)


def test_a_moving_average_spans_its_weeks_and_steps_a_week() -> None:
    found = rows(
        "Applications rose to 41,000 in the week ending May 6. The four-week moving "
        "average fell 500 to 39,250.",
        D(2023, 5, 11),
    )
    change = next(r for r in found if r.statistic == "change")
    level = next(r for r in found if r.value == 39250)
    assert (change.value, change.start, change.end) == (-500, D(2023, 4, 9), D(2023, 5, 6))
    assert change.baseline == (D(2023, 4, 2), D(2023, 4, 29))
    assert (level.statistic, level.start, level.end) == (
        "weekly-average",
        D(2023, 4, 9),
        D(2023, 5, 6),
    )


def test_a_seven_day_average_is_a_daily_average() -> None:
    found = rows("On 9 June, the seven-day rolling average of admissions was 310.", D(2021, 6, 12))
    assert [(r.value, r.statistic, r.start, r.end) for r in found] == [
        (310, "daily-average", D(2021, 6, 3), D(2021, 6, 9))
    ]


def test_a_range_beside_a_dated_earlier_value_is_the_later_span() -> None:
    found = rows(
        "Schools recorded 2,100 suspensions from January to March, up from 1,700 in the "
        "same months of 2021, a rise of 24%.",
        D(2022, 6, 1),
    )
    change = next(r for r in found if r.statistic == "percent-change")
    assert (change.start, change.end) == (D(2022, 1, 1), D(2022, 3, 31))
    assert change.baseline == (D(2021, 1, 1), D(2021, 3, 31))


# ---------------------------------------------------------------- more ways to write dates

JUNE_15 = D(2023, 6, 15)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Wardens issued 45 fines in the week of 5 June.", D(2023, 6, 5), D(2023, 6, 11)),
        ("Wardens issued 45 fines from June 5-11.", D(2023, 6, 5), D(2023, 6, 11)),
        ("Wardens issued 45 fines between May 2 and 9, 2021.", D(2021, 5, 2), D(2021, 5, 9)),
        ("Wardens issued 45 fines on Monday 5 June.", D(2023, 6, 5), D(2023, 6, 5)),
        ("Wardens issued 45 fines on Tuesday, May 30.", D(2023, 5, 30), D(2023, 5, 30)),
        ("Wardens issued 45 fines in May last year.", D(2022, 5, 1), D(2022, 5, 31)),
        ("Wardens issued 45 fines on 3 March last year.", D(2022, 3, 3), D(2022, 3, 3)),
        ("Wardens issued 45 fines in the 1990s.", D(1990, 1, 1), D(1999, 12, 31)),
        ("Wardens issued 45 fines in April and May.", D(2023, 4, 1), D(2023, 5, 31)),
        ("Wardens issued 45 fines in March and April 2020.", D(2020, 3, 1), D(2020, 4, 30)),
        (
            "Wardens issued 45 fines in the 12 months from April 2020.",
            D(2020, 4, 1),
            D(2021, 3, 31),
        ),
        ("Wardens issued 45 fines on 25/12/2022.", D(2022, 12, 25), D(2022, 12, 25)),
    ],
)
def test_more_stated_dates(sentence: str, start: date, end: date) -> None:
    got = _period_of(sentence, JUNE_15)
    assert got[:2] == (start, end)
    assert not (got[2] or got[3])


def test_april_and_june_are_not_one_span() -> None:
    assert "range" not in _kinds("Wardens issued 45 fines in April and June.")


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Wardens issued 45 fines on Saturday.", D(2023, 6, 10), D(2023, 6, 10)),
        ("Wardens issued 45 fines last Thursday.", D(2023, 6, 8), D(2023, 6, 8)),
        ("Wardens issued 45 fines yesterday.", D(2023, 6, 14), D(2023, 6, 14)),
        ("Wardens have issued 45 fines in the year so far.", D(2023, 1, 1), JUNE_15),
        ("Wardens have issued 45 fines year to date.", D(2023, 1, 1), JUNE_15),
        ("Wardens have issued 45 fines since the start of the month.", D(2023, 6, 1), JUNE_15),
        ("Wardens issued 45 fines in mid-May.", D(2023, 5, 1), D(2023, 5, 31)),
        ("Wardens issued 45 fines in fiscal 2022.", D(2022, 1, 1), D(2022, 12, 31)),
        ("Wardens issued 45 fines in the 2021 financial year.", D(2021, 4, 1), D(2022, 3, 31)),
    ],
)
def test_dates_read_from_publication_or_a_reading_are_marked(
    sentence: str, start: date, end: date
) -> None:
    got = _period_of(sentence, JUNE_15)
    assert got[:2] == (start, end)
    assert got[3] and got[4] is not None and got[4].startswith("review:")


def test_numeric_dates_follow_the_articles_own_order() -> None:
    us = rows("On June 2, wardens issued 30 fines. On 6/5/2023 they issued 45.", JUNE_15)
    assert (us[1].start, us[1].end) == (D(2023, 6, 5), D(2023, 6, 5))
    uk = rows("On 2 June, wardens issued 30 fines. On 6/5/2023 they issued 45.", JUNE_15)
    assert (uk[1].start, uk[1].end) == (D(2023, 5, 6), D(2023, 5, 6))
    draft = extract(
        "A headline for the test\n\nOn 6/5/2023 wardens issued 45 fines.", published=JUNE_15
    )
    assert any("either day or month first" in (p.note or "") for p in draft.periods)


@pytest.mark.parametrize(
    ("sentence", "value", "baseline"),
    [
        ("Fines rose 12% in May, month on month.", 12, (D(2023, 4, 1), D(2023, 4, 30))),
        (
            "Fines rose 12% in the first quarter, quarter-on-quarter.",
            12,
            (D(2022, 10, 1), D(2022, 12, 31)),
        ),
        (
            "Fines were 12% higher in 2022 than before the pandemic, in 2019.",
            12,
            (D(2019, 1, 1), D(2019, 12, 31)),
        ),
        ("Fines in 2022 were 12% below 2019 levels.", -12, (D(2019, 1, 1), D(2019, 12, 31))),
        ("Fines in 2022 were double the 2012 level.", 2, (D(2012, 1, 1), D(2012, 12, 31))),
    ],
)
def test_more_baselines(sentence: str, value: float, baseline: tuple[date, date]) -> None:
    change = next(r for r in rows(sentence, JUNE_15) if r.baseline is not None)
    assert (change.value, change.baseline) == (value, baseline)


def test_a_year_after_in_is_a_date_even_before_a_plural_noun() -> None:
    row = next(r for r in rows("In 2022 fines rose 12%.", JUNE_15) if r.value == 12)
    assert (row.start, row.end) == (D(2022, 1, 1), D(2022, 12, 31))


# ---------------------------------------------------------------- parts, asides and ends


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("The line took 3,100 calls in the first week of March.", D(2023, 3, 1), D(2023, 3, 7)),
        ("The line took 3,100 calls in the last two weeks of May 2021.", D(2021, 5, 18),
         D(2021, 5, 31)),
        ("The line took 3,100 calls in the second week of April.", D(2023, 4, 8), D(2023, 4, 14)),
    ],
)  # fmt: skip
def test_weeks_of_a_month(sentence: str, start: date, end: date) -> None:
    assert _period_of(sentence, JUNE_15)[:2] == (start, end)


def test_the_level_a_split_change_reaches_is_at_its_later_end() -> None:
    found = rows("Between March and April, texts tripled to 9,300.", JUNE_15)
    level = next(r for r in found if r.value == 9300)
    ratio = next(r for r in found if r.statistic == "ratio")
    assert (level.start, level.end) == (D(2023, 4, 1), D(2023, 4, 30))
    assert ratio.baseline == (D(2023, 3, 1), D(2023, 3, 31))


def test_a_holiday_weekend_is_marked_and_holds_the_day() -> None:
    start, end, start_inferred, _, note = _period_of(
        "Over the Fourth of July weekend, there were 41 crashes.", D(2022, 8, 4)
    )
    assert (start, end) == (D(2022, 7, 2), D(2022, 7, 4))  # a Monday: Saturday to Monday
    assert start_inferred and (note or "").startswith("review:")


def test_since_an_event_in_part_of_a_month_runs_to_publication() -> None:
    start, end, start_inferred, end_inferred, _ = _period_of(
        "Since the second wave began in mid-September, the trust has treated 7,000 patients.",
        D(2020, 11, 12),
    )
    assert (start, end) == (D(2020, 9, 1), D(2020, 11, 12))
    assert start_inferred and end_inferred


def test_an_aside_about_a_part_does_not_become_the_context() -> None:
    found = rows(
        "Police recorded 47,000 offences in 2018. In the last three months of the year "
        "alone there were 12,500. London accounted for 15,000 of them.",
        D(2019, 5, 2),
    )
    london = next(r for r in found if r.value == 15000)
    assert (london.start, london.end) == (D(2018, 1, 1), D(2018, 12, 31))


# ---------------------------------------------------------------- comparisons


@pytest.mark.parametrize(
    ("sentence", "value", "period", "baseline"),
    [
        ("Fines rose 12% in May compared with April.", 12, (D(2023, 5, 1), D(2023, 5, 31)),
         (D(2023, 4, 1), D(2023, 4, 30))),
        ("Fines in May were up 12% on April.", 12, (D(2023, 5, 1), D(2023, 5, 31)),
         (D(2023, 4, 1), D(2023, 4, 30))),
        ("Fines in May were up 12% on last year.", 12, (D(2023, 5, 1), D(2023, 5, 31)),
         (D(2022, 5, 1), D(2022, 5, 31))),
        ("Fines fell 12% between the first half of 2021 and the first half of 2022.", -12,
         (D(2022, 1, 1), D(2022, 6, 30)), (D(2021, 1, 1), D(2021, 6, 30))),
        ("Fines in 2022 were 12% higher than the five-year average.", 12,
         (D(2022, 1, 1), D(2022, 12, 31)), (D(2017, 1, 1), D(2021, 12, 31))),
        ("Fines were 12% below the three-year average in 2022.", -12,
         (D(2022, 1, 1), D(2022, 12, 31)), (D(2019, 1, 1), D(2021, 12, 31))),
    ],
)  # fmt: skip
def test_what_a_change_is_measured_against(
    sentence: str, value: float, period: tuple[date, date], baseline: tuple[date, date]
) -> None:
    change = next(r for r in rows(sentence, JUNE_15) if r.baseline is not None)
    assert (change.value, (change.start, change.end), change.baseline) == (value, period, baseline)


def test_last_year_beside_a_month_is_that_month_a_year_earlier() -> None:
    found = rows("In May there were 560 fines, up from 500 last year.", JUNE_15)
    earlier = next(r for r in found if r.value == 500)
    assert (earlier.start, earlier.end) == (D(2022, 5, 1), D(2022, 5, 31))
    whole = rows("Wardens issued 560 fines last year.", JUNE_15)
    assert (whole[0].start, whole[0].end) == (D(2022, 1, 1), D(2022, 12, 31))


# ---------------------------------------------------------------- events and frames


def test_an_event_the_text_dates_anchors_spans_counted_from_it() -> None:
    found = rows(
        "The helpline logged 4,093 calls in the week to 10 May, against an average of 2,300 "
        "a week before lockdown began on 23 March. In the seven weeks since lockdown, calls "
        "rose by 66%.",
        D(2020, 5, 20),
    )
    before = next(r for r in found if r.value == 2300)
    assert before.statistic == "weekly-average"
    assert before.end == D(2020, 3, 22)
    change = next(r for r in found if r.value == 66)
    assert (change.start, change.end) == (D(2020, 3, 23), D(2020, 5, 10))


def test_before_the_pandemic_without_dates_is_2019_and_marked() -> None:
    draft = extract(
        "A headline for the test\n\nSeason tickets fell to 170 million in 2023, less than "
        "half the pre-pandemic level.",
        published=D(2024, 3, 7),
    )
    assert_valid(draft)
    ratio = next(f for f in draft.figures if f.statistic == "ratio")
    assert (ratio.value, ratio.qualifier) == (0.5, "under")
    base = next(p for p in draft.periods if p.id == ratio.baseline)
    assert (base.start, base.end) == (D(2019, 1, 1), D(2019, 12, 31))
    assert base.start_inferred and (base.note or "").startswith("review:")


def test_the_previous_year_beside_a_season_is_that_season_a_year_earlier() -> None:
    change = next(
        r
        for r in rows("Rough sleeping rose to 3,069 in autumn 2022, up 26% on the previous year.")
        if r.value == 26
    )
    assert change.baseline == (D(2021, 9, 1), D(2021, 11, 30))
    whole = next(r for r in rows("Fines rose 12% in 2022 on the previous year.", JUNE_15))
    assert whole.baseline == (D(2021, 1, 1), D(2021, 12, 31))


def test_a_year_named_peak_of_a_value_dates_the_value() -> None:
    found = rows(
        "Some 3,069 people slept rough in autumn 2022. The count, taken between 1 October "
        "and 30 November, is 49% lower than its 2017 peak of 4,751.",
        D(2022, 11, 24),
    )
    peak = next(r for r in found if r.value == 4751)
    assert (peak.start, peak.end) == (D(2017, 1, 1), D(2017, 12, 31))
    change = next(r for r in found if r.value == -49)
    assert (change.start, change.end) == (D(2022, 10, 1), D(2022, 11, 30))
    assert change.baseline == (D(2017, 1, 1), D(2017, 12, 31))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Police made 450 arrests in 2019. In March, they made 45.", D(2019, 3, 1)),
        ("Police made 450 arrests in 2019, including 45 in March.", D(2019, 3, 1)),
        ("In the year to March 2019 police made 450 arrests. In December they made 45.",
         D(2018, 12, 1)),
        ("Police made 450 arrests in 2019.\n\nIn March, they made 45.", D(2023, 3, 1)),
        ("Police made 450 arrests in 2023. In March, they made 45.", D(2023, 3, 1)),
    ],
)  # fmt: skip
def test_a_month_without_a_year_takes_the_year_the_paragraph_set(text: str, start: date) -> None:
    row = next(r for r in rows(text, JUNE_15) if r.value == 45)
    assert row.start == start


def test_through_a_day_is_the_year_to_that_day_and_marked() -> None:
    found = rows(
        "Through November 30, there were 7,800 homicides, compared with 8,200 over the same "
        "period last year.",
        D(2023, 1, 5),
    )
    now = next(r for r in found if r.value == 7800)
    then = next(r for r in found if r.value == 8200)
    assert (now.start, now.end) == (D(2022, 1, 1), D(2022, 11, 30))
    assert (then.start, then.end) == (D(2021, 1, 1), D(2021, 11, 30))


def test_words_that_gloss_a_date_are_not_a_second_baseline() -> None:
    change = next(
        r
        for r in rows(
            "The list has grown by 3 million since February 2020, just before the pandemic.",
            D(2023, 8, 10),
        )
        if r.statistic == "change"
    )
    assert change.baseline == (D(2020, 2, 1), D(2020, 2, 29))


@pytest.mark.parametrize(
    ("sentence", "start", "end", "marked"),
    [
        ("Wardens issued 45 fines last quarter.", D(2023, 1, 1), D(2023, 3, 31), False),
        ("Wardens issued 45 fines on the 1st of June.", D(2023, 6, 1), D(2023, 6, 1), False),
        ("Wardens issued 45 fines over Christmas.", D(2022, 12, 24), D(2022, 12, 26), True),
        ("Wardens issued 45 fines over the festive period.", D(2022, 12, 24), D(2023, 1, 1), True),
        ("Wardens issued 45 fines over Easter.", D(2023, 4, 7), D(2023, 4, 10), True),
        ("Wardens issued 45 fines over Christmas Day.", D(2022, 12, 25), D(2022, 12, 25), False),
    ],
)  # fmt: skip
def test_quarters_ordinal_days_and_the_holidays(
    sentence: str, start: date, end: date, marked: bool
) -> None:
    got = _period_of(sentence, JUNE_15)
    assert got[:2] == (start, end)
    assert got[2] == marked


def test_christmas_as_a_word_before_a_noun_is_no_period() -> None:
    assert "holiday" not in _kinds("Shops sold 45 trees during Christmas shopping week.")
