"""What counts as a figure, and what each figure is: statistic, sign, qualifier, metric."""

from __future__ import annotations

from datetime import date

import pytest

from .helpers import one, rows, values

PUBLISHED = date(2020, 4, 27)


@pytest.mark.parametrize(
    ("sentence", "value", "statistic"),
    [
        # counts, number words and scales
        ("Police made eight arrests in March.", 8, "total"),
        ("Two thirds of victims were women in March.", 200 / 3, "share"),
        ("A fifth of calls came from children in March.", 20, "share"),
        ("The survey estimated 5.2 million offences in 2019.", 5_200_000, "total"),
        ("The line took 1.7m calls in 2019.", 1_700_000, "total"),
        # percentages and shares
        ("In 2019, 35% of all contacts were about anxiety.", 35, "share"),
        ("In 2019, one in five callers was a child.", 20, "share"),
        ("In 2019, a third of calls were abandoned.", 100 / 3, "share"),
        # rates
        ("The Met receives 50 reports a week.", 50, "weekly-average"),
        ("Calls averaged 310 a day in April.", 310, "daily-average"),
        ("There were 180 offences on average per month in 2019.", 180, "monthly-average"),
        ("The unit opened 10 new investigations every week in April.", 10, "weekly-average"),
        ("The force handles 2,000 cases per month.", 2000, "monthly-average"),
        ("The council fills 40,000 potholes a year.", 40000, "annual-average"),
        (
            "Hospitals had a daily average of 13,500 beds occupied in January.",
            13500,
            "daily-average",
        ),
        # changes
        ("Recorded crime rose by 12% in 2019.", 12, "percent-change"),
        ("Recorded crime fell 19 percent in 2019.", -19, "percent-change"),
        ("Thefts were down 1.4 per cent in 2019.", -1.4, "percent-change"),
        ("Arrests were up 24% in March.", 24, "percent-change"),
        ("In 2019 there was a rise of 7,762 in offences.", 7762, "change"),
        ("Arrests fell by 300 in 2019.", -300, "change"),
        ("In 2019 there was a 25% increase in knife offences.", 25, "percent-change"),
        ("Arrests rose by almost a quarter in March.", 25, "percent-change"),
        ("Outside London, the number rose by a fifth in 2019.", 20, "percent-change"),
        ("Drivers covered 1 percent more miles in 2022 than the year before.", 1, "percent-change"),
        # ratios
        ("Referrals doubled in 2019.", 2, "ratio"),
        ("Carjackings tripled in 2021.", 3, "ratio"),
        ("Burglaries halved in April.", 0.5, "ratio"),
        ("Calls in March were twice the number a year earlier.", 2, "ratio"),
    ],
)
def test_what_each_figure_is(sentence: str, value: float, statistic: str) -> None:
    row = one(sentence, PUBLISHED)
    assert row.value == pytest.approx(value)
    assert row.statistic == statistic


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("nearly", "almost"),
        ("almost", "almost"),
        ("about", "around"),
        ("some", "around"),
        ("approximately", "around"),
        ("around", "around"),
        ("roughly", "around"),
        ("more than", "over"),
        ("over", "over"),
        ("fewer than", "under"),
        ("less than", "under"),
        ("under", "under"),
        ("at least", "at-least"),
        ("up to", "up-to"),
        ("as many as", None),
        ("just", None),
    ],
)
def test_qualifiers_follow_the_schema_table(words: str, qualifier: str | None) -> None:
    found = rows(f"The unit made {words} 5,000 arrests in March.", PUBLISHED)
    assert [(r.value, r.qualifier) for r in found] == [(5000, qualifier)]


def test_qualified_ratios_and_estimates() -> None:
    assert one("Referrals more than doubled in 2019.").qualifier == "over"
    assert one("Killings nearly tripled in 2019.").qualifier == "almost"
    # The later figure is under half of the earlier one.
    assert one("Sales more than halved in July.").qualifier == "under"
    found = rows("An estimated 42,795 people died in 2022.")
    assert [(r.value, r.qualifier) for r in found] == [(42795, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The figures were published on 23 March 2020.",
        "Lockdown began on March 23, 2020, and ended in June 2020.",
        "The scheme started in 2016 and was extended in 2019.",
        "The boy, aged 17, was arrested. A 15-year-old girl and a 24-year veteran spoke.",
        "Children aged between 11 and 16 were most at risk.",
        "Call 999 in an emergency or ring the helpline on 0800 1111.",
        "Text SHOUT to 85258 or call Samaritans on 116 123.",
        "Call Crime Stoppers at 1-800-222-8477.",
        "The NHS 111 service and Covid-19 tests were discussed.",
        "The survey had run for seven years and the study took six years.",
        "The survey, which has run since 1981, asks people aged 16 and over.",
        "Authorisations can last for up to 24 hours.",
        "The target is 95 per cent.",
        "Rates are given per 100,000 people.",
        "It was the third national lockdown, and the seventh year in a row.",
        "Officers visit three times a week at 10pm.",
        "Section 60 powers and the A38 road were mentioned.",
        "Every one of these numbers is a person.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert values(sentence, PUBLISHED) == []


def test_victims_under_30_is_an_age_not_a_qualifier() -> None:
    found = rows("About 60 percent of shooting victims were under 30 in 2021.", PUBLISHED)
    assert [(r.value, r.statistic, r.qualifier) for r in found] == [(60, "share", "around")]


def test_from_x_to_y_gives_two_totals_and_the_change_its_baseline() -> None:
    found = rows(
        "Shooting incidents fell 19 percent last year, down from 1,204 to 980.",
        date(2022, 1, 5),
    )
    assert [(r.value, r.statistic, r.start.year) for r in found] == [
        (-19, "percent-change", 2021),
        (1204, "total", 2020),
        (980, "total", 2021),
    ]
    assert found[0].baseline is not None and found[0].baseline[0].year == 2020


def test_a_ratio_is_measured_against_the_value_it_names() -> None:
    found = rows(
        "There were 97 killings in 2021, up from 88 in 2020 and nearly double the 51 "
        "recorded in 2019. Carjackings more than tripled, from 41 in 2020 to 139.",
        date(2022, 1, 5),
    )
    table = [(r.value, r.statistic, r.qualifier, r.start.year) for r in found]
    assert table == [
        (97, "total", None, 2021),
        (88, "total", None, 2020),
        (2, "ratio", "almost", 2021),
        (51, "total", None, 2019),
        (3, "ratio", "over", 2021),
        (41, "total", None, 2020),
        (139, "total", None, 2021),
    ]
    assert found[2].baseline is not None and found[2].baseline[0].year == 2019
    assert found[4].baseline is not None and found[4].baseline[0].year == 2020


def test_same_noun_same_metric() -> None:
    found = rows(
        "Police made 45 arrests in March and 30 arrests in April. They protected 92 children "
        "in March, and 35% of all children helped were girls.",
        PUBLISHED,
    )
    metrics = [r.metric for r in found]
    assert metrics == ["arrests", "arrests", "children", "children"]


def test_metric_from_the_subject_of_a_change() -> None:
    found = rows(
        "Recorded burglaries, by contrast, halved in 2019, while robberies rose by 5%. "
        "The number of volunteers tripled last year, to 1,900.",
        PUBLISHED,
    )
    assert [r.metric for r in found] == ["burglaries", "robberies", "volunteers", "volunteers"]


def test_a_level_with_another_period_gives_a_second_figure() -> None:
    found = rows(
        "Offences for the first three months of 2020 remain level with 2019, at around 180 "
        "offences on average per month.",
        PUBLISHED,
    )
    assert [(r.value, r.statistic, r.start, r.end) for r in found] == [
        (0, "percent-change", date(2020, 1, 1), date(2020, 3, 31)),
        (180, "monthly-average", date(2020, 1, 1), date(2020, 3, 31)),
        (180, "monthly-average", date(2019, 1, 1), date(2019, 12, 31)),
    ]
    assert found[0].qualifier == "around"
    assert found[0].baseline == (date(2019, 1, 1), date(2019, 12, 31))


def test_headline_figure_takes_the_lede_period() -> None:
    from ocsae_cli.extract import extract

    from .helpers import rows_of

    draft = extract(
        "Rail journeys fell by 92% in first months of lockdown\n\nPassenger journeys fell by "
        "92% in the three months to June, to 35 million.",
        published=date(2020, 9, 17),
    )
    found = rows_of(draft)
    assert [(r.value, r.start, r.end) for r in found] == [
        (-92, date(2020, 4, 1), date(2020, 6, 30)),
        (-92, date(2020, 4, 1), date(2020, 6, 30)),
        (35_000_000, date(2020, 4, 1), date(2020, 6, 30)),
    ]
    assert found[0].baseline == (date(2019, 4, 1), date(2019, 6, 30))


def test_a_bare_number_matching_a_year_of_the_rate_before_is_yearly() -> None:
    found = rows(
        "Offences in 2020 were around 180 on average per month. For the past two years, "
        "the number was around 2,200.",
        PUBLISHED,
    )
    assert [(r.value, r.statistic) for r in found] == [
        (180, "monthly-average"),
        (2200, "annual-average"),
    ]
    assert found[1].metric == found[0].metric
    unrelated = rows(
        "Offences in 2020 were around 180 on average per month. For the past two years, "
        "the number was around 900.",
        PUBLISHED,
    )
    assert unrelated[1].statistic == "total"


def test_names_and_pairs_inside_the_counted_noun() -> None:
    found = rows(
        "Section 60 searches rose by 14% in 2019, and police carried out 370,454 stop and "
        "searches. NHS 111 calls doubled in March.",
        PUBLISHED,
    )
    assert [r.metric for r in found] == ["searches", "searches", "calls"]


def test_a_change_counts_what_its_before_and_after_values_count() -> None:
    found = rows(
        "Knife crime rose by 12% in the year to March, up from 3,100 offences to 3,472, "
        "a rise of 327.",
        PUBLISHED,
    )
    assert {r.metric for r in found} == {"offences"}
