"""The table layout every view builds, and the one dispatcher from a result to its view.

A view turns a result into titled tables of display strings for the table and
Markdown renderers. Display rounding and markers live here (``~`` approximate,
``*`` derived, ``?`` inferred, ``—`` missing); there is no arithmetic beyond that.
Each view module registers its result type with :func:`view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import singledispatch
from typing import Literal, NamedTuple

from ocsae_cli.analysis.results import PeriodInfo, StatedChange

# One way to write a number and a unit, shared with the checks' explanations.
from ocsae_cli.analysis.wording import UNIT_WORD, number

MISSING = "—"
APPROXIMATE = "~"
DERIVED = "*"
DERIVED_NOTE = f"{DERIVED} derived by subtraction: not one of the source's figures."
INFERRED = "?"
INFERRED_DERIVED_NOTE = (
    f"{DERIVED}{INFERRED} derived from a period whose dates or length the source does not "
    "state: it stands on that reading (see `ocsae periods`)."
)

# The name of a style, not the style: table.py maps each to rich colours; Markdown ignores it.
StyleName = Literal[
    "number", "derived", "missing", "muted", "ok", "note", "warn", "fail", "heading"
]
Justify = Literal["left", "right"]


@dataclass(frozen=True, slots=True)
class Styled:
    """One cell's text and how to style it on a terminal."""

    text: str
    style: StyleName | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """A column's header and how a table may fit it to the terminal.

    Every column is kept whole unless it says ``wrap``: ids, numbers, dates
    and the ``~``, ``*`` and ``?`` markers are never cut (only a header of
    several words may take two lines). Long prose (labels, quotes, notes,
    explanations) says ``wrap`` and wraps inside its column. Where even that
    cannot fit, the table renderer shows one record per block instead.
    """

    header: str
    justify: Justify = "left"
    wrap: bool = False  # long prose: may wrap inside its column on a terminal
    group: bool = False  # a blank cell repeats the value above it (rows grouped under it)
    code: bool = False  # a drawing (a chart's bar): Markdown shows it as a code span


@dataclass(slots=True)
class Section:
    """A titled table, or (without columns) a few lines of text."""

    title: str | None
    columns: list[Column] = field(default_factory=list)
    rows: list[list[Styled]] = field(default_factory=list)
    lines: list[Styled] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- number formats


def rate(value: float | None) -> str:
    """A weekly rate, rounded to suit its size."""
    if value is None:
        return MISSING
    if abs(value) >= 100:
        return f"{value:,.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def weeks(value: float | None) -> str:
    return MISSING if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def ratio(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}x"


def percent(value: float | None) -> str:
    return MISSING if value is None else f"{value * 100:+.1f}%"


def signed(value: float | None) -> str:
    if value is None:
        return MISSING
    return ("+" if value > 0 else "") + number(value)


def value_text(value: float | None, *, approximate: bool = False, derived: bool = False) -> Styled:
    if value is None:
        return Styled(MISSING, "missing")
    shown = (APPROXIMATE if approximate else "") + number(value) + (DERIVED if derived else "")
    return Styled(shown, "derived" if derived else "number")


def day(value: date, inferred: bool = False) -> str:
    return value.isoformat() + ("?" if inferred else "")


def dates(period: PeriodInfo) -> str:
    return f"{day(period.start, period.start_inferred)} – {day(period.end, period.end_inferred)}"


def stated(period: PeriodInfo) -> str:
    length = period.stated_length
    if length is None:
        return MISSING
    unit = length.unit.removesuffix("s") if length.value == 1 else length.unit
    return f"{number(length.value)} {unit}" + (" (implied)" if length.inferred else "")


def marked(name: str, *, derived: bool, inferred_from: tuple[str, ...] = ()) -> str:
    """A period's name with its marks: ``*`` derived, ``?`` standing on an inference."""
    return name + (DERIVED if derived else "") + (INFERRED if inferred_from else "")


def period_name(period: PeriodInfo) -> str:
    """A period's id with its marks (see :func:`marked`)."""
    return marked(period.id, derived=period.derived, inferred_from=period.inferred_from)


AVERAGE_UNIT = UNIT_WORD  # "a month", "a year": the wording module's, as the checks write it

INFERRED_NOTE = "? a date the source does not state; see `ocsae periods` for the reason."


_CHANGE_UNIT = {"change": "", "percent-change": "%", "ratio": "x"}


def stated_change(change: StatedChange) -> str:
    """A stated change as its source words it: "around 0%", "+7,762", "over 2x"."""
    sign = "+" if change.statistic != "ratio" and change.value > 0 else ""
    hedge = f"{change.qualifier} " if change.qualifier else ""
    return f"{hedge}{sign}{number(change.value)}{_CHANGE_UNIT[change.statistic]}"


class ViewOptions(NamedTuple):
    """What a view may adapt to: the terminal, and the command's display flags."""

    width: int = 80
    tty: bool = False
    fancy: bool = False
    quotes: bool = False


@singledispatch
def view(result: object, options: ViewOptions) -> list[Section]:
    """The table layout of ``result``; each result type registers its own."""
    raise TypeError(f"{type(result).__name__} has no table view (it is JSON only)")
