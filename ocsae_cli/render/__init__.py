"""Renderers: one per output format, each fed the same result object.

Only the table renderer imports rich, and only when it is used, so that JSON,
CSV and Markdown output never pay for it.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO, assert_never, cast

if TYPE_CHECKING:
    from ocsae_cli.analysis.results import Result
    from ocsae_cli.render.layout import Section


class OutputFormat(StrEnum):
    """What a command prints."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    TSV = "tsv"
    NDJSON = "ndjson"
    CLAIMREVIEW = "claimreview"  # `ocsae check` only: schema.org ClaimReview JSON-LD
    VEGA_LITE = "vega-lite"  # `ocsae chart` only: a Vega-Lite v5 specification


class OutputClosed(Exception):  # noqa: N818 - a condition, not an error
    """The reader of stdout went away (``| head``). Deliberately not an OSError."""


class OutputError(Exception):
    """Standard output cannot take what ocsae writes: closed, full, or the wrong encoding.

    Deliberately not an OSError, which typer and rich would handle their own way.
    ``reason`` says why, for a one-line message.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _unencodable(error: UnicodeEncodeError) -> OutputError:
    char = error.object[error.start : error.start + 1]
    missing = f"U+{ord(char):04X}" if char else "a character"
    return OutputError(
        f"its encoding ({error.encoding}) has no {missing}; set PYTHONIOENCODING=utf-8"
    )


def _failure(error: OSError) -> Exception:
    if isinstance(error, BrokenPipeError):
        return OutputClosed()
    return OutputError(error.strerror or str(error) or type(error).__name__)


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
        case OutputFormat.TSV:
            from ocsae_cli.render import tsvout

            return tsvout.dumps(result)
        case OutputFormat.NDJSON:
            from ocsae_cli.render import ndjsonout

            return ndjsonout.dumps(result)
        case OutputFormat.CLAIMREVIEW:
            from ocsae_cli.render import claimreview

            return claimreview.dumps(result, pretty=terminal.tty)
        case OutputFormat.VEGA_LITE:
            from ocsae_cli.render import vegalite

            return vegalite.dumps(result, pretty=terminal.tty)
        case OutputFormat.MARKDOWN:
            from ocsae_cli.render import markdown

            return markdown.dumps(_table_layout(result, terminal=terminal, quotes=quotes))
        case OutputFormat.TABLE:
            from ocsae_cli.render import table

            return table.dumps(
                _table_layout(result, terminal=terminal, quotes=quotes),
                fancy=terminal.fancy,
                width=terminal.width if terminal.tty else None,  # piped: no limit
            )
        case _:
            assert_never(output)


def stream(
    result: Result, output: OutputFormat, *, terminal: Terminal, quotes: bool = False
) -> Iterator[str]:
    """The text of :func:`render`, in pieces: records formats a batch of records at a time.

    JSON, NDJSON, CSV and TSV are written as they are encoded, so that a large
    result (every check of a big file) never exists whole as text; the other
    formats come in one piece.
    """
    match output:
        case OutputFormat.JSON:
            from ocsae_cli.render import jsonout

            return jsonout.chunks(result, pretty=terminal.tty)
        case OutputFormat.NDJSON:
            from ocsae_cli.render import ndjsonout

            return ndjsonout.chunks(result)
        case OutputFormat.CSV:
            from ocsae_cli.render import csvout

            return csvout.chunks(result)
        case OutputFormat.TSV:
            from ocsae_cli.render import tsvout

            return tsvout.chunks(result)
        case _:
            return iter((render(result, output, terminal=terminal, quotes=quotes),))


FIRST_WRITE = 1 << 20
"""Bytes of a streamed output encoded before any is written (see :func:`emit`)."""


def _write(buffer: Any, data: bytes) -> None:
    """All of ``data`` to a binary stream, failing as :func:`emit` does."""
    view = memoryview(data)
    try:
        while view:
            written = buffer.write(view)
            if not written:  # no progress: nobody is reading
                raise BrokenPipeError
            view = view[written:]
    except (OutputClosed, OutputError):
        raise
    except OSError as error:
        raise _failure(error) from None
    except ValueError:  # "I/O operation on closed file"
        raise OutputError("standard output is closed") from None


def _encoded(text: str, encoding: str, errors: str) -> bytes:
    try:
        return text.encode(encoding, errors)
    except UnicodeEncodeError as error:
        raise _unencodable(error) from None


def _emit_chunks(chunks: Iterable[str], out: TextIO) -> None:
    """:func:`emit` of text in pieces; the pieces are made outside the guard on writing.

    An error in making a piece (a number JSON cannot hold) is the renderer's
    and propagates as it is, never as a failure of stdout.
    """
    buffer = getattr(out, "buffer", None)
    try:
        if buffer is None:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            return
        out.flush()
    except UnicodeEncodeError as error:
        raise _unencodable(error) from None
    except OSError as error:
        raise _failure(error) from None
    except ValueError:
        raise OutputError("standard output is closed") from None
    encoding, errors = out.encoding or "utf-8", out.errors or "strict"
    held: list[bytes] = []  # until FIRST_WRITE bytes are encoded
    size = 0
    for chunk in chunks:
        data = _encoded(chunk, encoding, errors)
        if size < FIRST_WRITE:
            held.append(data)
            size += len(data)
            if size < FIRST_WRITE:
                continue
            data, held = b"".join(held), []
        _write(buffer, data)
    if held:
        _write(buffer, b"".join(held))
    _write_flush(buffer)


def _write_flush(buffer: Any) -> None:
    try:
        buffer.flush()
    except OSError as error:
        raise _failure(error) from None
    except ValueError:
        raise OutputError("standard output is closed") from None


def emit(text: str | Iterable[str], stream: TextIO | None = None) -> None:
    """Write data to stdout: :class:`OutputClosed` when the reader has gone,
    :class:`OutputError` when stdout is closed, full or cannot encode the text.

    The bytes go to the stream's binary buffer until all are taken: one large
    write to a pipe whose reader leaves part-way returns short without raising,
    and through the text layer that would lose the rest and end with exit 0. The
    text is encoded whole before the first byte is written, so an output that
    cannot encode it gets nothing rather than half.

    ``text`` may come in pieces (from :func:`stream`): then the first
    :data:`FIRST_WRITE` bytes are encoded before any is written, so that an
    output of ordinary size is still all or nothing, and after that each piece
    is written as it comes. A larger output whose stdout cannot encode a later
    character stops there, with :class:`OutputError`.
    """
    out = sys.stdout if stream is None else stream
    if out is None:  # started with stdout closed (`ocsae summary >&-`)
        raise OutputError("standard output is closed")
    if not isinstance(text, str):
        _emit_chunks(text, out)
        return
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
    except UnicodeEncodeError as error:
        raise _unencodable(error) from None
    except (OutputClosed, OutputError):
        raise
    except OSError as error:
        raise _failure(error) from None
    except ValueError:  # "I/O operation on closed file"
        raise OutputError("standard output is closed") from None


class _Guarded:
    """A standard output whose failures are OutputClosed and OutputError, not OSError.

    Typer writes help and the version itself, and rich writes typer's help; an
    OSError from either would be handled by typer (exit 1, "failing claim") or
    end as a traceback. Through this wrapper every write fails the way emit's do,
    and reaches the one error handler in cli.run.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)

    def _call(self, method: str, *args: Any) -> Any:
        if self._stream is None:
            raise OutputError("standard output is closed")
        try:
            return getattr(self._stream, method)(*args)
        except UnicodeEncodeError as error:
            raise _unencodable(error) from None
        except OSError as error:
            raise _failure(error) from None

    def write(self, data: Any) -> Any:
        """Write through, failing as emit does."""
        return self._call("write", data)

    def writelines(self, lines: Any) -> None:
        """Write through, failing as emit does."""
        self._call("writelines", lines)

    def flush(self) -> None:
        """Flush through, failing as emit does."""
        self._call("flush")

    def isatty(self) -> bool:
        """A closed stdout is no terminal."""
        return self._stream is not None and bool(self._stream.isatty())

    @property
    def buffer(self) -> Any:
        """The binary stream underneath, guarded the same way."""
        inner = getattr(self._stream, "buffer", None)
        return None if inner is None else _Guarded(inner)

    @property
    def encoding(self) -> str:
        """The stream's encoding (UTF-8 when there is no stream)."""
        return str(getattr(self._stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str:
        """The stream's error handler ("strict" when there is no stream)."""
        return str(getattr(self._stream, "errors", None) or "strict")


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """Within the block, every write to ``sys.stdout`` fails as :func:`emit` does.

    The stream is restored on leaving, including a closed one (None).
    """
    original = sys.stdout
    sys.stdout = cast(TextIO, _Guarded(original))
    try:
        yield
    finally:
        sys.stdout = original


def flush_stdout() -> None:
    """Flush stdout now, failing as :func:`emit` does, rather than at the exit."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except UnicodeEncodeError as error:
        raise _unencodable(error) from None
    except OSError as error:
        raise _failure(error) from None
    except ValueError:
        pass  # closed already: nothing buffered to lose
