"""JSON output: ``json.dumps`` straight to stdout, never through rich."""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from ocsae_cli.analysis.results import Result

_PLAIN = frozenset({str, int, float, bool, type(None)})

# What json.dumps leaves raw (it escapes only C0 controls, quotes and backslashes)
# and a terminal or a reader may act on unseen: DEL and the C1 controls, the
# format characters (bidirectional marks, zero-width characters, the soft hyphen,
# the byte order mark) and the line and paragraph separators U+2028/2029; beyond
# the BMP, the format characters in _ASTRAL_HIDDEN (tag characters among them).
# One pass finds both: a class with many ranges beyond the BMP costs re three
# times as much as one range, so every astral character is matched and sorted
# out in _escape. A test checks both against this Python's Unicode database.
_HIDDEN = re.compile(
    "[\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U00010000-\U0010ffff]"
)
_ASTRAL_HIDDEN = (
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F),
)


def _escape(match: re.Match[str]) -> str:
    """A hidden character as a JSON escape (a surrogate pair beyond the BMP)."""
    char = match.group()
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    if not any(low <= code <= high for low, high in _ASTRAL_HIDDEN):
        return char  # an emoji, say: printable
    code -= 0x10000
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"


def _native(annotation: Any) -> bool:
    """Whether values of this type are JSON data as they stand (no record, no date)."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation in _PLAIN
    if origin is Literal:
        return True
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        return all(_native(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)
    return False


_CONVERT: dict[type, frozenset[str]] = {}


def _to_convert(record: type, fields: tuple[str, ...]) -> frozenset[str]:
    """The fields of a record type that may hold a record or a date, and so need converting."""
    found = _CONVERT.get(record)
    if found is None:
        hints = typing.get_type_hints(record)
        found = _CONVERT[record] = frozenset(name for name in fields if not _native(hints[name]))
    return found


def to_data(value: Any) -> Any:
    """Results as plain JSON data: records as objects, dates as ISO strings.

    Records are named tuples, which ``json`` would write as arrays, so they are
    turned into dicts here, before encoding. Only the fields whose declared
    type can hold a record or a date are looked into: a check of 190,000
    checks is otherwise a million calls for nothing.
    """
    kind: type[object] = type(value)
    if kind in _PLAIN:
        return value
    fields = getattr(kind, "_fields", None)
    if fields is not None:
        convert = _to_convert(kind, fields)
        if not convert:
            return dict(zip(fields, value, strict=True))
        return {
            name: to_data(item) if name in convert else item
            for name, item in zip(fields, value, strict=True)
        }
    if isinstance(value, list | tuple):
        return [item if type(item) in _PLAIN else to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(k): v if type(v) in _PLAIN else to_data(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float):  # a str or number subclass (an enum, say)
        return value
    raise TypeError(f"{kind.__name__} is not JSON data")


def dumps(result: Result, *, pretty: bool) -> str:
    """One JSON document, UTF-8, numbers at full precision; indented when ``pretty``.

    The text is the file's, but the characters in :data:`_HIDDEN` are written as
    ``\\uXXXX`` escapes, so that ``cat`` or ``jq -r`` of a hostile file cannot
    drive a terminal and every line of the document is a line of the file.
    """
    text = json.dumps(
        to_data(result.document()),
        ensure_ascii=False,
        indent=2 if pretty else None,
        allow_nan=False,
    )
    return escaped(text) + "\n"


def escaped(text: str) -> str:
    """JSON text with the characters in :data:`_HIDDEN` written as ``\\uXXXX`` escapes.

    Any run of whole JSON values will do (a record, a batch of them), since
    every character escaped is inside a string.
    """
    # Outside strings JSON is ASCII, so each match is inside a string, where an
    # escape means the same character. Most output is ASCII, which only DEL can
    # spoil, and str.isascii() answers at once.
    if text.isascii():
        return text.replace("\x7f", "\\u007f")
    return _HIDDEN.sub(_escape, text)


BATCH = 500
"""Records encoded at a time when a document is written as a stream."""


def chunks(result: Result, *, pretty: bool) -> Iterator[str]:
    """The text of :func:`dumps`, character for character, in pieces.

    A list longer than :data:`BATCH` (the checks of ``check --json``, say) is
    encoded a batch of records at a time, so the output never exists whole:
    only one batch's data and text do at once.
    """
    yield from _pieces(result.document(), 2 if pretty else None, 0)
    yield "\n"


def _encode(value: Any, indent: int | None, depth: int) -> str:
    """``value`` as dumps() writes it at ``depth`` levels of indentation."""
    text = json.dumps(to_data(value), ensure_ascii=False, indent=indent, allow_nan=False)
    if indent and depth:  # JSON strings hold no raw line break: each one is indentation
        text = text.replace("\n", "\n" + " " * (indent * depth))
    return escaped(text)


def _long(value: Any) -> bool:
    """Whether ``value`` is, or is a record holding, a list long enough to stream."""
    if isinstance(value, list | tuple) and not hasattr(type(value), "_fields"):
        return len(value) > BATCH
    if hasattr(type(value), "_fields"):
        return any(_long(item) for item in value)
    return False


def _pieces(value: Any, indent: int | None, depth: int) -> Iterator[str]:
    """``value`` at ``depth``, in pieces: a long list by batches, a record holding one by fields."""
    if not _long(value):
        yield _encode(value, indent, depth)
        return
    inner = "" if indent is None else "\n" + " " * (indent * (depth + 1))
    close = "" if indent is None else "\n" + " " * (indent * depth)
    comma = ", " if indent is None else ","
    if hasattr(type(value), "_fields"):
        yield "{"
        for n, (name, item) in enumerate(zip(type(value)._fields, value, strict=True)):
            yield f"{comma if n else ''}{inner}{json.dumps(name)}: "
            yield from _pieces(item, indent, depth + 1)
        yield close + "}"
        return
    yield "["
    for start in range(0, len(value), BATCH):
        text = _encode(list(value[start : start + BATCH]), indent, depth)
        # "[a, b]" less its brackets; indented, "[\n  a,\n  b\n]" less "[" and "\n]".
        body = text[1 : -len(close) - 1]
        yield (comma if start else "") + body
    yield close + "]"
