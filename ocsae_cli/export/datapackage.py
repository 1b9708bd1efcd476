"""A Frictionless Data Package: ``datapackage.json`` and one CSV file per table.

Each resource carries a Table Schema: field types, required fields and
enumerations, the primary key and the foreign keys (figures to sources,
metrics and periods; a change's baseline to periods; weekly rates to figures,
metrics and periods; a derived period to the periods it comes from).

The cells are the data as it is, with no spreadsheet formula guard (``ocsae
query --format csv`` has one): a Data Package is read by a typed reader, and a
prefixed quote would change the text.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ocsae_cli import __version__
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import SourceInfo
from ocsae_cli.export.files import publish_directory
from ocsae_cli.export.tables import Cell, Column, Table, build_tables, sources_of

DESCRIPTOR = "datapackage.json"


def csv_text(value: Cell) -> str:
    """A cell as Table Schema reads it: empty for null, true/false, ISO dates, INF/NaN."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.described,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table) -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [_field(column) for column in table.columns],
            "primaryKey": [table.primary_key],
            "foreignKeys": [
                {
                    "fields": [key.column],
                    # "" is the resource itself (a derived period's parents).
                    "reference": {
                        "resource": "" if key.table == table.name else key.table,
                        "fields": [key.key],
                    },
                }
                for key in table.foreign_keys
            ],
            "missingValues": [""],
        },
    }


def package_name(target: Path) -> str:
    """A Data Package name from the target's name: lower case, digits, '-', '_' and '.'."""
    # "." is named after the directory it is; resolve() would follow links.
    given = Path(os.path.abspath(target)).name  # noqa: PTH100
    name = re.sub(r"[^a-z0-9._-]+", "-", given.lower()).strip("-._")
    return name[:100] or "ocsae-figures"


def package_title(sources: Sequence[SourceInfo]) -> str:
    """The figures of one source, by its title; of several, by their number."""
    if len(sources) == 1:
        return f"Figures from “{sources[0].title}”"
    return f"Figures from {len(sources)} sources"


def descriptor(
    tables: Sequence[Table], sources: Sequence[SourceInfo], *, name: str, created: datetime
) -> dict[str, Any]:
    """The ``datapackage.json`` of these tables."""
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": package_title(sources),
        "description": (
            "The figures the sources state, with their periods and metrics; each figure "
            "as a weekly rate on the stated and calendar bases; and the checks of the "
            f"figures against each other. Written by ocsae {__version__} (`ocsae export`)."
        ),
        "created": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
        # No licence: the figures file has none to give, and ocsae invents none.
        "sources": [
            {"title": source.title, **({"path": source.url} if source.url else {})}
            for source in sources
        ],
        "resources": [_resource(table) for table in tables],
    }


def _write_csv(path: Path, table: Table) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(column.name for column in table.columns)
        writer.writerows([csv_text(cell) for cell in row] for row in table.rows)


def write_datapackage(index: Index, target: Path, *, force: bool, created: datetime) -> int:
    """Write ``index`` as a Data Package in the directory ``target``; the rows written.

    Raises :class:`~ocsae_cli.export.files.TargetExists` when ``target`` exists
    (and is not an empty directory) without ``force``, or with ``force`` is not a
    data package; :class:`~ocsae_cli.export.files.WriteFailed` when it cannot be
    written. Either way ``target`` is left as it was.
    """
    rows = 0

    def fill(directory: Path) -> None:  # only once the target is known to be free
        nonlocal rows
        tables = build_tables(index)
        for table in tables:
            _write_csv(directory / f"{table.name}.csv", table)
        document = descriptor(tables, sources_of(index), name=package_name(target), created=created)
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        (directory / DESCRIPTOR).write_text(text, encoding="utf-8")
        rows = sum(len(table.rows) for table in tables)

    publish_directory(target, fill, force=force, replaceable=_replaceable)
    return rows


def _replaceable(directory: Path) -> str | None:
    """None when ``directory`` holds a data package and nothing else; else why not."""
    if not directory.is_dir() or directory.is_symlink():
        return "is not a directory"
    entries = list(directory.iterdir())
    if not any(entry.name == DESCRIPTOR for entry in entries):
        return f"holds no {DESCRIPTOR}"
    for entry in entries:
        if not entry.is_file() or entry.suffix not in (".json", ".csv"):
            return f"holds {entry.name}, which an export does not write"
    return None
