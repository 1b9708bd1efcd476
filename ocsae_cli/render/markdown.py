"""Markdown output: GitHub pipe tables, ready to paste."""

from __future__ import annotations

from collections.abc import Sequence

from ocsae_cli.render.text import markdown_cell
from ocsae_cli.render.views import Section


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
            table += [
                f"| {' | '.join(markdown_cell(cell.text) for cell in row)} |"
                for row in section.rows
            ]
            parts.append("\n".join(table))
        if section.lines:
            parts.append("\n".join(f"{markdown_cell(line.text)}  " for line in section.lines))
        if section.footnotes:
            parts.append("\n".join(f"- {markdown_cell(note)}" for note in section.footnotes))
        blocks.append("\n\n".join(parts))
    return "\n\n".join(blocks) + "\n"
