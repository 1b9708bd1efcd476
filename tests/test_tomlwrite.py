"""The TOML writer: what it writes reads back as the same data, laid out as a person would."""

import tomllib
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocsae_cli.tomlwrite import dumps_toml

DRAFT: dict[str, Any] = {
    "schema_version": 2,
    "sources": [
        {
            "id": "article",
            "title": 'He said "45 arrests" \\ more',
            "published": date(2020, 4, 27),
            "attributions": [{"name": "Met", "metrics": ["arrests", "children"]}],
        }
    ],
    "periods": [
        {
            "id": "lockdown",
            "label": "Four weeks of lockdown",
            "start": date(2020, 3, 23),
            "end": date(2020, 4, 23),
            "stated_length": {"value": 4, "unit": "weeks"},
            "note": None,
        },
        {
            "id": "past-two-years",
            "label": "the past two years",
            "start": date(2018, 1, 1),
            "end": date(2019, 12, 31),
            "start_inferred": True,
            "end_inferred": True,
            "note": "review: no dates given",
        },
    ],
    "metrics": [{"id": "arrests", "label": "Arrests", "unit": "arrests"}],
    "figures": [
        {"metric": "arrests", "period": "lockdown", "value": 45, "statistic": "total"},
        {"metric": "arrests", "value": 33.333333333333336, "statistic": "share"},
        {"metric": "arrests", "value": -75, "approximate": False, "quote": "fell by 75%"},
    ],
}


def test_round_trip_keeps_values_and_drops_none() -> None:
    text = dumps_toml(DRAFT)
    back = tomllib.loads(text)
    expected = {**DRAFT, "periods": [dict(DRAFT["periods"][0]), DRAFT["periods"][1]]}
    del expected["periods"][0]["note"]
    assert back == expected


def test_layout_arrays_of_tables_inline_length_and_dates() -> None:
    text = dumps_toml(DRAFT)
    lines = text.splitlines()
    assert lines[0] == "schema_version = 2"
    assert lines.count("[[figures]]") == 3
    assert "[[sources.attributions]]" in lines
    assert 'stated_length = { value = 4, unit = "weeks" }' in lines
    assert "start = 2020-03-23" in lines
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_comment_goes_just_above_its_table() -> None:
    text = dumps_toml(
        DRAFT,
        comments={
            ("figures", 1): "review: which whole?\nsecond line",
            ("periods", 0): ["review: p"],
        },
        header="Draft written by ocsae extract",
    )
    lines = text.splitlines()
    assert lines[0] == "# Draft written by ocsae extract"
    figure_headers = [i for i, line in enumerate(lines) if line == "[[figures]]"]
    second = figure_headers[1]
    assert lines[second - 2 : second] == ["# review: which whole?", "# second line"]
    first_period = lines.index("[[periods]]")
    assert lines[first_period - 1] == "# review: p"
    assert tomllib.loads(text) == tomllib.loads(dumps_toml(DRAFT))


def test_comment_for_a_missing_table_is_an_error() -> None:
    with pytest.raises(ValueError, match="figures"):
        dumps_toml(DRAFT, comments={("figures", 9): "nowhere"})


def test_value_toml_cannot_hold_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="set"):
        dumps_toml({"a": {1, 2}})


def test_top_level_table_and_quoted_keys() -> None:
    data = {"schema_version": 1, "source": {"title": "T", "extra": {"x": 1}}, "odd key": True}
    text = dumps_toml(data, comments={"source": "the source"})
    assert "# the source\n[source]" in text
    assert '"odd key" = true' in text
    assert tomllib.loads(text) == data


_scalars = (
    st.text(max_size=20)
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
)
_keys = st.text(min_size=1, max_size=8)


@given(
    st.dictionaries(
        _keys,
        _scalars
        | st.lists(st.dictionaries(_keys, _scalars, max_size=4), min_size=1, max_size=3)
        | st.dictionaries(_keys, _scalars, max_size=3),
        max_size=5,
    )
)
def test_any_plain_mapping_round_trips(data: dict[str, Any]) -> None:
    assert tomllib.loads(dumps_toml(data)) == data
