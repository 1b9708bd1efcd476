"""``quote``: a figure's value, as a source writes it, stands in the figure's own quote.

The value may be written "45", "2,200" or "2200", "four", "5.2 million" or
"5.2m"; a fall's value without its sign. Numbers a source writes in words
("doubled", "one in five", "a third", "remain level") are a ``note``: read
them by eye. An approximation's qualifier should stand before the value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from ocsae_cli.analysis import wording as say
from ocsae_cli.analysis.checks.common import Finding, in_file_order, subject
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.intervals import FRACTION_DECIMALS, decimals
from ocsae_cli.analysis.results import Check, Verdict
from ocsae_cli.model import COMPARISONS, Figure


@functools.lru_cache(maxsize=4096)
def _forms(value: float) -> tuple[str, ...]:
    return tuple(written_forms(value))


def written_forms(value: float) -> list[str]:
    """How a source may write ``value``: 2,200 and 2200; 4 and four."""
    if type(value) is int or float(value).is_integer():
        whole = int(value)
        grouped, plain = f"{whole:,}", str(whole)
        forms = [grouped] if grouped == plain else [grouped, plain]
        if whole < len(say.NUMBER_WORDS):
            forms.append(say.NUMBER_WORDS[whole])
        return forms
    return list(dict.fromkeys([f"{value:,}", repr(value), say.number(value)]))


def scaled_forms(value: float) -> list[str]:
    """How a source may write a large rounded value: 5.2 million, 5.2m, 1.7bn."""
    for scale, names in ((1e9, ("billion", "bn")), (1e6, ("million", "m")), (1e3, ("k",))):
        if value >= scale:
            shown = f"{value / scale:.3f}".rstrip("0").rstrip(".")
            return [f"{shown} {names[0]}", *(f"{shown}{name}" for name in names)]
    return []


# How a source says a percentage or a ratio in words ("up by a fifth", "doubled").
_PERCENT_WORDS = {
    10.0: ("a tenth", "one in ten"),
    20.0: ("a fifth", "one in five"),
    25.0: ("a quarter", "one in four"),
    50.0: ("half", "one in two"),
    75.0: ("three quarters", "three in four"),
    100.0: ("doubled", "double", "twice"),
    200.0: ("tripled", "trebled", "three times"),
}
_RATIO_WORDS = {
    0.5: ("halved", "half"),
    2.0: ("doubled", "double", "twice"),
    3.0: ("tripled", "trebled", "three times"),
    4.0: ("quadrupled", "four times"),
}
_THIRDS = {1: ("a third", "one in three"), 2: ("two thirds", "two in three")}


def word_forms(value: float, statistic: str) -> list[str]:
    """The words a source may use for a percentage or a ratio: "a fifth", "doubled"."""
    size = abs(value)
    if statistic == "ratio":
        return list(_RATIO_WORDS.get(round(size, 6), ()))
    if statistic not in ("percent-change", "share"):
        return []
    for thirds, words in _THIRDS.items():
        if abs(size - thirds * 100 / 3) < 0.5:
            return list(words)
    if value == -50:
        return ["halved", "half"]
    return list(_PERCENT_WORDS.get(round(size, 6), ()))


def _is_word(character: str) -> bool:
    """What a regular expression's ``\\w`` matches."""
    return character.isalnum() or character == "_"


def appears(form: str, text: str) -> bool:
    """Whether ``form`` is in ``text`` as a number of its own, ignoring case.

    Not inside a longer number or word: "45" is not in "145", "4,500" or
    "45.5", and "2" is not in "2,200". An ASCII quote (nearly all of them) is
    searched plainly, where a regular expression per figure would cost more
    than everything else a check does. Other text goes to the expression, since
    lower-casing is not the same as ignoring case there (a dotted capital I, a
    long s, the Kelvin sign).
    """
    if not (text.isascii() and form.isascii()):
        pattern = rf"(?<![\w.,]){re.escape(form)}(?![\w]|[.,]\d)"
        return re.search(pattern, text, re.IGNORECASE) is not None
    needle, haystack = form.lower(), text.lower()
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before = haystack[start - 1] if start else ""
        after = haystack[end : end + 2]
        glued_before = bool(before) and (_is_word(before) or before in ".,")
        glued_after = bool(after) and (
            _is_word(after[0]) or (after[0] in ".," and after[1:2].isdecimal())
        )
        if not glued_before and not glued_after:
            return True
        start = haystack.find(needle, start + 1)
    return False


def _qualifier_before(figure: Figure, found: str) -> str | None:
    """The word of the figure's qualifier that its quote puts before ``found``, if any."""
    assert figure.qualifier is not None
    for word in say.QUALIFIER_WORDS.get(figure.qualifier, (figure.qualifier,)):
        if re.search(rf"\b{re.escape(word)}\s+{re.escape(found)}", figure.quote, re.IGNORECASE):
            return word
    return None


def _in_words(figure: Figure) -> bool:
    """A number a source is likely to write in words rather than digits."""
    return (
        figure.statistic in ("ratio", "share")
        or decimals(figure.value) > FRACTION_DECIMALS
        or (figure.statistic in COMPARISONS and figure.value == 0)
    )


class Quote(NamedTuple):
    """A figure's value (and qualifier) looked for in its own quote."""

    id: str
    verdict: Verdict
    figure: Figure
    shown: str  # the value as it would most likely be written
    found: str | None
    qualifier_found: str | None
    position: int

    def explain(self) -> Check:
        """What was found in the quote, and what that means."""
        figure, found = self.figure, self.found
        if found is None and self.verdict == "note":
            explanation = (
                f"The quote does not write {self.shown} in digits; a {figure.statistic} is "
                "often put in words (doubled, one in five, remain level): read it by eye."
            )
        elif found is None:
            explanation = (
                f"The quote for this figure does not contain {self.shown}: it may be "
                "attached to the wrong sentence or mistyped."
            )
        elif self.qualifier_found:
            explanation = f'The quote says "{self.qualifier_found} {found}", as recorded.'
        elif self.verdict == "warn":
            explanation = (
                f"The quote contains {found} but not '{figure.qualifier}' before "
                "it, so the qualifier recorded is a reading of the sentence."
            )
        else:
            explanation = f"The quote contains {found}, as recorded."
        return Check(
            id=self.id,
            kind="quote",
            subject=subject([figure.metric], [figure.period]),
            basis=None,
            claim=f"{figure.qualifier + ' ' if figure.qualifier else ''}{self.shown}",
            computed=f'found "{found}"' if found else "not found in the quote",
            claimed_value=figure.value,
            computed_value=None,
            difference=None,
            tolerance="the value as written, and an approximation's qualifier",
            verdict=self.verdict,
            explanation=explanation,
            figures=(self.position,),
        )


def quotes(index: Index) -> Iterator[Finding]:
    """Every figure's value looked for in its own quote, in file order."""
    for position, figure in in_file_order(index):
        forms = list(_forms(abs(figure.value)))  # "fell by 75%" is -75
        forms += word_forms(figure.value, figure.statistic)
        if figure.precision is not None and abs(figure.value) >= 1000:
            forms += scaled_forms(abs(figure.value))
        found = next((form for form in forms if appears(form, figure.quote)), None)
        qualifier_found = None
        if found is None:
            verdict: Verdict = "note" if _in_words(figure) or figure.precision else "fail"
        elif figure.approximate and figure.qualifier:
            qualifier_found = _qualifier_before(figure, found)
            verdict = "ok" if qualifier_found else "warn"
        else:
            verdict = "ok"
        yield Quote(
            f"quote:figures[{position}]",
            verdict,
            figure,
            forms[0],
            found,
            qualifier_found,
            position,
        )
