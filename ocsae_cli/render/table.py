"""Tables for people, drawn by rich.

Untrusted text is cleaned and wrapped in ``rich.text.Text`` (which never parses
markup). On a terminal there is colour and box drawing; piped, or with
``NO_COLOR``, ``TERM=dumb`` or ``--no-color``, plain aligned columns that are
never cut at 80 columns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ocsae_cli.render.layout import Section, Styled, StyleName
from ocsae_cli.render.text import clean

STYLES: dict[StyleName, str] = {
    "number": "cyan",
    "derived": "magenta italic",
    "missing": "dim",
    "muted": "dim",
    "ok": "green",
    "note": "blue",
    "warn": "yellow",
    "fail": "bold red",
    "heading": "bold",
}
# Wide enough that no plain table is ever wrapped; rich trims what it does not use.
PLAIN_WIDTH = 10_000


def _rich_text(cell: Styled, fancy: bool) -> Text:
    return Text(clean(cell.text), style=STYLES[cell.style] if fancy and cell.style else "")


def dumps(sections: Sequence[Section], *, fancy: bool, width: int | None) -> str:
    """Render sections to a string; ``fancy`` is a terminal: colour and box drawing."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=fancy,
        no_color=not fancy,
        color_system="auto" if fancy else None,
        width=width if fancy and width else PLAIN_WIDTH,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=not fancy,
    )
    for position, section in enumerate(sections):
        if position:
            console.print()
        if section.title:
            console.print(Text(clean(section.title), style="bold" if fancy else ""))
        if section.columns:
            table = Table(
                box=box.SIMPLE_HEAD if fancy else None,
                show_edge=False,
                pad_edge=False,
                header_style="bold" if fancy else "",
                padding=(0, 1) if fancy else (0, 2, 0, 0),
            )
            for column in section.columns:
                table.add_column(
                    clean(column.header),
                    justify=column.justify,
                    overflow="fold" if fancy else "ignore",
                    no_wrap=not (fancy and column.wrap),
                    ratio=3 if fancy and column.wrap else None,
                )
            for row in section.rows:
                table.add_row(*(_rich_text(cell, fancy) for cell in row))
            console.print(table)
        for line in section.lines:
            console.print(_rich_text(line, fancy))
        for note in section.footnotes:
            console.print(Text(clean(note), style="dim" if fancy else ""))
    text = buffer.getvalue()
    if not fancy:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text
