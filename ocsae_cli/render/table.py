"""Tables for people, drawn by rich, fitted to the terminal.

Untrusted text is cleaned and wrapped in ``rich.text.Text`` (which never parses
markup). On a terminal there is colour and box drawing; piped, or with
``NO_COLOR``, ``TERM=dumb`` or ``--no-color``, plain aligned columns.

How wide: on a terminal, its width (``COLUMNS`` when set, else the terminal's
size); piped, no limit, so that nothing is ever wrapped or cut. Within the
width, a column that is not marked ``wrap`` (ids, numbers, dates and the
``~``, ``*`` and ``?`` markers) is never cut; prose wraps inside its column.
Where even wrapped prose cannot fit, or where wrapping it would make the
table taller than one block per record, the section is shown stacked: one
block of ``Field: value`` lines per record, as ``gh`` does for its views.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ocsae_cli.render.layout import Column, Section, StyleName
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
# Wide enough that no piped table is ever wrapped; rich trims what it does not use.
PLAIN_WIDTH = 10_000
GAP = 2  # columns between two columns: padding, or padding and rich's divider
# The narrowest a prose column is made: as wide as its longest word (up to
# WORD_CAP) and at least WRAP_MIN, so that words are rarely folded. Wrapped
# that narrow a table grows tall; where blocks take fewer lines, blocks it is.
WRAP_MIN = 8
WORD_CAP = 20
INDENT = "  "  # rows under a heading, where a grouping column becomes headings


def _rich_text(text: str, style: StyleName | None, fancy: bool) -> Text:
    return Text(text, style=STYLES[style] if fancy and style else "")


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _line_count(text: str, width: int) -> int:
    """Lines ``text`` takes when word-wrapped to ``width`` (long words folded)."""
    lines, used = 1, 0
    for word in text.split():
        size = cell_len(word)
        if used and used + 1 + size <= width:
            used += 1 + size
            continue
        if used:
            lines += 1
        lines += (size - 1) // width if size else 0
        used = size % width or (width if size else 0)
    return lines


_WORD = re.compile(r"\S+")


def _wrap(text: Text, width: int) -> list[Text]:
    """``text`` word-wrapped to ``width``, styles kept; a word longer than a line
    is left whole on a line of its own (the terminal folds it, and a copy of it
    is still one word)."""
    plain = text.plain
    breaks: list[int] = []
    line_start = 0
    for match in _WORD.finditer(plain):
        if match.start() > line_start and cell_len(plain[line_start : match.end()]) > width:
            breaks.append(match.start())
            line_start = match.start()
    lines = list(text.divide(breaks))
    for line in lines:
        line.rstrip()
    return lines


def _print_prose(console: Console, text: Text, width: int | None, indent: int = 0) -> None:
    """Prose lines: wrapped at words to the terminal, never at all when piped."""
    if width is None:
        console.print(text, soft_wrap=True)
        return
    for line in _wrap(text, max(1, width - indent)):
        console.print(Text.assemble(" " * indent, line), soft_wrap=True)


def _cost(lines: Iterable[int]) -> int:
    """What a row of cells taking these many lines costs: its lines, and one more for
    each cell broken over lines (a reader puts a broken cell back together)."""
    counts = list(lines)
    return max(counts, default=1) + sum(1 for count in counts if count > 1)


class _Grid:
    """A section's cells, cleaned once, and the widths its columns can take."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: list[list[str]],
        styles: list[list[StyleName | None]],
    ) -> None:
        self.columns = list(columns)
        self.headers = [clean(column.header) for column in columns]
        self.rows = rows
        self.styles = styles
        widest = [max((cell_len(row[i]) for row in rows), default=0) for i in range(len(columns))]
        self.natural = [max(cell_len(h), w) for h, w in zip(self.headers, widest, strict=True)]
        self.floor = []
        for i, column in enumerate(columns):
            header_word = _longest_word(self.headers[i])
            if column.wrap:
                words = max((_longest_word(row[i]) for row in rows), default=0)
                word = min(WORD_CAP, max(words, header_word))
                self.floor.append(min(self.natural[i], max(WRAP_MIN, word)))
            else:  # a header may take two lines; a cell never does
                self.floor.append(max(widest[i], header_word))

    @classmethod
    def of(cls, section: Section) -> _Grid:
        """The grid of a section's columns and rows."""
        rows = [[clean(cell.text) for cell in row] for row in section.rows]
        return cls(section.columns, rows, [[cell.style for cell in row] for row in section.rows])

    def fit(self, width: int) -> list[int] | None:
        """Column widths within ``width``; None when no table can show every cell."""
        room = width - GAP * (len(self.columns) - 1)
        if sum(self.floor) > room:
            return None
        widths = list(self.floor)
        spare = room - sum(widths)
        # Prose first, each column in proportion to its longest cell, so that
        # their cells wrap to about as many lines; then headers on one line.
        prose = [i for i, column in enumerate(self.columns) if column.wrap]
        while spare > 0:
            hungry = [i for i in prose if widths[i] < self.natural[i]]
            if not hungry:
                break
            total = sum(self.natural[i] for i in hungry)
            given = 0
            for i in hungry:
                share = max(1, spare * self.natural[i] // total)
                grow = min(share, self.natural[i] - widths[i], spare - given)
                widths[i] += grow
                given += grow
            spare -= given
        for i, column in enumerate(self.columns):
            if not column.wrap:
                grow = min(spare, self.natural[i] - widths[i])
                widths[i] += grow
                spare -= grow
        return widths

    def header_cost(self, widths: list[int]) -> int:
        """The cost of the header and its rule (see :func:`_cost`)."""
        return 1 + _cost(_line_count(h, w) for h, w in zip(self.headers, widths, strict=True))

    def rows_cost(self, rows: list[list[str]], widths: list[int]) -> int:
        """The cost of these rows at these widths (see :func:`_cost`)."""
        return sum(
            _cost(
                _line_count(text, widths[i]) if column.wrap else 1
                for i, (column, text) in enumerate(zip(self.columns, row, strict=True))
            )
            for row in rows
        )

    def label_width(self) -> int:
        """Columns of the widest ``Field: `` label of a block."""
        return max((cell_len(h) + 2 for h in self.headers if h), default=0)

    def filled_rows(self) -> list[list[str]]:
        """The rows with each blank cell of a grouping column filled from above."""
        filled = []
        above = [""] * len(self.columns)
        for row in self.rows:
            cells = []
            for i, (column, text) in enumerate(zip(self.columns, row, strict=True)):
                shown = above[i] if column.group and not text else text
                above[i] = shown
                cells.append(shown)
            filled.append(cells)
        return filled


class _Blocks:
    """The stacked layout: one block per record, a ``Field: value`` line per cell.

    Fields short enough share lines, as many a line as fit (kept fields first,
    and prose that is as short); the rest follow one a line, prose wrapped
    under its value, in column order.
    """

    def __init__(self, grid: _Grid, width: int) -> None:
        self.grid = grid
        self.rows = grid.filled_rows()
        self.label = grid.label_width()
        self.value_width = max(1, width - self.label)
        count = len(grid.columns)
        widest = [max((cell_len(row[i]) for row in self.rows), default=0) for i in range(count)]
        kept = [
            i
            for i, column in enumerate(grid.columns)
            if not column.wrap and widest[i] <= self.value_width
        ]
        self.cell = max((widest[i] for i in kept), default=0)
        short = {
            i for i, column in enumerate(grid.columns) if column.wrap and widest[i] <= self.cell
        }
        self.per_line = max(1, (width + GAP) // (self.label + self.cell + GAP))
        self.packed = sorted({*kept, *short}) if self.per_line > 1 else []
        self.rest = [i for i in range(count) if i not in self.packed]

    def lines(self, row: list[str]) -> tuple[list[list[int]], list[int]]:
        """A record's shared lines (the columns on each) and its other fields."""
        shared = [i for i in self.packed if row[i]]
        chunks = [shared[at : at + self.per_line] for at in range(0, len(shared), self.per_line)]
        return chunks, [i for i in self.rest if row[i]]

    def cost(self) -> int:
        """The cost of every block, and of a blank line between two (see :func:`_cost`)."""
        total = -1
        for row in self.rows:
            chunks, rest = self.lines(row)
            total += 1 + len(chunks)
            for i in rest:
                if self.grid.columns[i].wrap:
                    total += _cost([_line_count(row[i], self.value_width)])
                else:
                    total += 1 if cell_len(row[i]) <= self.value_width else 2
        return total


class _Groups(NamedTuple):
    """A table whose first, grouping column is shown as a heading above its rows."""

    headings: list[tuple[str, StyleName | None]]
    rows: list[list[list[str]]]  # the rows under each heading, first cell indented
    styles: list[list[list[StyleName | None]]]
    grid: _Grid  # every column but the first, and every row

    @classmethod
    def of(cls, grid: _Grid) -> _Groups | None:
        """The groups of a grid whose first column groups its rows (None otherwise)."""
        if len(grid.columns) < 3 or not grid.columns[0].group or not grid.rows:
            return None
        headings: list[tuple[str, StyleName | None]] = []
        rows: list[list[list[str]]] = []
        styles: list[list[list[StyleName | None]]] = []
        for number, (row, style) in enumerate(zip(grid.rows, grid.styles, strict=True)):
            if row[0] or not number:
                headings.append((row[0], style[0]))
                rows.append([])
                styles.append([])
            rows[-1].append([INDENT + row[1], *row[2:]])
            styles[-1].append(style[1:])
        flat = [row for group in rows for row in group]
        columns = [replace(grid.columns[1], header=INDENT + grid.columns[1].header)]
        inner = _Grid([*columns, *grid.columns[2:]], flat, [s for g in styles for s in g])
        return cls(headings, rows, styles, inner)

    def cost(self, widths: list[int]) -> int:
        """The cost of the header, then of each heading and its rows (see :func:`_cost`)."""
        body = sum(1 + self.grid.rows_cost(rows, widths) for rows in self.rows)
        return self.grid.header_cost(widths) + body


def dumps(sections: Sequence[Section], *, fancy: bool, width: int | None) -> str:
    """Render sections to a string.

    ``fancy`` is a terminal with colour: styles and box drawing. ``width`` is
    the terminal's, or None when piped: no limit, and no table is wrapped.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=fancy,
        no_color=not fancy,
        color_system="auto" if fancy else None,
        width=width or PLAIN_WIDTH,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=width is None,
    )
    for position, section in enumerate(sections):
        if position:
            console.print()
        if section.title:
            _print_prose(console, Text(clean(section.title), style="bold" if fancy else ""), width)
        if section.columns:
            _print_columns(console, _Grid.of(section), fancy, width)
        for line in section.lines:
            _print_prose(console, _rich_text(clean(line.text), line.style, fancy), width)
        for note in section.footnotes:
            _print_prose(console, Text(clean(note), style="dim" if fancy else ""), width)
    text = buffer.getvalue()
    if not fancy:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text


def _print_columns(console: Console, grid: _Grid, fancy: bool, width: int | None) -> None:
    """The section's rows as a table where it fits whole; else in the layout that
    shows every cell in the fewest lines, counting each cell broken over lines
    as one more (see :func:`_cost`).

    In order of preference on a tie: a table whose grouping column is shown as
    headings above its rows; a table; one block per record.
    """
    if width is None or sum(grid.natural) + GAP * (len(grid.columns) - 1) <= width:
        console.print(_table(grid, grid.natural, fancy, grid.rows, grid.styles))
        return
    widths = grid.fit(width)
    blocks = _Blocks(grid, width)
    groups = _Groups.of(grid)
    group_widths = groups.grid.fit(width) if groups else None
    costs = [
        groups.cost(group_widths) if groups and group_widths else None,
        grid.header_cost(widths) + grid.rows_cost(grid.rows, widths) if widths else None,
        blocks.cost(),
    ]
    best = min((cost, choice) for choice, cost in enumerate(costs) if cost is not None)[1]
    if best == 0 and groups and group_widths:
        _print_groups(console, groups, group_widths, fancy, width)
    elif best == 1 and widths:
        console.print(_table(grid, widths, fancy, grid.rows, grid.styles))
    else:
        _print_blocks(console, blocks, fancy)


def _print_groups(
    console: Console, groups: _Groups, widths: list[int], fancy: bool, width: int
) -> None:
    """The header, then a heading above each group's rows, in the same widths all the way."""
    console.print(_table(groups.grid, widths, fancy, [], []))
    for heading, rows, styles in zip(groups.headings, groups.rows, groups.styles, strict=True):
        _print_prose(console, _rich_text(heading[0], heading[1] or "heading", fancy), width)
        console.print(_table(groups.grid, widths, fancy, rows, styles, show_header=False))


def _table(
    grid: _Grid,
    widths: list[int],
    fancy: bool,
    rows: list[list[str]],
    styles: list[list[StyleName | None]],
    show_header: bool = True,
) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD if fancy else None,
        show_edge=False,
        show_header=show_header,
        pad_edge=False,
        header_style="bold" if fancy else "",
        # One space and rich's divider on a terminal, two spaces piped: GAP either way.
        padding=(0, GAP - 1, 0, 0) if fancy else (0, GAP, 0, 0),
    )
    for column, header, size in zip(grid.columns, grid.headers, widths, strict=True):
        # Only prose wraps: a kept column is as wide as its widest cell, so
        # wrapping there can only break a header of several words.
        table.add_column(header, justify=column.justify, width=size, overflow="fold")
    for row, style in zip(rows, styles, strict=True):
        table.add_row(*(_rich_text(text, s, fancy) for text, s in zip(row, style, strict=True)))
    return table


def _print_blocks(console: Console, blocks: _Blocks, fancy: bool) -> None:
    """One block per record, a blank line between two."""
    grid = blocks.grid

    def label(i: int) -> Text:
        header = grid.headers[i]
        return Text(f"{header}:" if header else "", style="bold" if fancy else "")

    for number, (row, styles) in enumerate(zip(blocks.rows, grid.styles, strict=True)):
        if number:
            console.print()
        chunks, rest = blocks.lines(row)
        for chunk in chunks:
            line = Text()
            for position, i in enumerate(chunk):
                field = label(i)
                field.pad_right(blocks.label - field.cell_len)
                field.append_text(_rich_text(row[i], styles[i], fancy))
                if position < len(chunk) - 1:
                    field.pad_right(blocks.label + blocks.cell + GAP - field.cell_len)
                line.append_text(field)
            console.print(line, soft_wrap=True)
        for i in rest:
            value = _rich_text(row[i], styles[i], fancy)
            wrap = grid.columns[i].wrap
            _print_field(console, label(i), value, wrap, blocks.label, blocks.value_width)


def _print_field(
    console: Console, label: Text, value: Text, wrap: bool, label_width: int, value_width: int
) -> None:
    """One ``Field: value`` line; prose wraps under its value, kept text never breaks."""
    if wrap:
        for number, line in enumerate(_wrap(value, value_width)):
            lead = label.copy() if number == 0 else Text()
            lead.pad_right(label_width - lead.cell_len)
            console.print(Text.assemble(lead, line), soft_wrap=True)
        return
    if value.cell_len <= value_width:
        lead = label.copy()
        lead.pad_right(label_width - lead.cell_len)
        console.print(Text.assemble(lead, value), soft_wrap=True)
        return
    # Too long to follow its label: on a line of its own, whole (the terminal may
    # fold it, but nothing inserts a break that would split it when copied).
    if label.plain:
        console.print(label, soft_wrap=True)
    console.print(value, soft_wrap=True)
