"""Tables for people: hostile text shown, never obeyed; colour only on a terminal.

Text from a figures file is untrusted: a label may carry rich markup, escape
sequences or control characters. Tables must show it as text and never pass an
escape through, and a piped table is never cut at 80 columns.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from clirun import invoke

from ocsae_cli.analysis.results import QueryResult, Result
from ocsae_cli.render import Terminal

from .helpers import (
    ANSI,
    BOX_DRAWING,
    FANCY,
    JSON_ONLY,
    LINK,
    MARKUP,
    NO_FILE_TEXT,
    PLAIN,
    SGR,
    TABLE_KINDS,
    table,
)


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
