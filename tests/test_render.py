"""The renderers: what a table, Markdown, CSV and JSON reader actually gets.

Text from a figures file is untrusted: a label may carry rich markup, escape
sequences or control characters. Tables must show it as text and never pass an
escape through; Markdown must keep its pipe tables intact; CSV must not hand a
spreadsheet a formula; JSON must carry it verbatim.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from clirun import invoke

from ocsae_cli.analysis.chart import chart
from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.compare import compare
from ocsae_cli.analysis.figures import Index, list_metrics, list_periods, query_figures
from ocsae_cli.analysis.rates import weekly
from ocsae_cli.analysis.results import (
    InvalidResult,
    PeriodsResult,
    QueryResult,
    Result,
    SummaryResult,
    ValidateResult,
    ValidationProblem,
)
from ocsae_cli.analysis.summary import summarise
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.load import load_file, packaged_data_path
from ocsae_cli.render import OutputFormat, Terminal, render
from ocsae_cli.render.jsonout import to_data

BOTH = (Basis.STATED, Basis.CALENDAR)
PLAIN = Terminal(tty=False, fancy=False, width=80)
FANCY = Terminal(tty=True, fancy=True, width=120)

MARKUP = "[bold red]x[/]"
LINK = "[link=http://evil]y[/link]"
ANSI = "\x1b[31mred\x1b[0m"
OSC_LINK = "\x1b]8;;http://evil\x07click\x1b]8;;\x07"
CONTROLS = "bell\x07 back\x08 del\x7f rlo\u202e nl\nnext cr\rtab\t"
HOSTILE = f"{MARKUP} {LINK} {ANSI} {OSC_LINK} {CONTROLS} a|b <b>tag</b>"

BOX_DRAWING = set("─│┃━┏┓┗┛┡┩╇╷╵╶╴┼├┤┬┴╭╮╰╯═║╔╗╚╝")
SGR = re.compile(r"\x1b\[[0-9;]*m")


# ---------------------------------------------------------------- building results


def toml_string(value: str) -> str:
    """A TOML basic string; control characters as \\uXXXX escapes."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def hostile_toml(texts: dict[str, str]) -> str:
    """Two periods (one holding the other) and one metric, every text field from ``texts``."""
    t = {key: toml_string(value) for key, value in texts.items()}
    return f"""\
schema_version = 1

[source]
title = {t["title"]}

[[source.attributions]]
name = {t["attribution"]}

[[source.people]]
name = {t["person"]}
role = {t["role"]}

[[periods]]
id = "p-a"
label = {t["label_a"]}
start = 2021-01-01
end = 2021-01-28
stated_length = {{ value = 4, unit = "weeks" }}
note = {t["period_note"]}

[[periods]]
id = "p-b"
label = {t["label_b"]}
start = 2021-01-01
end = 2021-02-25

[[metrics]]
id = "cases"
label = {t["metric_label"]}
unit = {t["unit"]}
description = {t["description"]}

[[figures]]
metric = "cases"
period = "p-a"
value = 40
statistic = "total"
quote = {t["quote_a"]}
note = {t["figure_note"]}

[[figures]]
metric = "cases"
period = "p-b"
value = 100.5
statistic = "total"
quote = {t["quote_b"]}
"""


TEXT_FIELDS = (
    "title",
    "attribution",
    "person",
    "role",
    "label_a",
    "label_b",
    "period_note",
    "metric_label",
    "unit",
    "description",
    "quote_a",
    "figure_note",
    "quote_b",
)

# A spreadsheet runs a cell starting with any of these as a formula.
FORMULA_TEXTS = {
    "label_a": '=HYPERLINK("http://evil")',
    "metric_label": "+1+1",
    "description": "-2+3",
    "quote_a": "@SUM(A1) 40",
    "figure_note": "\tnote",
    "quote_b": "\r100.5 cases",
    "period_note": "=1",
}


def hostile_texts() -> dict[str, str]:
    return {field: f"{field} {HOSTILE}" for field in TEXT_FIELDS}


def formula_texts() -> dict[str, str]:
    texts = {field: f"{field} text" for field in TEXT_FIELDS}
    texts.update(FORMULA_TEXTS)
    return texts


def index_of(path: Path) -> Index:
    return Index.build(load_file(path))


def results(index: Index) -> dict[str, Result]:
    """One result of every kind, built the way the commands build them."""
    first, second = list(index.periods)[:2]
    return {
        "summary": summarise(index),
        "query": query_figures(index),
        "periods": list_periods(index),
        "metrics": list_metrics(index),
        "weekly": weekly(index, bases=BOTH, derived=True),
        "compare": compare(index, [first, second], bases=BOTH),
        "check": run_checks(index, BOTH),
        "chart": chart(index, bases=(Basis.CALENDAR,), derived=True),
        "validate": ValidateResult(True, "figures.toml", 2, 2, 1),
        "invalid": InvalidResult(
            False,
            f"bad {HOSTILE}.toml",
            (ValidationProblem("bad.toml", 3, 1, "periods[0].label", f"bad {HOSTILE}"),),
        ),
    }


KINDS = list(results(index_of(packaged_data_path())))
# An invalid file is reported on stderr, one line per problem; only --json prints a result.
JSON_ONLY = ("invalid",)
TABLE_KINDS = [kind for kind in KINDS if kind not in JSON_ONLY]
NO_FILE_TEXT = ("validate", "weekly")  # tables of ids and numbers only


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(hostile_toml(hostile_texts()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(hostile_path: Path) -> dict[str, Result]:
    return results(index_of(hostile_path))


@pytest.fixture(scope="module")
def formula(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    path = tmp_path_factory.mktemp("formula") / "formula.toml"
    path.write_text(hostile_toml(formula_texts()), encoding="utf-8")
    return results(index_of(path))


@pytest.fixture(scope="module")
def packaged() -> dict[str, Result]:
    return results(index_of(packaged_data_path()))


def table(result: Result, terminal: Terminal = PLAIN, *, quotes: bool = False) -> str:
    return render(result, OutputFormat.TABLE, terminal=terminal, quotes=quotes)


# ---------------------------------------------------------------- hostile text in tables


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_plain_table_shows_markup_literally_and_no_escapes(
    hostile: dict[str, Result], kind: str
) -> None:
    out = table(hostile[kind], quotes=True)
    assert "\x1b" not in out
    bad = [c for c in out if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
    assert bad == []
    if kind not in NO_FILE_TEXT:
        assert MARKUP in out
        assert LINK in out
        # Control characters are shown, not sent: the terminal bell becomes visible text.
        assert "\\x07" in out
        assert "\\u202e" in out


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_fancy_table_styles_but_passes_no_hostile_escape(
    hostile: dict[str, Result], kind: str
) -> None:
    out = table(hostile[kind], FANCY, quotes=True)
    assert ANSI not in out
    assert "\x1b[31m" not in out  # the file's own red
    assert "\x1b]" not in out  # no hyperlink (OSC 8), neither the file's nor rich's
    assert "http://evil\x07" not in out
    leftover = SGR.sub("", out)
    assert "\x1b" not in leftover  # every escape is one of rich's colour codes
    bad = [c for c in leftover if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
    assert bad == []
    if kind not in (*NO_FILE_TEXT, "invalid"):
        assert MARKUP in leftover


def test_fancy_table_is_actually_styled(hostile: dict[str, Result]) -> None:
    assert SGR.search(table(hostile["query"], FANCY))
    assert not SGR.search(table(hostile["query"], PLAIN))


def test_a_newline_in_a_label_does_not_start_a_new_row(hostile: dict[str, Result]) -> None:
    out = table(hostile["periods"])
    rows = [line for line in out.splitlines() if line.startswith(("p-a ", "p-b "))]
    assert len(rows) == 2
    assert all("nl next" in row for row in rows)


def test_plain_table_has_no_box_drawing(packaged: dict[str, Result]) -> None:
    for kind, result in packaged.items():
        if kind in JSON_ONLY:
            continue
        out = table(result, quotes=True)
        assert not BOX_DRAWING & set(out), kind
        assert "\x1b" not in out, kind


def test_piped_quote_table_is_not_cut_at_80_columns(packaged: dict[str, Result]) -> None:
    result = packaged["query"]
    assert isinstance(result, QueryResult)
    out = table(result, PLAIN, quotes=True)
    lines = out.splitlines()
    assert max(len(line) for line in lines) > 120
    # Every quote is on the line of its figure, whole.
    for figure in result.figures:
        assert any(f"“{figure.quote}”" in line for line in lines), figure.quote
    metric_ids = tuple(f"{figure.metric} " for figure in result.figures)
    assert len([line for line in lines if line.startswith(metric_ids)]) == len(result.figures)


def test_piped_quote_table_through_the_cli() -> None:
    result = invoke(["query", "--quotes"], env={"OCSAE_DATA": None})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) > 120
    quote = "For the past two years, the number was around 2,200."
    assert any(f"“{quote}”" in line for line in lines)
    assert not BOX_DRAWING & set(result.stdout)
    assert "\x1b" not in result.stdout


def test_fancy_table_wraps_long_quotes_to_the_terminal(packaged: dict[str, Result]) -> None:
    out = SGR.sub("", table(packaged["query"], FANCY, quotes=True))
    assert max(len(line) for line in out.splitlines()) <= FANCY.width


def test_plain_chart_uses_hashes_and_fancy_uses_blocks(packaged: dict[str, Result]) -> None:
    plain = table(packaged["chart"])
    fancy = table(packaged["chart"], FANCY)
    assert "#" in plain
    assert "█" not in plain
    assert "█" in fancy
    # The longest bar of each group fills the 40 columns of a piped chart.
    arrests = plain.split("\n\n")[0].splitlines()
    assert arrests[0].startswith("Arrests per week")
    assert max(line.count("#") for line in arrests[1:]) == 40


# ---------------------------------------------------------------- Terminal.detect


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_colour() -> None:
    terminal = Terminal.detect(stream=FakeTTY(), environ={"TERM": "xterm-256color"})
    assert terminal.tty is True
    assert terminal.fancy is True


@pytest.mark.parametrize(
    "environ", [{"NO_COLOR": "1"}, {"NO_COLOR": "yes"}, {"TERM": "dumb"}], ids=str
)
def test_no_colour_on_request_of_the_environment(environ: dict[str, str]) -> None:
    terminal = Terminal.detect(stream=FakeTTY(), environ=environ)
    assert terminal.tty is True
    assert terminal.fancy is False


def test_empty_no_color_does_not_turn_colour_off() -> None:
    # no-color.org: NO_COLOR counts when it is present and not empty.
    assert Terminal.detect(stream=FakeTTY(), environ={"NO_COLOR": ""}).fancy is True


def test_no_color_flag_turns_colour_off() -> None:
    terminal = Terminal.detect(no_color=True, stream=FakeTTY(), environ={})
    assert terminal.tty is True
    assert terminal.fancy is False


def test_a_pipe_is_not_a_terminal() -> None:
    terminal = Terminal.detect(stream=io.StringIO(), environ={})
    assert terminal.tty is False
    assert terminal.fancy is False


def test_a_closed_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    stream.close()
    assert Terminal.detect(stream=stream, environ={}).tty is False


def test_no_color_environment_reaches_the_table(hostile: dict[str, Result]) -> None:
    terminal = Terminal.detect(stream=FakeTTY(), environ={"NO_COLOR": "1"})
    assert "\x1b" not in table(hostile["summary"], terminal)


# ---------------------------------------------------------------- Markdown


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row, splitting only at unescaped ``|``."""
    assert line.startswith("| ") and line.endswith(" |"), line
    cells: list[str] = []
    current: list[str] = []
    chars = iter(line[1:-1])
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    cells.append("".join(current).strip())
    return cells


def unescape(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell).replace("&lt;", "<").replace("&gt;", ">")


def pipe_tables(markdown: str) -> list[list[list[str]]]:
    """Every pipe table: header, then rows, each checked against the separator row."""
    tables = []
    for block in markdown.split("\n\n"):
        lines = block.splitlines()
        if not lines or not lines[0].startswith("|"):
            assert not any(line.startswith("|") for line in lines), block
            continue
        header, rule, *rows = (split_row(line) for line in lines)
        assert all(re.fullmatch(r"---:?", cell) for cell in rule), rule
        assert len(rule) == len(header)
        for row in rows:
            assert len(row) == len(header), row
        tables.append([header, *rows])
    return tables


TABLE_KINDS = ["summary", "query", "periods", "metrics", "weekly", "compare", "check"]
TEXT_TABLE_KINDS = [kind for kind in TABLE_KINDS if kind not in NO_FILE_TEXT]


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_markdown_tables_parse(packaged: dict[str, Result], kind: str) -> None:
    out = render(packaged[kind], OutputFormat.MARKDOWN, terminal=PLAIN, quotes=True)
    tables = pipe_tables(out)
    assert tables
    assert all(len(t) >= 2 for t in tables)


@pytest.mark.parametrize("kind", TEXT_TABLE_KINDS)
def test_markdown_tables_survive_hostile_text(hostile: dict[str, Result], kind: str) -> None:
    out = render(hostile[kind], OutputFormat.MARKDOWN, terminal=PLAIN, quotes=True)
    assert "\x1b" not in out
    assert "<b>" not in out
    tables = pipe_tables(out)
    assert tables
    cells = [unescape(cell) for t in tables for row in t for cell in row]
    assert any("a|b <b>tag</b>" in cell for cell in cells)


def test_markdown_escapes_pipes(hostile: dict[str, Result]) -> None:
    out = render(hostile["metrics"], OutputFormat.MARKDOWN, terminal=PLAIN)
    assert "a\\|b" in out
    assert "a|b" not in out


def test_markdown_compare_headers_are_the_periods(packaged: dict[str, Result]) -> None:
    out = render(packaged["compare"], OutputFormat.MARKDOWN, terminal=PLAIN)
    headers = [[unescape(cell) for cell in t[0]] for t in pipe_tables(out)]
    assert ["Metric", "", "lockdown", "seven-weeks", "seven-weeks-before-lockdown*"] in headers


@pytest.mark.parametrize("kind", ["summary", "weekly", "compare"])
def test_markdown_footnote_markers_stay_visible(packaged: dict[str, Result], kind: str) -> None:
    out = render(packaged[kind], OutputFormat.MARKDOWN, terminal=PLAIN)
    bullets = [line for line in out.splitlines() if line.startswith("- ")]
    assert bullets
    # "- * derived ..." would be a nested list in GitHub Markdown, losing the marker.
    assert not [line for line in bullets if re.match(r"- [*+-] ", line)], bullets
    assert any(line.startswith("- \\* derived") for line in bullets)


# ---------------------------------------------------------------- JSON


@pytest.mark.parametrize("kind", KINDS)
def test_json_is_one_document_per_call(packaged: dict[str, Result], kind: str) -> None:
    compact = render(packaged[kind], OutputFormat.JSON, terminal=PLAIN)
    pretty = render(packaged[kind], OutputFormat.JSON, terminal=FANCY)
    assert compact.count("\n") == 1 and compact.endswith("\n")
    assert json.loads(compact) == json.loads(pretty)
    assert "\n  " in pretty


def _all_strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _all_strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _all_strings(v)]
    return []


@pytest.mark.parametrize("kind", KINDS)
def test_json_carries_hostile_text_verbatim(hostile: dict[str, Result], kind: str) -> None:
    data = json.loads(render(hostile[kind], OutputFormat.JSON, terminal=PLAIN))
    if kind != "validate":
        assert any(HOSTILE in text for text in _all_strings(data))


def test_json_query_gives_back_the_exact_quote(hostile: dict[str, Result]) -> None:
    figures = json.loads(render(hostile["query"], OutputFormat.JSON, terminal=FANCY))
    assert figures[0]["quote"] == f"quote_a {HOSTILE}"
    assert figures[0]["note"] == f"figure_note {HOSTILE}"
    assert figures[0]["metric_label"] == f"metric_label {HOSTILE}"


def test_json_rates_are_at_full_precision(packaged: dict[str, Result]) -> None:
    rows = json.loads(render(packaged["weekly"], OutputFormat.JSON, terminal=PLAIN))
    calendar = next(
        r
        for r in rows
        if (r["metric"], r["period"], r["basis"]) == ("arrests", "lockdown", "calendar")
    )
    assert math.isclose(calendar["rate"], 45 / (32 / 7), rel_tol=1e-12)
    assert calendar["rate"] != round(calendar["rate"], 2)  # not the table's 9.84
    assert math.isclose(calendar["weeks"], 32 / 7, rel_tol=1e-12)
    seven = next(
        r
        for r in rows
        if (r["metric"], r["period"], r["basis"]) == ("arrests", "seven-weeks", "stated")
    )
    assert math.isclose(seven["rate"], 72 / 7, rel_tol=1e-12)


def test_json_dates_are_iso(packaged: dict[str, Result]) -> None:
    periods = json.loads(render(packaged["periods"], OutputFormat.JSON, terminal=PLAIN))
    for period in periods:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", period["start"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", period["end"])
    assert (periods[0]["start"], periods[0]["end"]) == ("2020-03-23", "2020-04-23")


def test_json_keeps_non_ascii_text_as_is(packaged: dict[str, Result]) -> None:
    out = render(packaged["check"], OutputFormat.JSON, terminal=PLAIN)
    assert "⊇" in out
    assert "\\u2287" not in out


# ---------------------------------------------------------------- CSV


def parse_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    return header, [dict(zip(header, row, strict=True)) for row in body]


def csv_of(result: Result) -> tuple[list[str], list[dict[str, str]]]:
    return parse_csv(render(result, OutputFormat.CSV, terminal=PLAIN))


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
    "metric", "metric_label", "unit", "period", "start", "end", "derived", "value",
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


# ---------------------------------------------------------------- every format, every kind


RENDERERS: dict[str, Callable[[str], Any]] = {
    OutputFormat.JSON.value: json.loads,
    OutputFormat.CSV.value: parse_csv,
    OutputFormat.MARKDOWN.value: pipe_tables,
    OutputFormat.TABLE.value: str.splitlines,
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
    for terminal in (PLAIN, FANCY):
        out = render(hostile[kind], output, terminal=terminal)
        assert out.endswith("\n")
        RENDERERS.get(output.value, str.splitlines)(out)


def test_csv_cells_carry_no_terminal_escapes() -> None:
    from ocsae_cli.render.text import csv_cell

    assert csv_cell("red\x1b[31m text\x1b]8;;http://evil\x07") == "red text"
    assert csv_cell("nul\x00 bell\x07") == "nul\\x00 bell\\x07"
    assert csv_cell("two\nlines\tand tab") == "two\nlines\tand tab"
    assert csv_cell("\x1b[2J=HYPERLINK()") == "'=HYPERLINK()"


def test_markdown_never_makes_links_emphasis_or_html() -> None:
    from ocsae_cli.render.text import markdown_cell

    assert markdown_cell("[click](http://evil)") == "\\[click\\](http://evil)"
    assert markdown_cell("*bold* _it_ `code`") == "\\*bold\\* \\_it\\_ \\`code\\`"
    assert markdown_cell("<img src=x>") == "&lt;img src=x&gt;"


def _every_record_as_an_object(value: Any) -> Any:
    """The plain, slow conversion: look into everything, whatever its declared type."""
    if hasattr(type(value), "_fields"):
        pairs = zip(value._fields, value, strict=True)
        return {name: _every_record_as_an_object(item) for name, item in pairs}
    if isinstance(value, list | tuple):
        return [_every_record_as_an_object(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _every_record_as_an_object(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", KINDS)
def test_json_conversion_misses_no_record_or_date(
    kind: str, packaged: dict[str, Result], hostile: dict[str, Result]
) -> None:
    """to_data looks only into fields whose declared type can hold a record or a date;
    a field declared wrongly would come out as a bare array. It must agree with
    looking into everything."""
    for results_of in (packaged, hostile):
        result = results_of[kind]
        assert json.dumps(to_data(result)) == json.dumps(_every_record_as_an_object(result))


def test_csv_joins_a_tuple_of_plain_values_like_a_list(packaged: dict[str, Result]) -> None:
    from ocsae_cli.render import csvout

    summary = packaged["summary"]
    assert isinstance(summary, SummaryResult)
    derived = next(p for p in summary.periods if p.derived)
    rows = csvout.flat_records(PeriodsResult((derived,)))
    assert rows[0]["derived_from"] == "seven-weeks; lockdown"
