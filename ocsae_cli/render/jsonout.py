"""JSON output: ``json.dumps`` straight to stdout, never through rich."""

from __future__ import annotations

import json
import types
import typing
from datetime import date
from typing import Any, Literal

from ocsae_cli.analysis.results import Result

_PLAIN = frozenset({str, int, float, bool, type(None)})


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
    """One JSON document, UTF-8, numbers at full precision; indented when ``pretty``."""
    return (
        json.dumps(
            to_data(result.document()),
            ensure_ascii=False,
            indent=2 if pretty else None,
            allow_nan=False,
        )
        + "\n"
    )
