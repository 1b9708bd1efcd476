"""How numbers, units and lengths are written in words: the one place for it.

The checks write explanations with these and the views write cells with them,
so that "2,200", "a month" and "4 weeks" read the same everywhere.
"""

from __future__ import annotations

import math

UNIT_WORD = {
    "daily-average": "day",
    "weekly-average": "week",
    "monthly-average": "month",
    "annual-average": "year",
}
"""The unit an average is per: ``monthly-average`` is per "month"."""

NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)

QUALIFIER_WORDS = {
    "almost": ("almost", "nearly", "just under", "close to"),
    "around": ("around", "about", "approximately", "roughly", "some", "circa", "nearly", "almost"),
    "over": ("over", "more than", "above", "upwards of"),
    "under": ("under", "fewer than", "less than", "below"),
    "at-least": ("at least", "no fewer than", "no less than"),
    "up-to": ("up to", "as many as", "no more than"),
}
"""The words an article may use for each qualifier, as the README maps them."""


def number(value: float) -> str:
    """A number as a journalist writes it: 45, 2,200, 12.5."""
    if type(value) is int:  # the common case, and the quickest
        return f"{value:,}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(fraction: float | None) -> str:
    """A fraction as a percentage to one decimal; none exists against zero."""
    if fraction is None or not math.isfinite(fraction):
        return "an undefined share (against zero)"
    return f"{fraction * 100:.1f}%"


def length(value: float, unit: str) -> str:
    """A stated length: "4 weeks", "1 year"."""
    return f"{number(value)} {unit.removesuffix('s') if value == 1 else unit}"
