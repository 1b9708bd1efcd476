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
    "SEASONS",
    "TERMS",
    "VAGUE_HOLIDAYS",
    "DateRange",
    "Unit",
    "academic_year",
    "add_months",
    "easter_sunday",
    "financial_year",
    "holiday",
    "length_in_days",
    "month_number",
    "month_range",
    "nth_weekday",
    "quarter_range",
    "season_range",
    "shift_months",
    "shift_years",
    "span_ending",
    "span_starting",
    "tax_year",
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


def academic_year(first_year: int) -> DateRange:
    """The school or academic year that starts in September of ``first_year`` ("2021-22")."""
    return DateRange(date(first_year, 9, 1), date(first_year + 1, 8, 31))


def tax_year(first_year: int) -> DateRange:
    """The UK tax year that starts on 6 April of ``first_year``."""
    return DateRange(date(first_year, 4, 6), date(first_year + 1, 4, 5))


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``th ``weekday`` (Monday 0) of a month; ``n = -1`` is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = month_range(year, month).end
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# Fixed-date days: (month, day).
_FIXED_DAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "hogmanay": (12, 31),
    "halloween": (10, 31),
    "bonfire night": (11, 5),
    "guy fawkes night": (11, 5),
    "valentine's day": (2, 14),
    "st patrick's day": (3, 17),
    "armistice day": (11, 11),
    "fourth of july": (7, 4),
}
# Spans read from a word alone ("over Christmas"): first and last (month, day).
_SEASONAL_SPANS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "christmas": ((12, 24), (12, 26)),
    "christmas period": ((12, 24), (1, 1)),
}
# Readings of the words above, not dates anyone states: a period dated by one is marked.
VAGUE_HOLIDAYS = frozenset({"christmas", "christmas period", "easter", "easter period"})
# Days counted from Easter Sunday.
_EASTER_DAYS: dict[str, tuple[int, int]] = {
    "good friday": (-2, -2),
    "easter sunday": (0, 0),
    "easter day": (0, 0),
    "easter monday": (1, 1),
    "easter weekend": (-2, 1),
    "easter": (-2, 1),
    "easter period": (-2, 1),
}
# Days fixed by weekday: (month, weekday, n).
_WEEKDAY_DAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4),
    "thanksgiving day": (11, 3, 4),
    "memorial day": (5, 0, -1),
    "labor day": (9, 0, 1),
    "remembrance sunday": (11, 6, 2),
}
# Days after another day: name -> (base, days after).
_AFTER_DAYS: dict[str, tuple[str, int]] = {
    "black friday": ("thanksgiving", 1),
    "cyber monday": ("thanksgiving", 4),
}


def _holiday_key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").replace("saint ", "st ").split())
    return key.replace("st. ", "st ").replace("hallowe'en", "halloween")


def holiday(name: str, year: int) -> DateRange | None:
    """The days of a named holiday in ``year`` ("Christmas Day", "Easter weekend"), else None."""
    key = _holiday_key(name)
    if key in _AFTER_DAYS:
        base, after = _AFTER_DAYS[key]
        found = holiday(base, year)
        if found is None:
            return None
        day = found.start + timedelta(days=after)
        return DateRange(day, day)
    if key in _SEASONAL_SPANS:
        opens, closes = _SEASONAL_SPANS[key]
        return DateRange(date(year, *opens), date(year + (closes < opens), *closes))
    if key in _FIXED_DAYS:
        month, day_of_month = _FIXED_DAYS[key]
        day = date(year, month, day_of_month)
        return DateRange(day, day)
    if key in _EASTER_DAYS:
        easter = easter_sunday(year)
        first, last = _EASTER_DAYS[key]
        return DateRange(easter + timedelta(days=first), easter + timedelta(days=last))
    if key in _WEEKDAY_DAYS:
        month, weekday, n = _WEEKDAY_DAYS[key]
        day = nth_weekday(year, month, weekday, n)
        return DateRange(day, day)
    return None


# Meteorological seasons and English school terms: (first month, last month). A span whose
# last month comes before its first ends in the next year (winter: December to February).
SEASONS: dict[str, tuple[int, int]] = {
    "winter": (12, 2),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}
TERMS: dict[str, tuple[int, int]] = {
    "autumn": (9, 12),
    "michaelmas": (9, 12),
    "spring": (1, 3),
    "lent": (1, 3),
    "summer": (4, 7),
    "trinity": (4, 7),
}


def season_range(months: tuple[int, int], start_year: int) -> DateRange:
    """The whole months ``months`` starting in ``start_year`` (winter ends the year after)."""
    first, last = months
    end_year = start_year + (1 if last < first else 0)
    return DateRange(date(start_year, first, 1), month_range(end_year, last).end)
