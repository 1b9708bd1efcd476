"""A SQLite database of the export's tables, and Datasette's ``metadata.json`` beside it.

Written with the standard library's ``sqlite3``: the six tables with their
primary and foreign keys (checked while the rows go in), an index on every
metric and period column, and views that read the weekly rates and the checks
with their labels. Booleans are 0 and 1, dates ISO text; the numbers a file
states keep NUMERIC affinity (45 stays an integer), computed ones are REAL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ocsae_cli import __version__
from ocsae_cli.analysis.figures import Index
from ocsae_cli.analysis.results import SourceInfo
from ocsae_cli.export.datapackage import package_title
from ocsae_cli.export.files import WriteFailed, publish_files
from ocsae_cli.export.tables import Cell, Column, Table, build_tables, sources_of

METADATA = "metadata.json"

_SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}


class View(NamedTuple):
    """A view of the tables, with what Datasette says of it."""

    name: str
    title: str
    description: str
    sql: str


VIEWS = (
    View(
        "weekly",
        "Weekly rates, labelled",
        "weekly_rates with each metric's and period's label and the period's dates.",
        """
        SELECT r.id, r.metric, m.label AS metric_label, r.period, p.label AS period_label,
               p."start", p."end", r.derived, r.basis, r.value, r.statistic, r.approximate,
               r.weeks, r.method, r.factor, r.rate, m.unit || ' per week' AS unit, r.reason
        FROM weekly_rates AS r
        JOIN metrics AS m ON m.id = r.metric
        JOIN periods AS p ON p.id = r.period
        ORDER BY r.id
        """,
    ),
    View(
        "figures_labelled",
        "Figures, labelled",
        "figures with the metric's label and unit, the period's label and dates, and the "
        "source's title.",
        """
        SELECT f.id, f.metric, m.label AS metric_label, f.period, p.label AS period_label,
               p."start", p."end", f.baseline, f.value, m.unit, f.statistic, f.approximate,
               f.qualifier, f.quote, s.title AS source_title, f.note
        FROM figures AS f
        JOIN metrics AS m ON m.id = f.metric
        JOIN periods AS p ON p.id = f.period
        JOIN sources AS s ON s.id = f.source
        ORDER BY f.id
        """,
    ),
    View(
        "check_verdicts",
        "Checks by kind and verdict",
        "How many checks of each kind gave each verdict.",
        """
        SELECT kind, verdict, count(*) AS checks
        FROM checks
        GROUP BY kind, verdict
        ORDER BY kind, verdict
        """,
    ),
    View(
        "checks_not_ok",
        "Checks that warn or fail",
        "The checks whose verdict is warn or fail, with their explanations.",
        """
        SELECT id, kind, basis, verdict, claim, computed, explanation
        FROM checks
        WHERE verdict IN ('warn', 'fail')
        """,
    ),
)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_sql(table: Table, column: Column) -> str:
    sql_type = "NUMERIC" if column.stated else _SQL_TYPES[column.type]
    parts = [_quoted(column.name), sql_type]
    if column.name == table.primary_key:
        parts.append("PRIMARY KEY")
    if column.required:
        parts.append("NOT NULL")
    if column.type == "boolean":
        parts.append(f"CHECK ({_quoted(column.name)} IN (0, 1))")
    if column.choices:
        allowed = ", ".join(_sql_literal(choice) for choice in column.choices)
        parts.append(f"CHECK ({_quoted(column.name)} IN ({allowed}))")
    for key in table.foreign_keys:
        if key.column == column.name:
            parts.append(f"REFERENCES {_quoted(key.table)}({_quoted(key.key)})")
    return " ".join(parts)


def schema_sql(tables: Sequence[Table]) -> list[str]:
    """The statements that make the tables, their indexes and the views."""
    statements = []
    for table in tables:
        columns = ",\n  ".join(_column_sql(table, column) for column in table.columns)
        statements.append(f"CREATE TABLE {_quoted(table.name)} (\n  {columns}\n)")
        statements.extend(
            f"CREATE INDEX {_quoted(f'{table.name}_{column}')} "
            f"ON {_quoted(table.name)}({_quoted(column)})"
            for column in table.indexed
        )
    statements.extend(f"CREATE VIEW {_quoted(v.name)} AS {v.sql.strip()}" for v in VIEWS)
    return statements


def _sql_value(value: Cell) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_database(path: Path, tables: Sequence[Table]) -> None:
    """Create the database at ``path`` (an empty or new file) and fill it."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")  # every row is checked as it goes in
        with connection:
            for statement in schema_sql(tables):
                connection.execute(statement)
            for table in tables:
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(
                    f"INSERT INTO {_quoted(table.name)} VALUES ({marks})",
                    ([_sql_value(cell) for cell in row] for row in table.rows),
                )
    finally:
        connection.close()


def metadata(
    tables: Sequence[Table], sources: Sequence[SourceInfo], *, database: str
) -> dict[str, Any]:
    """Datasette's metadata for the database named ``database`` (its file name less .db)."""
    described: dict[str, Any] = {
        table.name: {
            "title": table.title,
            "description": table.description,
            "columns": {column.name: column.described for column in table.columns},
        }
        for table in tables
    }
    described.update(
        {view.name: {"title": view.title, "description": view.description} for view in VIEWS}
    )
    document: dict[str, Any] = {
        "title": package_title(sources),
        "description": (
            "Figures, periods, metrics, weekly rates and checks written by ocsae "
            f"{__version__} (`ocsae export --to sqlite`)."
        ),
        "source": "; ".join(source.title for source in sources),
    }
    url = next((source.url for source in sources if source.url), None)
    if url is not None:
        document["source_url"] = url
    # No licence: the figures file has none to give, and ocsae invents none.
    document["databases"] = {database: {"tables": described}}
    return document


def write_sqlite(index: Index, target: Path, *, force: bool) -> int:
    """Write ``index`` as the SQLite database ``target``, Datasette's metadata beside it.

    Returns the rows written. Raises
    :class:`~ocsae_cli.export.files.TargetExists` when either file exists
    without ``force``, :class:`~ocsae_cli.export.files.WriteFailed` when they
    cannot be written; either way nothing is left half-written.
    """
    rows = 0

    def fill(paths: Sequence[Path]) -> None:  # only once the targets are known to be free
        nonlocal rows
        database, meta_path = paths
        tables = build_tables(index)
        meta = metadata(tables, sources_of(index), database=target.stem)
        try:
            write_database(database, tables)
        except sqlite3.Error as error:  # a full disk reaches sqlite3 before Python
            raise WriteFailed(f"cannot write {target}: {error}") from None
        text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
        meta_path.write_text(text, encoding="utf-8")
        rows = sum(len(table.rows) for table in tables)

    publish_files([target, target.parent / METADATA], fill, force=force)
    return rows
