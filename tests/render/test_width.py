"""Tables at any terminal width from 60 columns: nothing lost, nothing cut (issue 13).

Every command's table is drawn at 60, 80, 120 and 200 columns, with colour and
without, and checked against the command's own JSON: every id, value and
marker (``~`` approximate, ``*`` derived, ``?`` inferred) appears whole, and
every word of every label, quote, note and explanation appears. No line is
wider than the terminal unless it holds one word that is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ocsae_cli.analysis.chart import chart
from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.compare import compare
from ocsae_cli.analysis.figures import Index, list_metrics, list_periods, query_figures
from ocsae_cli.analysis.rates import weekly
from ocsae_cli.analysis.results import Result, ValidateResult
from ocsae_cli.analysis.summary import summarise
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.analysis.wording import number
from ocsae_cli.load import packaged_data_path
from ocsae_cli.render import OutputFormat, Terminal, render
from ocsae_cli.render.layout import (
    APPROXIMATE,
    DERIVED,
    Section,
    ViewOptions,
    rate,
    value_text,
    view,
    weeks,
)

from .helpers import SGR, index_of

# 80 columns (most terminals' default) in the fast loop; every width in the full one.
WIDTHS = (
    pytest.param(60, marks=pytest.mark.slow),
    80,
    pytest.param(120, marks=pytest.mark.slow),
    pytest.param(200, marks=pytest.mark.slow),
)
# Plain and coloured tables are laid out alike; the coloured ones run in the slow loop.
STYLES = [pytest.param(False, id="plain"), pytest.param(True, id="colour", marks=pytest.mark.slow)]
BOTH = (Basis.STATED, Basis.CALENDAR)
NEXT = (("ocsae query --quotes", "every figure with the sentence it comes from"),)


def commands(index: Index) -> dict[str, tuple[Result, bool]]:
    """Each command's result as the command builds it, and whether it shows quotes."""
    return {
        "summary": (summarise(index, None, hints=NEXT), False),
        "query": (query_figures(index), False),
        "query --quotes": (query_figures(index), True),
        "periods": (list_periods(index), False),
        "metrics": (list_metrics(index), False),
        "weekly --derived": (weekly(index, bases=BOTH, derived=True), False),
        "compare": (compare(index, ["lockdown", "seven-weeks"], bases=BOTH), False),
        "compare, three periods": (
            compare(index, ["lockdown", "seven-weeks", "nca-referrals"], bases=BOTH),
            False,
        ),
        "check": (run_checks(index, BOTH), False),
        "chart --derived": (chart(index, bases=(Basis.CALENDAR,), derived=True), False),
        "chart, both bases": (chart(index, bases=BOTH, derived=True), False),
        "validate": (ValidateResult(True, "data/figures.toml", 14, 6, 6), False),
    }


PACKAGED = commands(index_of(packaged_data_path()))


def terminal(width: int, fancy: bool) -> Terminal:
    return Terminal(tty=True, fancy=fancy, width=width)


def drawn(result: Result, width: int, fancy: bool, quotes: bool) -> str:
    """The table as a terminal this wide shows it, colour codes taken out."""
    out = render(result, OutputFormat.TABLE, terminal=terminal(width, fancy), quotes=quotes)
    return SGR.sub("", out)


def document(result: Result) -> Any:
    return json.loads(render(result, OutputFormat.JSON, terminal=Terminal(False, False, 80)))


# ---------------------------------------------------------------- what the JSON says must show


def day(record: dict[str, Any], end: str) -> str:
    return str(record[end]) + ("?" if record[f"{end}_inferred"] else "")


def period_name(record: dict[str, Any], key: str = "period") -> str:
    return str(record[key]) + (DERIVED if record.get("derived") else "")


def shown_value(record: dict[str, Any]) -> str:
    derived = bool(record.get("derived"))
    return value_text(record["value"], approximate=record["approximate"], derived=derived).text


def periods_tokens(periods: list[dict[str, Any]]) -> Iterator[str]:
    for period in periods:
        yield period_name(period, "id")
        yield day(period, "start")
        yield day(period, "end")
        yield str(period["days"])
        yield weeks(period["calendar_weeks"])


def query_tokens(doc: Any) -> Iterator[str]:
    for figure in doc:
        yield from (figure["metric"], figure["period"], figure["unit"], figure["statistic"])
        yield shown_value(figure)
        yield day(figure, "start")
        yield day(figure, "end")


def weekly_tokens(doc: Any) -> Iterator[str]:
    for row in doc:
        yield from (row["metric"], period_name(row), row["statistic"], row["basis"])
        yield shown_value(row)
        yield rate(row["rate"])
        if row["weeks"] is not None:
            yield weeks(row["weeks"])


def compare_tokens(doc: Any) -> Iterator[str]:
    yield from periods_tokens(doc["columns"])
    for row in doc["rows"]:
        yield from row["label"].split()
        for cell in row["cells"]:
            if cell["value"] is not None:
                yield shown_value(cell)
            yield from (rate(r["rate"]) for r in cell["rates"])
        for change in row["changes"]:
            if change["absolute"] is not None:
                sign = "+" if change["absolute"] > 0 else ""
                yield sign + number(change["absolute"])


def check_tokens(doc: Any) -> Iterator[str]:
    for check in doc:
        yield check["id"]
        yield check["verdict"].upper()
        if check["basis"]:
            yield check["basis"]


def chart_tokens(doc: Any) -> Iterator[str]:
    for bar in doc:
        yield period_name(bar)
        yield (APPROXIMATE if bar["approximate"] else "") + rate(bar["rate"])


def summary_tokens(doc: Any) -> Iterator[str]:
    yield from periods_tokens(doc["periods"])
    for row in doc["rates"]:
        yield from (period_name(row), shown_value(row) if row["statistic"] == "total" else "")
        yield rate(row["rate"])
    for average in doc["averages"]:
        yield from (average["period"], rate(average["per_week"]), rate(average["per_year"]))
    yield from doc["checks"]["not_ok"]


def metrics_tokens(doc: Any) -> Iterator[str]:
    for metric in doc:
        yield from (metric["id"], metric["unit"])


def validate_tokens(doc: Any) -> Iterator[str]:
    yield from (doc["file"], str(doc["figures"]))


TOKENS: dict[str, Callable[[Any], Iterator[str]]] = {
    "summary": summary_tokens,
    "query": query_tokens,
    "query --quotes": query_tokens,
    "periods": periods_tokens,
    "metrics": metrics_tokens,
    "weekly --derived": weekly_tokens,
    "compare": compare_tokens,
    "compare, three periods": compare_tokens,
    "check": check_tokens,
    "chart --derived": chart_tokens,
    "chart, both bases": chart_tokens,
    "validate": validate_tokens,
}


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("fancy", STYLES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(PACKAGED))
def test_every_id_value_and_marker_of_the_json_is_in_the_table(
    command: str, width: int, fancy: bool
) -> None:
    result, quotes = PACKAGED[command]
    out = drawn(result, width, fancy, quotes)
    missing = [t for t in TOKENS[command](document(result)) if t and t not in out]
    assert not missing, f"{command} at {width} columns lost {missing}\n{out}"


def cells(sections: list[Section]) -> Iterator[tuple[bool, str]]:
    """Every cell of every table, with whether its column may wrap."""
    for section in sections:
        for row in section.rows:
            for column, cell in zip(section.columns, row, strict=True):
                yield column.wrap, cell.text


@pytest.mark.parametrize("fancy", STYLES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(PACKAGED))
def test_no_cell_is_lost_or_cut(command: str, width: int, fancy: bool) -> None:
    result, quotes = PACKAGED[command]
    out = drawn(result, width, fancy, quotes)
    options = ViewOptions(width=width, tty=True, fancy=fancy, quotes=quotes)
    words = set(out.split())
    for wraps, text in cells(view(result, options)):
        if not wraps:
            assert text in out, f"{command} at {width}: {text!r} cut or lost"
            continue
        # Prose wraps at spaces; a word as wide as a column may also be folded.
        lost = [w for w in text.split() if len(w) <= 20 and w not in words]
        assert not lost, f"{command} at {width}: words {lost} of {text!r} lost"


@pytest.mark.parametrize("fancy", STYLES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(PACKAGED))
def test_no_line_is_wider_than_the_terminal(command: str, width: int, fancy: bool) -> None:
    result, quotes = PACKAGED[command]
    for line in drawn(result, width, fancy, quotes).splitlines():
        if len(line) > width:
            # Only a word wider than the terminal itself (a long check id), whole
            # on its line, after at most its label.
            assert len(line.split()) <= 2, line
            assert len(line.split()[-1]) > width - 14, line


def test_at_80_columns_compare_is_a_table_and_check_is_blocks() -> None:
    # Compare's metrics become headings over their measures, so the table fits.
    compare_out = drawn(PACKAGED["compare"][0], 80, False, False)
    assert "\nArrests\n  value " in compare_out
    assert "\nChildren protected\n  value " in compare_out
    # Check, with its long ids and explanations, is one block per check.
    check_out = drawn(PACKAGED["check"][0], 80, False, False)
    assert "\nVerdict:" in check_out
    assert "\nExplanation:" in check_out
    # At 200 columns check is a table again.
    assert "Verdict:" not in drawn(PACKAGED["check"][0], 200, False, False)


def test_piped_tables_are_never_wrapped() -> None:
    result, quotes = PACKAGED["query --quotes"]
    out = render(result, OutputFormat.TABLE, terminal=Terminal(False, False, 80), quotes=quotes)
    figures = document(result)
    lines = out.splitlines()
    for figure in figures:
        assert any(f"“{figure['quote']}”" in line for line in lines)
    assert "Metric:" not in out  # a table, never blocks


@pytest.mark.parametrize("width", WIDTHS)
def test_a_hostile_file_keeps_its_ids_and_markers(width: int, hostile: dict[str, Result]) -> None:
    for kind in ("query", "periods", "weekly", "compare", "chart"):
        result = hostile[kind]
        out = drawn(result, width, True, True)
        doc = document(result)
        tokens = {
            "query": query_tokens,
            "periods": periods_tokens,
            "weekly": weekly_tokens,
            "compare": compare_tokens,
            "chart": chart_tokens,
        }[kind](doc)
        # Labels of the hostile file are shown cleaned; ids, values and dates are not.
        missing = [t for t in tokens if t and t.isprintable() and "[" not in t and t not in out]
        assert not missing, (kind, width, missing)
