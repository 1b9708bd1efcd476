"""``ocsae schema``: the JSON Schema agrees with ``ocsae validate`` on signs, ranges and keys."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from typing import Any

import jsonschema
import pytest
from clirun import invoke

from ocsae_cli.load import packaged_data_path
from ocsae_cli.upgrade import upgrade_text

PACKAGED_V2 = upgrade_text(packaged_data_path().read_text(encoding="utf-8"))


def schema() -> dict[str, Any]:
    result = invoke(["schema"])
    assert result.exit_code == 0
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def as_json(value: Any) -> Any:
    """A parsed TOML document as JSON data: dates become ISO strings, as editors see them."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def schema_errors(text: str) -> list[str]:
    document = as_json(tomllib.loads(text))
    validator = jsonschema.Draft202012Validator(schema())
    return [error.message for error in validator.iter_errors(document)]


def test_the_schema_names_its_dialect_and_id() -> None:
    printed = schema()
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed["$id"] == "urn:ocsae:figures-file:2"
    jsonschema.Draft202012Validator.check_schema(printed)


def test_both_schema_versions_of_the_packaged_file_pass_the_schema() -> None:
    assert schema_errors(packaged_data_path().read_text(encoding="utf-8")) == []
    assert schema_errors(PACKAGED_V2) == []


FIGURE = """
[[figures]]
metric = "arrests"
period = "lockdown"
quote = "a made-up quote"
"""


@pytest.mark.parametrize(
    "figure",
    [
        'value = -3\nstatistic = "total"',  # only a change is signed
        'value = 150\nstatistic = "share"',  # a share is at most 100
        'value = 1e16\nstatistic = "total"',  # beyond 10^15
        'value = 5\nstatistic = "change"',  # a change needs a baseline
        'value = 5\nstatistic = "total"\nbaseline = "seven-weeks"',  # only a change takes one
        'value = 5\nstatistic = "total"\nqualifier = "around"',  # a qualifier needs approximate
    ],
    ids=[
        "negative-total",
        "share-over-100",
        "too-large",
        "change-without-baseline",
        "baseline-on-a-total",
        "qualifier-on-exact",
    ],
)
def test_what_validate_rejects_for_sign_range_or_keys_also_fails_the_schema(figure: str) -> None:
    text = PACKAGED_V2 + FIGURE + figure + "\n"
    assert schema_errors(text), "the schema accepted it"
    result = invoke(["validate", "-"], input=text)
    assert result.exit_code == 3, result.stderr


def test_a_signed_change_with_its_baseline_passes_both() -> None:
    text = PACKAGED_V2 + FIGURE + 'value = -27\nstatistic = "change"\nbaseline = "seven-weeks"\n'
    assert schema_errors(text) == []
    assert invoke(["validate", "-"], input=text).exit_code == 0


def test_schema_2_without_sources_fails_the_schema() -> None:
    text = PACKAGED_V2.replace("[[sources]]", "[source]", 1).replace("[[sources.", "[[source.")
    assert schema_errors(text)
    assert invoke(["validate", "-"], input=text).exit_code == 3
