"""Whole short stories (issue 14's follow-up): what a figure counts, and which period.

Each story is written for these tests. They probe four habits of a news story that a
sentence-by-sentence reading gets wrong:

- the counted noun after a number ("1,260 such offences", "a rise of 252 offences") names
  the metric, not the sentence's subject ("The force");
- a person's name or title, a place or a body ("Chief Constable Jane Doe", "Westshire",
  "the RSPB") is never a metric;
- a sentence about the comparison year does not lend its period to the sentences after
  it: the story returns to its own period (the lede's);
- a change whose before-and-after values the story gives takes their periods, and a
  headline that restates the lede's figure counts what the lede counts.
"""

from __future__ import annotations

from datetime import date

from ocsae_cli.extract import extract

from .helpers import Row, assert_valid, rows, rows_of

PUBLISHED = date(2024, 5, 2)


def test_the_counted_noun_after_such_names_the_metric() -> None:
    found = rows(
        "The force recorded 1,260 such offences in the 12 months to March 2023.", PUBLISHED
    )
    assert [(r.value, r.metric) for r in found] == [(1260, "offences")]


def test_a_count_change_names_what_it_counts() -> None:
    found = rows(
        "Hospitals reported 400 admissions in 2023. Doctors said the rise of 52 admissions "
        "was worrying, and the number of beds fell by 30 beds.",
        PUBLISHED,
    )
    assert [(r.value, r.statistic, r.metric) for r in found] == [
        (400, "total", "admissions"),
        (52, "change", "admissions"),
        (-30, "change", "beds"),
    ]


def test_a_person_is_never_a_metric() -> None:
    found = rows(
        "Officers made 300 arrests in 2023. Chief Constable Jane Doe, 52, said the rise of "
        "40 was welcome.",
        PUBLISHED,
    )
    assert [(r.value, r.metric) for r in found] == [(300, "arrests"), (40, "arrests")]


def test_places_and_bodies_are_never_metrics() -> None:
    found = rows(
        "In Westshire, permanent exclusions rose by 12% in 2023. The RSPB said confirmed "
        "cases had risen by 37%. London accounted for 1,137 of them. Outside London, the "
        "number rose by a fifth.",
        PUBLISHED,
    )
    metrics = [r.metric for r in found]
    assert metrics[:2] == ["exclusions", "cases"]
    assert not {"westshire", "rspb", "london"} & set(metrics)


def test_initials_with_a_plural_are_counted() -> None:
    found = rows("The trust recruited 120 more GPs in 2023.", PUBLISHED)
    assert [(r.value, r.metric) for r in found] == [(120, "gps")]


def test_people_doing_something_are_people() -> None:
    found = rows("Westminster recorded 217 people sleeping rough in 2023.", PUBLISHED)
    assert [r.metric for r in found] == ["people"]


def _draft_rows(article: str) -> list[Row]:
    draft = extract(article, published=PUBLISHED)
    assert_valid(draft)
    return rows_of(draft)


def test_a_headline_restating_the_lede_counts_what_the_lede_counts() -> None:
    found = _draft_rows(
        "Knife crime in Westshire rises by a fifth\n\n"
        "Police in Westshire recorded 1,512 knife offences in the year to March 2024, up 20% "
        "on the previous year.\n"
    )
    assert [(r.value, r.statistic, r.metric) for r in found] == [
        (20, "percent-change", "offences"),
        (1512, "total", "offences"),
        (20, "percent-change", "offences"),
    ]


def test_a_headline_that_restates_nothing_keeps_its_own_metric() -> None:
    found = _draft_rows(
        "Bus fares to rise by 8%\n\n"
        "Operators carried 2.1 million passengers in 2023, up 5% on the year before.\n"
    )
    assert found[0].metric != "passengers"


KNIFE = """Knife crime in Westshire rises by a fifth

Police in Westshire recorded 1,512 knife offences in the year to March 2024, up 20% on the \
previous year, figures released on Thursday show.

The force recorded 1,260 such offences in the 12 months to March 2023. Around 40% of all \
knife offences were in the city centre, where officers made 318 arrests.

Chief Constable Jane Doe, 52, said the rise of 252 offences was "deeply concerning". Anyone \
with information can call 101.

More For You

Council tax to rise by 5%
"""
YEAR_TO_MARCH_2024 = (date(2023, 4, 1), date(2024, 3, 31))
YEAR_TO_MARCH_2023 = (date(2022, 4, 1), date(2023, 3, 31))


def test_the_knife_crime_story() -> None:
    found = _draft_rows(KNIFE)
    assert [(r.value, r.statistic, r.metric, (r.start, r.end), r.baseline) for r in found] == [
        (20, "percent-change", "offences", YEAR_TO_MARCH_2024, YEAR_TO_MARCH_2023),
        (1512, "total", "offences", YEAR_TO_MARCH_2024, None),
        (20, "percent-change", "offences", YEAR_TO_MARCH_2024, YEAR_TO_MARCH_2023),
        (1260, "total", "offences", YEAR_TO_MARCH_2023, None),
        (40, "share", "offences", YEAR_TO_MARCH_2024, None),
        (318, "total", "arrests", YEAR_TO_MARCH_2024, None),
        (252, "change", "offences", YEAR_TO_MARCH_2024, YEAR_TO_MARCH_2023),
    ]
    draft = extract(KNIFE, published=PUBLISHED)
    assert not [r for r in draft.review if r.table == "figures"]


def test_a_sentence_pointing_back_stays_with_the_comparison_year() -> None:
    found = _draft_rows(
        "Burglaries up\n\n"
        "Police recorded 900 burglaries in 2023, up 20% on the year before.\n\n"
        "There were 750 burglaries in 2022. Of those, 40% were in the city centre.\n"
    )
    assert [(r.value, r.start.year) for r in found] == [
        (900, 2023),
        (20, 2023),
        (750, 2022),
        (40, 2022),
    ]


def test_a_change_takes_the_periods_of_its_values() -> None:
    found = _draft_rows(
        "Hospital admissions climb\n\n"
        "Hospitals admitted 5,400 patients with asthma in 2023.\n\n"
        "In 2021, they admitted 4,100 patients with asthma. A spokesman said the increase "
        "of 1,300 patients showed the need for more nurses.\n"
    )
    change = found[-1]
    assert (change.value, change.statistic, change.metric) == (1300, "change", "patients")
    assert (change.start.year, change.baseline) == (2023, (date(2021, 1, 1), date(2021, 12, 31)))


def test_who_counted_is_not_what_was_counted() -> None:
    found = rows(
        "Seriously injured cyclists numbered 212 in 2023. The partnership counted 265 in "
        "2022 and 301 in 2019. The council spent £1.2m on new lanes.",
        PUBLISHED,
    )
    assert [(r.value, r.metric) for r in found] == [
        (212, "cyclists"),
        (265, "cyclists"),
        (301, "cyclists"),
        (1_200_000, "lanes"),
    ]


def test_in_the_passive_the_subject_is_counted() -> None:
    found = rows("Section 60 authorisations were made 43 times in 2023.", PUBLISHED)
    assert [(r.value, r.metric) for r in found] == [(43, "authorisations")]


def test_a_title_before_a_name_is_not_a_metric() -> None:
    found = rows(
        "Injured cyclists numbered 212 in 2023, against 265 in 2022. Partnership manager "
        "Ellie Watts said the fall of 53 was real progress.",
        PUBLISHED,
    )
    assert [(r.value, r.metric) for r in found][-1] == (-53, "cyclists")


def test_a_count_before_a_compound_with_a_number() -> None:
    found = rows("Hospitals logged 3,300 12-hour waits in October.", PUBLISHED)
    assert [(r.value, r.metric) for r in found] == [(3300, "waits")]


def test_such_says_what_the_figures_before_counted() -> None:
    found = _draft_rows(
        "Ambulance handover delays double\n\n"
        "Kelby Ambulance Service recorded 6,200 in the three months to December 2023 in "
        "which crews waited more than an hour.\n\n"
        "In the same three months of 2022, there were 3,100 such delays.\n"
    )
    assert [(r.value, r.metric) for r in found] == [(6200, "delays"), (3100, "delays")]


def test_a_speaker_is_never_a_metric() -> None:
    found = rows(
        "Landlords filed 5,400 cases in 2023. Okafor, a housing analyst at the university, "
        "said the 9% rise was steep. The council said 40 were withdrawn.",
        PUBLISHED,
    )
    assert [(r.value, r.metric) for r in found] == [(5400, "cases"), (9, "cases"), (40, "cases")]


def test_a_verb_of_level_ends_the_counted_noun() -> None:
    found = rows(
        "The waiting list stood at 7,200 in 2023. Wildlife crime reports hit 1,612.", PUBLISHED
    )
    assert [r.metric for r in found] == ["list", "reports"]


def test_a_share_with_no_noun_after_counts_its_subject() -> None:
    found = rows("Vacancies fell to 3.1 percent in June 2024.", PUBLISHED)
    assert [(r.value, r.statistic, r.metric) for r in found] == [(3.1, "share", "vacancies")]


def test_an_upper_case_headline_keeps_its_counted_noun() -> None:
    found = _draft_rows(
        "KNIFE CRIME IN WESTSHIRE RISES BY 20 PER CENT\n\n"
        "Police in Westshire recorded 1,512 knife offences in the year to March 2024. NHS "
        "figures show 40 deaths.\n"
    )
    assert [(r.value, r.metric) for r in found] == [
        (20, "crime"),
        (1512, "offences"),
        (40, "deaths"),
    ]
