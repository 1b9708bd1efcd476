"""Renderers: one per output format, each fed the same result object.

Only the table renderer imports rich, and only when it is used, so that JSON,
CSV and Markdown output never pay for it.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, TextIO, assert_never

if TYPE_CHECKING:
    from ocsae_cli.analysis.results import Result
    from ocsae_cli.render.layout import Section


class OutputFormat(StrEnum):
    """What a command prints."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class OutputClosed(Exception):  # noqa: N818 - a condition, not an error
    """The reader of stdout went away (``| head``). Deliberately not an OSError."""


class Terminal(NamedTuple):
    """What stdout is, decided once per command."""

    tty: bool  # stdout is a terminal: JSON is indented
    fancy: bool  # colour and box drawing
    width: int

    @classmethod
    def detect(
        cls,
        *,
        no_color: bool = False,
        stream: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Terminal:
        """Colour only on a terminal, and never with NO_COLOR, TERM=dumb or --no-color."""
        env = os.environ if environ is None else environ
        out = sys.stdout if stream is None else stream
        try:
            tty = out.isatty()
        except (AttributeError, ValueError):
            tty = False
        fancy = tty and not no_color and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
        return cls(tty=tty, fancy=fancy, width=shutil.get_terminal_size().columns)


def _table_layout(result: Result, *, terminal: Terminal, quotes: bool = False) -> list[Section]:
    """The table layout of any result, from the view its type registers."""
    # Imported here: JSON and CSV output never need the layouts.
    from ocsae_cli.render import views  # noqa: F401 - registers every view
    from ocsae_cli.render.layout import ViewOptions, view

    options = ViewOptions(
        width=terminal.width, tty=terminal.tty, fancy=terminal.fancy, quotes=quotes
    )
    return view(result, options)


def render(
    result: Result, output: OutputFormat, *, terminal: Terminal, quotes: bool = False
) -> str:
    """``result`` as text in ``output`` format."""
    match output:
        case OutputFormat.JSON:
            from ocsae_cli.render import jsonout

            return jsonout.dumps(result, pretty=terminal.tty)
        case OutputFormat.CSV:
            from ocsae_cli.render import csvout

            return csvout.dumps(csvout.flat_records(result))
        case OutputFormat.MARKDOWN:
            from ocsae_cli.render import markdown

            return markdown.dumps(_table_layout(result, terminal=terminal, quotes=quotes))
        case OutputFormat.TABLE:
            from ocsae_cli.render import table

            return table.dumps(
                _table_layout(result, terminal=terminal, quotes=quotes),
                fancy=terminal.fancy,
                width=terminal.width,
            )
        case _:
            assert_never(output)


def emit(text: str, stream: TextIO | None = None) -> None:
    """Write data to stdout; a closed pipe becomes :class:`OutputClosed`.

    The bytes go to the stream's binary buffer until all are taken: one large
    write to a pipe whose reader leaves part-way returns short without raising,
    and through the text layer that would lose the rest and end with exit 0.
    """
    out = sys.stdout if stream is None else stream
    try:
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            out.write(text)
            out.flush()
            return
        out.flush()
        data = memoryview(text.encode(out.encoding or "utf-8", out.errors or "strict"))
        while data:
            written = buffer.write(data)
            if not written:  # no progress: nobody is reading
                raise BrokenPipeError
            data = data[written:]
        buffer.flush()
    except BrokenPipeError:
        raise OutputClosed from None
