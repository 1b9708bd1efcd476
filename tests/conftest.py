"""Shared fixtures and builders for the model, loader and analysis tests.

The small dataset here is made up (metrics "cases" and "visits", periods "q-a",
"q-b", ...) so that tests of the analysis layer do not lean on the article's
numbers. ``to_toml`` is a small TOML writer used to turn built documents back
into files for the loader.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from ocsae_cli.analysis.figures import Index
from ocsae_cli.model import Dataset

WriteToml = Callable[..., Path]


# ---------------------------------------------------------------- builders


def period(
    pid: str,
    start: date,
    end: date,
    *,
    stated: tuple[float, str] | None = None,
    stated_inferred: bool = False,
    label: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A raw [[periods]] entry; ``stated`` is (value, unit) such as (4, "weeks")."""
    entry: dict[str, Any] = {"id": pid, "label": label or f"Period {pid}", "start": start}
    entry["end"] = end
    if stated is not None:
        length: dict[str, Any] = {"value": stated[0], "unit": stated[1]}
        if stated_inferred:
            length["inferred"] = True
        entry["stated_length"] = length
    entry.update(extra)
    return entry


def metric(mid: str, *, unit: str | None = None) -> dict[str, Any]:
    """A raw [[metrics]] entry."""
    return {
        "id": mid,
        "label": mid.replace("-", " ").capitalize(),
        "unit": unit or mid,
        "description": f"Made-up {mid} for tests.",
    }


def figure(
    metric_id: str,
    period_id: str,
    value: float,
    statistic: str = "total",
    *,
    qualifier: str | None = None,
    approximate: bool | None = None,
    quote: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A raw [[figures]] entry; a qualifier makes it approximate unless told otherwise."""
    is_approximate = qualifier is not None if approximate is None else approximate
    shown = f"{int(value):,}" if float(value).is_integer() else str(value)
    if quote is None:
        quote = f"{qualifier + ' ' if qualifier else ''}{shown} {metric_id} in {period_id}"
    entry: dict[str, Any] = {
        "metric": metric_id,
        "period": period_id,
        "value": value,
        "statistic": statistic,
    }
    if is_approximate:
        entry["approximate"] = True
    if qualifier is not None:
        entry["qualifier"] = qualifier
    entry["quote"] = quote
    entry.update(extra)
    return entry


def document(
    periods: Sequence[Mapping[str, Any]],
    figures: Sequence[Mapping[str, Any]] = (),
    metrics: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """A raw figures document; metrics default to those the figures name (in order)."""
    if metrics is None:
        names = list(dict.fromkeys(str(f["metric"]) for f in figures)) or ["cases"]
        metrics = [metric(name) for name in names]
    return {
        "schema_version": 1,
        "source": {
            "title": "Made-up bulletin",
            "attributions": [{"name": "Test office"}],
        },
        "periods": [dict(p) for p in periods],
        "metrics": [dict(m) for m in metrics],
        "figures": [dict(f) for f in figures],
    }


def build_dataset(
    periods: Sequence[Mapping[str, Any]],
    figures: Sequence[Mapping[str, Any]] = (),
    metrics: Sequence[Mapping[str, Any]] | None = None,
) -> Dataset:
    """A validated Dataset from raw entries."""
    return Dataset.model_validate(document(periods, figures, metrics))


def build_index(
    periods: Sequence[Mapping[str, Any]],
    figures: Sequence[Mapping[str, Any]] = (),
    metrics: Sequence[Mapping[str, Any]] | None = None,
) -> Index:
    return Index.build(build_dataset(periods, figures, metrics))


# The small made-up dataset, as TOML text (line numbers matter to loader tests).
SMALL_TOML = """\
schema_version = 1

[source]
title = "Made-up bulletin"

[[source.attributions]]
name = "Test office"

[[periods]]
id = "q-a"
label = "Quarter A"
start = 2021-01-01
end = 2021-03-31
stated_length = { value = 3, unit = "months" }

[[periods]]
id = "q-b"
label = "Four weeks of B"
start = 2021-03-01
end = 2021-03-28
stated_length = { value = 4, unit = "weeks" }

[[metrics]]
id = "cases"
label = "Cases"
unit = "cases"
description = "Made-up cases."

[[metrics]]
id = "visits"
label = "Visits"
unit = "visits"
description = "Made-up visits."

[[figures]]
metric = "cases"
period = "q-a"
value = 130
statistic = "total"
quote = "130 cases in quarter A"

[[figures]]
metric = "cases"
period = "q-b"
value = 40
statistic = "total"
quote = "40 cases in the four weeks"

[[figures]]
metric = "visits"
period = "q-b"
value = 10
statistic = "weekly-average"
quote = "10 visits a week"

[[figures]]
metric = "visits"
period = "q-a"
value = 45
statistic = "monthly-average"
approximate = true
qualifier = "around"
quote = "around 45 visits a month"
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the ``occurrence``-th ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} (occurrence {occurrence}) not in the text")


# ---------------------------------------------------------------- a tiny TOML writer

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"


def toml_string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: Any) -> str:
    """An inline TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        text = repr(value)
        return text if any(c in text for c in ".e") else text + ".0"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        inner = ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _dump(table: Mapping[str, Any], prefix: tuple[str, ...], lines: list[str]) -> None:
    tables: list[tuple[str, Any]] = []
    for key, value in table.items():
        if _is_table(value) or _is_array_of_tables(value):
            tables.append((key, value))
        else:
            lines.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in tables:
        path = ".".join(toml_key(k) for k in (*prefix, key))
        if _is_table(value):
            lines.extend(["", f"[{path}]"])
            _dump(value, (*prefix, key), lines)
        else:
            for item in value:
                lines.extend(["", f"[[{path}]]"])
                _dump(item, (*prefix, key), lines)


def to_toml(doc: Mapping[str, Any]) -> str:
    """Write a document of TOML-able values as TOML: tables as [headers], lists of
    tables as [[headers]], everything else inline."""
    lines: list[str] = []
    _dump(doc, (), lines)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- fixtures


_TEST_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Every test, and every ocsae it starts, caches under a temporary directory and
    never in the user's own cache. Set before collection, since some test modules
    load the packaged figures as they are imported."""
    del config
    directory = tempfile.mkdtemp(prefix="ocsae-test-cache-")
    _TEST_CACHE.append(directory)
    os.environ["OCSAE_CACHE_DIR"] = directory
    os.environ.pop("OCSAE_NO_CACHE", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    del config
    for directory in _TEST_CACHE:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def write_toml(tmp_path: Path) -> WriteToml:
    """Write TOML text (dedented) to a file under tmp_path and return its Path."""

    def write(text: str, name: str = "figures.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def small_toml(write_toml: WriteToml) -> Path:
    """The small made-up dataset written to a file."""
    return write_toml(SMALL_TOML)


@pytest.fixture
def small_dataset() -> Dataset:
    """The small made-up dataset, built in memory (same content as SMALL_TOML)."""
    import tomli

    return Dataset.model_validate(tomli.loads(SMALL_TOML))


@pytest.fixture
def small_index(small_dataset: Dataset) -> Index:
    return Index.build(small_dataset)
