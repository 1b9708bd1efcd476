"""Which numbers in a sentence are figures, and what each one is.

:func:`find_figures` walks a sentence's tokens, reads each number
(:func:`~ocsae_cli.extract.numbers.number_at`), drops what is not a figure (dates and
years are already taken by period mentions; ages, phone and text numbers, names such
as "Covid-19" or "NHS 111", times, durations, targets, denominators of rates), and
classifies the rest: statistic, sign, qualifier, precision, the counted noun, and the
number's role in a comparison ("up from 88 in 2020": 88 is the earlier value).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .numbers import NUMBER_WORDS, NumberMention, Token, number_at

if TYPE_CHECKING:  # the schema's own names; extract never needs pydantic at run time
    from ocsae_cli.model import Statistic

__all__ = ["Candidate", "find_figures", "noun_run", "proper_names", "subject_noun"]


def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


FigureRole = Literal["main", "from", "compare"]


@dataclass
class Candidate:
    """A number that is a figure, with everything read from its sentence."""

    start: int
    end: int
    first: int
    last: int
    value: float
    statistic: Statistic
    qualifier: str | None = None
    approximate: bool = False
    precision: float | None = None
    noun: str | None = None
    phrase: str | None = None
    role: FigureRole = "main"
    notes: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    of_levels: str | None = None
    currency: str | None = None
    noun_direct: bool = False
    noun_after: bool = False
    over: tuple[int, str] | None = None
    against: str | None = None
    to_value: bool = False  # "rose to 5,800": the level a change reaches
    fallback_noun: tuple[str, str] | None = None
    counter: tuple[str, str] | None = None  # "The partnership counted 265": who counted
    such: bool = False  # "3,100 such delays": the figures before counted delays too


# ---------------------------------------------------------------- word lists

_STOP = _words(
    """
    a an the this that these those it its their his her our your my them they he she we
    you i me us him who whom whose which what when where while whether if then than as
    at by for from in into of on onto to with within without about above after against
    along among around before behind below beneath beside between beyond but and or nor
    so yet also too very just only even still already ever never not no there here was
    were is are be been being am have has had having do does did done will would shall
    should can could may might must said says say told according per each every all any
    some both either neither many much more most less least few fewer several such other
    another same own up down out off over under again further once until since during
    through across via amid despite like unlike near toward towards upon including
    include includes included because although though however whereas compared
    comparison average averaged averages total totalled number numbers figure figures
    recorded record rate made make makes came come comes took take takes went go goes
    saw see sees got get gets gave give gives found find finds put kept keep paid pay
    won lost spent sent ran run held brought bought became become began left met now
    today yesterday week weeks month months year years day days time times last next
    past previous this
    """
)
_UP = _words(
    """
    rise rises rose risen rising increase increased increases increasing up grew grown
    grow grows growth jump jumped jumps climb climbed climbs surge surged surges soar
    soared soars higher more gain gained gains spike spiked hike hiked leap leapt leaped
    upturn
    """
)
_DOWN = _words(
    """
    fall falls fell fallen falling drop dropped drops decrease decreased decreases
    decreasing decline declined declines declining down lower fewer less reduction
    reductions reduced cut cuts dip dipped dips slump slumped plunge plunged plunges
    shrank shrunk shrink slid slide tumbled tumble
    """
)
_TIME_UNITS = _words(
    """
    second seconds minute minutes hour hours day days week weeks fortnight fortnights
    month months year years decade decades century centuries night nights weekend
    weekends
    """
)
_RATE_UNITS = {
    "day": "daily-average",
    "week": "weekly-average",
    "month": "monthly-average",
    "year": "annual-average",
    "annum": "annual-average",
}
_RATE_ADVERBS = {
    "daily": "daily-average",
    "weekly": "weekly-average",
    "monthly": "monthly-average",
    "annually": "annual-average",
    "yearly": "annual-average",
}
_PEOPLE = _words(
    """
    people children child victims adults adult girls boys pupils patients men women
    teenagers teens kids callers those residents respondents students offenders suspects
    survivors users drivers passengers workers staff members applicants youngsters
    infants babies persons individuals
    """
)
_PHONE_WORDS = _words(
    """
    call calling text texting ring ringing dial dialling dialing phone phoning telephone
    freephone press tel sms whatsapp
    """
)
# Words that may start a sentence before a number without naming it ("About 60 percent").
_LEADS = _words(
    """
    just only nearly almost about around some roughly approximately exactly precisely fully
    barely well estimated an a another
    """
)
_TARGET_WORDS = frozenset({"target", "targets", "aim", "goal", "threshold", "standard", "limit"})
# "category 1 incidents", "tier 2", "Flood Zone 3", "Key Stage 2": a class, not a count.
_CLASS_WORDS = _words(
    """
    category categories cat tier tiers level levels stage stages phase phases grade grades
    band bands type types class classes zone zones section sections step steps article
    chapter clause paragraph schedule part route junction platform gate flight ward
    division league channel page item question option version model series episode
    """
)
# Class words that name a class only with a capital: "Year 9", "Form 4".
_CLASS_WORDS_CAPITAL = frozenset({"Year", "Form", "Key", "Stage"})
# "45 school days", "five working days": a length of time with a word between.
_DURATION_ADJECTIVES = _words(
    "school working business calendar consecutive straight successive full whole clear "
    "trading sitting court"
)
# "1 in 100 chance": a probability, not a share of anything counted.
_CHANCE_WORDS = _words("chance chances risk odds probability likelihood possibility")
_CHANCE_LINKS = _words("or greater higher more less lower smaller annual yearly")
_EMERGENCY_LINES = frozenset({"999", "111", "101", "911", "112", "988", "119", "116"})
_LINE_NOUNS = _words("call caller line service operator handler dispatcher")
# "can be reported on 101": a line to call.
_CONTACT_WORDS = _words(
    """
    reported report reporting contacted contact contacting reached reach called call
    calling ring ringing phone phoning text texting dial dialling line helpline hotline
    number available
    """
)
# "excluded at 13", "diagnosed at 15": an age at which something happened.
_LIFE_EVENTS = _words(
    """
    excluded expelled diagnosed died married retired adopted orphaned arrested charged
    convicted jailed sentenced groomed abused widowed imprisoned deported evicted
    """
)
# "had expected 196,000", "was forecast to reach 2m": a forecast, not a count.
_FORECAST_WORDS = _words("expected forecast forecasted predicted projected anticipated")
_FORECAST_VERBS = _words("reach hit top exceed pass rise fall climb drop surpass be total")
# Verbs that end in "s" and may stand before "under 200" ("remains under 200").
_S_VERBS = _words(
    """
    remains stays sits stands hovers lies runs comes goes gets keeps falls rises is was has
    does seems appears looks holds means
    """
)

_QUALIFIERS: list[tuple[re.Pattern[str], str | None]] = [
    (
        re.compile(
            r"(?:almost|nearly|close\s++to|just\s++short\s++of|approaching|not\s++far\s++short\s++of|getting\s++on\s++for)\s*+$",
            re.I,
        ),
        "almost",
    ),
    (
        re.compile(
            r"(?:at\s++least|a\s++minimum\s++of|no\s++fewer\s++than|no\s++less\s++than|not\s++less\s++than)\s*+$",
            re.I,
        ),
        "at-least",
    ),
    (
        re.compile(
            r"(?:more\s++than|over|in\s++excess\s++of|upwards\s++of|above|greater\s++than|north\s++of)\s*+$",
            re.I,
        ),
        "over",
    ),
    (
        re.compile(
            r"(?:fewer\s++than|less\s++than|under|below|lower\s++than|not\s++quite)\s*+$", re.I
        ),
        "under",
    ),
    (re.compile(r"(?:up\s++to|a\s++maximum\s++of)\s*+$", re.I), "up-to"),
    (
        re.compile(
            r"(?:about|around|some|approximately|roughly|approx\.?|circa|c\.|in\s++the\s++region\s++of|in\s++the\s++order\s++of|more\s++or\s++less)\s*+$",
            re.I,
        ),
        "around",
    ),
]
_AS_MANY_AS = re.compile(r"as\s++(?:many|much)\s++as\s*+$", re.I)
_ESTIMATED = re.compile(r"(?:an\s++)?estimated\s*+$", re.I)
_SKIP_BEFORE_QUALIFIER = re.compile(r"(?:just|only|still|by|of|a|an)\s*+$", re.I)


# ---------------------------------------------------------------- helpers


def _lower(tokens: list[Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


def _attached(tokens: list[Token], i: int) -> bool:
    """Token ``i`` follows token ``i - 1`` with no space between."""
    return 0 < i < len(tokens) and tokens[i].start == tokens[i - 1].end


def _is_word(tokens: list[Token], i: int) -> bool:
    return 0 <= i < len(tokens) and tokens[i].kind == "word"


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _title_case(tokens: list[Token]) -> bool:
    words = [t.text for t in tokens if t.kind == "word" and len(t.text) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_BEFORE_NOUN = _words("more fewer extra additional further other such")
# Verbs that give a level and end the noun before them: "the average asking rent stood at".
_LEVEL_VERBS = _words(
    """
    stood stand stands remained remain remains reached reach reaches hit hits topped tops
    totaled totaling totalling numbered amounted amounts peaked peaks sat sits hovered
    hovers
    """
)
# After these a capital starts a quote or a heading, not a name: 'said: "Knife crime ...'.
_OPENERS = frozenset("\"“‘'(:[—–-")


def proper_names(sentences: Iterable[list[Token]]) -> frozenset[str]:
    """The article's proper names, lower-cased: words it writes with a capital inside a
    sentence ("Chief Constable Jane Doe", "in Westshire") and never in lower case, and
    initials ("RSPB", "NHS"; not "GPs", which are counted).

    The first word of a sentence, a word after an opening quote or colon, and the words of
    a title-case or upper-case line tell nothing, so they are not counted either way.
    """
    capital: set[str] = set()
    lower: set[str] = set()
    initials: set[str] = set()
    for tokens in sentences:
        words = [t.text for t in tokens if t.kind == "word" and len(t.text) > 1]
        shouting = sum(w.isupper() for w in words) > len(words) // 2
        title = shouting or _title_case(tokens)
        first = True
        for k, token in enumerate(tokens):
            if token.kind != "word":
                continue
            low = token.lower.removesuffix("'s").removesuffix("’s")
            if token.text[0].islower():
                lower.add(low)
            elif not shouting and len(low) >= 2 and token.text.isupper():
                initials.add(low)
            elif not first and not title and (k == 0 or tokens[k - 1].text not in _OPENERS):
                capital.add(low)
            first = False
    return frozenset((capital - lower) | initials)


def _number_compound(tokens: list[Token], j: int) -> bool:
    """Tokens ``j`` to ``j + 2`` are a compound like "12-hour" written without spaces."""
    return (
        j + 2 < len(tokens)
        and tokens[j + 1].text in "-‐"
        and _attached(tokens, j + 1)
        and _attached(tokens, j + 2)
        and tokens[j + 2].kind == "word"
    )


def _is_name(tokens: list[Token], k: int, names: frozenset[str]) -> bool:
    """Token ``k`` is one of the article's proper names (:func:`proper_names`)."""
    text = tokens[k].text.removesuffix("'s").removesuffix("’s")
    if len(text) >= 3 and text.endswith("s") and text[:-1].isupper():
        return False  # "GPs", "PCSOs": initials in the plural are counted things
    return text[:1].isupper() and text.lower() in names


def noun_run(
    tokens: list[Token],
    i: int,
    limit: int = 4,
    taken: Sequence[tuple[int, int]] = (),
    names: frozenset[str] = frozenset(),
) -> tuple[str, str, int] | None:
    """The noun phrase starting at token ``i``: (head noun, phrase, index after it).

    A run of words that are not function words, joined by hyphens where written so
    ("gun-related arrests"). A participle after a plural noun ends it ("children
    protected", "trusts declared", "people sleeping rough"); the head is the run's last
    word. A run whose head is a name ("Chief Constable Jane Doe", "Westshire", "RSPB";
    see :func:`proper_names`) is no counted noun: None.
    """
    words: list[str] = []
    heads: list[int] = []  # the token each word was read from
    j = i
    n = len(tokens)
    # "6,000 more officers", "300 extra staff", "1,260 such offences": the noun after the
    # comparative or the word pointing back.
    while j < n and tokens[j].lower in _BEFORE_NOUN:
        j += 1
    while j < n and len(words) < limit:
        token = tokens[j]
        if token.kind == "num" and _number_compound(tokens, j):
            # "3,300 12-hour waits", "4,000 24-hour checks": the compound describes.
            words.append(f"{token.text}-{tokens[j + 2].lower}")
            heads.append(j + 2)
            j += 3
            continue
        if token.kind != "word" or _inside(taken, token.start, token.end):
            break
        low = token.lower.replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if (
            low in _STOP
            or low in _UP
            or low in _DOWN
            or low in _TIME_UNITS
            or low in NUMBER_WORDS
            or low in _LEVEL_VERBS
        ):
            break
        if (
            words
            and low.endswith(("ed", "ing"))
            and (words[-1].endswith("s") or words[-1] in _PEOPLE)
        ):
            break
        if words and token.text[0].isupper() and not tokens[i].text[0].isupper():
            break
        # Hyphenated compounds: "gun-related", "Covid-19" become one word.
        while (
            j + 2 < n
            and tokens[j + 1].text in "-‐"
            and _attached(tokens, j + 1)
            and _attached(tokens, j + 2)
            and tokens[j + 2].kind in ("word", "num")
        ):
            low = f"{low}-{tokens[j + 2].lower}"
            j += 2
        words.append(low)
        heads.append(j)
        j += 1
        if tokens[j - 1].lower.endswith(("'s", "’s")):
            break
        # A name with a number in it: "Section 60 searches", "NHS 111 calls".
        if (
            j + 1 < n
            and tokens[j].kind == "num"
            and token.text[0].isupper()
            and "," not in tokens[j].text
            and tokens[j + 1].kind == "word"
            and tokens[j + 1].lower not in _STOP
        ):
            words.append(tokens[j].text)
            heads.append(j)
            j += 1
            continue
        # "stop and searches", "controlling or coercive behaviour"
        if (
            j + 1 < n
            and tokens[j].lower in ("and", "or")
            and not low.endswith("s")
            and tokens[j + 1].kind == "word"
            and tokens[j + 1].lower not in _STOP
            and not tokens[j + 1].text[0].isupper()
        ):
            words.append(tokens[j].lower)
            heads.append(j)
            j += 1
    while words and words[-1].endswith(("ed", "ing")) and len(words) > 1:
        words.pop()
        heads.pop()
    if not words or _is_name(tokens, heads[-1], names):
        return None
    if tokens[heads[-1]].text[0].isupper() and any(_is_name(tokens, k, names) for k in heads):
        return None  # "Kelby Ambulance Service", "Westshire Police": a body's name

    head = words[-1]
    if len(head) < 2 or head.endswith(("ly", "ing")):
        return None
    if head.endswith("ed") and head not in ("need", "speed", "seed", "breed", "feed", "shed"):
        return None  # "a quarter of a million texted": a verb, not what is counted
    return head, " ".join(words), j


def subject_noun(
    tokens: list[Token],
    clause_start: int,
    stop: int,
    taken: Sequence[tuple[int, int]] = (),
    names: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """The first noun phrase of a clause, before token ``stop`` ("Recorded burglaries").

    Words inside ``taken`` (dates and periods) and names (``names``: a person, place or
    body, "Chief Constable Jane Doe said the rise ...") are passed over.
    """
    j = clause_start
    while j < stop:
        token = tokens[j]
        if _inside(taken, token.start, token.end):
            j += 1
            continue
        if token.kind == "word":
            low = token.lower
            if low.endswith("ly") and j + 1 < stop and tokens[j + 1].text == ",":
                j += 2
                continue
            if (
                low in ("number", "total", "proportion", "share", "rate", "level", "amount")
                and _lower(tokens, j + 1) == "of"
            ):
                run = noun_run(
                    tokens,
                    j + 2 + (1 if _lower(tokens, j + 2) in ("the", "all") else 0),
                    taken=taken,
                    names=names,
                )
                if run is not None:
                    return run[0], run[1]
            if low not in _STOP and low not in _UP and low not in _DOWN:
                run = noun_run(tokens, j, taken=taken, names=names)
                said = _speaker(tokens, run[2], stop) if run is not None else None
                if said is not None:
                    j = said  # "Okafor, a housing analyst, said": past the speaker
                    continue
                if run is not None and not (
                    run[2] < len(tokens)
                    and tokens[run[2]].kind == "word"
                    and _is_name(tokens, run[2], names)
                ):
                    return run[0], run[1]
                if run is not None:
                    # A title before a name ("Partnership manager Ellie Watts", "Housing
                    # lead Councillor Tom Reyes") or one who speaks ("Okafor, a housing
                    # analyst, said"): a person, not what is counted.
                    j = run[2]
                    continue
                if token.text[0].isupper():
                    # A name, passed over whole: "Kelby Ambulance Service recorded".
                    j += 1
                    while j < stop and tokens[j].kind == "word" and tokens[j].text[0].isupper():
                        j += 1
                    continue
        elif token.kind == "num":
            return None
        j += 1
    return None


_SPEECH = _words(
    """
    said says say told tells added adds warned warns explained explains claimed claims
    argued argues stated states noted notes insisted insists believes believed thinks
    thought estimated estimates wrote writes
    """
)


def _speaker(tokens: list[Token], k: int, stop: int) -> int | None:
    """Where the words after a speaker start, when a verb of saying follows at token
    ``k``, straight away or after an apposition between commas ("Okafor, a housing
    analyst at Lakeview University, said"); else None."""
    if _lower(tokens, k) in _SPEECH:
        return k + 1
    if _lower(tokens, k) != ",":
        return None
    for j in range(k + 1, min(stop, k + 16)):
        if tokens[j].text == ",":
            return j + 2 if _lower(tokens, j + 1) in _SPEECH else None
        if tokens[j].kind == "num" and _lower(tokens, j + 1) != ",":
            return None  # a figure, not an age: "Police, 40 of them, ..."
    return None


def _clause_starts(tokens: list[Token]) -> list[int]:
    """For each token, where its clause starts (after the last ";" or ":"), in one pass."""
    out: list[int] = []
    start = 0
    for j, token in enumerate(tokens):
        out.append(start)
        if token.text in (";", ":"):
            start = j + 1
    return out


def _prefix_text(text: str, tokens: list[Token], first: int, sentence_start: int) -> str:
    start = tokens[first].start
    return text[max(sentence_start, start - 48) : start]


# ---------------------------------------------------------------- not figures


def _not_a_figure(tokens: list[Token], num: NumberMention, title: bool) -> str | None:
    """Why the number is not a figure, or None when it is one."""
    first, last = num.first, num.last
    token = tokens[first]
    prev = _lower(tokens, first - 1)
    nxt = _lower(tokens, last + 1)
    if (
        num.kind == "count"
        and num.in_words
        and num.value == 1
        and tokens[first].lower in ("one", "a")
    ):
        return "one"
    if token.kind == "num" or (token.text in "£$€" and first + 1 < len(tokens)):
        digits = tokens[first if token.kind == "num" else first + 1]
        plain = digits.text
        # Letters straight after the digits: "23rd", "10pm", "5G", "1990s", "18s".
        if (
            last + 1 < len(tokens)
            and _attached(tokens, last + 1)
            and tokens[last + 1].kind == "word"
            and num.kind == "count"
            and num.precision is None
        ):
            return "digits with letters"
        if _attached(tokens, first) and tokens[first - 1].kind in ("word", "num"):
            return "part of a name"
        if _attached(tokens, first) and tokens[first - 1].text in "-‐/:." and first >= 2:
            return "part of a name, range or code"
        if (
            last + 2 < len(tokens)
            and tokens[last + 1].text in "-‐/:"
            and _attached(tokens, last + 1)
            and _attached(tokens, last + 2)
        ):
            after = tokens[last + 2]
            if after.kind == "num":
                return "a range, code or time"
            if after.lower.rstrip("s") in (
                "year",
                "month",
                "week",
                "day",
                "hour",
                "minute",
                "mile",
                "metre",
                "foot",
                "old",
                "strong",
                "point",
                "page",
                "bed",
                "seat",
            ):
                return "a compound measure"
        if "," not in plain and "." not in plain:
            if plain.startswith("0") and len(plain) > 1:
                return "a phone number"
            if len(plain) >= 5 and num.precision is None and num.kind == "count":
                return "a code or phone number"
        if (
            last + 1 < len(tokens)
            and tokens[last + 1].kind == "num"
            and num.kind == "count"
            and "," not in tokens[last + 1].text
            and "," not in plain  # "3,300 12-hour waits": a count, then a compound
        ):
            return "a phone number"
        if (
            first >= 1
            and tokens[first - 1].kind == "num"
            and "," not in plain
            and num.kind == "count"
        ):
            return "a phone number"
    # "No. 10", "Fig. 3", "Art. 50"
    if (
        token.kind == "num"
        and prev == "."
        and _lower(tokens, first - 2)
        in ("no", "nos", "fig", "art", "sec", "para", "vol", "ch", "p")
    ):
        return "part of a name"
    # "Covid-19", "NHS 111", "Section 28", "Year 6" (not in a title-case headline).
    if (
        first >= 1
        and token.kind == "num"
        and tokens[first - 1].kind == "word"
        and tokens[first - 1].text[0].isupper()
        and not title
    ):
        word = tokens[first - 1].lower
        if word not in _STOP and word not in _UP and word not in _DOWN and word not in _LEADS:
            return "part of a name"
    # "call 999", "press 55", "text SHOUT to 85258": a verb of calling just before.
    window = {tokens[k].lower for k in range(max(0, first - 3), first)}
    if (
        window & _PHONE_WORDS
        and num.kind == "count"
        and num.precision is None
        and token.kind == "num"
        and "," not in token.text
        and "." not in token.text
    ):
        return "a phone or text number"
    # "calls to 999", "texts to 85258": a line, not a count.
    if (
        prev == "to"
        and _lower(tokens, first - 2) in ("calls", "call", "texts", "text", "messages")
        and token.kind == "num"
        and "," not in token.text
        and num.kind == "count"
    ):
        return "a phone or text number"
    reason = _name_age_or_line(tokens, num, first, last, prev, nxt)
    if reason is not None:
        return reason
    # Ages.
    back = [tokens[k].lower for k in range(max(0, first - 4), first)]
    if any(w in ("aged", "age", "ages") for w in back):
        return "an age"
    if nxt in ("year-old", "year-olds") or (nxt == "-" and _lower(tokens, last + 2) == "year"):
        return "an age"
    if nxt in ("years", "year") and _lower(tokens, last + 2) == "old":
        return "an age"
    # "victims were under 30", "children under 16": an age when no counted noun follows.
    if (
        prev in ("under", "over", "below", "above")
        and num.kind == "count"
        and num.value <= 120
        and noun_run(tokens, last + 1) is None
    ):
        subject = {tokens[k].lower for k in range(max(0, first - 10), first)}
        if subject & _PEOPLE:
            return "an age"
    # Times.
    if nxt in ("am", "pm", "gmt", "bst", "o'clock"):
        return "a time"
    # Durations and frequencies: "20 years", "four hours", "three times a week". Thousands
    # of hours or days are time counted, not one stretch ("crews lost 21,600 hours").
    if num.kind == "count" and nxt in _TIME_UNITS and not _time_counted(num, nxt):
        return "a duration"
    if (
        num.kind == "count"
        and nxt in _DURATION_ADJECTIVES
        and _lower(tokens, last + 2) in _TIME_UNITS
        and not _time_counted(num, _lower(tokens, last + 2))
    ):
        return "a duration"
    if (
        num.kind == "count"
        and nxt in ("a", "an")
        and _lower(tokens, last + 2) in _TIME_UNITS
        and tokens[first].lower == "half"
    ):
        return "a duration"
    if num.kind == "count" and nxt == "times":
        # "used 1.7m times" counts uses; "three times a week" is how often.
        rate = _lower(tokens, last + 2) in ("a", "an", "per", "each", "every")
        if rate or token.kind != "num":
            return "how often"
    if (
        num.kind == "count"
        and nxt in ("-", "‐")
        and _lower(tokens, last + 2).rstrip("s")
        in ("year", "month", "week", "day", "hour", "minute", "off", "way", "time")
    ):
        return "a compound word"
    # Targets and denominators: "a target of 95 per cent", "per 100,000 people".
    if any(tokens[k].lower in _TARGET_WORDS for k in range(max(0, first - 3), first)):
        return "a target"
    if _goal_before(tokens, first):
        return "a goal"
    if prev in ("per", "every") and num.kind != "fraction":
        return "a denominator"
    # List numbering at the start of a line: "1." or "2)".
    if first == 0 and nxt in (".", ")") and token.kind == "num":
        return "list numbering"
    return None


_COUNTED_TIME = _words("second seconds minute minutes hour hours day days night nights")


def _time_counted(num: NumberMention, unit: str) -> bool:
    """Thousands of hours, days or nights are a count of time, not a stretch of it."""
    return unit in _COUNTED_TIME and num.value >= 1000


def _capitalised_name(tokens: list[Token], k: int) -> bool:
    """Tokens ``k - 1`` and ``k`` are capitalised words: a person's first and last name."""
    return all(
        0 <= j < len(tokens)
        and tokens[j].kind == "word"
        and tokens[j].text[0].isupper()
        and tokens[j].lower not in _STOP
        for j in (k - 1, k)
    )


def _name_age_or_line(
    tokens: list[Token], num: NumberMention, first: int, last: int, prev: str, nxt: str
) -> str | None:
    """Why a number is a class name, an age, a probability, a line or a forecast, or None."""
    token = tokens[first]
    plain = token.kind == "num" and "," not in token.text and "." not in token.text
    small = num.kind == "count" and num.currency is None and num.value < 1000
    if plain and small and prev in ("top", "bottom"):
        return "a rank"  # "the top 10 areas"
    # "999 calls", "111 calls": an emergency line named by its number.
    if plain and token.text in _EMERGENCY_LINES and nxt.rstrip("s") in _LINE_NOUNS:
        return "a phone or text number"
    if plain and small and first >= 1:
        word = tokens[first - 1]
        if word.lower in _CLASS_WORDS or word.text in _CLASS_WORDS_CAPITAL:
            return "part of a name"
    # "Sarah Ahmed, 44, whose son ...": an age after a name.
    if (
        plain
        and small
        and num.value <= 110
        and prev == ","
        and nxt == ","
        and _capitalised_name(tokens, first - 2)
        and _lower(tokens, last + 2) not in ("and", "or")
        and not (last + 2 < len(tokens) and tokens[last + 2].kind == "num")
    ):
        return "an age"
    # "excluded at 13", "when she was 15": an age at an event.
    if (
        plain
        and small
        and num.value <= 110
        and noun_run(tokens, last + 1) is None
        and (
            (prev == "at" and _lower(tokens, first - 2) in _LIFE_EVENTS)
            or (
                prev in ("was", "were")
                and _lower(tokens, first - 2) in ("he", "she", "i", "they", "we")
                and _lower(tokens, first - 3) == "when"
            )
        )
    ):
        return "an age"
    # "a 1 in 100 or greater chance"
    if num.kind == "fraction":
        j = last + 1
        while j < len(tokens) and j <= last + 3 and tokens[j].lower in _CHANCE_LINKS:
            j += 1
        if _lower(tokens, j) in _CHANCE_WORDS:
            return "a probability"
    # "can be reported on 101"
    if (
        plain
        and small
        and prev == "on"
        and _lower(tokens, first - 2) in _CONTACT_WORDS
        and noun_run(tokens, last + 1) is None
    ):
        return "a phone or text number"
    if _forecast(tokens, first):
        return "a forecast"
    # "Claims under 200,000 still mean ...": a threshold that names a group.
    if (
        prev in ("under", "over", "below", "above")
        and first >= 2
        and tokens[first - 2].kind == "word"
        and _plural_noun(tokens[first - 2].lower)
        and (first == 2 or tokens[first - 3].kind == "punct")
    ):
        return "a threshold"
    return None


def _forecast(tokens: list[Token], first: int) -> bool:
    """ "had expected 196,000", "are forecast to reach 2m", "predicted claims would rise to"."""
    j = first - 1
    while j >= 0 and tokens[j].lower in _LEADS:
        j -= 1
    if _lower(tokens, j) in _FORECAST_WORDS:
        return _lower(tokens, j - 1) not in ("than", "as")
    # "... to rise to 250,000", "... to reach 250,000"
    if _lower(tokens, j) == "to" and _lower(tokens, j - 1) in _FORECAST_VERBS:
        j -= 1
    if _lower(tokens, j) not in _FORECAST_VERBS or _lower(tokens, j - 1) not in ("to", "would"):
        return False
    # The forecast word up to three words back: "forecast claims to reach".
    for k in range(j - 2, max(-1, j - 6), -1):
        if tokens[k].kind != "word":
            return False
        if tokens[k].lower in _FORECAST_WORDS:
            return _lower(tokens, k - 1) not in ("than", "as")
    return False


# "aims to cut crime by 20%", "pledged to recruit 20,000 officers": what is hoped for.
_INTENT_WORDS = _words(
    """
    aim aims aiming aimed plan plans planning pledge pledges pledged promise promises
    promised vow vows vowed hope hopes hoping want wants intend intends intended seek
    seeks target targets goal ambition
    """
)


def _goal_before(tokens: list[Token], first: int) -> bool:
    """An intention ("aims to", "the target is to") a few words before, in the same clause."""
    for k in range(first - 1, max(-1, first - 7), -1):
        token = tokens[k]
        if token.kind == "punct":
            return False
        if token.lower in _INTENT_WORDS:
            nxt = _lower(tokens, k + 1)
            return nxt == "to" or (nxt in ("is", "was") and _lower(tokens, k + 2) == "to")
    return False


# Verbs whose subject does the counting, not what is counted: "The partnership counted
# 265", "The force recorded a rise of 252", "The council received 1,800".
_AGENT_VERBS = _words(
    """
    record recorded records count counted counts log logged logs register registered
    registers receive received receives report reported reports file filed files make made
    makes handle handled handles answer answered answers issue issued issues employ
    employed employs treat treated treats admit admitted admits attend attended attends
    conduct conducted conducts perform performed performs complete completed completes
    process processed processes deliver delivered delivers serve served serves place placed
    places house housed houses help helped helps support supported supports arrest arrested
    arrests charge charged charges hire hired hires recruit recruited recruits install
    installed installs approve approved approves collect collected collects seize seized
    seizes spend spent spends pay paid pays fine fined fines identify identified identifies
    find found finds take took takes open opened opens build built builds sell sold sells
    carry carried carries ask asked asks charge charged charges
    """
)
# Words between such a verb and its number: "recorded a rise of 252", "made just over 300".
_AGENT_GAP = _words(
    """
    a an the another some just only nearly almost about around roughly approximately
    over under more than fewer less at least of by total estimated further extra
    additional record out with average
    """
)


def _agent_before(tokens: list[Token], first: int, clause: int) -> bool:
    """The number is the object of a verb of counting ("The partnership counted 265"): the
    clause's subject is who counted, not what."""
    j = first - 1
    while j >= clause and j >= first - 8:
        low = tokens[j].lower
        if low in _AGENT_VERBS:
            # "authorisations were made 43 times": in the passive, the subject is counted.
            return _lower(tokens, j - 1) not in ("was", "were", "is", "are", "be", "been", "being")
        if low not in _AGENT_GAP and low not in _CHANGE_NOUNS and low not in _CHANGE_MODIFIERS:
            return False
        j -= 1
    return False


def _plural_noun(word: str) -> bool:
    return (
        word.endswith("s")
        and not word.endswith("ss")
        and word not in _STOP
        and word not in _UP
        and word not in _DOWN
        and word not in _S_VERBS
    )


# ---------------------------------------------------------------- classification


# Verbs whose "up" is no rise: "made up", "set up", "took up", "signed up".
_PHRASAL_UP = _words(
    """
    made make makes making set sets setting took take takes taking end ended ends ending
    summed sum sums picked pick picks signed sign signs showed show shows turned turn turns
    added add adds held hold holds
    """
)


def _direction_before(
    tokens: list[Token], first: int, clause: int
) -> tuple[int | None, str | None]:
    """A change word just before the number ("rose by", "up", "a rise of"): (+1/-1, link word)."""
    j = first - 1
    skipped = 0
    link: str | None = None
    while j >= clause and skipped < 6:
        low = tokens[j].lower
        if low in ("by", "of"):
            link = link or low
        elif low in ("average", "averaged", "total", "estimated", "peak", "high", "low"):
            # "from an average of 30 a week", "to a total of 900"
            link = None
        elif low in ("to", "from"):
            return None, low
        elif low in _UP:
            if low == "more":
                return None, None
            if low == "up" and j > 0 and tokens[j - 1].lower in _PHRASAL_UP:
                return None, None  # "made up about three-quarters": not a rise
            return 1, link
        elif low in _DOWN:
            if low in ("less", "fewer", "lower"):
                return None, None
            return -1, link
        elif low in (
            "the",
            "a",
            "an",
            "almost",
            "nearly",
            "about",
            "around",
            "some",
            "roughly",
            "just",
            "than",
            "more",
            "over",
            "a",
            "an",
            "only",
            "approximately",
            "least",
            "at",
            "close",
            "well",
            "estimated",
            "have",
            "has",
            "had",
            "been",
            "sharply",
            "steeply",
            "slightly",
        ):
            pass
        else:
            return None, None
        j -= 1
        skipped += 1
    return None, None


_CHANGE_MODIFIERS = _words(
    """
    year month week on - annual yearly monthly weekly overall sharp significant further slight
    small big huge dramatic steep marked record
    """
)


_CHANGE_NOUNS = _words("rise increase fall drop decrease decline reduction jump growth surge cut")


def _direction_after(tokens: list[Token], last: int) -> int | None:
    """ "a 12% rise", "12% higher", "300 fewer ... than", "a 10% year-on-year fall"."""
    n = len(tokens)
    j = last + 1
    while j < n and j <= last + 5 and tokens[j].lower in _CHANGE_MODIFIERS:
        j += 1
    if j < n and tokens[j].lower in (
        "rise",
        "increase",
        "jump",
        "higher",
        "up",
        "more",
        "growth",
        "surge",
        "leap",
        "hike",
    ):
        if tokens[j].lower == "more" and not _than_follows(tokens, j):
            return None
        return 1
    if j < n and tokens[j].lower in (
        "fall",
        "drop",
        "decrease",
        "decline",
        "lower",
        "down",
        "fewer",
        "less",
        "reduction",
        "cut",
        "dip",
    ):
        if tokens[j].lower in ("fewer", "less") and not _than_follows(tokens, j):
            return None
        return -1
    return None


def _than_follows(tokens: list[Token], j: int) -> bool:
    return any(tokens[k].lower == "than" for k in range(j + 1, min(len(tokens), j + 5)))


# "in a week" (all within one), "more than a year" (a threshold): not "a week" as a rate.
_SPAN_WORDS = _words("in within during inside over across than least for under nearly almost")


def _averaged(tokens: list[Token], first: int, last: int) -> bool:
    """ "the 218,000 averaged in 2019", "an average of 30", "averaging 30"."""
    if _lower(tokens, last + 1) == "averaged" or (
        _lower(tokens, last + 1) == "on" and _lower(tokens, last + 2) == "average"
    ):
        return True
    j = first - 1
    while j >= 0 and tokens[j].lower in _LEADS:
        j -= 1
    if _lower(tokens, j) in ("averaged", "averaging"):
        return True
    return _lower(tokens, j) == "of" and _lower(tokens, j - 1) == "average"


def _rate_word(tokens: list[Token]) -> Statistic | None:
    """The first "weekly", "daily", "monthly" or "annual" of a sentence, as an average."""
    for token in tokens:
        if token.lower in _RATE_ADVERBS:
            return _RATE_ADVERBS[token.lower]  # type: ignore[return-value]
        if token.lower == "annual":
            return "annual-average"
    return None


def _rate_after(tokens: list[Token], last: int, stops: list[tuple[int, int]]) -> Statistic | None:
    """ "a week", "per month", "every week", "on average per month", "daily" after the number."""
    n = len(tokens)
    j = last + 1
    seen = 0
    while j < n and seen < 8:
        token = tokens[j]
        if token.kind == "num" or token.text in ',.;()[]:!?"“”':
            return None
        if _inside(stops, token.start, token.end):
            return None
        low = token.lower
        if low in ("a", "an") and _lower(tokens, j - 1) in _SPAN_WORDS:
            return None  # "1,100 warnings in a week": all within one week, not a rate
        if low in ("a", "an", "per", "each", "every") and j + 1 < n:
            unit = tokens[j + 1].lower
            if unit in _RATE_UNITS and not _inside(stops, tokens[j + 1].start, tokens[j + 1].end):
                return _RATE_UNITS[unit]  # type: ignore[return-value]
        if low in _RATE_ADVERBS:
            return _RATE_ADVERBS[low]  # type: ignore[return-value]
        j += 1
        seen += 1
    return None


def _rate_before(tokens: list[Token], first: int) -> Statistic | None:
    """ "a weekly average of 50", "a daily average of 13,500"."""
    for k in range(max(0, first - 4), first):
        low = tokens[k].lower
        if low in _RATE_ADVERBS and _lower(tokens, k + 1) in ("average", "total", "rate"):
            return _RATE_ADVERBS[low]  # type: ignore[return-value]
    return None


def _qualifier(prefix: str) -> tuple[str | None, bool, str | None]:
    """(qualifier, approximate, note) from the words just before a number."""
    text = prefix
    for _ in range(2):
        for pattern, qualifier in _QUALIFIERS:
            if pattern.search(text):
                return qualifier, True, None
        if _AS_MANY_AS.search(text):
            return (
                None,
                False,
                '"as many as" stresses the number; it is not read as an approximation.',
            )
        if _ESTIMATED.search(text):
            return None, True, "An estimate: approximate without a qualifier word."
        trimmed = _SKIP_BEFORE_QUALIFIER.sub("", text)
        if trimmed == text:
            break
        text = trimmed
    return None, False, None


_INVERTED = {
    "over": "under",
    "under": "over",
    "almost": "over",
    "at-least": "up-to",
    "up-to": "at-least",
}


def find_figures(
    text: str,
    tokens: list[Token],
    sentence_start: int,
    taken: list[tuple[int, int]],
    names: frozenset[str] = frozenset(),
) -> tuple[list[Candidate], list[tuple[int, int, str]]]:
    """The figures among a sentence's numbers, and the numbers left out with the reason.

    ``taken`` are spans already read as dates or periods; numbers inside them are not
    figures. ``names`` are the article's proper names (:func:`proper_names`), which are
    never what a figure counts.
    """
    out: list[Candidate] = []
    rejected: list[tuple[int, int, str]] = []
    title = _title_case(tokens)
    clauses = _clause_starts(tokens)
    counters: set[tuple[str, str]] = set()  # subjects that did the counting
    i = 0
    n = len(tokens)
    while i < n:
        if _inside(taken, tokens[i].start, tokens[i].end):
            i += 1
            continue
        num = number_at(tokens, i)
        if num is None:
            i += 1
            continue
        if _inside(taken, tokens[num.first].start, tokens[num.last].end):
            i += 1
            continue
        start, end = tokens[num.first].start, tokens[num.last].end
        reason = _not_a_figure(tokens, num, title)
        if reason is not None:
            rejected.append((start, end, reason))
            i = num.last + 1
            continue
        candidate = _classify(text, tokens, num, sentence_start, taken, clauses[num.first], names)
        # Without its own noun a figure counts what the figure before it counts
        # ("35% of all conversations ..., 28% were about depression").
        if not candidate.noun_direct and out and out[-1].noun is not None:
            candidate.noun, candidate.phrase = out[-1].noun, out[-1].phrase
        elif (
            candidate.noun is None
            and candidate.fallback_noun is not None
            and candidate.fallback_noun not in counters
        ):
            # ("The partnership counted 265 in 2022 and 301 in 2019": not partnerships.)
            candidate.noun, candidate.phrase = candidate.fallback_noun
        if candidate.counter is not None:
            counters.add(candidate.counter)
        out.append(candidate)
        i = num.last + 1
    out.extend(_no_change(tokens, taken, clauses, names))
    out.sort(key=lambda c: c.start)
    _share_the_values_noun(out)
    return out, rejected


_STAY_VERBS = _words(
    "remain remains remained stay stays stayed held holds hold was were is are been"
)
_LEVEL_WORDS = {"level": "around", "flat": "around", "stable": "around", "steady": "around"}


def _no_change(
    tokens: list[Token],
    taken: Sequence[tuple[int, int]],
    clauses: list[int],
    names: frozenset[str],
) -> list[Candidate]:
    """ "offences remain level with 2019", "calls stayed unchanged on last year": a change of
    0% stated in words. "Level", "flat", "stable" and "steady" are approximate; "unchanged"
    is exact. Only with what it is compared with ("with", "on", "from", "compared")."""
    out: list[Candidate] = []
    for k in range(1, len(tokens) - 1):
        word = tokens[k].lower
        if word not in _LEVEL_WORDS and word != "unchanged":
            continue
        if tokens[k - 1].lower not in _STAY_VERBS:
            continue
        if tokens[k + 1].lower not in ("with", "on", "from", "compared"):
            continue
        qualifier = _LEVEL_WORDS.get(word)
        c = Candidate(
            start=tokens[k].start,
            end=tokens[k].end,
            first=k,
            last=k,
            value=0.0,
            statistic="percent-change",
            qualifier=qualifier,
            approximate=qualifier is not None,
        )
        c.notes.append(f'"{tokens[k - 1].text} {tokens[k].text}" is read as a change of 0%.')
        found = subject_noun(tokens, clauses[k], k - 1, taken, names)
        if found is not None:
            c.noun, c.phrase = found
            c.noun_direct = True
        out.append(c)
    return out


def _share_the_values_noun(found: list[Candidate]) -> None:
    """ "Knife crime rose by 12% ..., up from 3,100 offences to 3,472": the change counts
    what its before-and-after values count, so that the two can be checked together."""
    for n, c in enumerate(found):
        if c.statistic not in _CHANGE_KINDS or c.noun_after:
            continue
        value = next(
            (o for o in found[n + 1 :] if o.noun_after and o.statistic not in _CHANGE_KINDS),
            None,
        )
        if value is not None and value.role == "from":
            c.noun, c.phrase = value.noun, value.phrase


def _classify(
    text: str,
    tokens: list[Token],
    num: NumberMention,
    sentence_start: int,
    taken: list[tuple[int, int]],
    clause: int,
    names: frozenset[str],
) -> Candidate:
    first, last = num.first, num.last
    prefix = _prefix_text(text, tokens, first, sentence_start)
    qualifier, approximate, note = _qualifier(prefix)
    c = Candidate(
        start=tokens[first].start,
        end=tokens[last].end,
        first=first,
        last=last,
        value=num.value,
        statistic="total",
        qualifier=qualifier,
        approximate=approximate,
        precision=num.precision,
        currency=num.currency,
    )
    if note:
        c.notes.append(note)
    direction, link = _direction_before(tokens, first, clause)
    c.to_value = link == "to"
    if link == "from":
        c.role = "from"
    elif (
        _lower(tokens, first - 1) in ("with", "to") and _lower(tokens, first - 2) == "compared"
    ) or _lower(tokens, first - 1) in ("against", "versus", "vs"):
        c.role = "compare"
    elif _lower(tokens, first - 1) in ("the", "that") and any(
        _lower(tokens, k) in ("double", "twice", "times", "treble", "triple", "half")
        for k in range(max(0, first - 3), first - 1)
    ):
        # "nearly double the 51 recorded in 2019": the value it is compared with.
        c.role = "compare"
    if direction is None and link not in ("to", "from"):
        direction = _direction_after(tokens, last)
    if (
        direction is None
        and num.kind in ("percent", "fraction")
        and _lower(tokens, last + 1) in ("above", "below")
        and last + 2 < len(tokens)
        and tokens[last + 2].kind in ("word", "num")
    ):
        # "45% above the long-term average": a difference from a level it names.
        direction = 1 if _lower(tokens, last + 1) == "above" else -1
        c.against = _words_until_stop(tokens, last + 2)
    kind = num.kind
    if kind == "ratio":
        c.statistic = "ratio"
        if num.value < 1 and c.qualifier is not None:
            c.qualifier = _INVERTED.get(c.qualifier, c.qualifier)
    elif kind in ("percent", "fraction") and _of_levels(tokens, last) is not None:
        c.statistic = "ratio"
        c.value = num.value / 100.0
        c.of_levels = _of_levels(tokens, last)
    elif kind in ("percent", "fraction", "points") and direction is not None:
        c.statistic = "change" if kind == "points" else "percent-change"
        c.value = direction * num.value
        if kind == "points":
            c.notes.append("A change in percentage points.")
    elif kind == "points":
        c.statistic = "change"
        c.review.append("review: a change in percentage points with no direction; check the sign")
    elif kind in ("percent", "fraction") and num.value > 100:
        c.statistic = "percent-change"
        c.review.append(
            "review: a percentage over 100 cannot be a share; read as a rise, check its sign"
        )
    elif kind in ("percent", "fraction"):
        c.statistic = "share"
    elif direction is not None and link in ("by", "of", None) and c.role == "main":
        c.statistic = "change"
        c.value = direction * num.value
    else:
        rate = _rate_after(tokens, last, taken) or _rate_before(tokens, first)
        if rate is None and _averaged(tokens, first, last):
            # "Weekly claims ... below the 218,000 averaged in 2019": the sentence says
            # what the average is per.
            rate = _rate_word(tokens)
        if rate is not None:
            c.statistic = rate
    if c.statistic in _CHANGE_KINDS:
        c.over = _over_span(tokens, last)
    # "twice the number a year earlier" is a ratio; a lone "double" is not a number here.
    # The counted noun.
    noun = _noun_after(tokens, num, c.statistic, taken, names)
    agent = _agent_before(tokens, first, clause)
    unit = _lower(tokens, last + 1)
    if noun is None and kind == "count" and unit in _TIME_UNITS and _time_counted(num, unit):
        noun = unit, unit  # "21,600 hours": the hours are what is counted
    if noun is not None:
        c.noun, c.phrase = noun
        c.noun_direct = True
        c.noun_after = True
        c.such = _lower(tokens, last + 1) == "such"
    elif c.statistic in ("change", "percent-change", "ratio") and not agent:
        # "while robberies halved": the subject of the change's own part of the sentence.
        found = subject_noun(tokens, _subclause_start(tokens, first, clause), first, taken, names)
        if found is not None:
            c.noun, c.phrase = found
            c.noun_direct = True
    if c.noun is None and (
        c.statistic in _CHANGE_KINDS
        or kind == "count"
        or c.currency
        # "Vacancies fell to 3.1 percent"; not "half of those arrested", which says.
        or (c.statistic == "share" and _lower(tokens, last + 1) != "of")
    ):
        subject = subject_noun(tokens, clause, first, taken, names)
        if agent:
            c.counter = subject
        else:
            c.fallback_noun = subject
    return c


_CHANGE_KINDS = frozenset({"change", "percent-change", "ratio"})


_OF_DETERMINERS = _words("all the those these its their our such")


def _noun_after(
    tokens: list[Token],
    num: NumberMention,
    statistic: Statistic,
    taken: Sequence[tuple[int, int]],
    names: frozenset[str],
) -> tuple[str, str] | None:
    """What a figure counts, read after it: "45 arrests", "35% of all calls", "a rise in X"."""
    j = num.last + 1
    if statistic in ("change", "percent-change"):
        # "a 10% year-on-year fall in burglaries"
        k = j
        while k < len(tokens) and k <= j + 5 and tokens[k].lower in _CHANGE_MODIFIERS:
            k += 1
        if _lower(tokens, k) in _CHANGE_NOUNS and _lower(tokens, k + 1) in ("in", "of"):
            start = k + 2 + (1 if _lower(tokens, k + 2) == "the" else 0)
            run = noun_run(tokens, start, taken=taken, names=names)
            if run is not None:
                return run[0], run[1]
    if _lower(tokens, j) == "of":
        k = j + 1
        while _lower(tokens, k) in _OF_DETERMINERS:
            k += 1
        run = noun_run(tokens, k, taken=taken, names=names)
        return (run[0], run[1]) if run is not None else None
    if num.currency and _lower(tokens, j) == "on":
        # "spent £14.6m on pothole repairs": what the money went on.
        k = j + 1 + (1 if _lower(tokens, j + 1) in _OF_DETERMINERS else 0)
        run = noun_run(tokens, k, taken=taken, names=names)
        return (run[0], run[1]) if run is not None else None
    if num.kind == "ratio" or statistic == "percent-change":
        return None
    if statistic == "change" and num.kind != "count":
        return None
    # "a rise of 252 offences", "fell by 40 arrests": a count names what it counts.
    run = noun_run(tokens, j, taken=taken, names=names)
    if run is not None and run[0] not in ("per", "cent"):
        return run[0], run[1]
    return None


def _over_span(tokens: list[Token], last: int) -> tuple[int, str] | None:
    """ "up 55% in five years", "doubled over two years": the span the change covers."""
    if _lower(tokens, last + 1) not in ("in", "over", "within"):
        return None
    k = last + 2
    if k >= len(tokens) or _lower(tokens, k) in ("the", "a"):
        return None  # nothing after "in"; or "in the year to March", a period read elsewhere
    read = number_at(tokens, k)
    if read is None or read.kind != "count" or (not read.in_words and read.value > 100):
        return None
    unit = _lower(tokens, read.last + 1).rstrip("s")
    if unit not in ("year", "month", "week", "day", "decade"):
        return None
    count = int(read.value) * (10 if unit == "decade" else 1)
    return count, ("years" if unit == "decade" else unit + "s")


def _subclause_start(tokens: list[Token], i: int, clause: int) -> int:
    j = i - 1
    while j > clause:
        if tokens[j].text in (",", ";", ":") or tokens[j].lower in ("while", "whereas", "but"):
            return j + 1
        j -= 1
    return clause


def _words_until_stop(tokens: list[Token], k: int, limit: int = 8) -> str:
    """Up to ``limit`` words from token ``k``, to the first punctuation or number."""
    words: list[str] = []
    while k < len(tokens) and len(words) < limit:
        token = tokens[k]
        if token.kind != "word" and token.text not in "-‐":
            break
        words.append(token.text)
        k += 1
    return " ".join(words).replace(" - ", "-")


def _of_levels(tokens: list[Token], last: int) -> str | None:
    """ "a third of normal levels", "60% of pre-pandemic levels", "half the pre-pandemic
    level": a ratio to a level, named."""
    after = _lower(tokens, last + 1)
    if after == "the" and tokens[last].lower in ("half", "third", "thirds", "quarter", "quarters"):
        first = last + 1  # "half the level": no "of" needed
    elif after == "of":
        first = last + 2
    else:
        return None
    words: list[str] = []
    for k in range(first, min(len(tokens), first + 6)):
        token = tokens[k]
        if token.kind != "word" and token.text not in "-‐":
            break
        words.append(token.text)
        if token.lower in ("level", "levels"):
            return " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    return None
