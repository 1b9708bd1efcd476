"""JSON output: ``json.dumps`` straight to stdout, never through rich."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from ocsae_cli.analysis.results import (
    ChartResult,
    CheckResult,
    MetricsResult,
    PeriodsResult,
    QueryResult,
    Result,
    SchemaResult,
    WeeklyResult,
)

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _shallow(value: Any) -> Any:
    """One level of a result as JSON data; ``json`` calls this for what it cannot encode."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: getattr(value, name) for name in _field_names(type(value))}
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def to_data(value: Any) -> Any:
    """Results as plain JSON data: dataclasses as objects, dates as ISO strings."""
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return to_data(_shallow(value))


def payload(result: Result) -> Any:
    """The top of a result's JSON document: records for list commands, else the result.

    Dataclasses inside are converted as the encoder meets them (see :func:`to_data`
    for plain data).
    """
    if isinstance(result, QueryResult):
        return result.figures
    if isinstance(result, PeriodsResult):
        return result.periods
    if isinstance(result, MetricsResult):
        return result.metrics
    if isinstance(result, WeeklyResult):
        return result.rows
    if isinstance(result, CheckResult):
        return result.checks
    if isinstance(result, ChartResult):
        return result.bars
    if isinstance(result, SchemaResult):
        return result.schema
    return result


def dumps(result: Result, *, pretty: bool) -> str:
    """One JSON document, UTF-8, numbers at full precision; indented when ``pretty``."""
    return (
        json.dumps(
            payload(result),
            ensure_ascii=False,
            indent=2 if pretty else None,
            allow_nan=False,
            default=_shallow,
        )
        + "\n"
    )
