"""Calendar arithmetic: month ends, leap days, spans ending or starting on a day."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ocsae_cli.extract.dates import (
    DateRange,
    add_months,
    financial_year,
    month_number,
    quarter_range,
    shift_months,
    shift_years,
    span_ending,
    span_starting,
)


def test_month_names_and_abbreviations() -> None:
    assert month_number("March") == 3
    assert month_number("Sept.") == 9
    assert month_number("dec") == 12
    assert month_number("Marchy") is None


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert add_months(date(2019, 1, 31), 1) == date(2019, 2, 28)
    assert add_months(date(2020, 3, 15), -14) == date(2019, 1, 15)


def test_twelve_months_to_june_start_in_july() -> None:
    assert span_ending(date(2017, 6, 30), 12, "months") == DateRange(
        date(2016, 7, 1), date(2017, 6, 30)
    )
    assert span_ending(date(2020, 3, 31), 1, "years") == DateRange(
        date(2019, 4, 1), date(2020, 3, 31)
    )
    assert span_ending(date(2020, 4, 12), 1, "weeks") == DateRange(
        date(2020, 4, 6), date(2020, 4, 12)
    )


def test_seven_weeks_from_2_march() -> None:
    span = span_starting(date(2020, 3, 2), 7, "weeks")
    assert span == DateRange(date(2020, 3, 2), date(2020, 4, 19))
    assert span.days == 49


def test_a_year_back_keeps_month_ends_and_leap_days() -> None:
    feb = DateRange(date(2020, 2, 1), date(2020, 2, 29))
    assert shift_years(feb, -1) == DateRange(date(2019, 2, 1), date(2019, 2, 28))
    assert shift_years(shift_years(feb, -1), 1) == feb
    sept = DateRange(date(2017, 9, 1), date(2017, 9, 30))
    assert shift_months(sept, -1) == DateRange(date(2017, 8, 1), date(2017, 8, 31))


def test_financial_year_and_quarters() -> None:
    assert financial_year(2019) == DateRange(date(2019, 4, 1), date(2020, 3, 31))
    assert quarter_range(2020, 1) == DateRange(date(2020, 1, 1), date(2020, 3, 31))
    assert quarter_range(2019, 4) == DateRange(date(2019, 10, 1), date(2019, 12, 31))


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31)), st.integers(1, 36))
def test_spans_have_the_stated_length(end: date, months: int) -> None:
    span = span_ending(end, months, "months")
    assert span.end == end
    assert span.start <= end
    # A span of n months never covers more than n + 1 calendar months.
    covered = (end.year - span.start.year) * 12 + end.month - span.start.month + 1
    assert covered in (months, months + 1)
