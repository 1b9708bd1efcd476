"""TSV: CSV's columns, one line per record, no tab or line break inside a cell."""

from __future__ import annotations

import pytest

from ocsae_cli.analysis.results import Result
from ocsae_cli.render import OutputFormat, render

from .helpers import CONTROLS, FORMULA_TEXTS, KINDS, PLAIN, csv_of


def unescape(cell: str) -> str:
    """A TSV cell's text: ``\\t``, ``\\n``, ``\\r`` and ``\\\\`` back to what they stand for."""
    out, chars = [], iter(cell)
    for char in chars:
        escaped = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[next(chars)] if char == "\\" else ""
        out.append(escaped or char)
    return "".join(out)


def tsv_of(result: Result) -> tuple[list[str], list[dict[str, str]]]:
    text = render(result, OutputFormat.TSV, terminal=PLAIN)
    assert text.endswith("\n") and "\r\n" not in text.replace("\\r\\n", "")
    header, *lines = text.removesuffix("\n").split("\n")
    columns = header.split("\t")
    rows = []
    for line in lines:
        cells = line.split("\t")
        assert len(cells) == len(columns), line
        rows.append(dict(zip(columns, map(unescape, cells), strict=True)))
    return columns, rows


@pytest.mark.parametrize("kind", KINDS)
def test_tsv_has_the_columns_and_cells_of_csv(packaged: dict[str, Result], kind: str) -> None:
    assert tsv_of(packaged[kind]) == csv_of(packaged[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_keeps_one_line_per_record(hostile: dict[str, Result], kind: str) -> None:
    columns, rows = tsv_of(hostile[kind])
    assert len(rows) == len(hostile[kind].records())
    assert (columns, rows) == csv_of(hostile[kind])


def test_tabs_and_line_breaks_are_escaped(hostile: dict[str, Result]) -> None:
    text = render(hostile["query"], OutputFormat.TSV, terminal=PLAIN)
    assert "tab\\t" in text and "nl\\nnext cr\\r" in text
    assert CONTROLS.split("\n")[0] not in text.split("\n")  # the break did not end a line


def test_no_formula_reaches_a_spreadsheet(formula: dict[str, Result]) -> None:
    for kind in ("query", "periods", "metrics"):
        _, rows = tsv_of(formula[kind])
        for row in rows:
            for value in row.values():
                assert value not in FORMULA_TEXTS.values()
                assert not value.startswith(("=", "+", "@", "\t", "\r")), value
