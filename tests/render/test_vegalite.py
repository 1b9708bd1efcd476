"""``ocsae chart --format vega-lite``: a Vega-Lite v5 specification of the chart's bars.

Validated against the Vega-Lite JSON Schema that the ``altair`` package ships
(``altair/vegalite/v5/schema/vega-lite-schema.json``).
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from clirun import invoke
from publish_data import TWO_SOURCES_TOML

from ocsae_cli.render.layout import DERIVED_NOTE


@functools.cache
def vega_lite_schema() -> dict[str, Any]:
    spec = importlib.util.find_spec("altair")
    if spec is None or spec.origin is None:
        pytest.skip("altair is not installed")
    path = Path(spec.origin).parent / "vegalite" / "v5" / "schema" / "vega-lite-schema.json"
    if not path.is_file():
        pytest.skip(f"this altair ships no Vega-Lite v5 schema ({path.parent.parent})")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@pytest.fixture
def two_sources(tmp_path: Path) -> Path:
    path = tmp_path / "two.toml"
    path.write_text(TWO_SOURCES_TOML, encoding="utf-8")
    return path


def vega_lite(*args: str, data: Path | None = None) -> dict[str, Any]:
    extra = ["--data", str(data)] if data is not None else []
    outcome = invoke(["chart", "--format", "vega-lite", *args, *extra])
    assert outcome.exit_code == 0, outcome.output
    spec: dict[str, Any] = json.loads(outcome.stdout)
    return spec


def bars_json(*args: str, data: Path | None = None) -> list[dict[str, Any]]:
    extra = ["--data", str(data)] if data is not None else []
    bars: list[dict[str, Any]] = json.loads(invoke(["chart", "--json", *args, *extra]).stdout)
    return bars


def assert_valid(spec: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(vega_lite_schema())
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(spec)]
    assert errors == []


def footer(spec: dict[str, Any]) -> list[str]:
    return [row["line"] for row in spec["vconcat"][1]["data"]["values"]]


def values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = spec["vconcat"][0]["data"]["values"]
    return rows


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--derived",),
        ("--basis", "both", "--derived"),
        ("--basis", "stated"),
        ("--metric", "arrests", "--period", "q1-2020"),  # no bar at all
    ],
    ids=lambda args: " ".join(args) or "default",
)
def test_the_spec_is_valid_vega_lite(args: tuple[str, ...], two_sources: Path) -> None:
    assert_valid(vega_lite(*args))
    if not args or args[0] != "--metric":
        assert_valid(vega_lite(*args, data=two_sources))


def test_the_schema_tells_a_broken_spec() -> None:
    spec = vega_lite()
    spec["vconcat"][0]["spec"]["layer"][0]["mark"]["type"] = "barr"
    with pytest.raises(AssertionError):
        assert_valid(spec)


def test_the_data_are_the_charts_bars_inline() -> None:
    spec = vega_lite("--derived")
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
    bars = [b for b in bars_json("--derived") if b["rate"] is not None]
    assert [(v["metric"], v["period"], v["basis"], v["rate"]) for v in values(spec)] == [
        (b["metric"], b["period"], b["basis"], b["rate"]) for b in bars
    ]


def test_it_has_a_title_and_a_source_line() -> None:
    spec = vega_lite("--metric", "arrests")
    assert spec["title"]["text"] == "Arrests per week"
    assert spec["title"]["subtitle"] == [
        "Calendar basis: each period's days, both ends included, divided by 7."
    ]
    assert footer(spec)[0] == (
        "Source: “Data shows around 100 children protected from online abuse during UK lockdown”"
    )


def test_the_source_line_names_the_sources_drawn(two_sources: Path) -> None:
    spec = vega_lite(data=two_sources)
    assert spec["title"]["text"] == "Rates per week"
    # The chart draws each metric's preferred figure: the bulletin's exact totals.
    assert footer(spec)[0] == (
        "Source: “Crime in Testshire: year ending March 2023”, "
        "Testshire Statistics Office, 20 July 2023"
    )
    assert footer(vega_lite("--derived", data=two_sources))[1] == DERIVED_NOTE


def test_derived_periods_are_visibly_marked() -> None:
    spec = vega_lite("--derived", "--metric", "arrests")
    derived = [v for v in values(spec) if v["figure"] == "derived by subtraction"]
    assert derived
    assert all(v["label"].endswith("*") for v in derived)
    assert not any(v["label"].endswith("*") for v in values(spec) if v not in derived)
    opacity = spec["vconcat"][0]["spec"]["encoding"]["opacity"]
    assert opacity["field"] == "figure"
    assert opacity["scale"]["range"][1] < opacity["scale"]["range"][0]
    assert DERIVED_NOTE in footer(spec)
    assert "opacity" not in vega_lite("--metric", "arrests")["vconcat"][0]["spec"]["encoding"]


def test_both_bases_are_told_apart() -> None:
    encoding = vega_lite("--basis", "both")["vconcat"][0]["spec"]["encoding"]
    assert encoding["color"]["field"] == encoding["yOffset"]["field"] == "basis"


def test_only_chart_prints_vega_lite() -> None:
    outcome = invoke(["summary", "--format", "vega-lite"])
    assert outcome.exit_code == 2
    assert outcome.stderr.count("\n") == 1
    assert "ocsae summary cannot print vega-lite; it prints table, json" in outcome.stderr
