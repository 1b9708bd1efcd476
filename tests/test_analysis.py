"""The analysis layer on made-up datasets: weeks, the index, query, weekly, compare, summary."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from conftest import build_dataset, build_index, figure, metric, period

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.compare import compare, relate
from ocsae_cli.analysis.figures import (
    Index,
    list_metrics,
    list_periods,
    query_figures,
    source_infos,
)
from ocsae_cli.analysis.rates import weekly
from ocsae_cli.analysis.results import Cell, CompareResult, CompareRow
from ocsae_cli.analysis.summary import summarise
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.commands.common import BasisChoice
from ocsae_cli.model import Dataset, Figure

BOTH = (Basis.STATED, Basis.CALENDAR)
MONTH_WEEKS = 365.25 / 12 / 7


# ---------------------------------------------------------------- week arithmetic


def test_inclusive_days_counts_both_ends() -> None:
    assert wk.inclusive_days(date(2020, 3, 23), date(2020, 4, 23)) == 32
    assert wk.inclusive_days(date(2021, 5, 5), date(2021, 5, 5)) == 1
    assert wk.inclusive_days(date(2020, 1, 1), date(2020, 12, 31)) == 366


def test_calendar_weeks_is_inclusive_days_over_seven() -> None:
    assert wk.calendar_weeks(date(2020, 3, 23), date(2020, 4, 23)) == 32 / 7
    assert wk.calendar_weeks(date(2021, 3, 1), date(2021, 3, 28)) == 4.0


@pytest.mark.parametrize(
    ("value", "unit", "weeks"),
    [
        (4, "weeks", 4.0),
        (14, "days", 2.0),
        (3, "months", 3 * 365.25 / 12 / 7),
        (1, "years", 365.25 / 7),
        (2, "years", 2 * 365.25 / 7),
    ],
)
def test_length_in_weeks(value: float, unit: str, weeks: float) -> None:
    assert wk.length_in_weeks(value, unit) == pytest.approx(weeks, rel=1e-12)
    assert wk.length_in_days(value, unit) == pytest.approx(weeks * 7, rel=1e-12)


def test_constants() -> None:
    assert wk.DAYS_PER_MONTH == 30.4375
    assert wk.DAYS_PER_YEAR == 365.25


def test_weekly_rate_divides_a_total() -> None:
    assert wk.weekly_rate(40, "total", 4.0) == (10.0, "divided", None)


@pytest.mark.parametrize("weeks", [None, 0.0])
def test_weekly_rate_of_a_total_without_weeks_is_unavailable(weeks: float | None) -> None:
    assert wk.weekly_rate(40, "total", weeks) == (None, "unavailable", None)


def test_weekly_rate_passes_a_weekly_average_through() -> None:
    assert wk.weekly_rate(12, "weekly-average", None) == (12, "passed-through", None)
    assert wk.weekly_rate(12, "weekly-average", 99.0) == (12, "passed-through", None)


@pytest.mark.parametrize(
    ("statistic", "factor"), [("monthly-average", 7 / 30.4375), ("annual-average", 7 / 365.25)]
)
def test_weekly_rate_converts_other_averages(statistic: str, factor: float) -> None:
    rate, method, used = wk.weekly_rate(300, statistic, 5.0)
    assert method == "converted"
    assert used == pytest.approx(factor)
    assert rate == pytest.approx(300 * factor)


def test_average_conversions() -> None:
    assert wk.convert_average(180, "monthly-average", "annual-average") == pytest.approx(2160)
    assert wk.convert_average(2160, "annual-average", "monthly-average") == pytest.approx(180)
    assert wk.total_to_average(40, 4.0, "weekly-average") == pytest.approx(10)
    assert wk.total_to_average(40, 4.0, "monthly-average") == pytest.approx(10 * 30.4375 / 7)


def test_basis_choice() -> None:
    assert BasisChoice.BOTH.bases == (Basis.STATED, Basis.CALENDAR)
    assert BasisChoice.CALENDAR.bases == (Basis.CALENDAR,)
    assert BasisChoice.STATED.bases == (Basis.STATED,)


def test_weeks_on_each_basis() -> None:
    assert wk.weeks_on(Basis.CALENDAR, calendar=4.5, stated=4.0) == 4.5
    assert wk.weeks_on(Basis.STATED, calendar=4.5, stated=4.0) == 4.0
    assert wk.weeks_on(Basis.STATED, calendar=4.5, stated=None) is None


# ---------------------------------------------------------------- the index


Q = (date(2021, 1, 1), date(2021, 3, 31))


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # (value, statistic, approximate) in file order -> value of the preferred one
        ([(1, "annual-average", False), (2, "monthly-average", False)], 2),
        ([(1, "monthly-average", True), (2, "monthly-average", False)], 2),
        ([(1, "monthly-average", False), (2, "weekly-average", True)], 2),
        ([(1, "weekly-average", False), (2, "total", True)], 2),
        ([(1, "total", True), (2, "total", False)], 2),
        ([(1, "total", False), (2, "total", False)], 1),  # the first in the file
        (
            [
                (1, "annual-average", False),
                (2, "monthly-average", True),
                (3, "weekly-average", False),
                (4, "total", True),
                (5, "total", False),
                (6, "weekly-average", True),
            ],
            5,
        ),
    ],
)
def test_preferred_figure_order(figures: list[tuple[int, str, bool]], expected: int) -> None:
    index = build_index(
        [period("q-a", *Q)],
        [figure("cases", "q-a", v, s, approximate=a) for v, s, a in figures],
    )
    chosen = index.preferred("cases", "q-a")
    assert chosen is not None
    assert chosen.value == expected


def test_preferred_first_in_file_is_the_same_object() -> None:
    index = build_index(
        [period("q-a", *Q)],
        [figure("cases", "q-a", 7, quote="first 7"), figure("cases", "q-a", 7, quote="second 7")],
    )
    chosen = index.preferred("cases", "q-a")
    assert chosen is index.dataset.figures[0]


def test_preferred_and_exact_total_when_absent() -> None:
    index = build_index(
        [period("q-a", *Q), period("q-b", *Q)],
        [figure("cases", "q-a", 100, qualifier="around")],
    )
    assert index.preferred("cases", "q-b") is None
    assert index.exact_total("cases", "q-a") is None  # only an approximate total
    assert index.figures("cases", "q-b") == []


def test_index_lookups(small_index: Index) -> None:
    assert list(small_index.periods) == ["q-a", "q-b"]
    assert small_index.by_period == {"q-a": ["cases", "visits"], "q-b": ["cases", "visits"]}
    assert [pos for pos, _ in small_index.figures("visits", "q-b")] == [2]
    assert small_index.exact_total("cases", "q-b") == 40
    info = small_index.periods["q-a"]
    assert (info.days, info.calendar_weeks) == (90, 90 / 7)
    assert info.stated_length is not None
    assert info.stated_length.weeks == pytest.approx(3 * MONTH_WEEKS)
    assert [p.id for p in list_periods(small_index).periods] == ["q-a", "q-b"]
    assert [m.unit for m in list_metrics(small_index).metrics] == ["cases", "visits"]


def test_source_info(small_dataset: Dataset) -> None:
    [info] = source_infos(small_dataset)
    assert info.title == "Made-up bulletin"
    assert [(a.name, a.metrics) for a in info.attributions] == [("Test office", ())]
    assert info.people == ()


# ---------------------------------------------------------------- query


@pytest.mark.parametrize(
    ("filters", "positions"),
    [
        ({}, [0, 1, 2, 3]),
        ({"metrics": ["cases"]}, [0, 1]),
        ({"periods": ["q-b"]}, [1, 2]),
        ({"statistics": ["weekly-average", "monthly-average"]}, [2, 3]),
        ({"approximate": True}, [3]),
        ({"approximate": False}, [0, 1, 2]),
        ({"metrics": ["visits"], "periods": ["q-a"]}, [3]),
        ({"metrics": ["visits"], "statistics": ["total"]}, []),
    ],
)
def test_query_filters(small_index: Index, filters: dict[str, Any], positions: list[int]) -> None:
    assert [row.index for row in query_figures(small_index, **filters).figures] == positions


def test_query_row_carries_what_a_fact_checker_needs(small_index: Index) -> None:
    [row] = query_figures(small_index, approximate=True).figures
    assert (row.metric, row.metric_label, row.unit) == ("visits", "Visits", "visits")
    assert (row.period, row.period_label) == ("q-a", "Quarter A")
    assert (row.start, row.end) == Q
    assert (row.value, row.statistic, row.qualifier) == (45, "monthly-average", "around")
    assert row.quote == "around 45 visits a month"


# ---------------------------------------------------------------- weekly


def test_weekly_rows_per_basis(small_index: Index) -> None:
    rows = weekly(small_index, bases=BOTH).rows
    assert [(r.metric, r.period, r.basis) for r in rows] == [
        ("cases", "q-a", "stated"),
        ("cases", "q-a", "calendar"),
        ("cases", "q-b", "stated"),
        ("cases", "q-b", "calendar"),
        ("visits", "q-b", "stated"),
        ("visits", "q-b", "calendar"),
        ("visits", "q-a", "stated"),
        ("visits", "q-a", "calendar"),
    ]
    by_key = {(r.metric, r.period, r.basis): r for r in rows}

    stated = by_key["cases", "q-a", "stated"]
    assert (stated.method, stated.factor) == ("divided", None)
    assert stated.weeks == pytest.approx(3 * MONTH_WEEKS)
    assert stated.rate == pytest.approx(130 / (3 * MONTH_WEEKS))
    calendar = by_key["cases", "q-a", "calendar"]
    assert (calendar.weeks, calendar.method) == (90 / 7, "divided")
    assert calendar.rate == pytest.approx(130 / (90 / 7))

    assert by_key["cases", "q-b", "stated"].rate == 10.0  # 40 over 4 weeks
    passed = by_key["visits", "q-b", "calendar"]
    assert (passed.method, passed.weeks, passed.factor, passed.rate) == (
        "passed-through",
        None,
        None,
        10,
    )
    converted = by_key["visits", "q-a", "stated"]
    assert (converted.method, converted.weeks) == ("converted", None)
    assert converted.factor == pytest.approx(7 / 30.4375)
    assert converted.rate == pytest.approx(45 * 7 / 30.4375)
    assert converted.approximate


def test_weekly_filters_and_single_basis(small_index: Index) -> None:
    rows = weekly(small_index, bases=(Basis.CALENDAR,), metrics=["cases"], periods=["q-b"]).rows
    assert [(r.metric, r.period, r.basis, r.rate) for r in rows] == [
        ("cases", "q-b", "calendar", 10.0)
    ]


def test_weekly_total_without_stated_length_is_unavailable_on_stated_basis() -> None:
    index = build_index(
        [period("loose", date(2021, 1, 1), date(2021, 1, 14))],
        [figure("cases", "loose", 28), figure("cases", "loose", 3, "weekly-average")],
    )
    rows = weekly(index, bases=BOTH).rows
    stated_total = rows[0]
    assert (stated_total.basis, stated_total.method, stated_total.rate) == (
        "stated",
        "unavailable",
        None,
    )
    assert stated_total.reason == "period 'loose' states no length, so it has no stated basis"
    assert (rows[1].basis, rows[1].rate, rows[1].reason) == ("calendar", 14.0, None)
    assert (rows[2].method, rows[2].rate) == ("passed-through", 3)  # averages need no length


# ---------------------------------------------------------------- compare


def compare_dataset() -> Index:
    """span (56 days, 8 weeks) with: head sharing its start, tail sharing its end,
    middle strictly inside, cross partly overlapping, twin = head's dates, apart disjoint."""
    d = date
    return build_index(
        [
            period("span", d(2021, 3, 1), d(2021, 4, 25), stated=(8, "weeks")),
            period("head", d(2021, 3, 1), d(2021, 3, 31), stated=(4, "weeks")),
            period("tail", d(2021, 4, 12), d(2021, 4, 25), stated=(2, "weeks")),
            period("middle", d(2021, 3, 15), d(2021, 4, 4), stated=(3, "weeks")),
            period("cross", d(2021, 4, 20), d(2021, 5, 9)),
            period("twin", d(2021, 3, 1), d(2021, 3, 31)),
            period("apart", d(2022, 1, 1), d(2022, 1, 31)),
        ],
        [
            figure("cases", "span", 100),
            figure("cases", "head", 30),
            figure("cases", "tail", 120),
            figure("cases", "middle", 20),
            figure("cases", "cross", 10),
            figure("cases", "twin", 31),
            figure("cases", "apart", 5),
            figure("visits", "span", 40, qualifier="around"),
            figure("visits", "head", 10),
            figure("calls", "head", 5),
            figure("calls", "head", 2, "weekly-average"),
        ],
    )


@pytest.fixture(scope="module")
def cindex() -> Index:
    return compare_dataset()


def row_of(result: CompareResult, metric_id: str) -> CompareRow:
    [row] = [r for r in result.rows if r.metric == metric_id]
    return row


def cell_of(row: CompareRow, period_id: str) -> Cell:
    [cell] = [c for c in row.cells if c.period == period_id]
    return cell


def test_compare_derives_the_remainder_after_a_shared_start(cindex: Index) -> None:
    result = compare(cindex, ["head", "span"], bases=BOTH)
    assert result.baseline == "head"
    assert result.bases == ("stated", "calendar")
    assert [c.id for c in result.columns] == ["head", "span", "span-after-head"]
    derived = result.columns[2]
    assert (derived.start, derived.end, derived.days) == (date(2021, 4, 1), date(2021, 4, 25), 25)
    assert derived.derived and derived.derived_from == ("span", "head")
    assert derived.stated_length is not None
    assert (derived.stated_length.value, derived.stated_length.unit) == (4, "weeks")
    assert derived.calendar_weeks == 25 / 7

    assert [r.metric for r in result.rows] == ["cases", "visits"]  # calls is only in head
    cases = row_of(result, "cases")
    assert [(c.period, c.value) for c in cases.cells] == [
        ("head", 30),
        ("span", 100),
        ("span-after-head", 70),
    ]
    remainder = cases.cells[2]
    assert remainder.derived and remainder.statistic == "total"
    assert [(r.basis, r.method, r.weeks) for r in remainder.rates] == [
        ("stated", "divided", 4.0),
        ("calendar", "divided", 25 / 7),
    ]
    assert remainder.rates[0].rate == pytest.approx(70 / 4)
    assert remainder.rates[1].rate == pytest.approx(70 / (25 / 7))

    [relation] = result.relations
    assert (relation.first, relation.second, relation.relationship) == ("span", "head", "contains")
    assert (relation.overlap_days, relation.remainder) == (31, "span-after-head")
    assert "is derived as 'span-after-head'" in relation.explanation
    assert "1 April 2021 to 25 April 2021" in relation.explanation


def test_compare_derives_the_remainder_before_a_shared_end(cindex: Index) -> None:
    result = compare(cindex, ["span", "tail"], bases=BOTH)
    derived = result.columns[-1]
    assert derived.id == "span-before-tail"
    assert (derived.start, derived.end, derived.days) == (date(2021, 3, 1), date(2021, 4, 11), 42)
    assert derived.stated_length is not None and derived.stated_length.weeks == 6.0


def test_container_with_fewer_gives_a_missing_remainder_with_reason(cindex: Index) -> None:
    result = compare(cindex, ["span", "tail"], bases=BOTH)
    cell = cell_of(row_of(result, "cases"), "span-before-tail")
    assert cell.value is None
    assert cell.reason is not None
    assert "'span' has fewer (100) than 'tail' (120)" in cell.reason
    assert all(r.rate is None and r.method == "unavailable" for r in cell.rates)


def test_approximate_totals_are_not_subtracted(cindex: Index) -> None:
    result = compare(cindex, ["head", "span"], bases=BOTH)
    visits = row_of(result, "visits")
    assert cell_of(visits, "span").approximate
    cell = cell_of(visits, "span-after-head")
    assert cell.value is None
    assert cell.reason == "only exact totals are subtracted; approximate figures are not"


def test_no_remainder_when_strictly_inside(cindex: Index) -> None:
    result = compare(cindex, ["span", "middle"], bases=BOTH)
    assert [c.id for c in result.columns] == ["span", "middle"]
    [relation] = result.relations
    assert (relation.relationship, relation.remainder) == ("contains", None)
    assert "days on both sides" in relation.explanation
    assert "two intervals and none is derived" in relation.explanation
    assert "1 March 2021 to 14 March 2021" in relation.explanation
    assert "5 April 2021 to 25 April 2021" in relation.explanation


def test_partial_overlap_says_overlap_days_and_derives_nothing(cindex: Index) -> None:
    result = compare(cindex, ["span", "cross"], bases=BOTH)
    assert [c.id for c in result.columns] == ["span", "cross"]
    [relation] = result.relations
    assert relation.relationship == "overlaps"
    assert (relation.overlap_start, relation.overlap_end) == (date(2021, 4, 20), date(2021, 4, 25))
    assert (relation.overlap_days, relation.remainder) == (6, None)
    assert "share 6 days" in relation.explanation
    assert "no remainder is derived" in relation.explanation
    cross = cell_of(row_of(result, "cases"), "cross")
    stated = cross.rates[0]
    assert (stated.basis, stated.method, stated.rate) == ("stated", "unavailable", None)


@pytest.mark.parametrize(
    ("pair", "relationship", "days"),
    [(("head", "twin"), "same-dates", 31), (("head", "apart"), "disjoint", 0)],
)
def test_same_dates_and_disjoint(
    cindex: Index, pair: tuple[str, str], relationship: str, days: int
) -> None:
    result = compare(cindex, list(pair), bases=BOTH)
    [relation] = result.relations
    assert (relation.relationship, relation.overlap_days, relation.remainder) == (
        relationship,
        days,
        None,
    )
    assert len(result.columns) == 2


def test_relate_both_ways(cindex: Index) -> None:
    span, head = cindex.periods["span"], cindex.periods["head"]
    assert relate(span, head)[0] == "contains"
    assert relate(head, span)[0] == "contained"


def test_columns_in_the_order_given_then_derived(cindex: Index) -> None:
    result = compare(cindex, ["tail", "head", "span"], bases=(Basis.CALENDAR,))
    assert [c.id for c in result.columns] == [
        "tail",
        "head",
        "span",
        "span-before-tail",
        "span-after-head",
    ]
    assert all(len(row.cells) == 5 for row in result.rows)
    assert [c.period for c in row_of(result, "cases").cells] == [c.id for c in result.columns]


def test_missing_metric_is_none_not_zero(cindex: Index) -> None:
    result = compare(cindex, ["head", "span"], bases=BOTH, metrics=["calls"])
    calls = row_of(result, "calls")
    head, span, derived = calls.cells
    assert (head.value, head.statistic) == (5, "total")
    assert [(s.value, s.statistic) for s in head.also_stated] == [(2, "weekly-average")]
    assert span.value is None and span.value != 0
    assert span.reason == "no figure for 'calls' in 'span'"
    assert derived.value is None
    assert derived.reason == "no figure for 'calls' in both periods it is derived from"
    assert [(c.period, c.absolute, c.relative) for c in calls.changes] == [
        ("span", None, None),
        ("span-after-head", None, None),
    ]


def test_changes_against_the_baseline(cindex: Index) -> None:
    result = compare(cindex, ["head", "span"], bases=BOTH)
    change, derived_change = row_of(result, "cases").changes
    assert (change.period, change.baseline, change.absolute) == ("span", "head", 70)
    assert change.relative == pytest.approx(70 / 30)
    assert change.rate_ratios["stated"] == pytest.approx((100 / 8) / (30 / 4))
    assert change.rate_ratios["calendar"] == pytest.approx((100 / 8) / (30 / (31 / 7)))
    assert derived_change.absolute == 40


@pytest.mark.parametrize("ids", [[], ["span"], ["span", "span"], ["head", "span", "head"]])
def test_compare_needs_two_different_periods(cindex: Index, ids: list[str]) -> None:
    with pytest.raises(ValueError, match="at least two different periods"):
        compare(cindex, ids, bases=BOTH)


def test_derived_id_avoids_an_existing_period_id() -> None:
    index = build_index(
        [
            period("span", date(2021, 3, 1), date(2021, 3, 28)),
            period("head", date(2021, 3, 1), date(2021, 3, 14)),
            period("span-after-head", date(2020, 1, 1), date(2020, 1, 2)),
        ],
        [figure("cases", "span", 10), figure("cases", "head", 4)],
    )
    result = compare(index, ["span", "head"], bases=BOTH)
    assert result.columns[-1].id == "span-after-head-derived"
    assert cell_of(row_of(result, "cases"), "span-after-head-derived").value == 6


# ---------------------------------------------------------------- summary


def summary_index() -> Index:
    d = date
    return build_index(
        [
            period("span", d(2021, 3, 1), d(2021, 4, 25), stated=(8, "weeks")),
            period("head", d(2021, 3, 1), d(2021, 3, 28), stated=(4, "weeks")),
            period("yr", d(2021, 1, 1), d(2021, 12, 31), stated=(1, "years")),
        ],
        [
            figure("cases", "span", 100),
            figure("cases", "head", 30),
            figure("cases", "head", 8.5, "weekly-average"),
            figure("visits", "yr", 50, "monthly-average", qualifier="around"),
            figure("visits", "yr", 600, "annual-average"),
        ],
    )


def test_summary_places_a_derived_period_right_after_its_contained_period() -> None:
    result = summarise(summary_index())
    assert [p.id for p in result.periods] == ["span", "head", "span-after-head", "yr"]
    assert result.periods[2].derived_from == ("span", "head")
    assert result.source.title == "Made-up bulletin"
    assert result.commands == ()  # what to run next is the command line's to say


def test_summary_leaves_out_a_remainder_with_nothing_to_show() -> None:
    index = build_index(
        [
            period("span", date(2021, 3, 1), date(2021, 4, 25)),
            period("head", date(2021, 3, 1), date(2021, 3, 28)),
        ],
        [figure("cases", "span", 10), figure("visits", "head", 4)],  # no metric in both
    )
    assert [p.id for p in summarise(index).periods] == ["span", "head"]
    assert [c.id for c in compare(index, ["span", "head"], bases=BOTH).columns][-1] == (
        "span-after-head"
    )


def test_summary_rates_cover_totals_weekly_averages_and_derived_totals() -> None:
    result = summarise(summary_index())
    assert [(r.period, r.metric, r.statistic, r.basis) for r in result.rates] == [
        ("span", "cases", "total", "stated"),
        ("span", "cases", "total", "calendar"),
        ("head", "cases", "total", "stated"),
        ("head", "cases", "total", "calendar"),
        ("head", "cases", "weekly-average", "stated"),
        ("head", "cases", "weekly-average", "calendar"),
        ("span-after-head", "cases", "total", "stated"),
        ("span-after-head", "cases", "total", "calendar"),
    ]
    derived = result.rates[-1]
    assert (derived.value, derived.derived, derived.rate) == (70, True, 70 / 4)


def test_summary_averages_view() -> None:
    result = summarise(summary_index())
    monthly, annual = result.averages
    assert (monthly.statistic, monthly.approximate, monthly.qualifier) == (
        "monthly-average",
        True,
        "around",
    )
    assert monthly.per_week == pytest.approx(50 * 7 / 30.4375)
    assert monthly.per_month == pytest.approx(50)
    assert monthly.per_year == pytest.approx(600)
    assert annual.statistic == "annual-average"
    assert annual.per_year == pytest.approx(600)
    assert annual.per_month == pytest.approx(50)
    assert annual.per_week == pytest.approx(600 * 7 / 365.25)


def test_summary_checks_tally() -> None:
    index = summary_index()
    result = summarise(index)
    checks = run_checks(index, BOTH).checks
    assert result.checks.total == len(checks) > 0
    assert result.checks.counts == {
        v: Counter(c.verdict for c in checks)[v] for v in ("ok", "note", "warn", "fail")
    }
    assert result.checks.not_ok == tuple(c.id for c in checks if c.verdict in ("warn", "fail"))
    # 8.5 a week against 30 in 4 weeks (7.5) is 13% off: a warning on the stated basis.
    assert "average-vs-total:cases:head:weekly-average:stated" in result.checks.not_ok


def test_summary_limit_lists_the_first_periods_but_checks_the_whole_file() -> None:
    index = summary_index()
    full = summarise(index, limit=None)
    one = summarise(index, limit=1)
    # "head" is beyond the limit, so nothing is derived from it.
    assert [p.id for p in one.periods] == ["span"]
    assert {r.period for r in one.rates} == {"span"}
    assert one.averages == ()
    assert (one.limit, one.omitted.periods) == (1, 2)
    assert (one.dataset.periods, one.dataset.metrics, one.dataset.figures) == (3, 2, 5)
    assert (one.checks.total, one.checks.counts) == (full.checks.total, full.checks.counts)
    assert one.checks.not_ok == full.checks.not_ok[:1]
    assert one.omitted.not_ok == len(full.checks.not_ok) - 1
    two = summarise(index, limit=2)
    assert [p.id for p in two.periods] == ["span", "head", "span-after-head"]
    assert full.omitted.periods == full.omitted.not_ok == 0
    assert full.limit is None


@pytest.mark.parametrize("limit", [0, -1])
def test_summary_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        summarise(summary_index(), limit=limit)


# ---------------------------------------------------------------- one pass over the figures


class CountingFigures(tuple[Figure, ...]):
    """A figures tuple that counts how many times it is iterated."""

    iterations: int

    def __iter__(self) -> Iterator[Figure]:
        self.iterations = getattr(self, "iterations", 0) + 1
        return super().__iter__()


def figure_passes(dataset: Dataset) -> dict[str, int]:
    """How many times each operation iterates ``dataset.figures`` after Index.build."""
    figures = CountingFigures(dataset.figures)
    counted = dataset.model_copy(update={"figures": figures})
    assert counted.figures is figures
    index = Index.build(counted)
    passes = {"build": figures.iterations}
    ids = list(index.periods)
    actions: dict[str, Callable[[], object]] = {
        "compare": lambda: compare(index, ids, bases=BOTH),
        "run_checks": lambda: run_checks(index, BOTH),
        "summarise": lambda: summarise(index),
    }
    for name, action in actions.items():
        before = figures.iterations
        action()
        passes[name] = figures.iterations - before
    return passes


def many_periods(periods: int, metrics: int) -> Dataset:
    """``periods`` nested periods sharing a start, each with a total of every metric."""
    start = date(2021, 1, 1)
    entries = [
        period(f"p{i}", start, date(2021, 1, 7 * (i + 1)), stated=(i + 1, "weeks"))
        for i in range(periods)
    ]
    figures = [
        figure(f"m{j}", f"p{i}", 10 * (i + 1) + j) for i in range(periods) for j in range(metrics)
    ]
    figures.append(figure("m0", "p0", 3, "weekly-average"))
    return build_dataset(entries, figures, [metric(f"m{j}") for j in range(metrics)])


def test_index_build_is_the_only_pass_over_the_figures() -> None:
    """Index.build iterates the figures exactly once; compare, run_checks and summarise,
    given the built Index, never iterate ``dataset.figures`` again (0 passes), whatever
    the number of periods and metrics."""
    small = figure_passes(many_periods(2, 1))
    large = figure_passes(many_periods(4, 3))
    expected = {"build": 1, "compare": 0, "run_checks": 0, "summarise": 0}
    assert small == expected
    assert large == expected


def test_counting_figures_counts() -> None:
    figures = CountingFigures(many_periods(1, 1).figures)
    assert [f.value for f in figures] == [10, 3]
    assert figures.iterations == 1
    assert math.isclose(sum(f.value for f in figures), 13)
    assert figures.iterations == 2
