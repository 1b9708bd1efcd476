"""What ``validate`` and ``schema`` report: a file's verdict, its problems, its schema."""

from __future__ import annotations

from collections.abc import Sequence

from ocsae_cli.analysis.results import (
    InvalidResult,
    SchemaResult,
    ValidateResult,
    ValidationProblem,
)
from ocsae_cli.load import Diagnostic
from ocsae_cli.model import Dataset


def valid_result(file: str, dataset: Dataset) -> ValidateResult:
    """A file that validates, with what it holds."""
    return ValidateResult(
        True, file, len(dataset.figures), len(dataset.periods), len(dataset.metrics)
    )


def invalid_result(file: str, diagnostics: Sequence[Diagnostic]) -> InvalidResult:
    """A file that does not validate, one problem per diagnostic."""
    problems = tuple(
        ValidationProblem(d.file, d.line, d.column, d.path, d.message) for d in diagnostics
    )
    return InvalidResult(False, file, problems)


def schema_result() -> SchemaResult:
    """The JSON Schema of the figures file."""
    return SchemaResult(Dataset.model_json_schema(mode="validation"))
