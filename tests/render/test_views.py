"""Every result type has one registration, and renders in every format."""

from __future__ import annotations

import json
import typing
from collections.abc import Callable
from typing import Any

import pytest

from ocsae_cli.analysis.results import ClaimReviewResult, InvalidResult, Result, SchemaResult
from ocsae_cli.analysis.validation import schema_result
from ocsae_cli.load import packaged_data_path
from ocsae_cli.render import OutputFormat, render
from ocsae_cli.render.layout import view

from .helpers import (
    FANCY,
    JSON_ONLY,
    KINDS,
    PLAIN,
    index_of,
    parse_csv,
    pipe_tables,
    refuses,
    results,
)

# Every member of the Result union: what a command may hand to a renderer.
RESULT_TYPES: tuple[type, ...] = typing.get_args(Result)
# Results with no table layout: validate prints an invalid file's problems on stderr,
# and schema always prints JSON.
JSON_ONLY_TYPES = (InvalidResult, SchemaResult, ClaimReviewResult)

RENDERERS: dict[str, Callable[[str], Any]] = {
    OutputFormat.JSON.value: json.loads,
    OutputFormat.CSV.value: parse_csv,
    OutputFormat.MARKDOWN.value: pipe_tables,
    OutputFormat.TABLE.value: str.splitlines,
    OutputFormat.CLAIMREVIEW.value: json.loads,
    OutputFormat.VEGA_LITE.value: json.loads,
}


@pytest.mark.parametrize("output", list(OutputFormat))
@pytest.mark.parametrize("kind", KINDS)
def test_every_result_renders_in_every_format(
    hostile: dict[str, Result], kind: str, output: OutputFormat
) -> None:
    if kind in JSON_ONLY and output in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
        with pytest.raises(TypeError, match="JSON only"):
            render(hostile[kind], output, terminal=PLAIN)
        return
    if refuses(hostile[kind], output):  # ClaimReview and Vega-Lite: one result each
        with pytest.raises(TypeError, match=r"has no (ClaimReview markup|Vega-Lite chart)"):
            render(hostile[kind], output, terminal=PLAIN)
        return
    for terminal in (PLAIN, FANCY):
        out = render(hostile[kind], output, terminal=terminal)
        assert out.endswith("\n")
        RENDERERS.get(output.value, str.splitlines)(out)


def test_kinds_name_every_result_built() -> None:
    assert tuple(results(index_of(packaged_data_path()))) == KINDS


@pytest.fixture(scope="module")
def one_of_each(hostile: dict[str, Result]) -> dict[type, Result]:
    """One result of every type in the Result union, hostile text wherever there is text."""
    found: dict[type, Result] = {type(result): result for result in hostile.values()}
    found[SchemaResult] = schema_result()
    return found


def test_there_is_a_result_of_every_type(one_of_each: dict[type, Result]) -> None:
    # A new member of the Result union needs a builder in helpers.results().
    assert set(one_of_each) == set(RESULT_TYPES)


@pytest.mark.parametrize("output", list(OutputFormat))
@pytest.mark.parametrize("kind", RESULT_TYPES, ids=lambda kind: kind.__name__)
def test_every_result_type_renders_in_every_format(
    one_of_each: dict[type, Result], kind: type, output: OutputFormat
) -> None:
    result = one_of_each[kind]
    if kind in JSON_ONLY_TYPES and output in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
        with pytest.raises(
            TypeError, match=rf"^{kind.__name__} has no table view \(it is JSON only\)$"
        ):
            render(result, output, terminal=PLAIN)
        return
    if refuses(result, output):
        with pytest.raises(TypeError, match=rf"^{kind.__name__} has no "):
            render(result, output, terminal=PLAIN)
        return
    for terminal in (PLAIN, FANCY):
        out = render(result, output, terminal=terminal)
        assert out.endswith("\n")
        if output in (OutputFormat.JSON, OutputFormat.CLAIMREVIEW, OutputFormat.VEGA_LITE):
            assert json.loads(out) == json.loads(render(result, output, terminal=PLAIN))
        elif output is OutputFormat.CSV:
            _, rows = parse_csv(out)
            assert len(rows) == len(result.records())
        else:
            assert out.strip()


@pytest.mark.parametrize("kind", RESULT_TYPES, ids=lambda kind: kind.__name__)
def test_every_result_type_registers_one_view_or_is_json_only(kind: type) -> None:
    from ocsae_cli.render import views  # noqa: F401 - registers every view

    registered = kind in view.registry
    assert registered != (kind in JSON_ONLY_TYPES), kind.__name__


@pytest.mark.parametrize("kind", RESULT_TYPES, ids=lambda kind: kind.__name__)
def test_every_result_type_gives_its_document_and_records(kind: type) -> None:
    assert callable(getattr(kind, "document", None)), kind.__name__
    assert callable(getattr(kind, "records", None)), kind.__name__
