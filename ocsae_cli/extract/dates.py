"""Calendar arithmetic for extraction: month ends, shifting by months or years, lengths.

Everything that turns words into dates goes through here, so that "the twelve months
to June 2017", "the previous 12 months" and "the same period last year" all count
months and leap days the same way. Period ends are inclusive, as in the figures file.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal, NamedTuple

__all__ = [
    "MONTHS",
    "DateRange",
    "Unit",
    "add_months",
    "financial_year",
    "length_in_days",
    "month_number",
    "month_range",
    "quarter_range",
    "shift_months",
    "shift_years",
    "span_ending",
    "span_starting",
    "year_range",
]

Unit = Literal["days", "weeks", "months", "years"]

MONTHS: dict[str, int] = {
    name.lower(): number for number, name in enumerate(calendar.month_name) if name
} | {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9


class DateRange(NamedTuple):
    """An inclusive range of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Number of days, both ends counted."""
        return (self.end - self.start).days + 1


def month_number(name: str) -> int | None:
    """1..12 for a month's name or abbreviation ("Sept." too), else None."""
    return MONTHS.get(name.lower().rstrip("."))


def _clamp_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    return _clamp_day(index // 12, index % 12 + 1, day.day)


def shift_years(span: DateRange, years: int) -> DateRange:
    """The same days ``years`` later (negative: earlier); a month-end stays a month-end."""
    return shift_months(span, years * 12)


def shift_months(span: DateRange, months: int) -> DateRange:
    """The same days ``months`` later (negative: earlier); a month-end stays a month-end."""
    return DateRange(_shift_day(span.start, months), _shift_day(span.end, months))


def _shift_day(day: date, months: int) -> date:
    moved = add_months(day, months)
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        # 29 Feb 2020 a year back is 28 Feb 2019, and 28 Feb 2019 a year on is 29 Feb 2020.
        return _clamp_day(moved.year, moved.month, 31)
    return moved


def month_range(year: int, month: int) -> DateRange:
    """The whole of one calendar month."""
    return DateRange(date(year, month, 1), _clamp_day(year, month, 31))


def year_range(year: int) -> DateRange:
    """The whole of one calendar year."""
    return DateRange(date(year, 1, 1), date(year, 12, 31))


def quarter_range(year: int, quarter: int) -> DateRange:
    """Calendar quarter 1..4 of ``year``."""
    first = 3 * (quarter - 1) + 1
    return DateRange(date(year, first, 1), month_range(year, first + 2).end)


def financial_year(first_year: int) -> DateRange:
    """The UK financial year that starts in April of ``first_year`` ("2019/20")."""
    return DateRange(date(first_year, 4, 1), date(first_year + 1, 3, 31))


def _step(day: date, value: int, unit: Unit) -> date:
    if unit == "days":
        return day + timedelta(days=value)
    if unit == "weeks":
        return day + timedelta(weeks=value)
    if unit == "months":
        return add_months(day, value)
    return add_months(day, 12 * value)


def span_ending(end: date, value: int, unit: Unit) -> DateRange:
    """The ``value`` ``unit`` that end on ``end`` inclusive ("the twelve months to 30 June")."""
    if unit in ("months", "years") and end.day == calendar.monthrange(end.year, end.month)[1]:
        # Twelve months to 30 June start on 1 July, not on 31 June's clamp.
        months = value * (12 if unit == "years" else 1)
        first = add_months(date(end.year, end.month, 1), 1 - months)
        return DateRange(first, end)
    return DateRange(_step(end, -value, unit) + timedelta(days=1), end)


def span_starting(start: date, value: int, unit: Unit) -> DateRange:
    """The ``value`` ``unit`` that start on ``start`` ("seven weeks from 2 March")."""
    return DateRange(start, _step(start, value, unit) - timedelta(days=1))


def length_in_days(value: float, unit: Unit) -> float:
    """A stated length in days, months and years at their average length."""
    factor = {"days": 1.0, "weeks": 7.0, "months": 365.25 / 12, "years": 365.25}[unit]
    return value * factor
