"""The ``quote-in-source`` check: every figure's quote stands in the article it cites.

The article is text the caller has read (``ocsae check --article FILE``); both it
and each quote are normalised the same way before the search, so that a quote
typed with straight quotes, plain hyphens or its own line breaks still matches
the published text with curly quotes, dashes and different wrapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ocsae_cli.analysis.checks.common import in_file_order
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import Check

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text with quote marks, dashes and runs of white space made plain."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip()


def article_quote_checks(index: Index, article: str, name: str) -> Iterator[Check]:
    """One check per figure: does its quote appear in ``article`` (called ``name``)?"""
    text = normalise(article)
    for position, figure in in_file_order(index):
        quote = normalise(figure.quote)
        found = quote in text
        shown = quote if len(quote) <= 60 else quote[:57] + "..."
        yield Check(
            id=f"quote-in-source:figures[{position}]",
            kind="quote-in-source",
            subject={"metrics": [figure.metric], "periods": [figure.period]},
            basis=None,
            claim=f'"{shown}"',
            computed="found in the article" if found else "not in the article",
            claimed_value=figure.value,
            computed_value=None,
            difference=None,
            tolerance="verbatim once white space, quote marks and dashes are made plain",
            verdict="ok" if found else "fail",
            figures=(position,),
            explanation=(
                f"The quote stands in {name}."
                if found
                else f"The quote is not in {name}, even with white space, quote marks and "
                "dashes made plain: it may be paraphrased, mistyped or from another text."
            ),
        )
