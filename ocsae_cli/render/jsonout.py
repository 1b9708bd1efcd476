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


def to_data(value: Any) -> Any:
    """Results as plain JSON data: dataclasses as objects, dates as ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def payload(result: Result) -> Any:
    """The JSON document of a result: lists of records stay lists, others are objects."""
    if isinstance(result, QueryResult):
        return to_data(result.figures)
    if isinstance(result, PeriodsResult):
        return to_data(result.periods)
    if isinstance(result, MetricsResult):
        return to_data(result.metrics)
    if isinstance(result, WeeklyResult):
        return to_data(result.rows)
    if isinstance(result, CheckResult):
        return to_data(result.checks)
    if isinstance(result, ChartResult):
        return to_data(result.bars)
    if isinstance(result, SchemaResult):
        return result.schema
    return to_data(result)


def dumps(result: Result, *, pretty: bool) -> str:
    """One JSON document, UTF-8, numbers at full precision; indented when ``pretty``."""
    return (
        json.dumps(
            payload(result), ensure_ascii=False, indent=2 if pretty else None, allow_nan=False
        )
        + "\n"
    )
