"""Streamed output (issue 15): JSON, NDJSON, CSV and TSV written a batch of records at a time.

What is streamed is what would be built whole, character for character, for
every result type, at small sizes and at sizes of many batches; and writing a
stream keeps emit's promises about closed, full and ASCII-only outputs.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.results import Result
from ocsae_cli.analysis.summary import summarise
from ocsae_cli.analysis.validation import schema_result
from ocsae_cli.render import (
    FIRST_WRITE,
    OutputClosed,
    OutputError,
    OutputFormat,
    csvout,
    emit,
    jsonout,
    ndjsonout,
    render,
    stream,
    tsvout,
)

from .helpers import BOTH, FANCY, PLAIN, index_of

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"
RECORDS = (OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.CSV, OutputFormat.TSV)
RESULT_TYPES: tuple[type, ...] = typing.get_args(Result)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Results of many batches: every check, and a summary of every period, of 1,200 figures."""
    spec = importlib.util.spec_from_file_location("ocsae_bench_streaming", BENCH)
    assert spec is not None and spec.loader is not None
    bench: Any = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up while it runs
    spec.loader.exec_module(bench)
    path = tmp_path_factory.mktemp("rolling") / "rolling.toml"
    bench.generate_rolling(1_200, path)
    index = index_of(path)
    return {"check": run_checks(index, BOTH), "summary": summarise(index, None)}


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of a few records, so that the results of a small file are many batches."""
    for module in (jsonout, csvout, tsvout, ndjsonout):
        monkeypatch.setattr(module, "BATCH", 3)


def small_results(hostile: dict[str, Result]) -> Iterator[Result]:
    yield from hostile.values()
    yield schema_result()


def test_every_result_type_is_streamed(hostile: dict[str, Result]) -> None:
    streamed = {type(result) for result in small_results(hostile)}
    assert streamed == set(RESULT_TYPES)


def assert_streamed_as_built_whole(results: Iterable[Result]) -> None:
    for result in results:
        name = type(result).__name__
        for terminal in (PLAIN, FANCY):  # compact and indented JSON
            whole = jsonout.dumps(result, pretty=terminal.tty)
            streamed = "".join(stream(result, OutputFormat.JSON, terminal=terminal))
            assert json.loads(streamed) == json.loads(whole), name
            assert streamed == whole, name  # the very same text
        # The CSV header is found without keeping the rows, and is the one found from all.
        whole = csvout.dumps(csvout.flat_records(result))
        assert "".join(stream(result, OutputFormat.CSV, terminal=PLAIN)) == whole, name
        for output in (OutputFormat.TSV, OutputFormat.NDJSON):
            streamed = "".join(stream(result, output, terminal=PLAIN))
            assert streamed == render(result, output, terminal=PLAIN), name


@pytest.mark.usefixtures("small_batches")
def test_streamed_output_is_the_output_built_whole(hostile: dict[str, Result]) -> None:
    assert_streamed_as_built_whole(small_results(hostile))


@pytest.mark.usefixtures("small_batches")
def test_a_long_list_comes_in_pieces_of_a_batch(hostile: dict[str, Result]) -> None:
    for output in RECORDS:
        pieces = list(stream(hostile["weekly"], output, terminal=PLAIN))
        assert len(pieces) > len(hostile["weekly"].records()) / 3 - 1, output
    # A record holding a long list (the summary's rates) is written field by field.
    summary = list(stream(hostile["summary"], OutputFormat.JSON, terminal=FANCY))
    assert summary[0] == "{"
    assert summary[-2:] == ["\n}", "\n"]


@pytest.mark.slow
def test_large_results_are_streamed_as_built_whole(large: dict[str, Result]) -> None:
    assert len(large["check"].records()) > 5 * jsonout.BATCH
    assert len(large["summary"].records()) > 2 * csvout.BATCH
    assert_streamed_as_built_whole(large.values())
    pieces = list(stream(large["check"], OutputFormat.JSON, terminal=PLAIN))
    assert max(len(piece) for piece in pieces) < len("".join(pieces)) / 5


def test_csv_header_is_the_union_of_keys_with_nested_columns_in_place(
    hostile: dict[str, Result],
) -> None:
    header = next(csvout.chunks(hostile["periods"])).split("\r\n")[0].split(",")
    # A stated length is null for some periods and an object for others: its columns
    # stand where the field does, not at the end.
    at = header.index("stated_length.value")
    assert header[at - 1] == "calendar_weeks"
    assert "stated_length" not in header


# ---------------------------------------------------------------- writing a stream


def pieces(*texts: str) -> Iterator[str]:
    yield from texts


def test_a_stream_is_written_whole() -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    emit(pieces("a", "b" * FIRST_WRITE, "c"), out)
    out.seek(0)
    assert out.read() == "a" + "b" * FIRST_WRITE + "c"


def test_an_ordinary_stream_is_all_or_nothing_on_an_ascii_output() -> None:
    written = io.BytesIO()
    out = io.TextIOWrapper(written, encoding="ascii")
    with pytest.raises(OutputError, match=r"its encoding \(ascii\) has no U\+00E9"):
        emit(pieces("plain " * 1000, "caf\u00e9"), out)
    assert written.getvalue() == b""


def test_a_large_stream_stops_where_the_output_cannot_encode() -> None:
    written = io.BytesIO()
    out = io.TextIOWrapper(written, encoding="ascii")
    with pytest.raises(OutputError):
        emit(pieces("x" * FIRST_WRITE, "caf\u00e9"), out)
    assert written.getvalue() == b"x" * FIRST_WRITE


class Leaving(io.RawIOBase):
    """A pipe whose reader leaves after taking ``keep`` bytes."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.taken = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.taken >= self.keep:
            raise BrokenPipeError(32, "Broken pipe")
        self.taken += len(data)
        return len(data)


def test_a_reader_leaving_mid_stream_is_output_closed() -> None:
    pipe = Leaving(keep=FIRST_WRITE)
    out = io.TextIOWrapper(io.BufferedWriter(pipe), encoding="utf-8")
    with pytest.raises(OutputClosed):
        emit(pieces(*("y" * 4096 for _ in range(1000))), out)
    assert pipe.taken >= FIRST_WRITE
    # The reader is back for the wrapper's last flush when it is collected, which
    # would otherwise fail again as "Exception ignored" during a later test.
    pipe.keep = sys.maxsize


def test_a_renderers_error_is_not_a_failure_of_stdout() -> None:
    # json refuses NaN with ValueError, which emit must not take for a closed stdout.
    def failing() -> Iterator[str]:
        yield "["
        raise ValueError("Out of range float values are not JSON compliant")

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with pytest.raises(ValueError, match="not JSON compliant"):
        emit(failing(), out)


def test_a_text_only_stream_gets_every_piece() -> None:
    out = io.StringIO()
    emit(pieces("one\n", "two\n"), out)
    assert out.getvalue() == "one\ntwo\n"
