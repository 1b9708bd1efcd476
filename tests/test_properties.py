"""Properties of the arithmetic, the comparison and the loader, found with hypothesis."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli
from conftest import build_index, figure, period, to_toml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ocsae_cli.analysis import weeks as wk
from ocsae_cli.analysis.checks.quotes import appears as _appears
from ocsae_cli.analysis.compare import compare
from ocsae_cli.analysis.rates import weekly
from ocsae_cli.analysis.results import Cell, CompareResult
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.load import DataError, load_file, packaged_data_path
from ocsae_cli.model import Dataset

BOTH = (Basis.STATED, Basis.CALENDAR)
FAST = settings(max_examples=150, deadline=None)
HOSTILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PACKAGED_TEXT = packaged_data_path().read_text(encoding="utf-8")
PACKAGED_DOC = tomli.loads(PACKAGED_TEXT)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
totals = st.integers(min_value=0, max_value=10**6)


# ---------------------------------------------------------------- arithmetic


@FAST
@given(
    total=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    weeks=st.floats(min_value=1 / 7, max_value=1e4, allow_nan=False),
)
def test_rate_times_weeks_is_the_total(total: float, weeks: float) -> None:
    rate, method, _ = wk.weekly_rate(total, "total", weeks)
    assert method == "divided"
    assert rate is not None
    assert math.isclose(rate * weeks, total, rel_tol=1e-9, abs_tol=1e-9)


@FAST
@given(start=days, n=st.integers(min_value=0, max_value=20000))
def test_inclusive_days(start: date, n: int) -> None:
    assert wk.inclusive_days(start, start + timedelta(days=n)) == n + 1


@FAST
@given(start=days, weeks=st.integers(min_value=1, max_value=200), total=totals)
def test_stated_and_calendar_rates_agree_for_whole_weeks(
    start: date, weeks: int, total: int
) -> None:
    end = start + timedelta(days=7 * weeks - 1)
    index = build_index(
        [period("span", start, end, stated=(weeks, "weeks"))], [figure("cases", "span", total)]
    )
    stated, calendar = weekly(index, bases=BOTH).rows
    assert (stated.basis, calendar.basis) == ("stated", "calendar")
    assert stated.rate is not None and calendar.rate is not None
    assert math.isclose(stated.rate, calendar.rate, rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(stated.rate * weeks, total, rel_tol=1e-9, abs_tol=1e-9)


# ---------------------------------------------------------------- comparison


@st.composite
def nested_pair(draw: st.DrawFn) -> tuple[date, date, date, date, bool]:
    """A container and a contained period sharing the start or the end."""
    start = draw(days)
    length = draw(st.integers(min_value=2, max_value=800))
    inner = draw(st.integers(min_value=1, max_value=length - 1))
    end = start + timedelta(days=length - 1)
    shares_start = draw(st.booleans())
    if shares_start:
        return start, end, start, start + timedelta(days=inner - 1), shares_start
    return start, end, end - timedelta(days=inner - 1), end, shares_start


@FAST
@given(pair=nested_pair(), small=totals, extra=totals)
def test_remainder_plus_contained_is_the_container(
    pair: tuple[date, date, date, date, bool], small: int, extra: int
) -> None:
    big_start, big_end, small_start, small_end, shares_start = pair
    big = small + extra
    index = build_index(
        [period("big", big_start, big_end), period("small", small_start, small_end)],
        [figure("cases", "big", big), figure("cases", "small", small)],
    )
    result = compare(index, ["big", "small"], bases=BOTH)
    assert len(result.columns) == 3
    derived = result.columns[2]
    assert derived.derived
    assert derived.days + (small_end - small_start).days + 1 == (big_end - big_start).days + 1
    assert (derived.start == small_end + timedelta(days=1)) is shares_start
    [row] = result.rows
    cells = {c.period: c.value for c in row.cells}
    remainder = cells[derived.id]
    assert remainder is not None
    assert remainder + small == big


def _by_period(result: CompareResult) -> dict[tuple[str, str], Cell]:
    return {(row.metric, cell.period): cell for row in result.rows for cell in row.cells}


@st.composite
def two_periods(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    def one(pid: str) -> dict[str, Any]:
        start = draw(days)
        end = start + timedelta(days=draw(st.integers(min_value=0, max_value=400)))
        stated = draw(
            st.none() | st.tuples(st.integers(1, 60), st.sampled_from(["weeks", "months"]))
        )
        return period(pid, start, end, stated=stated)

    return one("p-a"), one("p-b")


@FAST
@given(
    periods=two_periods(),
    values=st.lists(st.one_of(st.none(), totals), min_size=4, max_size=4),
    statistics=st.lists(st.sampled_from(["total", "weekly-average"]), min_size=4, max_size=4),
)
def test_compare_is_symmetric_in_its_per_period_values(
    periods: tuple[dict[str, Any], dict[str, Any]],
    values: list[int | None],
    statistics: list[str],
) -> None:
    keys = [("cases", "p-a"), ("cases", "p-b"), ("visits", "p-a"), ("visits", "p-b")]
    figures = [
        figure(m, p, v, s)
        for (m, p), v, s in zip(keys, values, statistics, strict=True)
        if v is not None
    ]
    assume(figures)
    index = build_index(list(periods), figures, None)
    forward = _by_period(compare(index, ["p-a", "p-b"], bases=BOTH))
    backward = _by_period(compare(index, ["p-b", "p-a"], bases=BOTH))
    assert forward.keys() == backward.keys()
    for key, cell in forward.items():
        other = backward[key]
        assert (cell.value, cell.statistic, cell.approximate) == (
            other.value,
            other.statistic,
            other.approximate,
        )
        assert cell.rates == other.rates


# ---------------------------------------------------------------- the loader on hostile input


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for the hostile files (hypothesis reruns a test body many times)."""
    return tmp_path_factory.mktemp("hostile")


def _load_bytes(raw: bytes, path: Path) -> Dataset | None:
    """Load raw bytes from a file: a Dataset, or None after a well-formed DataError."""
    path.write_bytes(raw)
    lines = raw.count(b"\n") + 1
    try:
        return load_file(path)
    except DataError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file == str(path)
            assert diagnostic.message
            assert str(diagnostic).startswith(str(path))
            if diagnostic.line is not None:
                assert 1 <= diagnostic.line <= lines
            if diagnostic.column is not None:
                assert diagnostic.line is not None and diagnostic.column >= 1
        return None


@pytest.mark.slow
@HOSTILE
@given(raw=st.binary(max_size=600))
def test_loader_on_arbitrary_bytes(scratch: Path, raw: bytes) -> None:
    _load_bytes(raw, scratch / "bytes.toml")


@pytest.mark.slow
@HOSTILE
@given(data=st.data())
def test_loader_on_mutated_bytes_of_the_packaged_file(scratch: Path, data: st.DataObject) -> None:
    raw = bytearray(PACKAGED_TEXT.encode())
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["replace", "delete", "insert"]))
        byte = data.draw(st.integers(0, 255))
        if action == "replace":
            raw[position] = byte
        elif action == "delete":
            del raw[position]
        else:
            raw.insert(position, byte)
    _load_bytes(bytes(raw), scratch / "mutated-bytes.toml")


KEYS = st.sampled_from(
    [
        "schema_version",
        "source",
        "periods",
        "metrics",
        "figures",
        "id",
        "label",
        "start",
        "end",
        "value",
        "unit",
        "statistic",
        "quote",
        "metric",
        "period",
        "title",
        "attributions",
        "name",
        "metrics",
        "stated_length",
        "approximate",
        "qualifier",
        "note",
        "inferred",
        "end_inferred",
    ]
) | st.text(max_size=8)

SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["total", "weeks", "around", "q-a", "cases", "2020-03-23", ""]),
    st.dates(),
    st.datetimes(),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


@pytest.mark.slow
@HOSTILE
@given(
    doc=st.dictionaries(KEYS, VALUES, max_size=6),
    version=st.sampled_from([None, 1, 1, 1, 2, "1", 1.0]),
)
def test_loader_on_arbitrary_toml_documents(
    scratch: Path, doc: dict[str, Any], version: Any
) -> None:
    if version is not None:
        doc = {"schema_version": version, **doc}
    text = to_toml(doc)
    assert tomli.loads(text) == _normalised(doc)  # the writer writes what was drawn
    _load_bytes(text.encode(), scratch / "document.toml")


def _normalised(value: Any) -> Any:
    """What TOML gives back for a drawn value (tuples are arrays; NaN never equals)."""
    if isinstance(value, Mapping):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalised(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return _NanEqual()
    return value


class _NanEqual:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, float) and math.isnan(other)

    def __hash__(self) -> int:
        return 0


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path to a key or element in a document."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(value, Mapping):
        for key, inner in value.items():
            found.append((*prefix, key))
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for position, inner in enumerate(value):
            found.append((*prefix, position))
            found += _paths(inner, (*prefix, position))
    return found


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@pytest.mark.slow
@HOSTILE
@given(data=st.data())
def test_loader_on_mutations_of_the_packaged_document(scratch: Path, data: st.DataObject) -> None:
    doc = _copy(PACKAGED_DOC)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(doc)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = data.draw(st.sampled_from(["rename", "replace", "delete"]))
        if action == "rename" and isinstance(parent, dict):
            new_key = data.draw(KEYS)
            parent[new_key] = parent.pop(last)
        elif action == "replace":
            parent[last] = data.draw(VALUES)
        else:
            del parent[last]
    text = to_toml(doc)
    result = _load_bytes(text.encode(), scratch / "mutated.toml")
    if result is not None:
        assert isinstance(result, Dataset)


@pytest.mark.slow
@HOSTILE
@given(data=st.data())
def test_loader_on_line_edits_of_the_packaged_text(scratch: Path, data: st.DataObject) -> None:
    lines = PACKAGED_TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(lines) - 1))
        replacement = data.draw(
            st.sampled_from(
                [
                    "",
                    "[[figures]]",
                    "[[periods]]",
                    "[source]",
                    'perod = "lockdwn"',
                    "value = -3",
                    'end = "2020-04-23"',
                    "start = 2020-05-01",
                    'stated_length = { value = 0, unit = "weeks" }',
                    'qualifier = "over"',
                    "schema_version = 2",
                    'id = "lockdown"',
                    '"""',
                ]
            )
            | st.text(max_size=30)
        )
        lines[position] = replacement
    _load_bytes("\n".join(lines).encode(), scratch / "edited.toml")


def test_to_toml_round_trips_datetimes_and_quoted_keys() -> None:
    doc: dict[str, Any] = {
        "a b": {"c.d": [1, 2.5, 'x\n"y"\x7f']},
        "t": [
            {"when": datetime(2020, 1, 2, 3, 4, 5), "at": time(1, 2)},
            {"day": date(2020, 3, 23)},
        ],
        "empty": [],
    }
    assert tomli.loads(to_toml(doc)) == doc


# ---------------------------------------------------------------- quote search


def _appears_by_regex(form: str, text: str) -> bool:
    """The regular expression the quote check used to run for every figure."""
    pattern = rf"(?<![\w.,]){re.escape(form)}(?![\w]|[.,]\d)"
    return re.search(pattern, text, re.IGNORECASE) is not None


_QUOTE_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789,. abcxyzFOURfour_-é٣\nİſK")), max_size=30
)


@given(
    form=st.sampled_from(["45", "2,200", "2200", "4", "four", "six", "12.5", "0"]),
    before=_QUOTE_TEXT,
    after=_QUOTE_TEXT,
    inside=st.booleans(),
)
@settings(max_examples=400)
def test_quote_search_agrees_with_the_regular_expression(
    form: str, before: str, after: str, inside: bool
) -> None:
    text = before + (form if inside else "") + after
    assert _appears(form, text) == _appears_by_regex(form, text)
    assert _appears(form, text.upper()) == _appears_by_regex(form, text.upper())
