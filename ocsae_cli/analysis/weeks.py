"""All week arithmetic, in one place.

Two bases turn a period into a number of weeks:

* ``stated``: the length the publication gives ("four weeks" is 4 weeks; "three
  months" is 3 x 30.4375 / 7 = 13.04 weeks).
* ``calendar``: the inclusive count of days divided by 7 (23 March to 23 April
  is 32 days, 4.571 weeks).

Monthly and annual averages become weekly rates through one constant: a year is
365.25 days and a month a twelfth of it (30.4375 days).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

DAYS_PER_WEEK = 7
DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12

Method = Literal["divided", "passed-through", "converted", "unavailable", "not-a-rate"]

DAYS_PER_UNIT: dict[str, float] = {
    "days": 1.0,
    "weeks": float(DAYS_PER_WEEK),
    "months": DAYS_PER_MONTH,
    "years": DAYS_PER_YEAR,
}

# How many days one unit of each average statistic covers.
DAYS_PER_AVERAGE: dict[str, float] = {
    "daily-average": 1.0,
    "weekly-average": float(DAYS_PER_WEEK),
    "monthly-average": DAYS_PER_MONTH,
    "annual-average": DAYS_PER_YEAR,
}


class Basis(StrEnum):
    """How a period is turned into weeks."""

    STATED = "stated"
    CALENDAR = "calendar"


def inclusive_days(start: date, end: date) -> int:
    """Days from ``start`` to ``end``, counting both (23 March to 23 April is 32)."""
    return (end - start).days + 1


def calendar_weeks(start: date, end: date) -> float:
    """Inclusive days / 7."""
    return inclusive_days(start, end) / DAYS_PER_WEEK


def length_in_weeks(value: float, unit: str) -> float:
    """A stated length in weeks: 4 weeks is 4.0, 3 months is 13.04, 1 year is 52.18."""
    return value * DAYS_PER_UNIT[unit] / DAYS_PER_WEEK


def length_in_days(value: float, unit: str) -> float:
    """A stated length in days, on the same constants as :func:`length_in_weeks`."""
    return value * DAYS_PER_UNIT[unit]


def weeks_on(basis: Basis, *, calendar: float, stated: float | None) -> float | None:
    """The weeks of a period on ``basis``; None when the period states no length."""
    return calendar if basis is Basis.CALENDAR else stated


def average_to_weekly_factor(statistic: str) -> float:
    """What multiplies an average of ``statistic`` to make it a weekly rate."""
    return DAYS_PER_WEEK / DAYS_PER_AVERAGE[statistic]


def convert_average(value: float, statistic: str, to_statistic: str) -> float:
    """An average per one unit expressed per another (180 a month is 2,160 a year)."""
    return value * DAYS_PER_AVERAGE[to_statistic] / DAYS_PER_AVERAGE[statistic]


def total_to_average(total: float, weeks: float, statistic: str) -> float:
    """The average a total over ``weeks`` gives, per the unit of ``statistic``."""
    return total / weeks * DAYS_PER_AVERAGE[statistic] / DAYS_PER_WEEK


def weekly_rate(
    value: float, statistic: str, weeks: float | None
) -> tuple[float | None, Method, float | None]:
    """Turn one figure into a weekly rate.

    Returns ``(rate, method, factor)``: a total is divided by ``weeks``, a weekly
    average passes through, a monthly or annual average is converted by ``factor``.
    A total over a period with no length on this basis has no rate, and a change,
    ratio or share is not an amount at all: it is never divided.
    """
    if statistic not in DAYS_PER_AVERAGE and statistic != "total":
        return None, "not-a-rate", None
    if statistic == "total":
        if weeks is None or weeks <= 0:
            return None, "unavailable", None
        return value / weeks, "divided", None
    if statistic == "weekly-average":
        return value, "passed-through", None
    factor = average_to_weekly_factor(statistic)
    return value * factor, "converted", factor
