"""Markdown output: GitHub pipe tables, ready to paste."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocsae_cli.render.layout import Column, Section
from ocsae_cli.render.text import clean, markdown_cell

# What Markdown reads at the start of a line as a block of its own: a list item
# (``-``, ``+``, ``*``, ``1.``, ``1)``), a heading (``#``, or a setext underline of
# ``=`` or ``-`` under the line before), a thematic break (``---``, ``***``,
# ``___``), a fence (`````, ``~~~``), a maths block (``$$``) or a table row
# (``|``). markdown_cell has already backslash-escaped ``* _ ` ~ $ |`` and
# written ``>`` and ``<`` as entities; the rest is escaped here. An indented code
# block needs leading spaces, which _line drops.
_BLOCK_START = re.compile(r"[+\-#=]|\d++(?=[.)])")


def _line(text: str) -> str:
    """Escaped text for a line or a list item, which can never start a block of its own.

    ``* derived`` stays text, not a nested list, and ``===`` stays text rather
    than making the line above it a heading.
    """
    escaped = markdown_cell(text).lstrip(" ")
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    if match.group().isdigit():
        return f"{match.group()}\\{escaped[match.end() :]}"
    return "\\" + escaped


def _cell(column: Column, text: str) -> str:
    """One cell: escaped text, or a drawing (a chart's bar) as a code span."""
    drawing = clean(text)
    if column.code and drawing and "`" not in drawing:
        # Inside a code span nothing is escaped but the pipe, which GFM reads first.
        return "`" + drawing.replace("|", "\\|") + "`"
    return markdown_cell(text)


def dumps(sections: Sequence[Section]) -> str:
    """Each section as an optional ``###`` heading, a pipe table or lines, and footnotes."""
    blocks = []
    for section in sections:
        parts = []
        if section.title:
            parts.append(f"### {markdown_cell(section.title)}")
        if section.columns:
            headers = [markdown_cell(c.header) or " " for c in section.columns]
            rule = ["---:" if c.justify == "right" else "---" for c in section.columns]
            table = [f"| {' | '.join(headers)} |", f"| {' | '.join(rule)} |"]
            for row in section.rows:
                cells = (_cell(c, cell.text) for c, cell in zip(section.columns, row, strict=True))
                table.append(f"| {' | '.join(cells)} |")
            parts.append("\n".join(table))
        if section.lines:
            parts.append("\n".join(f"{_line(line.text)}  " for line in section.lines))
        if section.footnotes:
            parts.append("\n".join(f"- {_line(note)}" for note in section.footnotes))
        blocks.append("\n\n".join(parts))
    return "\n\n".join(blocks) + "\n"
