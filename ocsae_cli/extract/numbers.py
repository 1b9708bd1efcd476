"""Numbers in running text: digits, scales, number words, fractions, ratios.

The text is cut into tokens once (one linear regular expression); numbers are then
read off the token list by hand, so that "two hundred and fifty", "5.2 million",
"1.7m", "35 per cent", "one in five", "two thirds" and "more than doubled" each
become one :class:`NumberMention` with its value and span. Whether a number is a
figure (and not a date, an age or a phone number) is decided by the caller, which
knows the context.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal, NamedTuple

__all__ = [
    "NUMBER_WORDS",
    "NumberKind",
    "NumberMention",
    "Token",
    "number_at",
    "small_number",
    "tokenize",
    "word_number",
]

TokenKind = Literal["num", "word", "punct"]


class Token(NamedTuple):
    """One token: a number in digits, a word (with any apostrophe-s), or one other character."""

    text: str
    start: int
    end: int
    kind: TokenKind
    lower: str


# Digits with thousands separators (only in groups of three) and a decimal part; words
# with an apostrophe ending; any other single character. Every alternative consumes
# what it matches, so the scan is linear.
_TOKEN = re.compile(
    r"(?P<num>\d+(?:,\d{3}(?!\d))*(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<punct>\S)"
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with their spans in ``text``."""
    stop = len(text) if end is None else end
    out: list[Token] = []
    for match in _TOKEN.finditer(text, start, stop):
        kind: TokenKind = (
            "num" if match.group("num") else "word" if match.group("word") else "punct"
        )
        value = match.group()
        out.append(Token(value, match.start(), match.end(), kind, value.lower()))
    return out


_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Abbreviated scales written straight after the digits: "1.7m", "£2bn", "5k".
_SUFFIX_SCALES = {"m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
NUMBER_WORDS: dict[str, int] = {**_UNITS, **_TENS}

_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
_RATIO_VERBS = {
    "doubled": 2.0,
    "doubling": 2.0,
    "doubles": 2.0,
    "tripled": 3.0,
    "trebled": 3.0,
    "tripling": 3.0,
    "trebling": 3.0,
    "quadrupled": 4.0,
    "quadrupling": 4.0,
    "halved": 0.5,
    "halving": 0.5,
}
_FOLD = {
    "twofold": 2.0,
    "threefold": 3.0,
    "fourfold": 4.0,
    "fivefold": 5.0,
    "sixfold": 6.0,
    "sevenfold": 7.0,
    "eightfold": 8.0,
    "ninefold": 9.0,
    "tenfold": 10.0,
}

_MULTIPLES = {"double": 2.0, "treble": 3.0, "triple": 3.0, "quadruple": 4.0}
_DETERMINERS = frozenset(
    {"the", "that", "what", "its", "their", "his", "her", "our", "this", "those"}
)
_HALF_AFTER = frozenset({"of", "the", "its", "their", "those", "these", "all"})
_HALF_BEFORE = frozenset(
    {
        "almost",
        "nearly",
        "about",
        "around",
        "over",
        "than",
        "roughly",
        "some",
        "under",
        "by",
        "just",
    }
)


def _lower_at(tokens: list[Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


def _half_is_a_share(tokens: list[Token], i: int) -> bool:
    """ "half of all calls", "almost half", "fell by half"; not "half an hour" or "half-term"."""
    n = len(tokens)
    if i + 1 < n and tokens[i + 1].text in "-‐" and tokens[i + 1].start == tokens[i].end:
        return False
    if i + 1 < n and tokens[i + 1].lower in _HALF_AFTER:
        return True
    if i > 0 and tokens[i - 1].lower in ("a", "an", "first", "second", "the", "last"):
        return False
    if i > 0 and tokens[i - 1].lower in _HALF_BEFORE:
        return i + 1 >= n or tokens[i + 1].lower not in ("a", "an", "hour", "day", "year")
    return False


NumberKind = Literal["count", "percent", "fraction", "ratio", "points"]


class NumberMention(NamedTuple):
    """A number read from tokens ``first`` to ``last`` (inclusive).

    ``kind`` is ``count`` (a plain quantity), ``percent`` ("35%", "35 per cent"),
    ``fraction`` (a share already in percent: "one in five" is 20, "a third" 33.3),
    ``ratio`` ("doubled" is 2, "three times as many" is 3) or ``points`` ("3
    percentage points"). ``precision`` is the place of the last stated digit when a
    scale word sets it ("5.2 million": 100000), else None. ``in_words`` says the
    number was spelt out.
    """

    first: int
    last: int
    value: float
    kind: NumberKind
    precision: float | None
    in_words: bool
    currency: str | None


def _digits_value(text: str) -> tuple[float, int]:
    """The value of digits like "2,200" or "5.2", and how many decimals they state."""
    plain = text.replace(",", "")
    if "." in plain:
        return float(plain), len(plain.split(".", 1)[1])
    return float(int(plain)), 0


def word_number(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """A number spelt in words from token ``i``: its value and its last token.

    Reads "eight", "twenty-five", "two hundred and fifty", "three thousand", "a
    hundred", "a million", "a dozen". A lone "a" or "and" is not a number.
    """
    total = 0.0
    current = 0.0
    last: int | None = None
    j = i
    seen_any = False
    n = len(tokens)
    while j < n:
        word = tokens[j].lower
        if word in _UNITS or word in _TENS:
            if seen_any and current % 100 != 0 and word in _TENS:
                break
            if seen_any and current % 10 != 0 and word in _UNITS:
                break
            if seen_any and 0 < current % 100 < 20 and word in _UNITS:
                break
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
            seen_any = True
            last = j
            # "twenty-five"
            if (
                word in _TENS
                and j + 2 < n
                and tokens[j + 1].text in "-‐"
                and tokens[j + 1].start == tokens[j].end
                and tokens[j + 2].lower in _UNITS
                and _UNITS[tokens[j + 2].lower] < 10
            ):
                current += _UNITS[tokens[j + 2].lower]
                last = j + 2
                j += 3
                continue
            j += 1
            continue
        if (
            word in ("a", "one")
            and not seen_any
            and j + 1 < n
            and tokens[j + 1].lower
            in (
                "hundred",
                "thousand",
                "million",
                "billion",
                "dozen",
            )
        ):
            current = 1
            seen_any = True
            j += 1
            continue
        if word == "dozen" and seen_any:
            current *= 12
            last = j
            j += 1
            continue
        if word in _SCALES and seen_any:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = j
            j += 1
            continue
        # "two hundred and fifty" but not "five and six".
        if (
            word == "and"
            and seen_any
            and j + 1 < n
            and (tokens[j + 1].lower in _UNITS or tokens[j + 1].lower in _TENS)
            and last is not None
            and tokens[last].lower in _SCALES
        ):
            j += 1
            continue
        break
    if last is None:
        return None
    return total + current, last


def _is_word_number_start(token: Token) -> bool:
    return token.lower in _UNITS or token.lower in _TENS or token.lower in ("a", "one")


def _percent_after(tokens: list[Token], j: int) -> int | None:
    """The last token of a percent sign or "per cent" starting at ``j``, if any."""
    n = len(tokens)
    if j < n and tokens[j].text == "%":
        return j
    if j < n and tokens[j].lower in ("percent", "pc"):
        return j
    if j + 1 < n and tokens[j].lower == "per" and tokens[j + 1].lower == "cent":
        return j + 1
    return None


def _points_after(tokens: list[Token], j: int) -> int | None:
    n = len(tokens)
    if j + 1 < n and tokens[j].lower == "percentage" and tokens[j + 1].lower in ("points", "point"):
        return j + 1
    return None


def _scale_after(tokens: list[Token], j: int, number_end: int) -> tuple[int, float] | None:
    n = len(tokens)
    if j >= n:
        return None
    token = tokens[j]
    if token.lower in _SUFFIX_SCALES and token.start == number_end:
        return j, _SUFFIX_SCALES[token.lower]
    if token.lower in ("million", "billion", "thousand", "trillion"):
        return j, {"million": 1e6, "billion": 1e9, "thousand": 1e3, "trillion": 1e12}[token.lower]
    return None


_CURRENCY = {"£": "pounds", "$": "dollars", "€": "euros"}


def number_at(tokens: list[Token], i: int) -> NumberMention | None:
    """The number that starts at token ``i``, or None.

    Handles digits ("2,200", "5.2"), scales ("5.2 million", "1.7m", "£2bn"),
    percentages ("35%", "35 per cent", "13 percent"), percentage points, number
    words, fractions ("a third", "two thirds", "half"), "one in five" and "9 out of
    10", and ratios ("doubled", "tripled", "halved", "twice", "three times",
    "fivefold").
    """
    n = len(tokens)
    token = tokens[i]
    currency = None
    first = i
    if token.text in _CURRENCY and i + 1 < n and tokens[i + 1].kind == "num":
        currency = _CURRENCY[token.text]
        i += 1
        token = tokens[i]
    if token.kind == "num":
        if len(token.text) > 24:
            return None  # a code or a serial number, and too long to convert safely
        value, decimals = _digits_value(token.text)
        last = i
        in_words = False
    elif token.lower in _RATIO_VERBS:
        return NumberMention(first, i, _RATIO_VERBS[token.lower], "ratio", None, True, None)
    elif token.lower in _FOLD:
        return NumberMention(first, i, _FOLD[token.lower], "ratio", None, True, None)
    elif token.lower == "twice":
        return NumberMention(first, i, 2.0, "ratio", None, True, None)
    elif token.lower in _MULTIPLES and i + 1 < n and tokens[i + 1].lower in _DETERMINERS:
        # "double the number", "treble that": a ratio; a lone "double" is an adjective.
        return NumberMention(first, i, _MULTIPLES[token.lower], "ratio", None, True, None)
    elif (
        token.lower == "half"
        and _lower_at(tokens, i + 1) in ("a", "an")
        and (_lower_at(tokens, i + 2) in _SCALES)
    ):
        # "half a million"
        return NumberMention(
            first, i + 2, 0.5 * _SCALES[tokens[i + 2].lower], "count", None, True, None
        )
    elif token.lower == "half" and _half_is_a_share(tokens, i):
        return NumberMention(first, i, 50.0, "fraction", None, True, None)
    elif _is_word_number_start(token):
        read = word_number(tokens, i)
        if read is None:
            return _fraction_at(tokens, i)
        value, last = read
        decimals = 0
        in_words = True
        fraction = _fraction_at(tokens, i)
        if fraction is not None and fraction.last > last:
            return fraction
    else:
        return None

    # "one in five", "9 out of 10"
    share = _one_in_n(tokens, i, last, value)
    if share is not None:
        return share._replace(first=first)
    j = last + 1
    scale = _scale_after(tokens, j, tokens[last].end) if not in_words else None
    precision: float | None = None
    if scale is not None:
        j, factor = scale
        precision = factor / (10**decimals)
        # Through Decimal, so that "$4.1 million" is 4100000 and not 4099999.9999999995.
        value = float(Decimal(tokens[last].text.replace(",", "")) * Decimal(int(factor)))
        last = j
        j += 1
    percent = _percent_after(tokens, j)
    if percent is not None:
        return NumberMention(first, percent, value, "percent", None, in_words, None)
    points = _points_after(tokens, j)
    if points is not None:
        return NumberMention(first, points, value, "points", None, in_words, None)
    # "three times as many", "five times higher": a ratio, unless it is how often.
    if (
        j < n
        and tokens[j].lower == "times"
        and j + 1 < n
        and tokens[j + 1].lower
        in (
            "as",
            "more",
            "higher",
            "greater",
            "larger",
            "bigger",
            "the",
            "that",
            "what",
            "lower",
        )
    ):
        return NumberMention(first, j, value, "ratio", None, in_words, None)
    if j + 1 < n and tokens[j].text in "-‐" and tokens[j + 1].lower == "fold":
        return NumberMention(first, j + 1, value, "ratio", None, in_words, None)
    return NumberMention(first, last, value, "count", precision, in_words, currency)


def _one_in_n(tokens: list[Token], i: int, last: int, value: float) -> NumberMention | None:
    n = len(tokens)
    j = last + 1
    if j < n and tokens[j].lower == "in":
        k = j + 1
        if k < n and tokens[k].lower == "every":
            k += 1
    elif j + 1 < n and tokens[j].lower == "out" and tokens[j + 1].lower == "of":
        k = j + 2
    else:
        return None
    if k >= n:
        return None
    if tokens[k].kind == "num":
        whole, _ = _digits_value(tokens[k].text)
        end = k
    else:
        read = word_number(tokens, k)
        if read is None:
            return None
        whole, end = read
    if whole <= 0 or value > whole or whole < 2:
        return None
    # "one in five" is a share only of a whole that is a plain number, not a year.
    if whole >= 1000 and tokens[k].kind == "num" and "," not in tokens[k].text:
        return None
    return NumberMention(
        i, end, 100.0 * value / whole, "fraction", None, tokens[i].kind != "num", None
    )


def _fraction_at(tokens: list[Token], i: int) -> NumberMention | None:
    """ "a third", "one fifth", "two thirds", "two-thirds", "three quarters"."""
    n = len(tokens)
    word = tokens[i].lower
    if word in {"a", "one"}:
        numerator = 1.0
    elif word in _UNITS and _UNITS[word] > 0:
        numerator = float(_UNITS[word])
    else:
        return None
    j = i + 1
    if j < n and tokens[j].text in "-‐" and tokens[j].start == tokens[i].end:
        j += 1
    if j >= n or tokens[j].lower not in _DENOMINATORS:
        return None
    denominator_word = tokens[j].lower
    denominator = _DENOMINATORS[denominator_word]
    plural = denominator_word.endswith("s") and denominator_word != "halves"
    if numerator > 1 and not (plural or denominator_word == "halves"):
        return None
    if numerator == 1 and plural:
        return None
    if numerator >= denominator:
        return None
    if (
        _lower_at(tokens, j + 1) == "of"
        and _lower_at(tokens, j + 2) in ("a", "an")
        and (_lower_at(tokens, j + 3) in _SCALES)
    ):
        # "a quarter of a million": a count, not a share
        scale = _SCALES[tokens[j + 3].lower]
        return NumberMention(i, j + 3, scale * numerator / denominator, "count", None, True, None)
    return NumberMention(i, j, 100.0 * numerator / denominator, "fraction", None, True, None)


_SMALL = {**_UNITS, **_TENS, "a": 1, "an": 1, "single": 1}


def small_number(text: str) -> int | None:
    """A length written as digits or words: "12", "twelve", "twenty-four", "a"; else None."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    total = 0
    for word in words:
        if word not in _SMALL:
            return None
        total += _SMALL[word]
    return total
