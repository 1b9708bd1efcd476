"""Periods: every kind the issue lists, dated against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from ocsae_cli.extract import extract
from ocsae_cli.extract.periods import Resolver, find_mentions

from .helpers import assert_valid, one, rows

PUBLISHED = date(2017, 10, 19)
D = date


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Police made 45 arrests from 23 March to 23 April.", D(2017, 3, 23), D(2017, 4, 23)),
        ("Police made 45 arrests between March 23 and April 24.", D(2017, 3, 23), D(2017, 4, 24)),
        ("Police made 45 arrests between 1 and 7 March.", D(2017, 3, 1), D(2017, 3, 7)),
        ("Police made 45 arrests from March to May 2016.", D(2016, 3, 1), D(2016, 5, 31)),
        ("Police made 45 arrests between 2014 and 2016.", D(2014, 1, 1), D(2016, 12, 31)),
        ("Police made 45 arrests in March.", D(2017, 3, 1), D(2017, 3, 31)),
        ("Police made 45 arrests in December.", D(2016, 12, 1), D(2016, 12, 31)),
        ("Police made 45 arrests in March 2015.", D(2015, 3, 1), D(2015, 3, 31)),
        ("Police made 45 arrests in 2016.", D(2016, 1, 1), D(2016, 12, 31)),
        ("Police made 45 arrests last year.", D(2016, 1, 1), D(2016, 12, 31)),
        ("Police made 45 arrests last month.", D(2017, 9, 1), D(2017, 9, 30)),
        (
            "Police made 45 arrests in the twelve months to June 2017.",
            D(2016, 7, 1),
            D(2017, 6, 30),
        ),
        ("Police made 45 arrests in the year to June.", D(2016, 7, 1), D(2017, 6, 30)),
        ("Police made 45 arrests in the year ending March 2016.", D(2015, 4, 1), D(2016, 3, 31)),
        ("Police made 45 arrests in the week to 12 April.", D(2017, 4, 6), D(2017, 4, 12)),
        ("Police made 45 arrests in the week beginning 8 May.", D(2017, 5, 8), D(2017, 5, 14)),
        (
            "Police made 45 arrests in the first three months of 2020.",
            D(2020, 1, 1),
            D(2020, 3, 31),
        ),
        ("Police made 45 arrests in the first half of 2016.", D(2016, 1, 1), D(2016, 6, 30)),
        ("Police made 45 arrests in the second quarter of 2016.", D(2016, 4, 1), D(2016, 6, 30)),
        ("Police made 45 arrests in Q3 2016.", D(2016, 7, 1), D(2016, 9, 30)),
        ("Police made 45 arrests on 16 March.", D(2017, 3, 16), D(2017, 3, 16)),
    ],
)
def test_stated_periods(sentence: str, start: date, end: date) -> None:
    row = one(sentence, PUBLISHED)
    assert (row.value, row.start, row.end) == (45, start, end)


def test_inferred_periods_are_marked_with_a_review_note() -> None:
    text = "For the past seven weeks, starting from 2 March, the unit made 72 arrests."
    draft = extract("Headline here for test\n\n" + text, published=date(2020, 4, 27))
    (period,) = draft.periods
    assert (period.start, period.end) == (D(2020, 3, 2), D(2020, 4, 19))
    assert not period.start_inferred and period.end_inferred
    assert period.note is not None and period.note.startswith("review:")
    assert period.stated_length == (7, "weeks", False)
    assert_valid(draft)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Police made 45 arrests in the past 12 months.", D(2016, 10, 20), D(2017, 10, 19)),
        ("Police made 45 arrests since April.", D(2017, 4, 1), D(2017, 10, 19)),
        ("Police made 45 arrests since 2 March.", D(2017, 3, 2), D(2017, 10, 19)),
        ("Police made 45 arrests in 2016/17.", D(2016, 4, 1), D(2017, 3, 31)),
        ("Police made 45 arrests this year.", D(2017, 1, 1), D(2017, 10, 19)),
    ],
)
def test_guessed_ends_are_marked_inferred(sentence: str, start: date, end: date) -> None:
    draft = extract("Headline here for test\n\n" + sentence, published=PUBLISHED)
    (period,) = draft.periods
    assert (period.start, period.end) == (start, end)
    assert period.start_inferred or period.end_inferred
    assert period.note is not None and period.note.startswith("review:")


def test_relative_periods_count_back_from_the_sentence_period() -> None:
    found = rows(
        "There were 1.7m calls in the twelve months to June 2017, up from 1.5m in the previous "
        "12 months. In 2016 there were 540 offences, and 600 the year before. Thefts were down "
        "5% on the same period last year.",
        PUBLISHED,
    )
    assert [(r.value, r.start, r.end) for r in found] == [
        (1_700_000, D(2016, 7, 1), D(2017, 6, 30)),
        (1_500_000, D(2015, 7, 1), D(2016, 6, 30)),
        (540, D(2016, 1, 1), D(2016, 12, 31)),
        (600, D(2015, 1, 1), D(2015, 12, 31)),
        (-5, D(2016, 1, 1), D(2016, 12, 31)),
    ]
    assert found[-1].baseline == (D(2015, 1, 1), D(2015, 12, 31))


def test_over_the_same_period_is_the_period_before() -> None:
    found = rows(
        "Officers made 300 arrests in March. Over the same period, they seized 40 knives.",
        PUBLISHED,
    )
    assert {(r.start, r.end) for r in found} == {(D(2017, 3, 1), D(2017, 3, 31))}


def test_a_named_period_takes_the_dates_given_beside_it() -> None:
    found = rows(
        "Arrests rose during lockdown. Police made 1,426 arrests in the four weeks of lockdown, "
        "from 23 March to 19 April. Almost half of those arrested during lockdown were men.",
        date(2020, 4, 28),
    )
    assert {(r.start, r.end) for r in found} == {(D(2020, 3, 23), D(2020, 4, 19))}


def test_each_figure_gets_the_nearest_period() -> None:
    found = rows(
        "Calls averaged 330 a week in 2016, and 1,400 per month on average in 2015. "
        "There were 97 killings in 2021, up from 88 in 2020.",
        date(2022, 1, 5),
    )
    assert [(r.value, r.start.year) for r in found] == [
        (330, 2016),
        (1400, 2015),
        (97, 2021),
        (88, 2020),
    ]


def test_without_a_publication_date_relative_periods_are_marked_for_review() -> None:
    text = "Police made 45 arrests in March and 300 last year. In 2019 there were 12 more."
    draft = extract("Headline here for test\n\n" + text, published=None)
    assert_valid(draft)
    by_value = {f.value: f for f in draft.figures}
    periods = {p.id: p for p in draft.periods}
    march = periods[by_value[45].period]
    last_year = periods[by_value[300].period]
    assert march.start_inferred and march.end_inferred and march.start.year == 2019
    assert last_year.start_inferred and (last_year.note or "").startswith("review:")
    year_2019 = periods[by_value[12].period]
    assert not year_2019.start_inferred


def test_mentions_do_not_swallow_counts() -> None:
    text = "More than a quarter of calls were abandoned, and 2019 arrests were made in 2019."
    mentions = find_mentions(text, 0, len(text), 0)
    assert [text[m.start : m.end] for m in mentions] == ["2019"]
    resolver = Resolver(PUBLISHED, PUBLISHED)
    resolved = resolver.resolve(mentions[0], None)
    assert resolved is not None and resolved.span.start == D(2019, 1, 1)


def test_a_change_between_two_years_is_measured_at_the_end_against_the_start() -> None:
    found = rows(
        "Arrests doubled between 2010 and 2020. Calls fell 5% from March to May.", PUBLISHED
    )
    assert [(r.value, r.start, r.end, r.baseline) for r in found] == [
        (2, D(2020, 1, 1), D(2020, 12, 31), (D(2010, 1, 1), D(2010, 12, 31))),
        (-5, D(2017, 5, 1), D(2017, 5, 31), (D(2017, 3, 1), D(2017, 3, 31))),
    ]


def test_a_release_date_is_not_a_figure_period() -> None:
    found = rows("Figures published on 23 April show 500 arrests in March.", PUBLISHED)
    assert [(r.value, r.start, r.end) for r in found] == [(500, D(2017, 3, 1), D(2017, 3, 31))]


def test_from_an_average_to_another_each_with_its_month() -> None:
    found = rows("Calls rose from an average of 30 a week in March to 45 a week in April.")
    assert [(r.value, r.statistic, r.start.month) for r in found] == [
        (30, "weekly-average", 3),
        (45, "weekly-average", 4),
    ]


def test_a_change_over_the_past_years_is_against_that_many_years_before() -> None:
    found = rows(
        "Police recorded 103,379 hate crimes in the year to March 2019. Over the past five "
        "years, the number of offences has more than doubled. Burglaries were up 55% in five "
        "years.",
        PUBLISHED,
    )
    ratio, change = found[1], found[2]
    assert (ratio.start, ratio.end) == (D(2018, 4, 1), D(2019, 3, 31))
    assert ratio.baseline == (D(2013, 4, 1), D(2014, 3, 31))
    assert change.baseline == (D(2013, 4, 1), D(2014, 3, 31))
