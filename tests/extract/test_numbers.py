"""Numbers as written: digits, scales, percentages, words, fractions, ratios."""

from __future__ import annotations

import pytest

from ocsae_cli.extract.numbers import NumberMention, number_at, tokenize, word_number


def read(text: str) -> NumberMention | None:
    """The number at the start of ``text``."""
    return number_at(tokenize(text), 0)


@pytest.mark.parametrize(
    ("text", "value", "kind", "precision"),
    [
        ("2,200 offences", 2200, "count", None),
        ("45", 45, "count", None),
        ("65.5 per cent", 65.5, "percent", None),
        ("13%", 13, "percent", None),
        ("19 percent", 19, "percent", None),
        ("5.2 million", 5_200_000, "count", 100_000),
        ("1.7m calls", 1_700_000, "count", 100_000),
        ("1.7bn journeys", 1_700_000_000, "count", 100_000_000),
        ("£316m", 316_000_000, "count", 1_000_000),
        ("3.05 million", 3_050_000, "count", 10_000),
        ("1 million", 1_000_000, "count", 1_000_000),
        ("3 percentage points", 3, "points", None),
        ("eight arrests", 8, "count", None),
        ("twenty-five", 25, "count", None),
        ("two hundred and fifty", 250, "count", None),
        ("three thousand five hundred", 3500, "count", None),
        ("a dozen", 12, "count", None),
        ("a third of", 100 / 3, "fraction", None),
        ("two thirds", 200 / 3, "fraction", None),
        ("two-thirds", 200 / 3, "fraction", None),
        ("a fifth", 20, "fraction", None),
        ("three quarters", 75, "fraction", None),
        ("one in five", 20, "fraction", None),
        ("one in every 20", 5, "fraction", None),
        ("9 out of 10", 90, "fraction", None),
        ("half of all", 50, "fraction", None),
        ("doubled", 2, "ratio", None),
        ("tripled", 3, "ratio", None),
        ("trebled", 3, "ratio", None),
        ("halved", 0.5, "ratio", None),
        ("twice", 2, "ratio", None),
        ("double the number", 2, "ratio", None),
        ("four times the number", 4, "ratio", None),
        ("fivefold", 5, "ratio", None),
    ],
)
def test_numbers(text: str, value: float, kind: str, precision: float | None) -> None:
    found = read(text)
    assert found is not None
    assert found.value == pytest.approx(value)
    assert found.kind == kind
    assert found.precision == precision
    assert found.currency == ("pounds" if text.startswith("£") else None)


@pytest.mark.parametrize("text", ["a week", "and then", "double figures", "half-term", "once"])
def test_not_numbers(text: str) -> None:
    assert read(text) is None


def test_word_numbers_stop_where_the_number_ends() -> None:
    tokens = tokenize("five six")
    assert word_number(tokens, 0) == (5, 0)
    tokens = tokenize("ten five")
    assert word_number(tokens, 0) == (10, 0)


def test_tokens_keep_spans_and_thousands_groups() -> None:
    text = "It was 1,0000 or 12,345.6 (and Met's)."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "It",
        "was",
        "1",
        ",",
        "0000",
        "or",
        "12,345.6",
        "(",
        "and",
        "Met's",
        ")",
        ".",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)
