"""JSON: one document per call, the file's text verbatim, numbers at full precision."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import Any

import pytest

from ocsae_cli.analysis.results import Result
from ocsae_cli.render import OutputFormat, render
from ocsae_cli.render.jsonout import to_data

from .helpers import FANCY, HOSTILE, KINDS, PLAIN


@pytest.mark.parametrize("kind", KINDS)
def test_json_is_one_document_per_call(packaged: dict[str, Result], kind: str) -> None:
    compact = render(packaged[kind], OutputFormat.JSON, terminal=PLAIN)
    pretty = render(packaged[kind], OutputFormat.JSON, terminal=FANCY)
    assert compact.count("\n") == 1 and compact.endswith("\n")
    assert json.loads(compact) == json.loads(pretty)
    assert "\n  " in pretty


def _all_strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _all_strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _all_strings(v)]
    return []


@pytest.mark.parametrize("kind", KINDS)
def test_json_carries_hostile_text_verbatim(hostile: dict[str, Result], kind: str) -> None:
    data = json.loads(render(hostile[kind], OutputFormat.JSON, terminal=PLAIN))
    if kind != "validate":
        assert any(HOSTILE in text for text in _all_strings(data))


def test_json_query_gives_back_the_exact_quote(hostile: dict[str, Result]) -> None:
    figures = json.loads(render(hostile["query"], OutputFormat.JSON, terminal=FANCY))
    assert figures[0]["quote"] == f"quote_a {HOSTILE}"
    assert figures[0]["note"] == f"figure_note {HOSTILE}"
    assert figures[0]["metric_label"] == f"metric_label {HOSTILE}"


def test_json_rates_are_at_full_precision(packaged: dict[str, Result]) -> None:
    rows = json.loads(render(packaged["weekly"], OutputFormat.JSON, terminal=PLAIN))
    calendar = next(
        r
        for r in rows
        if (r["metric"], r["period"], r["basis"]) == ("arrests", "lockdown", "calendar")
    )
    assert math.isclose(calendar["rate"], 45 / (32 / 7), rel_tol=1e-12)
    assert calendar["rate"] != round(calendar["rate"], 2)  # not the table's 9.84
    assert math.isclose(calendar["weeks"], 32 / 7, rel_tol=1e-12)
    seven = next(
        r
        for r in rows
        if (r["metric"], r["period"], r["basis"]) == ("arrests", "seven-weeks", "stated")
    )
    assert math.isclose(seven["rate"], 72 / 7, rel_tol=1e-12)


def test_json_dates_are_iso(packaged: dict[str, Result]) -> None:
    periods = json.loads(render(packaged["periods"], OutputFormat.JSON, terminal=PLAIN))
    for period in periods:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", period["start"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", period["end"])
    assert (periods[0]["start"], periods[0]["end"]) == ("2020-03-23", "2020-04-23")


def test_json_keeps_non_ascii_text_as_is(packaged: dict[str, Result]) -> None:
    out = render(packaged["check"], OutputFormat.JSON, terminal=PLAIN)
    assert "⊇" in out
    assert "\\u2287" not in out


def _every_record_as_an_object(value: Any) -> Any:
    """The plain, slow conversion: look into everything, whatever its declared type."""
    if hasattr(type(value), "_fields"):
        pairs = zip(value._fields, value, strict=True)
        return {name: _every_record_as_an_object(item) for name, item in pairs}
    if isinstance(value, list | tuple):
        return [_every_record_as_an_object(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _every_record_as_an_object(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", KINDS)
def test_json_conversion_misses_no_record_or_date(
    kind: str, packaged: dict[str, Result], hostile: dict[str, Result]
) -> None:
    """to_data looks only into fields whose declared type can hold a record or a date;
    a field declared wrongly would come out as a bare array. It must agree with
    looking into everything."""
    for results_of in (packaged, hostile):
        result = results_of[kind]
        assert json.dumps(to_data(result)) == json.dumps(_every_record_as_an_object(result))
