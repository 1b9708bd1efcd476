"""CSV output: RFC 4180 through the csv module, one row per record.

Nested values are flattened into dotted column names (``stated_length.weeks``),
lists of plain values are joined with ``; ``. Numbers are written unformatted;
string cells that a spreadsheet would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

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


def _csv_value(value: Any) -> Any:
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
    seen = list(dict.fromkeys(key for row in rows for key in row))
    header: dict[str, None] = {}
    for key in seen:
        children = [other for other in seen if other.startswith(f"{key}.")]
        if children and all(row.get(key) is None for row in rows):
            header.update(dict.fromkeys(children))
        else:
            header[key] = None
    return list(header)


def dumps(rows: Iterable[dict[str, Any]]) -> str:
    """CSV text with a header that is the union of the records' keys (see :func:`_header`)."""
    rows = list(rows)
    header = _header(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(row.get(column)) for column in header])
    return out.getvalue()
