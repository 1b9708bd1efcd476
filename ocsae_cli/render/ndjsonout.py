"""NDJSON output: one JSON object a line, one line per record, as ``sqlite-utils --nl``.

The records are those of CSV, but not flattened: a nested field stays an
object. Each line is compact JSON, UTF-8, numbers at full precision, with the
characters that JSON output escapes escaped here too (see
:func:`ocsae_cli.render.jsonout.escaped`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ocsae_cli.analysis.results import Result
from ocsae_cli.render.jsonout import escaped, to_data

BATCH = 500


def chunks(result: Result) -> Iterator[str]:
    """One line per record, in pieces of :data:`BATCH` lines."""
    records = result.records()
    for start in range(0, len(records), BATCH):
        lines = [
            json.dumps(to_data(record), ensure_ascii=False, allow_nan=False)
            for record in records[start : start + BATCH]
        ]
        # A JSON line holds no raw line break, and escaped() leaves none.
        yield escaped("\n".join(lines)) + "\n"


def dumps(result: Result) -> str:
    """The result as NDJSON text."""
    return "".join(chunks(result))
