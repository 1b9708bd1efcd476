"""NDJSON: one JSON object a line, a line per record, the records of CSV unflattened."""

from __future__ import annotations

import json

import pytest

from ocsae_cli.analysis.results import Result
from ocsae_cli.render import OutputFormat, render
from ocsae_cli.render.jsonout import to_data

from .helpers import KINDS, PLAIN


def lines_of(result: Result) -> list[object]:
    text = render(result, OutputFormat.NDJSON, terminal=PLAIN)
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("kind", KINDS)
def test_a_line_per_record(packaged: dict[str, Result], kind: str) -> None:
    records = packaged[kind].records()
    assert lines_of(packaged[kind]) == [
        json.loads(json.dumps(to_data(record))) for record in records
    ]


def test_nested_fields_stay_objects(packaged: dict[str, Result]) -> None:
    periods = lines_of(packaged["periods"])
    assert isinstance(periods[0], dict)
    assert any(isinstance(p, dict) and isinstance(p["stated_length"], dict) for p in periods)
    check = lines_of(packaged["check"])[0]
    assert isinstance(check, dict) and set(check["subject"]) == {"metrics", "periods"}


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_stays_on_its_line_and_escaped(hostile: dict[str, Result], kind: str) -> None:
    text = render(hostile[kind], OutputFormat.NDJSON, terminal=PLAIN)
    assert len(text.splitlines()) == len(hostile[kind].records())
    assert "\u202e" not in text and "\x1b" not in text and "\x7f" not in text
    assert [json.loads(line) for line in text.splitlines()] == [
        json.loads(json.dumps(to_data(record))) for record in hostile[kind].records()
    ]
