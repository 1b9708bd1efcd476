"""What the renderer tests share: hostile and formula-laden figures files, one result
of every kind built from them as the commands build them, and small parsers of each
format's output."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ocsae_cli.analysis.chart import chart
from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.compare import compare
from ocsae_cli.analysis.figures import Index, list_metrics, list_periods, query_figures
from ocsae_cli.analysis.rates import weekly
from ocsae_cli.analysis.results import (
    ChartResult,
    Check,
    CheckResult,
    ClaimReviewResult,
    InvalidResult,
    Result,
    ValidateResult,
    ValidationProblem,
)
from ocsae_cli.analysis.reviews import claim_reviews
from ocsae_cli.analysis.summary import summarise
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.load import load_file
from ocsae_cli.render import OutputFormat, Terminal, render

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


def reviews(index: Index) -> ClaimReviewResult:
    """ClaimReview's claims as ``check --format claimreview`` builds them, from a check of the
    file's first figure (the hostile file's own checks judge no claim a source states)."""
    first = query_figures(index).figures[0]
    check = Check(
        id=f"approximation:figures[{first.index}]",
        kind="approximation",
        subject={"metrics": [first.metric], "periods": [first.period]},
        basis=None,
        claim=f"around {first.value}",
        computed=f"{first.value} counted",
        claimed_value=first.value,
        computed_value=first.value,
        difference=0.0,
        tolerance="'around' admits 10% either way",
        verdict="ok",
        explanation=f"explanation {HOSTILE}",
    )
    return claim_reviews(
        index, CheckResult((check,)), author=f"author {HOSTILE}", url_prefix="https://x.org/c"
    )


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
        "claimreview": reviews(index),
        "validate": ValidateResult(True, "figures.toml", 2, 2, 1),
        "invalid": InvalidResult(
            False,
            f"bad {HOSTILE}.toml",
            (ValidationProblem("bad.toml", 3, 1, "periods[0].label", f"bad {HOSTILE}"),),
        ),
    }


# The keys of results(), in order (test_views checks that they are).
KINDS = (
    "summary",
    "query",
    "periods",
    "metrics",
    "weekly",
    "compare",
    "check",
    "chart",
    "claimreview",
    "validate",
    "invalid",
)
# An invalid file is reported on stderr, one line per problem; only --json prints a result.
JSON_ONLY = ("invalid", "claimreview")  # ClaimReview markup: only check's claimreview format
TABLE_KINDS = [kind for kind in KINDS if kind not in JSON_ONLY]  # every kind with a table
NO_FILE_TEXT = ("validate", "weekly")  # tables of ids and numbers only

# Kinds whose Markdown is pipe tables (a chart and a verdict are lines of text).
MARKDOWN_KINDS = ["summary", "query", "periods", "metrics", "weekly", "compare", "check"]
MARKDOWN_TEXT_KINDS = [kind for kind in MARKDOWN_KINDS if kind not in NO_FILE_TEXT]


# The formats only one kind of result has; every other result refuses them.
PUBLISHING: dict[OutputFormat, type] = {
    OutputFormat.CLAIMREVIEW: ClaimReviewResult,
    OutputFormat.VEGA_LITE: ChartResult,
}


def refuses(result: Result, output: OutputFormat) -> bool:
    """Whether ``output`` is a publishing format that ``result`` has no form in."""
    kind = PUBLISHING.get(output)
    return kind is not None and not isinstance(result, kind)


def table(result: Result, terminal: Terminal = PLAIN, *, quotes: bool = False) -> str:
    return render(result, OutputFormat.TABLE, terminal=terminal, quotes=quotes)


# ---------------------------------------------------------------- reading the output back


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


def parse_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    return header, [dict(zip(header, row, strict=True)) for row in body]


def csv_of(result: Result) -> tuple[list[str], list[dict[str, str]]]:
    return parse_csv(render(result, OutputFormat.CSV, terminal=PLAIN))
