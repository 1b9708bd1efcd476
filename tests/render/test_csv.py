"""CSV: a row per JSON record, RFC 4180, and never a formula handed to a spreadsheet."""

from __future__ import annotations

import json
import math

import pytest

from ocsae_cli.analysis.results import PeriodsResult, Result, SummaryResult
from ocsae_cli.render import OutputFormat, render

from .helpers import FORMULA_TEXTS, KINDS, PLAIN, csv_of


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in ("summary", "compare")])
def test_csv_has_a_row_per_json_record(packaged: dict[str, Result], kind: str) -> None:
    data = json.loads(render(packaged[kind], OutputFormat.JSON, terminal=PLAIN))
    records = data if isinstance(data, list) else [data]
    header, rows = csv_of(packaged[kind])
    assert len(rows) == len(records)
    assert len(header) == len(set(header))


def test_csv_lines_end_in_crlf(packaged: dict[str, Result]) -> None:
    out = render(packaged["metrics"], OutputFormat.CSV, terminal=PLAIN)
    assert out.endswith("\r\n")
    assert out.count("\r\n") == 7


def test_csv_summary_is_its_weekly_rates(packaged: dict[str, Result]) -> None:
    data = json.loads(render(packaged["summary"], OutputFormat.JSON, terminal=PLAIN))
    header, rows = csv_of(packaged["summary"])
    assert len(rows) == len(data["rates"])
    assert {"period", "metric", "basis", "rate"} <= set(header)


COMPARE_COLUMNS = [
    "index", "metric", "metric_label", "unit", "period", "start", "end", "derived", "value",
    "statistic", "approximate", "weeks.stated", "rate.stated", "weeks.calendar",
    "rate.calendar", "change.absolute", "change.relative", "rate_ratio.stated",
    "rate_ratio.calendar", "reason",
]  # fmt: skip


def test_csv_compare_is_long_form(packaged: dict[str, Result]) -> None:
    header, rows = csv_of(packaged["compare"])
    assert header == COMPARE_COLUMNS
    assert len(rows) == 3 * 3  # three shared metrics in three columns
    by_key = {(r["metric"], r["period"]): r for r in rows}
    derived = by_key[("arrests", "seven-weeks-before-lockdown")]
    assert derived["derived"] == "true"
    assert float(derived["value"]) == 27
    assert float(derived["rate.stated"]) == 9.0
    assert float(derived["rate.calendar"]) == 9.0
    assert (derived["start"], derived["end"]) == ("2020-03-02", "2020-03-22")
    # A negative change is a number, not a formula to defuse.
    assert derived["change.absolute"] == "-18"
    assert float(derived["change.relative"]) == pytest.approx(-0.4)
    baseline = by_key[("arrests", "lockdown")]
    assert baseline["change.absolute"] == ""  # null: the baseline has no change
    assert math.isclose(float(baseline["rate.calendar"]), 45 / (32 / 7), rel_tol=1e-12)


def test_csv_defuses_formulas_in_text(formula: dict[str, Result]) -> None:
    _, rows = csv_of(formula["query"])
    first, second = rows
    assert first["period_label"] == "'" + FORMULA_TEXTS["label_a"]
    assert first["metric_label"] == "'" + FORMULA_TEXTS["metric_label"]
    assert first["quote"] == "'" + FORMULA_TEXTS["quote_a"]
    assert first["note"] == "'" + FORMULA_TEXTS["figure_note"]
    assert first["period_note"] == "'" + FORMULA_TEXTS["period_note"]
    assert second["quote"] == "'" + FORMULA_TEXTS["quote_b"]
    assert second["period_label"] == "label_b text"  # harmless text is left alone
    # Numbers stay numbers.
    assert float(first["value"]) == 40
    assert float(second["value"]) == 100.5
    assert first["index"] == "0"


def test_csv_defuses_formulas_in_every_command(formula: dict[str, Result]) -> None:
    _, metrics = csv_of(formula["metrics"])
    assert metrics[0]["label"] == "'+1+1"
    assert metrics[0]["description"] == "'-2+3"
    _, periods = csv_of(formula["periods"])
    assert periods[0]["label"].startswith("'=HYPERLINK")
    _, weekly_rows = csv_of(formula["weekly"])
    assert all(r["metric_label"] == "'+1+1" for r in weekly_rows)
    assert all(float(r["value"]) in (40, 100.5, 60.5) for r in weekly_rows)


@pytest.mark.parametrize("kind", KINDS)
def test_no_csv_cell_starts_a_formula(formula: dict[str, Result], kind: str) -> None:
    _, rows = csv_of(formula[kind])
    for row in rows:
        for column, cell in row.items():
            if cell.startswith(("=", "+", "@", "\t", "\r")):
                pytest.fail(f"{column}: {cell!r}")
            if cell.startswith("-"):
                float(cell)  # only a negative number may start with '-'


def test_csv_header_does_not_depend_on_which_period_has_a_length(
    hostile: dict[str, Result], packaged: dict[str, Result]
) -> None:
    # 'p-b' has no stated length; its row must not add a stray 'stated_length' column.
    hostile_header, rows = csv_of(hostile["periods"])
    packaged_header, _ = csv_of(packaged["periods"])
    assert hostile_header == packaged_header
    assert rows[1]["stated_length.weeks"] == ""
    assert float(rows[0]["stated_length.weeks"]) == 4


def test_csv_joins_lists_of_plain_values(packaged: dict[str, Result]) -> None:
    _, checks = csv_of(packaged["check"])
    nesting = next(r for r in checks if r["id"] == "nesting:arrests:seven-weeks:lockdown")
    assert nesting["subject.periods"] == "seven-weeks; lockdown"
    assert nesting["subject.metrics"] == "arrests"


def test_csv_cells_carry_no_terminal_escapes() -> None:
    from ocsae_cli.render.text import csv_cell

    assert csv_cell("red\x1b[31m text\x1b]8;;http://evil\x07") == "red text"
    assert csv_cell("nul\x00 bell\x07") == "nul\\x00 bell\\x07"
    assert csv_cell("two\nlines\tand tab") == "two\nlines\tand tab"
    assert csv_cell("\x1b[2J=HYPERLINK()") == "'=HYPERLINK()"


def test_csv_joins_a_tuple_of_plain_values_like_a_list(packaged: dict[str, Result]) -> None:
    from ocsae_cli.render import csvout

    summary = packaged["summary"]
    assert isinstance(summary, SummaryResult)
    derived = next(p for p in summary.periods if p.derived)
    rows = csvout.flat_records(PeriodsResult((derived,)))
    assert rows[0]["derived_from"] == "seven-weeks; lockdown"
