"""Periods in running text: find the words that name a span of time, then date them.

:func:`find_mentions` reads one sentence and returns every :class:`Mention`: explicit
ranges ("from 23 March to 23 April"), months, years, financial years, "the twelve
months to June 2017", "the first three months of 2020", "the past seven weeks,
starting from 2 March", "last year", "the year before", "the same period last year",
"over the same period", "since 2 March", and named spans ("the four weeks of
lockdown", "during lockdown", "the week before lockdown began").

:class:`Resolver` dates them. Absolute mentions need only the publication date (for
the year of "23 March" or the meaning of "last year"); relative ones ("the previous
12 months", "the same period last year") also need the period they are relative to,
which the caller passes in. Every date the words do not fix is marked inferred, with
a note that starts with ``review:``.

All patterns are built from bounded pieces with possessive whitespace, so a scan is
linear in the length of the sentence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from .dates import (
    SEASONS,
    TERMS,
    VAGUE_HOLIDAYS,
    DateRange,
    Unit,
    academic_year,
    add_months,
    financial_year,
    holiday,
    length_in_days,
    month_number,
    month_range,
    quarter_range,
    season_range,
    shift_months,
    shift_years,
    span_ending,
    span_starting,
    tax_year,
    year_range,
)
from .numbers import small_number

__all__ = [
    "KNOWN_EVENTS",
    "Mention",
    "MentionKind",
    "Resolved",
    "Resolver",
    "find_mentions",
    "name_key",
]


def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


MentionKind = Literal[
    "range",
    "span_to",
    "span_from",
    "first_n",
    "relative",
    "calendar",
    "before",
    "same",
    "anaphora",
    "since",
    "month",
    "day",
    "year",
    "fy",
    "quarter",
    "named",
    "named_rel",
    "holiday",
    "season",
    "point",
    "rolling",
    "weekday",
    "fiscal",
]
Role = Literal["own", "compare", "level", "record"]

# ---------------------------------------------------------------- building blocks

_MONTH = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_DAY = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?<![\d,.£$€])(?:19|20)\d\d(?![\d%]|,\d|\.\d)"
_NUMW = (
    r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight"
    r"|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a|an)"
)
_UNIT = r"(?:days?|weeks?|fortnights?|months?|years?|decades?|quarters?)\b"
# Named spans need a real number ("the four weeks of lockdown"): "a quarter of calls" is a share.
_NUMW_REAL = _NUMW.replace("|a|an)", ")")
_UNIT_NAMED = r"(?:days?|weeks?|fortnights?|months?|years?|decades?)\b"
_MOD = (
    r"(?:(?-i:[A-Z][\w-]*)|national|first|second|third|current|latest|full|strict|initial|recent"
    r"|coronavirus|covid|partial|local|regional)"
)


def _date(p: str) -> str:
    """One date: 23 March [2020] | March 23[, 2020] | March [2020] | 2020, groups prefixed."""
    return (
        rf"(?:(?P<{p}d1>{_DAY})\s++(?:of\s++)?(?P<{p}m1>{_MONTH})(?:,?\s++(?P<{p}y1>{_YEAR}))?"
        rf"|(?P<{p}m2>{_MONTH})\s++(?P<{p}d2>{_DAY})(?:,?\s++(?P<{p}y2>{_YEAR}))?"
        rf"|(?P<{p}m3>{_MONTH})(?:\s++(?:of\s++)?(?P<{p}y3>{_YEAR}))?"
        rf"|(?P<{p}y4>{_YEAR}))"
    )


def _day_date(p: str) -> str:
    return (
        rf"(?:(?P<{p}d1>{_DAY})\s++(?:of\s++)?(?P<{p}m1>{_MONTH})(?:,?\s++(?P<{p}y1>{_YEAR}))?"
        rf"|(?P<{p}m2>{_MONTH})\s++(?P<{p}d2>{_DAY})(?:,?\s++(?P<{p}y2>{_YEAR}))?)"
    )


_FLAGS = re.IGNORECASE
_WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_NAMES = ("", *calendar.month_name[1:])

# Holidays are proper names, matched with their capitals ("Christmas Day", "Easter weekend").
_HOLIDAY = (
    r"(?:Christmas\s++(?:Day|Eve)|Boxing\s++Day|New\s++Year['’]s\s++(?:Day|Eve)|Hogmanay"
    r"|Hallowe['’]?en|Bonfire\s++Night|Guy\s++Fawkes\s++Night|Valentine['’]s\s++Day"
    r"|(?:St\.?|Saint)\s++Patrick['’]s\s++Day|Armistice\s++Day|Good\s++Friday"
    r"|Easter\s++(?:Sunday|Monday|Day|[Ww]eekend)|Thanksgiving(?:\s++Day)?|Black\s++Friday"
    r"|Cyber\s++Monday|Memorial\s++Day|Labor\s++Day|Remembrance\s++Sunday"
    r"|(?:the\s++)?Fourth\s++of\s++July)"
)

_PATTERNS: list[tuple[MentionKind, re.Pattern[str]]] = [
    (
        "range",
        re.compile(
            rf"(?:(?P<rk>from|between)\s++)?(?:the\s++)?"
            rf"(?:(?P<ad0>{_DAY})(?=\s*+(?:to|until|till|-|–|—|and)\s*+{_DAY}\s++{_MONTH})"
            rf"|{_date('a')})"
            rf"\s*+(?P<rc>to|until|till|through|and|-|–|—)\s*+(?:the\s++)?{_date('b')}",
            _FLAGS,
        ),
    ),
    (
        "span_to",
        re.compile(
            rf"(?:the\s++)?(?:(?P<sn>{_NUMW})\s++)?(?P<su>{_UNIT})\s++"
            rf"(?:to|ending|ended|up\s++to|until|through)\s++(?:in\s++)?"
            rf"(?:(?:the\s++)?end\s++of\s++)?{_date('s')}",
            _FLAGS,
        ),
    ),
    (
        "span_from",
        re.compile(
            rf"(?:the\s++)?(?:(?P<wn>{_NUMW})\s++)?(?P<wu>{_UNIT})\s++"
            rf"(?:beginning|starting|commencing|from|(?P<wof>of))\s++(?:on\s++)?"
            rf"(?:{_day_date('w')}|(?P<wm>{_MONTH})(?:,?\s++(?:of\s++)?(?P<wy>{_YEAR}))?)",
            _FLAGS,
        ),
    ),
    (
        "first_n",
        re.compile(
            rf"(?:the\s++)?(?P<fw>first|last|final|opening|closing|second|third|fourth)\s++"
            rf"(?:(?P<fn>{_NUMW})\s++)?(?P<fu>{_UNIT}|half\b|quarter\b)(?:\s++(?:of\s++)?"
            rf"(?:(?P<fy>{_YEAR})|(?P<fr>(?:the|this|last|that)\s++(?:financial\s++)?year\b)"
            rf"|(?P<fm>{_MONTH})(?:,?\s++(?P<fmy>{_YEAR}))?))?",
            _FLAGS,
        ),
    ),
    (
        "relative",
        re.compile(
            rf"(?:(?P<ra>the|these|this|those)\s++)?"
            rf"(?P<rw>past|last|previous|preceding|prior|following|next|latest|most\s++recent)"
            rf"\s++(?:(?P<rn>{_NUMW})\s++)?(?P<ru>{_UNIT})"
            rf"(?:,?\s++(?:(?:starting|beginning|commencing|running)\s++)?(?:from|on|since)\s++"
            rf"{_date('r')})?",
            _FLAGS,
        ),
    ),
    (
        "calendar",
        re.compile(r"\b(?P<cw>last|this|current)\s++(?P<cu>year|month|week|quarter)\b", _FLAGS),
    ),
    (
        "before",
        re.compile(
            rf"\b(?P<bn>{_NUMW}|the)\s++(?P<bu>{_UNIT})\s++(?P<bw>before|earlier|previously|ago)\b"
            rf"(?!\s++(?:the\s++)?[a-z]+\s++(?:began|started|was|were)\b)",
            _FLAGS,
        ),
    ),
    (
        "same",
        re.compile(
            rf"(?:the\s++)?same\s++(?:(?P<spn>{_NUMW_REAL})\s++)?"
            rf"(?P<spu>period|time|months?|quarters?|weeks?|years?|days?|stretch|fortnight)\b"
            rf"(?:\s++(?:of|in|during)\s++(?P<spy>{_YEAR})"
            rf"|\s++(?P<spl>(?:in\s++)?last\s++year|(?:a|one)\s++year\s++(?:earlier|before|ago)"
            rf"|(?:in\s++)?the\s++(?:previous|prior|preceding)\s++year|the\s++year\s++before))?",
            _FLAGS,
        ),
    ),
    (
        "anaphora",
        re.compile(
            r"\b(?:during|in|over|for|throughout|across|within)\s++(?:the|that|this)\s++"
            r"(?P<an>month|year|week|period|quarter|fortnight)\b"
            r"(?!\s++(?:to|ending|before|after|of|since|earlier|ago)\b)",
            _FLAGS,
        ),
    ),
    (
        "since",
        re.compile(
            rf"\b(?P<sw>since|starting\s++(?:from|on)|beginning\s++(?:on|in)|from)\s++"
            rf"(?:(?:the\s++)?(?:start|beginning)\s++of\s++)?(?:(?P<cpart>early|mid|late)[- ]\s*+)?"
            rf"{_date('c')}",
            _FLAGS,
        ),
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s++(?:[\w'’]+\s++){{0,3}}?(?P<ek>[\w'’-]++)\s++(?:launched|began|started"
            rf"|opened|created|introduced|set\s++up|founded|came\s++into\s++force)\s++(?:in|on)\s++"
            rf"(?:(?P<epart>early|mid|late)[- ]\s*+)?{_date('e')}",
            _FLAGS,
        ),
    ),
    (
        "fy",
        re.compile(
            rf"(?P<f1>{_YEAR})\s*+[/–-]\s*+(?P<f2>\d\d(?:\d\d)?)(?!\d)",
            _FLAGS,
        ),
    ),
    ("quarter", re.compile(rf"\bQ(?P<qn>[1-4])\s*+(?P<qy>{_YEAR})?")),
    (
        "day",
        re.compile(
            rf"(?:(?P<dp>on|from|until|to|by|since|before|after|through|thru|up\s++to)\s++"
            rf"(?:the\s++)?)?(?:{_WEEKDAY},?\s++)?{_day_date('x')}(?:\s++(?P<xly>last\s++year|this\s++year))?",
            _FLAGS,
        ),
    ),
    (
        "month",
        re.compile(
            rf"(?:(?P<mp>in|during|throughout|for|over|of|across|last|this|until|before|after"
            rf"|and|or|between|since|with|than|on|against|versus|vs\.?)\s++)?"
            rf"(?:(?P<mpart>early|mid|late)[- ]\s*+)?(?P<mm>{_MONTH})"
            rf"(?:\s++(?:of\s++)?(?P<my>{_YEAR})|\s++(?:of\s++)?(?P<mly>last\s++year|this\s++year))?",
            _FLAGS,
        ),
    ),
    ("year", re.compile(rf"(?P<yy>{_YEAR})", _FLAGS)),
    (
        "named",
        re.compile(
            rf"(?:the\s++)?(?:(?P<nw>first|last|final|opening|initial)\s++)?(?P<nn>{_NUMW_REAL})\s++"
            rf"(?P<nu>{_UNIT_NAMED})\s++(?:of|since|after|into)\s++(?:the\s++)?"
            rf"(?:(?P<nmod>{_MOD})\s++)?(?P<nk>[a-z][\w-]*+)",
            _FLAGS,
        ),
    ),
    (
        "named",
        re.compile(
            rf"\b(?:during|throughout|amid|under)\s++(?:the\s++)?(?:(?P<dmod>{_MOD})\s++)?"
            rf"(?P<dk>[a-z][\w-]*+)",
            _FLAGS,
        ),
    ),
    (
        "named_rel",
        re.compile(
            rf"(?:\b(?P<xn>{_NUMW}|the)\s++(?P<xu>{_UNIT})\s++)?"
            rf"\b(?P<xw>before|after|since|prior\s++to|ahead\s++of)\s++(?:the\s++)?"
            rf"(?:(?P<xmod>{_MOD})\s++)?(?P<xk>[a-z][\w-]*+)"
            rf"(?:\s++(?P<xv>began|started|ended|struck|hit|was\s++(?:introduced|imposed|announced"
            rf"|eased|lifted)|came\s++in))?",
            _FLAGS,
        ),
    ),
    (
        "holiday",
        re.compile(
            rf"(?:\b(?P<hw>[Ll]ast|[Tt]his|[Nn]ext)\s++)?\b(?P<hn>{_HOLIDAY})(?![\w'’])"
            rf"(?:,?\s++(?:of\s++)?(?P<hy>{_YEAR}))?(?P<hwk>\s++(?:bank\s++holiday\s++)?weekend\b)?"
        ),
    ),
    (
        "season",
        re.compile(
            rf"(?:\b(?P<zw>last|this|next|previous|past|the)\s++(?:(?P<zq>whole|entire)\s++)?)?"
            rf"\b(?P<zn>winter|spring|summer|autumn|fall)\b"
            rf"(?:\s++(?:of\s++)?(?P<zy>{_YEAR})(?:\s*+[/–-]\s*+(?P<zy2>\d\d(?:\d\d)?)(?!\d))?)?"
            rf"(?P<zs>\s++so\s++far)?",
            _FLAGS,
        ),
    ),
    (
        "season",
        re.compile(
            rf"(?:\b(?P<tw>last|this|next|previous|the)\s++)?"
            rf"\b(?P<tn>autumn|spring|summer|michaelmas|lent|trinity)\s++term\b"
            rf"(?:\s++(?:of\s++)?(?P<ty>{_YEAR}))?(?P<ts>\s++so\s++far)?",
            _FLAGS,
        ),
    ),
    (
        "point",
        re.compile(
            rf"\b(?:at|as\s++(?:of|at))\s++(?:the\s++)?(?P<pw>end|start|beginning|close)\s++of\s++"
            rf"(?:(?P<pm>{_MONTH})(?:,?\s++(?:of\s++)?(?P<py>{_YEAR}))?|(?P<pyy>{_YEAR}))",
            _FLAGS,
        ),
    ),
    (
        "rolling",
        re.compile(
            rf"\b(?P<gn>{_NUMW_REAL})[- ](?P<gu>day|week|month|year|quarter)\s++"
            rf"(?:(?:moving|rolling|running)\s++)?average\b",
            _FLAGS,
        ),
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s++(?:the\s++)?(?P<g1>{_YEAR})\s*+[/–-]\s*+(?P<g2>\d\d(?:\d\d)?)(?!\d)",
            _FLAGS,
        ),
    ),
    (
        "range",
        re.compile(
            # US order: "June 5-11", "June 5 to 11, 2023"
            rf"(?:(?P<rk>from|between)\s++)?(?P<um>{_MONTH})\s++(?P<ud1>{_DAY})\s*+"
            rf"(?P<rc>to|until|through|and|-|–|—)\s*+(?P<ud2>{_DAY})(?!\s*+{_MONTH})"
            rf"(?:,?\s++(?P<uy>{_YEAR}))?",
            _FLAGS,
        ),
    ),
    (
        "range",
        re.compile(r"\b(?:the\s++)?(?P<dec>(?:19|20)\d0)['’]?s\b", _FLAGS),
    ),
    (
        "day",
        re.compile(
            # "5/6/2022": day and month in an order the article's other dates settle
            r"(?<![\d/.])(?P<n1>[0-3]?\d)/(?P<n2>[0-3]?\d)/(?P<n3>(?:19|20)\d\d|\d\d)(?![\d/])"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<kp>on|last)\s++)(?P<kd>{_WEEKDAY})\b(?!,?\s++(?:\d|{_MONTH}))"
            rf"|\b(?P<ky>yesterday)\b",
            _FLAGS,
        ),
    ),
    (
        "calendar",
        re.compile(
            r"\b(?:(?:in\s++)?the\s++(?P<ysf>year|month)\s++so\s++far"
            r"|(?P<ytd>year|month)[- ]to[- ]date"
            r"|since\s++the\s++(?:start|beginning)\s++of\s++(?:the|this)\s++(?P<ysb>year|month))\b",
            _FLAGS,
        ),
    ),
    (
        "holiday",
        re.compile(
            r"\b(?:over|during|at|across|throughout|before|after|since)\s++(?:the\s++)?"
            r"(?P<hn>(?-i:Christmas|Easter)|festive)(?:\s++(?P<hsuf>period|holidays?|break|season))?"
            r"(?![ \t]++(?:[a-z]|(?-i:Day|Eve|Sunday|Monday|Weekend)\b))",
            _FLAGS,
        ),
    ),
    (
        "fiscal",
        re.compile(
            rf"\b(?:fiscal(?:\s++year)?\s++(?P<xy1>{_YEAR})|FY\s*+(?P<xy2>{_YEAR})"
            rf"|(?:the\s++)?(?P<xy3>{_YEAR})\s++(?:financial|fiscal)\s++year)\b",
            _FLAGS,
        ),
    ),
]

_UNIT_WORDS = _words(
    "day days week weeks fortnight fortnights month months year years decade decades "
    "quarter quarters"
)
_MONTH_WORDS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DATEISH = frozenset({"#digit", "#month"})


def _any(*words: str) -> frozenset[str]:
    return frozenset(words)


# What a sentence must contain for each pattern to have a chance: every set must meet the
# sentence's words. Skipping hopeless patterns keeps the scan cheap; it never changes what
# is found.
_NEEDS: list[tuple[frozenset[str], ...]] = [
    (_DATEISH,),  # range
    (_UNIT_WORDS, _any("to", "ending", "ended", "until", "through", "up")),  # span_to
    (_UNIT_WORDS, _any("beginning", "starting", "commencing", "from", "of")),  # span_from
    (_any("first", "last", "final", "opening", "closing", "second", "third", "fourth"),),
    (
        _any(
            "past", "last", "previous", "preceding", "prior", "following", "next", "latest", "most"
        ),
        _UNIT_WORDS,
    ),  # relative
    (_any("last", "this", "current"), _any("year", "month", "week", "quarter")),  # calendar
    (_UNIT_WORDS, _any("before", "earlier", "previously", "ago")),  # before
    (_any("same"),),  # same
    (_any("month", "year", "week", "period", "quarter", "fortnight"),),  # anaphora
    (_any("since", "starting", "beginning", "from"), _DATEISH),  # since a date
    (_any("since"), _DATEISH),  # since an event in a year
    (_any("#digit"),),  # financial year
    (_any("#digit"),),  # quarter
    (_any("#digit"), _any("#month")),  # day
    (_any("#month"),),  # month
    (_any("#digit"),),  # year
    (_UNIT_WORDS, _any("of", "since", "after", "into")),  # named, with a length
    (_any("during", "throughout", "amid", "under"),),  # named
    (_any("before", "after", "since", "prior", "ahead"),),  # named relative
    (
        _any(
            "christmas",
            "boxing",
            "new",
            "hogmanay",
            "halloween",
            "hallowe",
            "bonfire",
            "guy",
            "valentine",
            "patrick",
            "armistice",
            "good",
            "easter",
            "thanksgiving",
            "black",
            "cyber",
            "memorial",
            "labor",
            "remembrance",
            "fourth",
        ),
    ),  # holiday
    (_any("winter", "spring", "summer", "autumn", "fall"),),  # season
    (_any("term"),),  # school term
    (_any("end", "start", "beginning", "close"), _any("at", "as")),  # point
    (_any("average"),),  # rolling average
    (_any("since"), _any("#digit")),  # since a financial year
    (_any("#month"), _any("#digit")),  # US day range
    (_any("#digit"),),  # decades
    (_any("#digit"),),  # numeric dates
    (
        _any(
            "yesterday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ),
    ),
    (_any("so", "date", "since"), _any("year", "month")),  # the year so far
    (_any("christmas", "easter", "festive"),),  # Christmas, Easter, the festive period
    (_any("fiscal", "fy", "financial"), _any("#digit")),  # fiscal years
]
_WORD_RE = re.compile(r"[a-z]++")


def _sentence_words(text: str, start: int, end: int) -> set[str]:
    piece = text[start:end]
    words = set(_WORD_RE.findall(piece.lower()))
    if any(ch.isdigit() for ch in piece):
        words.add("#digit")
    if words & _MONTH_WORDS:
        words.add("#month")
    return words


# Words that cannot name a period: "during the day", "before going", "since records began".
_NOT_NAMES = _words(
    """
    a an the this that these those it its their his her our your my them they he she we
    you i me us him who which what when where while in on at of to for by with from into
    as and or but than day days night nights week weeks month months year years period
    periods time times same course process session hour hours minute minutes morning
    evening afternoon weekend moment moments then now records record data experience
    service work age life research study growth decline fall falls rise rises increase
    increases cut cuts being having going taking making getting one two three four five
    six seven eight nine ten supervision control influence pressure way end start
    beginning rest whole most half number total average level levels rate all any some
    """
)


# Events the news this tool reads often names without dates: the day each began, and why.
_PANDEMIC = (date(2020, 3, 11), "11 March 2020, when the WHO declared Covid-19 a pandemic")
KNOWN_EVENTS: dict[str, tuple[date, str]] = {
    "pandemic": _PANDEMIC,
    "covid": _PANDEMIC,
    "covid-19": _PANDEMIC,
    "coronavirus": _PANDEMIC,
}


def name_key(name: str) -> str:
    """The word that identifies a named period: "UK lockdown" and "lockdown" share "lockdown"."""
    return name.lower().split()[-1].strip("-")


@dataclass
class PartialDate:
    """A date as written: any of year, month and day may be missing."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def granularity(self) -> Literal["day", "month", "year"]:
        """How fine the written date is."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"


@dataclass
class Mention:
    """A period named in the text, before and after it is dated."""

    start: int
    end: int
    kind: MentionKind
    label: str
    sentence: int
    a: PartialDate | None = None
    b: PartialDate | None = None
    length: tuple[int, Unit] | None = None
    word: str | None = None
    name: str | None = None
    shift_to_year: int | None = None
    shift_years: int = 0
    strong: bool = True
    so_far: bool = False
    event_start: bool = False  # "lockdown began", "since the scheme started on": a start
    numeric: tuple[int, int] | None = None  # "5/6/2022": the two numbers before the year
    role: Role = "own"
    resolved: Resolved | None = None
    same_as: Mention | None = field(default=None, repr=False)


@dataclass
class Resolved:
    """Dates for a mention, with what was inferred and why."""

    span: DateRange
    start_inferred: bool = False
    end_inferred: bool = False
    stated_length: tuple[int, Unit, bool] | None = None
    note: str | None = None
    key: str | None = None
    label: str | None = None  # the words that best name it, when a caller chose them
    # How far the data steps from one period to the next, when that is not the period's
    # own length: a four-week moving average moves a week at a time.
    step: tuple[int, Unit] | None = None


def _unit(word: str) -> tuple[int, Unit] | None:
    word = word.lower().rstrip("s")
    if word == "day":
        return 1, "days"
    if word == "week":
        return 1, "weeks"
    if word == "fortnight":
        return 2, "weeks"
    if word == "month":
        return 1, "months"
    if word == "quarter":
        return 3, "months"
    if word == "year":
        return 1, "years"
    if word == "decade":
        return 10, "years"
    if word == "half":
        return 6, "months"
    return None


def _length(number: str | None, unit_word: str) -> tuple[int, Unit] | None:
    base = _unit(unit_word)
    if base is None:
        return None
    count = 1 if number is None else small_number(number)
    if count is None or count <= 0:
        return None
    return count * base[0], base[1]


def _partial(match: re.Match[str], p: str) -> PartialDate | None:
    groups = match.groupdict()
    for suffix in ("1", "2"):
        day = groups.get(f"{p}d{suffix}")
        month = groups.get(f"{p}m{suffix}")
        if day and month:
            year = groups.get(f"{p}y{suffix}")
            return PartialDate(
                int(year) if year else None, month_number(month), int(re.sub(r"\D", "", day))
            )
    month = groups.get(f"{p}m3")
    if month:
        year = groups.get(f"{p}y3")
        return PartialDate(int(year) if year else None, month_number(month), None)
    year = groups.get(f"{p}y4")
    if year:
        return PartialDate(int(year), None, None)
    return None


# A year followed by one of these is a count ("2019 arrests"), unless the noun is one a
# year commonly modifies ("2019 figures").
_YEAR_NOUNS = _words(
    """
    figures figure data levels level total totals report reports statistics stats survey
    period average rate numbers election census results budget season edition study
    cohort review accounts returns
    """
)


_DATE_PREPOSITION = re.compile(
    r"\b(?:in|during|since|until|before|after|throughout|between)\s++$", re.IGNORECASE
)


def _year_is_count(text: str, end: int, start: int | None = None) -> bool:
    if start is not None and _DATE_PREPOSITION.search(text, max(0, start - 12), start):
        return False  # "In 2022 arrests rose": a year, whatever follows it
    follow = re.match(r"\s++([a-z][a-z-]*+)", text[end : end + 40])
    if not follow:
        return False
    word = follow.group(1)
    return word.endswith("s") and word not in _YEAR_NOUNS and not word.endswith("ss")


def find_mentions(text: str, start: int, end: int, sentence: int) -> list[Mention]:
    """Every period mention in ``text[start:end]``, longest first where two overlap."""
    found: list[Mention] = []
    words = _sentence_words(text, start, end)
    for (kind, pattern), needs in zip(_PATTERNS, _NEEDS, strict=True):
        if not all(words & need for need in needs):
            continue
        for match in pattern.finditer(text, start, end):
            mention = _build(kind, match, text, sentence)
            if mention is not None:
                found.append(mention)
    # Longest wins; on a tie, the earlier pattern in the list (the more specific).
    ranked = sorted(enumerate(found), key=lambda item: (-(item[1].end - item[1].start), item[0]))
    taken: list[Mention] = []
    for _, mention in ranked:
        if all(mention.end <= other.start or mention.start >= other.end for other in taken):
            taken.append(mention)
    taken.sort(key=lambda m: m.start)
    for mention in taken:
        mention.role = _role(text, start, mention)
    return taken


def _clean_label(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:()")


def _build(kind: MentionKind, match: re.Match[str], text: str, sentence: int) -> Mention | None:
    g = match.groupdict()
    m = Mention(match.start(), match.end(), kind, _clean_label(match.group()), sentence)
    if kind == "range" and g.get("dec"):
        first = int(g["dec"])
        m.a, m.b = PartialDate(first, None, None), PartialDate(first + 9, None, None)
        return m
    if kind == "range" and g.get("um"):
        month = month_number(g["um"])
        year = int(g["uy"]) if g.get("uy") else None
        d1, d2 = int(re.sub(r"\D", "", g["ud1"])), int(re.sub(r"\D", "", g["ud2"]))
        if d2 <= d1 or (g["rc"].lower() == "and" and (g.get("rk") or "").lower() != "between"):
            return None
        m.a, m.b = PartialDate(year, month, d1), PartialDate(year, month, d2)
        return m
    if kind == "range":
        a = PartialDate(None, None, int(re.sub(r"\D", "", g["ad0"]))) if g.get("ad0") else None
        a = a or _partial(match, "a")
        b = _partial(match, "b")
        if a is None or b is None:
            return None
        if (
            g["rc"].lower() == "and"
            and (g.get("rk") or "").lower() != "between"
            and not _two_months(a, b, text, match.start())
        ):
            return None
        if a.month is None and a.day is not None:
            a.month, a.year = b.month, b.year
        if (
            a.granularity == "year"
            and b.granularity == "year"
            and a.year
            and b.year
            and b.year <= a.year
        ):
            return None
        m.a, m.b = a, b
        return m
    if kind == "span_to":
        length = _length(g.get("sn"), g["su"])
        b = _partial(match, "s")
        if length is None or b is None:
            return None
        if g.get("sn") is None and g["su"].lower().endswith("s"):
            return None
        m.length, m.b = length, b
        return m
    if kind == "span_from":
        length = _length(g.get("wn"), g["wu"])
        a = _partial(match, "w")
        if a is None and g.get("wm"):
            if g.get("wof"):
                return None  # "the month of May" is read as a month
            a = PartialDate(int(g["wy"]) if g.get("wy") else None, month_number(g["wm"]), None)
        elif g.get("wof") and (g["wu"].lower() != "week" or g.get("wn")):
            return None  # only "the week of 5 June" names a span by its first day
        if length is None or a is None:
            return None
        if g.get("wn") is None and g["wu"].lower().endswith("s"):
            return None
        m.length, m.a = length, a
        return m
    if kind == "first_n":
        which = g["fw"].lower()
        unit_word = g["fu"].lower()
        if g.get("fn") is None and unit_word not in ("half", "quarter"):
            if not unit_word.endswith("s") and (
                which in ("first", "last", "final") or (g.get("fm") and unit_word == "week")
            ):
                length = _length(None, unit_word)
            else:
                return None
        else:
            length = _length(g.get("fn"), unit_word)
        if length is None:
            return None
        m.length, m.word = length, which
        if g.get("fm"):
            # "the first week of March": a part of a month, so only days and weeks.
            if length[1] not in ("days", "weeks"):
                return None
            m.a = PartialDate(int(g["fmy"]) if g.get("fmy") else None, month_number(g["fm"]), None)
            return m
        if g.get("fy"):
            m.b = PartialDate(int(g["fy"]), None, None)
        elif not g.get("fr"):
            # "in the first quarter", "the first three months": the year the text is in.
            if which in ("last", "final", "closing", "opening") or (
                g.get("fn") is None and unit_word not in ("half", "quarter")
            ):
                return None
            m.name = "reference-year"
        else:
            rel = (g.get("fr") or "").lower()
            m.shift_years = -1 if rel.startswith("last") else 0
            m.name = "reference-year" if rel.startswith(("the", "that")) else "published-year"
        return m
    if kind == "relative":
        word = " ".join(g["rw"].lower().split())
        number = g.get("rn")
        unit_word = g["ru"]
        if number is None and unit_word.lower().endswith("s"):
            return None  # "recent years", "the past months": no length
        if number is None and g.get("ra") is None and word in ("last", "next"):
            return None  # "last year" is the calendar year, read by "calendar"
        if word in {"next", "following"}:
            word = "following"
        length = _length(number, unit_word)
        if length is None:
            return None
        m.length, m.word = length, word
        m.a = _partial(match, "r")
        return m
    if kind == "calendar":
        unit = g.get("cu") or g.get("ysf") or g.get("ytd") or g.get("ysb") or ""
        m.word = (g.get("cw") or "this").lower()
        m.name = unit.lower()
        return m
    if kind == "weekday":
        m.word = (g.get("kp") or "").lower() or None
        m.name = g.get("kd") or "yesterday"
        return m
    if kind == "fiscal":
        m.a = PartialDate(int(g.get("xy1") or g.get("xy2") or g.get("xy3") or 0), None, None)
        m.name = "fiscal" if (g.get("xy1") or g.get("xy2")) else "financial"
        if m.name == "financial" and re.search(r"fiscal", m.label, re.IGNORECASE):
            m.name = "fiscal"
        return m
    if kind == "before":
        length = _length(None if g["bn"].lower() == "the" else g["bn"], g["bu"])
        if length is None:
            return None
        m.length, m.word = length, g["bw"].lower()
        return m
    if kind == "same":
        if (
            g["spu"].lower() == "time"
            and not (g.get("spy") or g.get("spl"))
            and re.search(r"\bat\s++$", text[max(0, match.start() - 6) : match.start()], re.I)
        ):
            return None  # "at the same time": at once, not a period
        if g.get("spn"):
            m.length = _length(g["spn"], g["spu"])
        if g.get("spy"):
            m.shift_to_year = int(g["spy"])
        elif g.get("spl"):
            m.shift_years = -1
        return m
    if kind == "anaphora":
        m.word = g["an"].lower()
        return m
    if kind == "since" and g.get("g1"):
        first = int(g["g1"])
        if not _next_year(first, g["g2"]):
            return None
        m.a = PartialDate(first, None, None)
        m.word = "fy"
        m.name = _year_reading(text, match.start(), match.end())
        return m
    if kind == "since":
        a = _partial(match, "c") or _partial(match, "e")
        if a is None:
            return None
        if g.get("sw") and g["sw"].lower() == "from" and a.granularity == "year":
            return None  # "from 2016" alone is too often a baseline ("up from 2016 levels")
        m.a = a
        if g.get("ek") and g["ek"].lower() not in _NOT_NAMES:
            m.name, m.event_start = g["ek"], True  # "since lockdown began on 23 March"
        part = g.get("cpart") or g.get("epart")
        if part:
            if a.granularity != "month":
                return None
            m.word = part.lower()  # "since mid-September": read from the month's start
        return m
    if kind == "fy":
        first = int(g["f1"])
        second = int(g["f2"])
        if len(g["f2"]) == 2:
            if second != (first + 1) % 100:
                return None
            m.a = PartialDate(first, None, None)
            m.name = _year_reading(text, match.start(), match.end())
            return m
        if second == first + 1:
            m.a = PartialDate(first, None, None)
            m.name = _year_reading(text, match.start(), match.end())
            return m
        if second > first:
            m.kind = "range"
            m.a, m.b = PartialDate(first, None, None), PartialDate(second, None, None)
            return m
        return None
    if kind == "quarter":
        m.word = g["qn"]
        if g.get("qy"):
            m.b = PartialDate(int(g["qy"]), None, None)
        return m
    if kind == "day" and g.get("n1"):
        first, second, year = int(g["n1"]), int(g["n2"]), int(g["n3"])
        if not (1 <= first <= 31 and 1 <= second <= 31) or (first > 12 and second > 12):
            return None
        m.numeric = (first, second)
        m.a = PartialDate(year + 2000 if year < 100 else year, None, None)
        return m
    if kind == "day":
        m.a = _partial(match, "x")
        if g.get("xly") and m.a is not None and m.a.year is None:
            m.word = "last-year" if g["xly"].lower().startswith("last") else "this-year"
        prep = " ".join((g.get("dp") or "").lower().split())
        m.strong = prep in ("on", "through", "thru", "until", "up to")
        if prep in ("through", "thru", "until", "up to"):
            m.word = "through"  # "through November 30": the year to that day
        if prep in ("on", "to", "by", "since", "before", "after", "from"):
            m.label = _clean_label(
                text[match.start("x" + ("d1" if g.get("xd1") else "m2")) : m.end]
            )
        return m
    if kind == "month":
        prep = (g.get("mp") or "").lower()
        if not prep and not g.get("my"):
            return None
        m.a = PartialDate(int(g["my"]) if g.get("my") else None, month_number(g["mm"]), None)
        if g.get("mly"):
            m.word = "last-year" if g["mly"].lower().startswith("last") else "this-year"
        if g.get("mpart"):
            m.name = g["mpart"].lower()  # "mid-May": a part of the month, read as all of it
        if prep == "last":
            m.shift_years = -1
            m.word = "last"
        m.label = _clean_label(text[match.start("mpart" if g.get("mpart") else "mm") : m.end])
        if prep == "last":
            m.label = _clean_label(text[m.start : m.end])
        return m
    if kind == "year":
        if _year_is_count(text, match.end(), match.start()):
            return None
        m.a = PartialDate(int(g["yy"]), None, None)
        return m
    if kind == "named":
        key = g.get("nk") or g.get("dk")
        if key is None or key.lower() in _NOT_NAMES or key.lower().endswith("ing"):
            return None
        if g.get("nn"):
            length = _length(g["nn"], g["nu"])
            if length is None:
                return None
            m.length = length
            m.word = (g.get("nw") or "").lower() or None
        mod = g.get("nmod") or g.get("dmod")
        m.name = f"{mod} {key}" if mod else key
        if mod and mod.lower() in _NOT_NAMES:
            m.name = key
        m.strong = False
        if g.get("dk"):
            m.label = _clean_label(text[match.start() : m.end])
        return m
    if kind == "named_rel":
        key = g["xk"]
        if key.lower() in _NOT_NAMES or key.lower().endswith("ing") or key.lower().endswith("ed"):
            return None
        mod = g.get("xmod")
        m.name = f"{mod} {key}" if mod and mod.lower() not in _NOT_NAMES else key
        m.word = " ".join(g["xw"].lower().split())
        m.event_start = (
            (g.get("xv") or "").lower().split()[:1]
            in (
                ["began"],
                ["started"],
                ["struck"],
                ["hit"],
                ["came"],
                ["was"],
            )
            and "eased" not in (g.get("xv") or "")
            and "lifted" not in (g.get("xv") or "")
        )
        if g.get("xu"):
            if g["xn"].lower() in ("a", "an") and _NUMBER_BEFORE.search(
                text, max(0, match.start() - 12), match.start()
            ):
                # "2,300 a week before lockdown": "a week" is the rate of the number.
                m.start = match.start("xw")
                m.label = _clean_label(text[m.start : m.end])
            else:
                m.length = _length(None if g["xn"].lower() == "the" else g["xn"], g["xu"])
        m.strong = False
        return m
    if kind == "holiday" and g["hn"].lower() in ("christmas", "easter", "festive"):
        if g["hn"].lower() == "festive" and not g.get("hsuf"):
            return None
        m.name = "christmas" if g["hn"].lower() in ("christmas", "festive") else "easter"
        m.name += " period" if g.get("hsuf") else ""
        return m
    if kind == "holiday":
        m.name = re.sub(r"^the\s", "", " ".join(g["hn"].split()))
        m.word = (g.get("hw") or "").lower() or None
        m.so_far = bool(g.get("hwk"))  # "the Fourth of July weekend": the weekend around it
        if g.get("hy"):
            m.a = PartialDate(int(g["hy"]), None, None)
        return m
    if kind == "season":
        return _build_season(m, g, text)
    if kind == "point":
        m.word = g["pw"].lower()
        if g.get("pm"):
            m.a = PartialDate(int(g["py"]) if g.get("py") else None, month_number(g["pm"]), None)
        else:
            m.a = PartialDate(int(g["pyy"]), None, None)
        return m
    if kind == "rolling":
        length = _length(g["gn"], g["gu"])
        if length is None:
            return None
        m.length = length
        m.word = g["gu"].lower()
        return m
    return None


_MONTHS_JOINED = re.compile(r"\b(?:in|during|over|across|throughout)\s++$", re.IGNORECASE)


def _two_months(a: PartialDate, b: PartialDate, text: str, start: int) -> bool:
    """ "in April and May": two months in a row, read as one span."""
    if a.granularity != "month" or b.granularity != "month" or a.month is None:
        return False
    if b.month != a.month % 12 + 1 or (a.year is not None and a.year != b.year):
        return False
    return bool(_MONTHS_JOINED.search(text, max(0, start - 12), start))


def _weekend_around(day: date) -> DateRange:
    """The weekend next to a holiday, the holiday included (Saturday to Monday for a Monday)."""
    weekday = day.weekday()
    start = day - timedelta(days=(weekday - 5) % 7) if weekday in (5, 6, 0, 1) else day
    end = day + timedelta(days=(6 - weekday) % 7) if weekday in (2, 3, 4, 5, 6) else day
    if weekday == 6:
        end = day + timedelta(days=1)  # a Sunday holiday is kept on the Monday
    return DateRange(start, end)


_NUMBER_BEFORE = re.compile(r"\d\s*+$")


def _next_year(first: int, second: str) -> bool:
    """ "2021-22" or "2021/2022": the second year is the one after the first."""
    value = int(second)
    return value == (first + 1) % 100 if len(second) == 2 else value == first + 1


_READING_AFTER = re.compile(
    r"(?<!\s)\s++(?P<w>school|academic|financial|fiscal|tax)\s++years?\b", re.IGNORECASE
)
_READING_BEFORE = re.compile(
    r"\b(?P<w>school|academic|financial|fiscal|tax)\s++years?\s++(?:of\s++)?$", re.IGNORECASE
)


def _year_reading(text: str, start: int, end: int) -> str | None:
    """What kind of year "2021-22" is, when the words beside it say: school, financial, tax."""
    found = _READING_AFTER.match(text, end, min(len(text), end + 30))
    found = found or _READING_BEFORE.search(text, max(0, start - 30), start)
    if found is None:
        return None
    word = found.group("w").lower()
    if word in ("school", "academic"):
        return "school"
    return "tax" if word == "tax" else "financial"


# "the spring budget", "the autumn statement": events named after a season, not spans.
_SEASON_EVENTS = re.compile(
    r"(?<!\s)\s++(?:budget|statement|spending|review|conference|forecast|update|election|edition"
    r"|collection|fair|festival|show|series|issue|term|half)\b",
    re.IGNORECASE,
)
_SO_FAR_BEFORE = re.compile(r"\bso\s++far\s++(?:in\s++)?$", re.IGNORECASE)


def _build_season(m: Mention, g: dict[str, str | None], text: str) -> Mention | None:
    """ "last winter", "this summer so far", "winter 2022-23", "the autumn term of 2021"."""
    term = g.get("tn")
    name = (term or g.get("zn") or "").lower()
    word = (g.get("tw") if term else g.get("zw")) or ""
    word = word.lower()
    year = g.get("ty") if term else g.get("zy")
    if not term:
        if not word and not year:
            return None  # "spring" alone: too often not a time ("a hot spring")
        if name == "fall" and word not in ("last", "this", "next"):
            return None  # "the fall in arrests"
        if word == "the" and not year and _SEASON_EVENTS.match(text, m.end):
            return None
        if g.get("zy2") and year and not _next_year(int(year), g["zy2"] or ""):
            return None
        if year and _year_is_count(text, m.end):
            return None
    m.name = ("term:" if term else "season:") + name
    m.word = word or None
    if year:
        first = int(year)
        if name in ("winter",) and not g.get("zy2") and not term:
            # "winter 2021" is the winter whose January falls in 2021.
            first -= 1
        m.a = PartialDate(first, None, None)
    m.so_far = bool(g.get("zs") or g.get("ts")) or bool(
        _SO_FAR_BEFORE.search(text, max(0, m.start - 12), m.start)
    )
    m.strong = word not in ("", "the") or bool(year)
    return m


_COMPARE_BEFORE = re.compile(
    r"\b(?:compared\s++(?:with|to)|in\s++comparison\s++(?:with|to)|than|as|against|versus|vs\.?"
    r"|on|from|relative\s++to)\s++(?:(?:in|during|for|over)\s++)?"
    r"(?:(?:its|their|the|that|this|our|his|her)\s++)?$",
    re.IGNORECASE,
)
_LEVEL_BEFORE = re.compile(
    r"\b(?:level\s++with|same\s++as|unchanged\s++(?:from|on)|similar\s++to|in\s++line\s++with"
    r"|steady\s++on|flat\s++on|stable\s++on|as\s++in|matching|on\s++a\s++par\s++with)\s++$",
    re.IGNORECASE,
)


# "the highest number since 1981", "the lowest quarterly figure since records began": a
# record's reach, not the period of a figure.
_RECORD_BEFORE = re.compile(
    r"\b(?:highest|lowest|most|fewest|least|biggest|largest|smallest|worst|best|first|greatest"
    r"|sharpest|steepest)\b(?:\s++[\w-]++){0,3}?\s*+$",
    re.IGNORECASE,
)


# "Figures published on 23 April", "data released in May": when the news came out.
_REPORTED_BEFORE = re.compile(
    r"\b(?:published|released|announced|said|says|revealed|issued|updated|unveiled|stated)"
    r"\s++(?:(?:on|in)\s++)?$",
    re.IGNORECASE,
)


_LEVELS_AFTER = re.compile(r"(?<!\s)\s++levels?\b", re.IGNORECASE)


_AGAINST_AVERAGE = re.compile(
    r"\b(?:above|below|than|on|with|against|versus|over|under)\s++(?:the|its|their|a)\s++$",
    re.IGNORECASE,
)
_COMPARE_PREP = re.compile(r"(?:with|than|on|against|versus|vs\.?)\s", re.IGNORECASE)


def _role(text: str, sentence_start: int, mention: Mention) -> Role:
    before = text[max(sentence_start, mention.start - 40) : mention.start]
    if mention.kind == "month" and _COMPARE_PREP.match(text, mention.start):
        return "compare"  # "compared with April", "up 12% on April"
    if mention.kind == "rolling" and _AGAINST_AVERAGE.search(before):
        return "compare"  # "12% above the five-year average": a level to compare with
    if mention.kind in ("year", "fy", "month") and _LEVELS_AFTER.match(text, mention.end):
        return "compare"  # "below 2019 levels", "double the 2012 level"
    if mention.kind in ("day", "month") and _REPORTED_BEFORE.search(before):
        return "record"
    if mention.kind in ("since", "named_rel") and _RECORD_BEFORE.search(before):
        return "record"
    if _LEVEL_BEFORE.search(before):
        return "level"
    if _COMPARE_BEFORE.search(before):
        if mention.kind in ("day", "holiday") and before.rstrip().lower().endswith("on"):
            return "own"
        if mention.kind in ("range", "since") and before.rstrip().lower().endswith("from"):
            return "own"
        return "compare"
    return "own"


# ---------------------------------------------------------------- resolution

ABSOLUTE: frozenset[MentionKind] = frozenset(
    {
        "range",
        "span_to",
        "span_from",
        "first_n",
        "calendar",
        "since",
        "month",
        "day",
        "year",
        "fy",
        "quarter",
        "holiday",
        "season",
        "point",
        "weekday",
        "fiscal",
    }
)


class Resolver:
    """Dates mentions against the publication date and, for relative ones, a reference.

    Without ``published`` the year of "23 March" and the meaning of "last year" are
    guessed from ``fallback`` (the latest date the article gives) and marked inferred.
    """

    def __init__(
        self,
        published: date | None,
        fallback: date,
        year_reading: str = "financial",
        day_first: bool = True,
    ) -> None:
        self.published = published
        self.anchor = published or fallback
        self.guessed = published is None
        # How "2021-22" reads when the words beside it do not say: "financial" (April to
        # March) or "school" (September to August), chosen from the whole article.
        self.year_reading = year_reading
        # Whether "5/6/2022" is 5 June (day first) or May 6, when the numbers do not say;
        # chosen from the order of the article's written dates ("5 June" or "June 5").
        self.day_first = day_first

    # -------------------------------------------------------------- helpers

    def _missing_year_note(self) -> str:
        return (
            "review: the article's publication date is unknown, so the year is a guess "
            f"({self.anchor.year}); give --published to resolve it"
        )

    def _year_for(self, month: int, day: int | None) -> int:
        year = self.anchor.year
        candidate = date(year, month, day or 1)
        if candidate > self.anchor:
            year -= 1
        return year

    def _complete(self, a: PartialDate, other_year: int | None) -> tuple[int, bool]:
        """A year for ``a``: its own, its partner's, or the latest before publication."""
        if a.year is not None:
            return a.year, False
        if other_year is not None:
            return other_year, False
        assert a.month is not None
        return self._year_for(a.month, a.day), self.guessed

    def _point(self, a: PartialDate, year: int) -> DateRange:
        if a.day is not None and a.month is not None:
            day = date(year, a.month, min(a.day, month_range(year, a.month).end.day))
            return DateRange(day, day)
        if a.month is not None:
            return month_range(year, a.month)
        return year_range(year)

    # -------------------------------------------------------------- absolute

    def resolve(self, m: Mention, reference: Resolved | None) -> Resolved | None:
        """Dates for ``m``; ``reference`` is the period a relative mention refers to."""
        try:
            return self._resolve(m, reference)
        except (ValueError, OverflowError, AssertionError):
            return None

    def _resolve(self, m: Mention, reference: Resolved | None) -> Resolved | None:
        kind = m.kind
        if kind == "range":
            assert m.a is not None and m.b is not None
            b_year, b_guess = self._complete(m.b, m.a.year)
            if m.a.year is None:
                a_year = b_year
                if (
                    m.a.month
                    and m.b.month
                    and (m.a.month, m.a.day or 1) > (m.b.month, m.b.day or 31)
                ):
                    a_year -= 1
                a_guess = b_guess
            else:
                a_year, a_guess = m.a.year, False
            span = DateRange(self._point(m.a, a_year).start, self._point(m.b, b_year).end)
            if span.end < span.start:
                return None
            guess = a_guess or b_guess
            return Resolved(
                span,
                guess,
                guess,
                self._calendar_length(span),
                self._missing_year_note() if guess else None,
            )
        if kind == "span_to":
            assert m.b is not None and m.length is not None
            year, guess = self._complete(m.b, None)
            end = self._point(m.b, year).end
            span = span_ending(end, *m.length)
            return Resolved(
                span,
                guess,
                guess,
                (m.length[0], m.length[1], False),
                self._missing_year_note() if guess else None,
            )
        if kind == "span_from":
            assert m.a is not None and m.length is not None
            year, guess = self._complete(m.a, None)
            span = span_starting(self._point(m.a, year).start, *m.length)
            return Resolved(
                span,
                guess,
                guess,
                (m.length[0], m.length[1], False),
                self._missing_year_note() if guess else None,
            )
        if kind == "first_n" and m.a is not None and m.a.month is not None:
            assert m.length is not None
            year, guess = self._complete(m.a, None)
            span = self._first_n(m, year, month_range(year, m.a.month))
            return Resolved(
                span,
                guess,
                guess,
                (m.length[0], m.length[1], False),
                self._missing_year_note() if guess else None,
            )
        if kind == "first_n":
            assert m.length is not None
            guess = False
            note = None
            if m.b is not None and m.b.year is not None:
                year = m.b.year
            elif m.name == "reference-year" and reference is not None:
                year = reference.span.end.year
            elif m.name == "reference-year" and not self.guessed:
                # The latest such span that has ended by publication.
                year = self.anchor.year
                if self._first_n(m, year).end > self.anchor:
                    year -= 1
            else:
                year = self.anchor.year + m.shift_years
                guess = self.guessed
                note = self._missing_year_note() if guess else None
            span = self._first_n(m, year)
            return Resolved(span, guess, guess, (m.length[0], m.length[1], False), note)
        if kind == "quarter":
            year = m.b.year if m.b is not None and m.b.year else self.anchor.year
            guess = (m.b is None) and self.guessed
            assert m.word is not None
            return Resolved(
                quarter_range(year, int(m.word)),
                guess,
                guess,
                (3, "months", False),
                self._missing_year_note() if guess else None,
            )
        if kind == "fy":
            assert m.a is not None and m.a.year is not None
            span, words = self.split_year(m.a.year, m.name)
            return Resolved(
                span, True, True, (1, "years", False), f"review: {m.label!r} is read as {words}"
            )
        if kind == "holiday":
            return self._holiday(m)
        if kind == "season":
            return self._season(m)
        if kind == "point":
            assert m.a is not None
            if m.a.month is None:
                assert m.a.year is not None
                whole, guess = year_range(m.a.year), False
            else:
                year, guess = self._complete(m.a, None)
                whole = month_range(year, m.a.month)
            day = whole.start if m.word in ("start", "beginning") else whole.end
            return Resolved(
                DateRange(day, day),
                guess,
                guess,
                (1, "days", False),
                self._missing_year_note() if guess else None,
            )
        if kind == "rolling":
            return self._rolling(m, reference)
        if kind == "day" and m.numeric is not None:
            return self._numeric_day(m)
        if kind == "weekday":
            return self._weekday(m)
        if kind == "fiscal":
            assert m.a is not None and m.a.year is not None
            if m.name == "financial":
                span = financial_year(m.a.year)
                words = f"the UK financial year from April {m.a.year}"
            else:
                span = year_range(m.a.year)
                words = "the calendar year; a fiscal year's months depend on who keeps it"
            return Resolved(
                span, True, True, (1, "years", False), f"review: {m.label!r} is read as {words}"
            )
        if kind in ("month", "day"):
            assert m.a is not None and m.a.month is not None
            if m.a.year is None and m.word in ("last-year", "this-year"):
                # "in May last year", "on 5 June this year"
                year = self.anchor.year - (1 if m.word == "last-year" else 0)
                span = self._point(m.a, year)
                stated_length: tuple[int, Unit, bool] = (
                    (1, "months", False) if kind == "month" else (1, "days", False)
                )
                return Resolved(
                    span,
                    self.guessed,
                    self.guessed,
                    stated_length,
                    self._missing_year_note() if self.guessed else None,
                )
            if kind == "month" and m.name in ("early", "mid", "late"):
                year, _ = self._complete(m.a, None) if m.a.year is None else (m.a.year, False)
                return Resolved(
                    self._point(m.a, year),
                    True,
                    True,
                    None,
                    f"review: {m.label!r} is a part of the month; the whole month is a placeholder",
                )
            if m.a.year is not None:
                year, guess = m.a.year, False
            else:
                year, guess = self._complete(m.a, None)
                if m.shift_years and not self.guessed:
                    # "last March": the March of the year before, not the latest March.
                    year = self.anchor.year - 1 if m.a.month >= self.anchor.month else year
            span = self._point(m.a, year)
            if kind == "day" and m.word == "through":
                return Resolved(
                    DateRange(date(year, 1, 1), span.end),
                    True,
                    guess,
                    None,
                    f"review: {m.label!r} gives no start; read from the start of the year",
                )
            stated: tuple[int, Unit, bool] = (
                (1, "months", False) if kind == "month" else (1, "days", False)
            )
            return Resolved(
                span, guess, guess, stated, self._missing_year_note() if guess else None
            )
        if kind == "year":
            assert m.a is not None and m.a.year is not None
            return Resolved(year_range(m.a.year), stated_length=(1, "years", False))
        if kind == "calendar":
            return self._calendar(m)
        if kind == "since":
            assert m.a is not None
            year, guess = self._complete(m.a, None)
            start = self._point(m.a, year).start
            reading = ""
            if m.word == "fy":
                split, words = self.split_year(year, m.name)
                start, guess, reading = split.start, True, f" (its year read as {words})"
            elif m.word in ("early", "mid", "late"):
                guess, reading = True, " (read from the start of the month)"
            end = self.anchor
            if end < start:
                return None
            return Resolved(
                DateRange(start, end),
                guess,
                True,
                None,
                f"review: {m.label!r}{reading} gives no end; taken as the day of publication"
                + (f" ({self.anchor.isoformat()}, a guess)" if self.guessed else ""),
            )
        if kind == "relative":
            return self._relative(m, reference)
        if kind == "before":
            return self._before(m, reference)
        if kind == "same":
            return self._same(m, reference)
        if kind == "anaphora":
            return reference
        return None  # named periods are dated by the caller

    def split_year(self, first_year: int, reading: str | None) -> tuple[DateRange, str]:
        """The year "2021-22" names, read as a school, tax or financial year, and the words."""
        reading = reading or self.year_reading
        if reading == "school":
            return academic_year(first_year), "the school year, September to August"
        if reading == "tax":
            return tax_year(first_year), "the UK tax year, 6 April to 5 April"
        return financial_year(first_year), "the UK financial year, April to March"

    def _numeric_day(self, m: Mention) -> Resolved | None:
        assert m.numeric is not None and m.a is not None and m.a.year is not None
        first, second = m.numeric
        if first > 12:
            day, month, note = first, second, None
        elif second > 12:
            day, month, note = second, first, None
        elif first == second:
            day, month, note = first, first, None
        else:
            day, month = (first, second) if self.day_first else (second, first)
            order = "day first" if self.day_first else "month first, as in the US"
            note = (
                f"review: {m.label!r} could be either day or month first; read {order}, as "
                "the article's other dates are written"
            )
        when = date(m.a.year, month, day)
        inferred = note is not None
        return Resolved(DateRange(when, when), inferred, inferred, (1, "days", False), note)

    def _weekday(self, m: Mention) -> Resolved:
        assert m.name is not None
        anchor = self.anchor
        if m.name == "yesterday":
            when = anchor - timedelta(days=1)
            words = "the day before publication"
        else:
            weekday = list(calendar.day_name).index(m.name)
            back = (anchor.weekday() - weekday) % 7 or 7
            when = anchor - timedelta(days=back)
            words = f"the latest {m.name} before publication"
        note = f"review: {m.label!r} is read as {words} ({when.isoformat()})"
        if self.guessed:
            note += "; the publication date is unknown, so this is a guess"
        return Resolved(DateRange(when, when), True, True, (1, "days", False), note)

    def _holiday(self, m: Mention) -> Resolved | None:
        assert m.name is not None
        anchor = self.anchor
        if m.a is not None and m.a.year is not None:
            span, guess = holiday(m.name, m.a.year), False
        else:
            year = anchor.year
            span = holiday(m.name, year)
            if span is None:
                return None
            if m.word == "last" and span.start >= anchor:
                year -= 1
            elif m.word == "next" and span.start <= anchor:
                year += 1
            elif m.word is None and span.start > anchor:
                year -= 1  # the latest one on or before publication
            span, guess = holiday(m.name, year), self.guessed
        if span is None:
            return None
        if m.name in VAGUE_HOLIDAYS:
            return Resolved(
                span,
                True,
                True,
                None,
                f"review: {m.label!r} is read as {span.start.isoformat()} to "
                f"{span.end.isoformat()}",
            )
        if m.so_far and span.days == 1:
            return Resolved(
                _weekend_around(span.start),
                True,
                True,
                None,
                f"review: {m.label!r} is read as the weekend around {span.start.isoformat()}, "
                "with the day itself",
            )
        return Resolved(
            span,
            guess,
            guess,
            (span.days, "days", False),
            self._missing_year_note() if guess else None,
        )

    def _season(self, m: Mention) -> Resolved | None:
        assert m.name is not None
        kind, _, name = m.name.partition(":")
        months = (TERMS if kind == "term" else SEASONS).get(name)
        if months is None:
            return None
        anchor = self.anchor
        if m.a is not None and m.a.year is not None:
            span = season_range(months, m.a.year)
        else:
            spans = [season_range(months, y) for y in range(anchor.year - 2, anchor.year + 2)]
            started = [x for x in spans if x.start <= anchor]
            ahead = [x for x in spans if x.start > anchor]
            if m.word in ("last", "previous", "past"):
                # The one before the current one: "last winter" in January is a year back.
                span = max(x for x in spans if x.end < anchor)
            elif m.word == "next":
                span = ahead[0]
            elif m.word == "this":
                # The one under way; else the one to come this calendar year; else the last.
                now = [x for x in started if x.end >= anchor]
                same_year = [x for x in ahead if x.start.year == anchor.year]
                span = now[-1] if now else same_year[0] if same_year else started[-1]
            else:
                span = started[-1]
        what = f"the school's {name} term" if kind == "term" else f"the meteorological {name}"
        first, last = months
        words = f"{what}, {_MONTH_NAMES[first]} to {_MONTH_NAMES[last]}"
        months_long = (last - first) % 12 + 1
        if m.so_far and span.start <= anchor <= span.end:
            return Resolved(
                DateRange(span.start, anchor),
                True,
                True,
                None,
                f"review: {m.label!r} is read as {words}, to the day of publication",
            )
        return Resolved(
            span,
            True,
            True,
            (months_long, "months", True),
            f"review: {m.label!r} is read as {words}",
        )

    def _rolling(self, m: Mention, reference: Resolved | None) -> Resolved:
        """ "the four-week moving average": the span of that length to the period in hand."""
        assert m.length is not None
        value, unit = m.length
        step = _unit(m.word or "") or (1, unit)
        if reference is None:
            return Resolved(
                span_ending(self.anchor, value, unit),
                True,
                True,
                (value, unit, False),
                f"review: {m.label!r} has no period to end on; taken to end on the day of "
                "publication",
                step=step,
            )
        if m.role == "compare":
            # "higher than the five-year average": the span before the period in hand.
            span = reference.span
            before = (
                DateRange(shift_years(span, -value).start, shift_years(span, -1).end)
                if unit == "years"
                else span_ending(span.start - timedelta(days=1), value, unit)
            )
            return Resolved(
                before,
                True,
                True,
                (value, unit, True),
                f"review: {m.label!r} is read as the {value} {unit} before "
                f"{span.start.isoformat()}",
            )
        inferred = reference.end_inferred
        return Resolved(
            span_ending(reference.span.end, value, unit),
            inferred,
            inferred,
            (value, unit, False),
            f"review: {m.label!r} is taken to end with {reference.span.end.isoformat()}"
            if inferred
            else None,
            step=step,
        )

    def _calendar_length(self, span: DateRange) -> tuple[int, Unit, bool] | None:
        if span.start.day == 1 and span.end == month_range(span.end.year, span.end.month).end:
            months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
            if months % 12 == 0:
                return months // 12, "years", False
            return months, "months", False
        return None

    def _first_n(self, m: Mention, year: int, whole: DateRange | None = None) -> DateRange:
        assert m.length is not None
        value, unit = m.length
        which = m.word or "first"
        whole = whole or year_range(year)
        ordinal = {"second": 2, "third": 3, "fourth": 4}.get(which)
        if ordinal is not None:
            # "the second quarter", "the second week of March": the nth block of that length.
            if unit == "months":
                start = add_months(whole.start, (ordinal - 1) * value)
            elif unit in ("days", "weeks"):
                step = value * (7 if unit == "weeks" else 1)
                start = whole.start + timedelta(days=(ordinal - 1) * step)
            else:
                start = whole.start
            return span_starting(start, value, unit)
        if which in ("last", "final", "closing"):
            return span_ending(whole.end, value, unit)
        return span_starting(whole.start, value, unit)

    def _calendar(self, m: Mention) -> Resolved:
        anchor = self.anchor
        note = None
        if self.guessed:
            note = (
                f"review: {m.label!r} depends on the publication date, which is unknown; "
                f"dated from {anchor.isoformat()}, a guess"
            )
        if m.name == "year":
            if m.word == "last":
                return Resolved(
                    year_range(anchor.year - 1),
                    self.guessed,
                    self.guessed,
                    (1, "years", False),
                    note,
                )
            span = DateRange(date(anchor.year, 1, 1), anchor)
            return Resolved(
                span,
                self.guessed,
                True,
                None,
                note or f"review: {m.label!r} is taken to run to the day of publication",
            )
        if m.name == "month":
            if m.word == "last":
                previous = add_months(date(anchor.year, anchor.month, 1), -1)
                return Resolved(
                    month_range(previous.year, previous.month),
                    self.guessed,
                    self.guessed,
                    (1, "months", False),
                    note,
                )
            span = DateRange(date(anchor.year, anchor.month, 1), anchor)
            return Resolved(
                span,
                self.guessed,
                True,
                None,
                note or f"review: {m.label!r} is taken to run to the day of publication",
            )
        if m.name == "quarter":
            current = quarter_range(anchor.year, (anchor.month - 1) // 3 + 1)
            if m.word == "last":
                before = current.start - timedelta(days=1)
                return Resolved(
                    quarter_range(before.year, (before.month - 1) // 3 + 1),
                    self.guessed,
                    self.guessed,
                    (3, "months", False),
                    note,
                )
            return Resolved(
                DateRange(current.start, anchor),
                self.guessed,
                True,
                None,
                note or f"review: {m.label!r} is taken to run to the day of publication",
            )
        # weeks: Monday to Sunday
        monday = anchor - timedelta(days=anchor.weekday())
        if m.word == "last":
            span = DateRange(monday - timedelta(days=7), monday - timedelta(days=1))
        else:
            span = DateRange(monday, anchor)
        return Resolved(
            span,
            True,
            True,
            (1, "weeks", False),
            note or f"review: {m.label!r} read as a Monday-to-Sunday week",
        )

    # -------------------------------------------------------------- relative

    def _relative(self, m: Mention, reference: Resolved | None) -> Resolved | None:
        assert m.length is not None
        value, unit = m.length
        stated = (value, unit, False)
        if m.a is not None:
            # "the past seven weeks, starting from 2 March"
            year, guess = self._complete(m.a, None)
            start = self._point(m.a, year).start
            span = span_starting(start, value, unit)
            return Resolved(
                span,
                guess,
                True,
                stated,
                f"review: {m.label!r} gives no end; {value} {unit} from the start end on "
                f"{span.end.isoformat()}",
            )
        word = m.word or "past"
        if (
            word in ("previous", "preceding", "prior")
            and reference is not None
            and (value, unit) == (1, "years")
            and m.label.lower().rstrip("s").endswith("year")
            and reference.span.days < 360
        ):
            # "3,069 people on one night in autumn 2022, up 26% on the previous year": beside
            # a part of a year, the same part a year earlier.
            inferred = reference.start_inferred or reference.end_inferred
            length = reference.stated_length
            return Resolved(
                shift_years(reference.span, -1),
                inferred,
                inferred,
                (length[0], length[1], True) if length else None,
                f"review: {m.label!r} beside a shorter period is read as the same span a year "
                "earlier"
                if inferred
                else None,
            )
        if word in ("previous", "preceding", "prior") and reference is not None:
            span = span_ending(reference.span.start - timedelta(days=1), value, unit)
            inferred = reference.start_inferred or reference.end_inferred
            return Resolved(
                span,
                inferred,
                inferred,
                stated,
                f"review: {m.label!r} is read as the {value} {unit} before "
                f"{reference.span.start.isoformat()}"
                if inferred
                else None,
            )
        if word == "following" and reference is not None:
            span = span_starting(reference.span.end + timedelta(days=1), value, unit)
            return Resolved(
                span,
                True,
                True,
                stated,
                f"review: {m.label!r} follows {reference.span.end.isoformat()}",
            )
        span = span_ending(self.anchor, value, unit)
        return Resolved(
            span,
            True,
            True,
            stated,
            f"review: {m.label!r} is read as the {value} {unit} to the day of publication"
            + (" (unknown, so a guess)" if self.guessed else ""),
        )

    def _before(self, m: Mention, reference: Resolved | None) -> Resolved | None:
        assert m.length is not None
        value, unit = m.length
        if m.word == "ago" or reference is None:
            base = DateRange(self.anchor, self.anchor) if reference is None else reference.span
            inferred = True
            note = f"review: {m.label!r} has no period to count back from; dated from publication"
        else:
            base = reference.span
            inferred = reference.start_inferred or reference.end_inferred
            note = None
        span = self._shift(base, value, unit)
        if inferred and note is None:
            note = f"review: {m.label!r} is counted back from an inferred period"
        length = reference.stated_length if reference is not None else None
        if length is not None:
            length = (length[0], length[1], True)
        return Resolved(span, inferred, inferred, length, note)

    def _shift(self, base: DateRange, value: int, unit: Unit) -> DateRange:
        if unit == "years":
            return shift_years(base, -value)
        if unit == "months":
            return shift_months(base, -value)
        days = value * (7 if unit == "weeks" else 1)
        return DateRange(base.start - timedelta(days=days), base.end - timedelta(days=days))

    def _same(self, m: Mention, reference: Resolved | None) -> Resolved | None:
        if reference is None:
            return None
        if m.shift_to_year is not None:
            span = shift_years(reference.span, m.shift_to_year - reference.span.end.year)
        elif m.shift_years:
            span = shift_years(reference.span, m.shift_years)
        else:
            return reference
        inferred = reference.start_inferred or reference.end_inferred
        length = reference.stated_length
        return Resolved(
            span,
            inferred,
            inferred,
            (length[0], length[1], True) if length else None,
            f"review: {m.label!r} shifts an inferred period" if inferred else None,
        )

    # -------------------------------------------------------------- named

    def named(self, m: Mention, dated: Resolved | None, why: str | None) -> Resolved:
        """Dates for a named period: those of ``dated`` when the caller found some, else a guess."""
        length = (m.length[0], m.length[1], False) if m.length else None
        if dated is not None:
            return Resolved(
                dated.span,
                dated.start_inferred,
                dated.end_inferred,
                length or dated.stated_length,
                why or dated.note,
                key=name_key(m.name or m.label),
            )
        if m.kind == "named_rel":
            return self.named_relative(m, None)
        value, unit = m.length if m.length else (1, "years")
        span = span_ending(self.anchor, value, unit)
        return Resolved(
            span,
            True,
            True,
            length,
            f"review: {m.label!r} has no dates in the article; guessed as the "
            f"{value} {unit} to the day of publication",
            key=name_key(m.name or m.label),
        )

    def named_relative(self, m: Mention, event: Resolved | None) -> Resolved:
        """ "the week before lockdown began", "before the pandemic", "since lockdown began"."""
        value, unit = m.length if m.length else (1, "years")
        word = m.word or "before"
        stated = (value, unit, m.length is None)
        if event is not None and not (event.start_inferred and event.end_inferred):
            inferred = event.start_inferred
            if word in ("before", "prior to", "ahead of"):
                span = span_ending(event.span.start - timedelta(days=1), value, unit)
                return Resolved(
                    span,
                    inferred or m.length is None,
                    inferred,
                    stated,
                    None
                    if m.length and not inferred
                    else f"review: {m.label!r}: the length before "
                    f"{event.span.start.isoformat()} is a guess",
                )
            if word == "since":
                span = DateRange(event.span.start, self.anchor)
                return Resolved(
                    span,
                    inferred,
                    True,
                    None,
                    f"review: {m.label!r} gives no end; taken as the day of publication",
                )
            span = span_starting(event.span.end + timedelta(days=1), value, unit)
            return Resolved(
                span,
                inferred,
                m.length is None,
                stated,
                f"review: {m.label!r} counted from {event.span.end.isoformat()}",
            )
        known = KNOWN_EVENTS.get(name_key(m.name or m.label))
        if known is not None and known[0] <= self.anchor:
            day, why = known
            if word == "since":
                span = DateRange(day, self.anchor)
            elif word in ("before", "prior to", "ahead of"):
                # "before the pandemic": the last calendar year before it, unless a length
                # is stated ("the week before the pandemic").
                span = (
                    span_ending(day - timedelta(days=1), value, unit)
                    if m.length
                    else year_range(day.year - 1)
                )
            else:
                span = span_starting(day, value, unit)
            return Resolved(
                span,
                True,
                True,
                stated if m.length else None,
                f"review: {m.label!r} has no dates in the article; read from {why}",
            )
        span = (
            span_ending(self.anchor, value, unit)
            if word == "since"
            else span_ending(
                self.anchor - timedelta(days=int(length_in_days(1, "years"))), value, unit
            )
        )
        return Resolved(
            span,
            True,
            True,
            stated,
            f"review: {m.label!r} has no dates in the article; the dates are a placeholder",
        )
