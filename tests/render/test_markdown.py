"""Markdown: GitHub pipe tables that stay tables, whatever the file's text holds."""

from __future__ import annotations

import re

import pytest

from ocsae_cli.analysis.results import Result
from ocsae_cli.render import OutputFormat, render

from .helpers import MARKDOWN_KINDS, MARKDOWN_TEXT_KINDS, PLAIN, pipe_tables, unescape


@pytest.mark.parametrize("kind", MARKDOWN_KINDS)
def test_markdown_tables_parse(packaged: dict[str, Result], kind: str) -> None:
    out = render(packaged[kind], OutputFormat.MARKDOWN, terminal=PLAIN, quotes=True)
    tables = pipe_tables(out)
    assert tables
    assert all(len(t) >= 2 for t in tables)


@pytest.mark.parametrize("kind", MARKDOWN_TEXT_KINDS)
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
    periods = [
        "lockdown",
        "seven-weeks",
        "seven-weeks-before-lockdown*?",
    ]  # derived, on an inferred end
    assert ["Metric", "Measure", *periods] in headers


@pytest.mark.parametrize("kind", ["summary", "weekly", "compare"])
def test_markdown_footnote_markers_stay_visible(packaged: dict[str, Result], kind: str) -> None:
    out = render(packaged[kind], OutputFormat.MARKDOWN, terminal=PLAIN)
    bullets = [line for line in out.splitlines() if line.startswith("- ")]
    assert bullets
    # "- * derived ..." would be a nested list in GitHub Markdown, losing the marker.
    assert not [line for line in bullets if re.match(r"- [*+-] ", line)], bullets
    assert any(line.startswith("- \\* derived") for line in bullets)


def test_markdown_never_makes_links_emphasis_or_html() -> None:
    from ocsae_cli.render.text import markdown_cell

    assert markdown_cell("[click](http://evil)") == "\\[click\\](http://evil)"
    assert markdown_cell("*bold* _it_ `code`") == "\\*bold\\* \\_it\\_ \\`code\\`"
    assert markdown_cell("<img src=x>") == "&lt;img src=x&gt;"
