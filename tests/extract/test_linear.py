"""Adversarial long lines: every regular expression, and extraction as a whole, stay linear.

A pattern that backtracks (nested quantifiers, a repeated class tried again at every
position of a long run) takes seconds or hours on these inputs; a linear one takes
milliseconds. The bounds below are far above linear time and far below quadratic.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from ocsae_cli.extract import cut_furniture, extract, html_to_text, looks_like_html
from ocsae_cli.extract import draft as draft_module
from ocsae_cli.extract import figures as figures_module
from ocsae_cli.extract import numbers as numbers_module
from ocsae_cli.extract import periods as periods_module
from ocsae_cli.extract import text as text_module

pytestmark = pytest.mark.slow

N = 30_000
RUNS = {
    "spaces": "a" + " " * N + "b",
    "tabs and newlines": "in" + " \t\n" * (N // 3) + "March",
    "dots": "." * N,
    "bangs": "Yes" + "!" * N + " No",
    "digits": "1" * N,
    "commas": "1," * (N // 2),
    "thousands": "1,000" * (N // 5),
    "decimals": "1.1" * (N // 3),
    "letters": "a" * N,
    "capitals": "A. " * (N // 3),
    "months": "March " * (N // 6),
    "dates": "23 March " * (N // 9),
    "years": "2020 " * (N // 5),
    "financial years": "2019/20 " * (N // 8),
    "relative": "the past " * (N // 9),
    "prepositions": "in " * (N // 3),
    "since": "since it " * (N // 9),
    "number words": "twenty-five " * (N // 12),
    "per cent": "per cent " * (N // 9),
    "hyphens": "-a" * (N // 2),
    "qualifiers": "more than " * (N // 10),
    "quotes": '"' * N,
    "brackets": "<" * N,
    "tags": "<p>" * (N // 3),
    "entities": "&amp;" * (N // 5),
    "the year before": "the year before " * (N // 16),
    "from to": "from 1 to " * (N // 10),
    "between": "between 2016 and " * (N // 17),
    "one in": "one in " * (N // 7),
    "a third of": "a third of " * (N // 11),
    "apostrophes": "a'" * (N // 2),
    "seasons": "last winter " * (N // 12),
    "holidays": "Christmas Day " * (N // 14),
    "end of": "at the end of " * (N // 14),
    "so far": "so far this " * (N // 12),
    "split years": "2021-22 school " * (N // 15),
    "moving averages": "four-week moving " * (N // 17),
    "same months": "the same six " * (N // 13),
    "apposition": "the first half, " * (N // 16),
    "numeric dates": "1/1/2020 " * (N // 9),
    "slashes": "1/" * (N // 2),
    "us ranges": "June 5-" * (N // 7),
    "weekdays": "on Monday " * (N // 10),
    "on units": "year-on-" * (N // 8),
    "decades": "the 1990s " * (N // 10),
    "gloss": "before the pandemic, in " * (N // 24),
    "christmas": "over Christmas " * (N // 15),
    "through": "through the 1st of " * (N // 19),
    "peak of": "2017 peak of " * (N // 13),
    "sentence": "Police made 45 arrests in March, up 10% on the same period last year. "
    * (N // 70),
    "points back": "of those " * (N // 9),
    "names": "Chief Constable Jane Doe, " * (N // 26),
    "such": "1,260 such " * (N // 11),
    "speakers": "Okafor, a housing analyst, said " * (N // 32),
    "compounds": "3,300 12-hour " * (N // 14),
    "story": "The force recorded 1,260 such offences in 2022, and 1,512 in 2023. Of those, "
    "40% were in the city. Chief Constable Jane Doe said the rise of 252 offences was bad. "
    * (N // 150),
}


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for module in (text_module, numbers_module, periods_module, figures_module, draft_module):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{module.__name__}.{name}", value
    for kind, pattern in periods_module._PATTERNS:
        yield f"periods {kind}", pattern
    for pattern, qualifier in figures_module._QUALIFIERS:
        yield f"qualifier {qualifier}", pattern


PATTERNS = list(_patterns())


def test_every_pattern_is_found() -> None:
    assert len(PATTERNS) >= 30


@pytest.mark.parametrize("run", list(RUNS), ids=list(RUNS))
def test_every_pattern_is_linear_on_long_runs(run: str) -> None:
    text = RUNS[run]
    slow: list[str] = []
    for name, pattern in PATTERNS:
        began = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        pattern.search(text)
        if time.perf_counter() - began > 0.5:
            slow.append(name)
    assert slow == []


@pytest.mark.parametrize("run", list(RUNS), ids=list(RUNS))
def test_extraction_is_linear_on_long_runs(run: str) -> None:
    text = "A headline for the adversarial case\n\n" + RUNS[run]
    began = time.perf_counter()
    extract(text, published=None)
    html_to_text(text)
    cut_furniture(text)
    looks_like_html(text)
    assert time.perf_counter() - began < 3.0
