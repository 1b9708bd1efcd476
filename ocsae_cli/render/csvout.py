"""CSV output: RFC 4180 through the csv module, one row per record.

Nested values are flattened into dotted column names (``stated_length.weeks``),
lists of plain values are joined with ``; ``. Numbers are written unformatted;
string cells that a spreadsheet would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import chain
from typing import Any, Literal

from ocsae_cli.analysis.results import Result
from ocsae_cli.render.jsonout import to_data
from ocsae_cli.render.text import csv_cell


def _flatten(record: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(record, dict):
        for key, value in record.items():
            yield from _flatten(value, f"{prefix}{key}.")
    # to_data leaves a field of plain values as the tuple it is (JSON writes it alike).
    elif isinstance(record, list | tuple) and all(
        not isinstance(v, dict | list | tuple) for v in record
    ):
        yield prefix.rstrip("."), "; ".join(str(v) for v in record)
    elif isinstance(record, list | tuple):
        for position, value in enumerate(record):
            yield from _flatten(value, f"{prefix}{position}.")
    else:
        yield prefix.rstrip("."), record


def flat_records(result: Result) -> list[dict[str, Any]]:
    """The rows a result becomes in CSV: its records, nested fields as dotted columns."""
    return [dict(_flatten(to_data(record))) for record in result.records()]


_ONE_COLUMN = frozenset({str, int, float, bool, type(None), date})


def csv_value(value: Any) -> Any:
    """A value as CSV writes it: null empty, booleans as true and false, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return csv_cell(value)
    return value


def _header(rows: list[dict[str, Any]]) -> list[str]:
    """The union of the records' keys, in first-seen order.

    A value that is null in some records and an object in others (a period's
    ``stated_length``) gives the object's dotted columns, in the null's place,
    rather than an extra column that is always empty.
    """
    return _header_of(row.items() for row in rows)


def _header_of(keyed: Iterable[Iterable[tuple[str, Any]]]) -> list[str]:
    """:func:`_header` of the (column, value) pairs of each record, in one pass."""
    seen: dict[str, None] = {}
    valued: set[str] = set()  # columns that are not null in some record
    for pairs in keyed:
        for key, value in pairs:
            seen.setdefault(key)
            if value is not None:
                valued.add(key)
    header: dict[str, None] = {}
    for key in seen:
        children = [other for other in seen if other.startswith(f"{key}.")]
        if children and key not in valued:
            header.update(dict.fromkeys(children))
        else:
            header[key] = None
    return list(header)


_SPREAD: dict[type, tuple[str, ...]] = {}


def _flat(annotation: Any) -> bool:
    """Whether a field of this type is always one column: a plain value, a date, a list of them."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation in _ONE_COLUMN or (
            isinstance(annotation, type) and issubclass(annotation, str | int | float)
        )
    if origin is Literal:
        return True
    if origin in (typing.Union, types.UnionType):
        return all(_flat(arg) for arg in typing.get_args(annotation))
    if origin in (list, tuple):  # a list of plain values is joined into one cell
        args = [arg for arg in typing.get_args(annotation) if arg is not Ellipsis]
        return all(_flat(arg) and typing.get_origin(arg) not in (list, tuple) for arg in args)
    return False


def _spread(kind: type, fields: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of a record type whose values may make several columns (records, dicts)."""
    found = _SPREAD.get(kind)
    if found is None:
        hints = typing.get_type_hints(kind)
        found = _SPREAD[kind] = tuple(name for name in fields if not _flat(hints[name]))
    return found


def _columns(records: Sequence[object]) -> list[str]:
    """The header of these records' rows: :func:`_header` of :func:`flat_records`, cheaply.

    Records of one named-tuple type have their plain fields' columns in field
    order, known from the type, so only the fields that can spread over
    several columns (a nested record, a dict) are looked at in every record,
    and no row is kept. Other records (plain dicts, mixed types) are flattened
    whole, twice: once here and once to be written.
    """
    if not records:
        return []
    kind = type(records[0])
    fields = getattr(kind, "_fields", None)
    if fields is None or any(type(record) is not kind for record in records):
        return _header_of(_flatten(to_data(record)) for record in records)
    spread = _spread(kind, fields)
    rest = (
        [
            chain.from_iterable(
                _flatten(to_data(getattr(record, name)), f"{name}.") for name in spread
            )
            for record in records[1:]
        ]
        if spread
        else []
    )
    return _header_of(chain([_flatten(to_data(records[0]))], rest))


def dumps(rows: Iterable[dict[str, Any]]) -> str:
    """CSV text with a header that is the union of the records' keys (see :func:`_header`)."""
    rows = list(rows)
    header = _header(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_value(row.get(column)) for column in header])
    return out.getvalue()


BATCH = 1000
"""Rows written at a time when a result is written as a stream."""


def rows(result: Result) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """The header of a result's rows, and the rows one at a time (nested fields dotted)."""
    records = result.records()
    return _columns(records), _rows(records)


def _rows(records: Sequence[object]) -> Iterator[dict[str, Any]]:
    """Each record's row, as :func:`flat_records` makes it.

    Records of one named-tuple type are flattened only in the fields that
    can spread (see :func:`_spread`); the rest are one cell each.
    """
    kind = type(records[0]) if records else None
    fields = getattr(kind, "_fields", None)
    for record in records:
        if fields is None or type(record) is not kind:
            yield dict(_flatten(to_data(record)))
            continue
        assert kind is not None
        spread = _spread(kind, fields)
        row: dict[str, Any] = {}
        for name, value in to_data(record).items():
            if name in spread:
                row.update(_flatten(value, f"{name}."))
            elif isinstance(value, list | tuple):
                row[name] = "; ".join(str(v) for v in value)
            else:
                row[name] = value
        yield row


def chunks(result: Result) -> Iterator[str]:
    """The text of ``dumps(flat_records(result))``, in pieces of :data:`BATCH` rows.

    The header comes first, from :func:`_columns`; the rows are flattened and
    written as they go, so no more than a batch of them exists at once.
    """
    header, flat = rows(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for n, row in enumerate(flat, start=1):
        writer.writerow([csv_value(row.get(column)) for column in header])
        if n % BATCH == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
