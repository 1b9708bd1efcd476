"""Typed results of the analysis layer.

Each command builds exactly one of these and hands it to a renderer, so that
the table, the CSV and the JSON of a command are views of the same numbers.
Field names here are the JSON field names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from ocsae_cli.analysis.weeks import Method

Verdict = Literal["ok", "note", "warn", "fail"]


@dataclass(frozen=True, slots=True)
class Length:
    """A stated length ("4 weeks") and the weeks it makes."""

    value: float
    unit: str
    inferred: bool
    weeks: float


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    """A period as every command shows it, whether from the file or derived."""

    id: str
    label: str
    start: date
    end: date
    days: int
    calendar_weeks: float
    stated_length: Length | None
    start_inferred: bool
    end_inferred: bool
    derived: bool
    derived_from: tuple[str, str] | None  # (container, contained) of a remainder
    note: str | None


@dataclass(frozen=True, slots=True)
class MetricInfo:
    id: str
    label: str
    unit: str
    description: str


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One figure from the file, with what a fact-checker needs to trace it."""

    index: int  # position in the file's [[figures]], 0-based
    metric: str
    metric_label: str
    unit: str
    period: str
    period_label: str
    start: date
    end: date
    start_inferred: bool
    end_inferred: bool
    value: float
    statistic: str
    approximate: bool
    qualifier: str | None
    quote: str
    note: str | None
    period_note: str | None


@dataclass(frozen=True, slots=True)
class WeeklyRate:
    """A figure as a weekly rate on one basis, and how it was computed."""

    metric: str
    metric_label: str
    unit: str
    period: str
    period_label: str
    derived: bool
    value: float
    statistic: str
    approximate: bool
    basis: str
    weeks: float | None  # the divisor, for a divided total; None otherwise
    method: Method
    factor: float | None  # the multiplier, for a converted average
    rate: float | None
    reason: str | None  # why there is no rate, when there is none


@dataclass(frozen=True, slots=True)
class AttributionInfo:
    name: str
    metrics: tuple[str, ...]  # empty: every metric not attributed elsewhere


@dataclass(frozen=True, slots=True)
class PersonInfo:
    name: str
    role: str | None
    organisation: str | None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    title: str
    publisher: str | None
    published: date | None
    url: str | None
    attributions: tuple[AttributionInfo, ...]
    people: tuple[PersonInfo, ...]


@dataclass(frozen=True, slots=True)
class CommandHint:
    command: str
    purpose: str


@dataclass(frozen=True, slots=True)
class Rate:
    basis: str
    weeks: float | None
    method: Method
    rate: float | None


@dataclass(frozen=True, slots=True)
class StatedFigure:
    """Another figure stated for the same metric and period as a cell's value."""

    value: float
    statistic: str
    approximate: bool
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One metric in one period of a comparison."""

    period: str
    derived: bool
    value: float | None  # None: missing, never 0
    statistic: str | None
    approximate: bool
    rates: tuple[Rate, ...]
    also_stated: tuple[StatedFigure, ...]
    reason: str | None  # why the value is missing


@dataclass(frozen=True, slots=True)
class Change:
    """A column against the baseline (the first period given)."""

    period: str
    baseline: str
    absolute: float | None
    relative: float | None
    rate_ratios: dict[str, float | None]  # basis -> this column's rate / baseline's


@dataclass(frozen=True, slots=True)
class CompareRow:
    metric: str
    label: str
    unit: str
    cells: tuple[Cell, ...]  # one per column, in column order
    changes: tuple[Change, ...]  # one per column after the first


Relationship = Literal["contains", "overlaps", "disjoint", "same-dates"]


@dataclass(frozen=True, slots=True)
class Relation:
    """How two compared periods sit in time."""

    first: str
    second: str
    relationship: Relationship
    overlap_start: date | None
    overlap_end: date | None
    overlap_days: int
    remainder: str | None  # the id of the derived remainder period, if one was derived
    explanation: str


@dataclass(frozen=True, slots=True)
class CompareResult:
    baseline: str
    bases: tuple[str, ...]
    columns: tuple[PeriodInfo, ...]  # the periods given, in order, then derived ones
    rows: tuple[CompareRow, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class AverageRow:
    """A monthly or annual average, with its equivalents per week, month and year."""

    metric: str
    metric_label: str
    unit: str
    period: str
    period_label: str
    value: float
    statistic: str
    approximate: bool
    qualifier: str | None
    per_week: float
    per_month: float
    per_year: float


@dataclass(frozen=True, slots=True)
class Check:
    """One test of the figures against each other."""

    id: str
    kind: str
    subject: dict[str, list[str]]  # {"metrics": [...], "periods": [...]}
    basis: str | None
    claim: str
    computed: str
    claimed_value: float | None
    computed_value: float | None
    difference: float | None  # relative, where the check compares two numbers
    tolerance: str
    verdict: Verdict
    explanation: str


@dataclass(frozen=True, slots=True)
class CheckResult:
    checks: tuple[Check, ...]

    @property
    def failed(self) -> bool:
        """True when any check's verdict is ``fail``."""
        return any(check.verdict == "fail" for check in self.checks)


@dataclass(frozen=True, slots=True)
class CheckTally:
    """How many checks gave each verdict, and which did not pass."""

    total: int
    passed: int  # ok or note
    counts: dict[str, int]
    not_ok: tuple[str, ...]  # ids of the checks whose verdict is warn or fail


@dataclass(frozen=True, slots=True)
class DatasetSize:
    """How much a figures file holds."""

    periods: int
    metrics: int
    figures: int


@dataclass(frozen=True, slots=True)
class Omitted:
    """What a limited summary counts but does not list."""

    periods: int  # the file's periods beyond the limit (their figures too)
    not_ok: int  # ids of checks that warn or fail, beyond the limit


@dataclass(frozen=True, slots=True)
class SummaryResult:
    source: SourceInfo
    dataset: DatasetSize
    limit: int | None  # the most of the file's periods listed; None lists every one
    omitted: Omitted
    periods: tuple[PeriodInfo, ...]  # the listed periods, each derived one beside its part
    rates: tuple[WeeklyRate, ...]  # totals and weekly averages, both bases
    averages: tuple[AverageRow, ...]  # monthly and annual averages
    checks: CheckTally  # of every check in the file; not_ok is cut to the limit
    commands: tuple[CommandHint, ...]


@dataclass(frozen=True, slots=True)
class ValidateResult:
    ok: bool
    file: str
    figures: int
    periods: int
    metrics: int


@dataclass(frozen=True, slots=True)
class Bar:
    metric: str
    metric_label: str
    unit: str
    period: str
    period_label: str
    derived: bool
    basis: str
    rate: float | None
    approximate: bool


@dataclass(frozen=True, slots=True)
class ChartResult:
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class QueryResult:
    figures: tuple[FigureRow, ...]


@dataclass(frozen=True, slots=True)
class PeriodsResult:
    periods: tuple[PeriodInfo, ...]


@dataclass(frozen=True, slots=True)
class MetricsResult:
    metrics: tuple[MetricInfo, ...]


@dataclass(frozen=True, slots=True)
class WeeklyResult:
    bases: tuple[str, ...]
    rows: tuple[WeeklyRate, ...]


@dataclass(frozen=True, slots=True)
class ValidationProblem:
    file: str
    line: int | None
    column: int | None
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class InvalidResult:
    """What ``validate`` reports for a file that does not validate."""

    ok: bool
    file: str
    errors: tuple[ValidationProblem, ...]


@dataclass(frozen=True, slots=True)
class SchemaResult:
    schema: dict[str, object]


Result = (
    QueryResult
    | PeriodsResult
    | MetricsResult
    | WeeklyResult
    | CompareResult
    | SummaryResult
    | CheckResult
    | ValidateResult
    | InvalidResult
    | ChartResult
    | SchemaResult
)
