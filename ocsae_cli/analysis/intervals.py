"""Interval arithmetic for stated values: what a number's wording and precision allow.

A stated value stands for an interval, the way statcheck reads a reported
statistic:

* rounding: a total is exact unless ``precision`` says otherwise ("5.2 million"
  has precision 100,000, so 5.15 to 5.25 million); any other statistic is
  rounded to its last written decimal ("13%" is 12.5 to 13.5; "65.5" is 65.45 to
  65.55); a ratio written as a whole number ("doubled") is read to 0.1;
* qualifiers: "almost N" is from N less 10% up to N; "around N" is N give or take
  10%; "over N" is above N, up to 25% above; "under N" is below N, down to 25%
  below; "at-least" and "up-to" are the same bands with N included.

All of it lives here, and only here.
"""

from __future__ import annotations

import functools
import math
from typing import Literal, NamedTuple

ALMOST = 0.10
AROUND = 0.10
BEYOND = 0.25  # how far "over", "under", "at least" and "up to" reach past N
FRACTION_DECIMALS = 6  # more decimals than this: a fraction in words, read to 0.5%


class Interval(NamedTuple):
    """A closed range of values, ``low <= high``."""

    low: float
    high: float

    @property
    def width(self) -> float:
        """How wide the range is (0 for an exact value)."""
        return self.high - self.low

    def meets(self, other: Interval) -> bool:
        """Whether the two ranges share at least one value."""
        return self.low <= other.high and other.low <= self.high

    def gap(self, other: Interval) -> float:
        """How far apart the two ranges are (0 when they meet)."""
        return max(0.0, self.low - other.high, other.low - self.high)

    def widened(self, by: float) -> Interval:
        """The range grown by ``by`` on each side."""
        return Interval(self.low - by, self.high + by)

    def __str__(self) -> str:
        if self.low == self.high:
            return _short(self.low)
        return f"{_short(self.low)} to {_short(self.high)}"


def _short(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.1f}"


def exact(value: float) -> Interval:
    """A value known exactly."""
    return Interval(value, value)


@functools.lru_cache(maxsize=4096)
def decimals(value: float) -> int:
    """How many decimals a number was written with (13 -> 0, 65.5 -> 1)."""
    if isinstance(value, int) or float(value).is_integer():
        return 0
    text = repr(float(value))
    if "e" in text:
        return 6
    return len(text.split(".")[1])


def rounding(value: float, statistic: str, precision: float | None) -> float:
    """Half the step of the last digit a value was stated to (0 for an exact count)."""
    if precision is not None:
        return precision / 2
    if statistic == "total":
        return 0.0
    if statistic == "ratio" and decimals(value) == 0:
        return 0.05
    if decimals(value) > FRACTION_DECIMALS:  # "a third" stored as 33.333...: a word, not digits
        return abs(value) * 0.005
    return 0.5 * 10.0 ** -decimals(value)


@functools.lru_cache(maxsize=65536)
def stated(
    value: float, statistic: str, qualifier: str | None, precision: float | None = None
) -> Interval:
    """The interval a figure's wording and precision allow."""
    half = rounding(value, statistic, precision)
    size = abs(value)
    match qualifier:
        case "almost":
            low, high = value - size * ALMOST, value
        case "around":
            low, high = value - size * AROUND, value + size * AROUND
        case "over" | "at-least":
            low, high = value, value + size * BEYOND
        case "under" | "up-to":
            low, high = value - size * BEYOND, value
        case _:
            low, high = value, value
    return Interval(low - half, high + half)


def difference(later: Interval, earlier: Interval) -> Interval:
    """``later - earlier`` over every pair of values the two allow."""
    return Interval(later.low - earlier.high, later.high - earlier.low)


def quotient(numerator: Interval, denominator: Interval) -> Interval | None:
    """``numerator / denominator``; None when the denominator can be zero or less."""
    if denominator.low <= 0:
        return None
    corners = [
        numerator.low / denominator.low,
        numerator.low / denominator.high,
        numerator.high / denominator.low,
        numerator.high / denominator.high,
    ]
    if not all(math.isfinite(c) for c in corners):
        return None
    return Interval(min(corners), max(corners))


def percent_change(later: Interval, earlier: Interval) -> Interval | None:
    """The change from ``earlier`` to ``later`` in percent; None for a zero baseline."""
    ratio = quotient(later, earlier)
    if ratio is None:
        return None
    return Interval((ratio.low - 1) * 100, (ratio.high - 1) * 100)


def scaled(interval: Interval, factor: float) -> Interval:
    """Both ends multiplied by a positive ``factor``."""
    return Interval(interval.low * factor, interval.high * factor)


WARN_APPROXIMATE = 0.05
"""How far past its interval an approximate claim is still only ``warn``: 5% of it."""


def slack(value: float, statistic: str, approximate: bool, precision: float | None) -> float:
    """How far past its interval a claim is ``warn`` rather than ``fail``.

    Its rounding again ("13%" may miss by another half point); for an approximate
    claim at least 5% of its value ("almost 100" may reach down to 85). An exact
    count has none: any miss fails it.
    """
    allowed = rounding(value, statistic, precision)
    if approximate:
        allowed = max(allowed, abs(value) * WARN_APPROXIMATE)
    return allowed


def verdict(
    claim: Interval, computed: Interval, slack: float = 0.0, qualifier: str | None = None
) -> Literal["ok", "warn", "fail"]:
    """``ok`` when the ranges meet; ``warn`` within ``slack`` of the claim; else ``fail``.

    ``slack`` comes from :func:`slack`. It never opens a side the qualifier
    closes: "almost 100" admits nothing above 100, "over 50" nothing below 50.
    A qualifier widens the claim itself, so an approximate claim is never judged
    more strictly than an exact one.
    """
    if claim.meets(computed):
        return "ok"
    below = 0.0 if qualifier in ("over", "at-least") else slack
    above = 0.0 if qualifier in ("almost", "under", "up-to") else slack
    if slack > 0 and Interval(claim.low - below, claim.high + above).meets(computed):
        return "warn"
    return "fail"
