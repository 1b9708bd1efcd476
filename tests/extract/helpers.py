"""Shared helpers: run the extractor, list its figures compactly, validate its draft."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any, NamedTuple

from ocsae_cli.extract import Draft, draft_data, extract, review_comments
from ocsae_cli.load import validate_document
from ocsae_cli.tomlwrite import dumps_toml


class Row(NamedTuple):
    """One extracted figure as a reader would check it."""

    words: str
    value: float
    statistic: str
    qualifier: str | None
    start: date
    end: date
    baseline: tuple[date, date] | None
    metric: str


def rows(text: str, published: date | None = date(2020, 4, 27), **kwargs: Any) -> list[Row]:
    """Extract ``text`` (a headline line is added) and list its figures."""
    draft = extract("A headline for the test\n\n" + text, published=published, **kwargs)
    return rows_of(draft)


def rows_of(draft: Draft) -> list[Row]:
    """The figures of a draft, with their periods' and baselines' dates."""
    periods = {p.id: p for p in draft.periods}
    out: list[Row] = []
    for f in draft.figures:
        p = periods[f.period]
        b = periods[f.baseline] if f.baseline else None
        out.append(
            Row(
                draft.text[f.start : f.end],
                f.value,
                f.statistic,
                f.qualifier,
                p.start,
                p.end,
                (b.start, b.end) if b else None,
                f.metric,
            )
        )
    return out


def one(text: str, published: date | None = date(2020, 4, 27)) -> Row:
    """The only figure in ``text``."""
    found = rows(text, published)
    assert len(found) == 1, found
    return found[0]


def values(text: str, published: date | None = date(2020, 4, 27)) -> list[float]:
    """The values of the figures in ``text``."""
    return [r.value for r in rows(text, published)]


def toml_of(draft: Draft) -> str:
    """The draft as the TOML that `ocsae extract` prints."""
    return dumps_toml(draft_data(draft), comments=review_comments(draft))


def assert_valid(draft: Draft) -> dict[str, Any]:
    """The draft's TOML parses and validates as a schema-2 figures file; return it parsed."""
    text = toml_of(draft)
    document = tomllib.loads(text)
    validate_document(document, text, "draft")
    return document
