"""TSV output: one line per record, tab-separated, with the columns and cells of CSV.

A cell never holds a tab or a line break, so that ``cut``, ``awk -F'\\t'`` and
``sort`` see one record a line: a backslash, tab, line feed and carriage
return in a value are written ``\\\\``, ``\\t``, ``\\n`` and ``\\r``. Lines end
with ``\\n``. Text that a spreadsheet would run as a formula gets the same
leading ``'`` as in CSV.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ocsae_cli.analysis.results import Result
from ocsae_cli.render import csvout

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

BATCH = csvout.BATCH


def cell(value: Any) -> str:
    """One TSV cell: CSV's value (formula guard included) with tabs and line breaks escaped."""
    shown = csvout.csv_value(value)
    return shown.translate(_ESCAPES) if isinstance(shown, str) else str(shown)


def _line(cells: Iterable[Any]) -> str:
    return "\t".join(cell(value) for value in cells) + "\n"


def chunks(result: Result) -> Iterator[str]:
    """The result as TSV, in pieces of :data:`BATCH` lines: the header, then a line per record."""
    header, rows = csvout.rows(result)
    lines = ["\t".join(name.translate(_ESCAPES) for name in header) + "\n"]
    for row in rows:
        lines.append(_line(row.get(column) for column in header))
        if len(lines) >= BATCH:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def dumps(result: Result) -> str:
    """The result as TSV text."""
    return "".join(chunks(result))
