"""Typed results of the analysis layer.

Each command builds exactly one of these and hands it to a renderer, so that
the table, the CSV and the JSON of a command are views of the same numbers.
Field names here are the JSON field names.

They are named tuples rather than frozen dataclasses: just as immutable and
typed, but about seven times cheaper to define (this module is imported by
every command that reads figures, so that is start-up time) and quicker to
build and read by the hundred thousand. Renderers reach fields by name only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal, NamedTuple

from ocsae_cli.analysis.weeks import Method

Verdict = Literal["ok", "note", "warn", "fail"]


class Length(NamedTuple):
    """A stated length ("4 weeks") and the weeks it makes."""

    value: float
    unit: str
    inferred: bool
    weeks: float


class PeriodInfo(NamedTuple):
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
    # A derived period's: the periods it comes from whose dates or length are inferred,
    # so that what stands on a guess says so wherever it goes.
    inferred_from: tuple[str, ...] = ()


class MetricInfo(NamedTuple):
    id: str
    label: str
    unit: str
    description: str


class FigureRow(NamedTuple):
    """One figure from the file, with what a fact-checker needs to trace it."""

    # Position in the file's [[figures]], 0-based. The JSON field is "index", which
    # hides tuple.index on this record; nothing here uses that method.
    index: int  # type: ignore[assignment]
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
    source: str | None  # the id of the source that states it
    baseline: str | None  # the period a change, percent-change or ratio is against
    precision: float | None  # the place of the last digit stated, when given
    quote: str
    note: str | None
    period_note: str | None


class WeeklyRate(NamedTuple):
    """A figure as a weekly rate on one basis, and how it was computed."""

    # The figure's position in the file, as query's "index" (None: a derived value).
    index: int | None  # type: ignore[assignment]
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
    inferred_from: tuple[str, ...] = ()  # as its period's (see PeriodInfo)


class AttributionInfo(NamedTuple):
    name: str
    metrics: tuple[str, ...]  # empty: every metric not attributed elsewhere


class PersonInfo(NamedTuple):
    name: str
    role: str | None
    organisation: str | None


class SourceInfo(NamedTuple):
    id: str
    kind: str
    title: str
    publisher: str | None
    published: date | None
    url: str | None
    attributions: tuple[AttributionInfo, ...]
    people: tuple[PersonInfo, ...]


class CommandHint(NamedTuple):
    command: str
    purpose: str


class Rate(NamedTuple):
    basis: str
    weeks: float | None
    method: Method
    rate: float | None


class StatedFigure(NamedTuple):
    """Another figure stated for the same metric and period as a cell's value."""

    index: int  # type: ignore[assignment]  # the figure's position in the file, as query's
    value: float
    statistic: str
    approximate: bool
    qualifier: str | None


class Cell(NamedTuple):
    """One metric in one period of a comparison."""

    period: str
    derived: bool
    index: int | None  # type: ignore[assignment]  # the figure shown, as query's; None: derived
    value: float | None  # None: missing, never 0
    statistic: str | None
    approximate: bool
    rates: tuple[Rate, ...]
    also_stated: tuple[StatedFigure, ...]
    reason: str | None  # why the value is missing
    inferred_from: tuple[str, ...] = ()  # as its period's (see PeriodInfo)


class StatedChange(NamedTuple):
    """A change a source states, beside the one its figures give, with the verdict."""

    index: int  # type: ignore[assignment]  # the stated figure's position, as query's
    metric: str
    period: str  # the later period
    baseline: str
    statistic: str  # change, percent-change or ratio
    value: float
    approximate: bool
    qualifier: str | None
    computed: str  # what the figures give, as the check writes it ("7,672", "-65 to -61.1%")
    verdict: Verdict
    check: str  # the id of the change check that explains it


class Change(NamedTuple):
    """A column against the baseline (the first period given)."""

    period: str
    baseline: str
    absolute: float | None
    relative: float | None
    rate_ratios: dict[str, float | None]  # basis -> this column's rate / baseline's
    stated: tuple[StatedChange, ...] = ()  # changes the source states for the same two periods


class CompareRow(NamedTuple):
    metric: str
    label: str
    unit: str
    cells: tuple[Cell, ...]  # one per column, in column order
    changes: tuple[Change, ...]  # one per column after the first


Relationship = Literal["contains", "overlaps", "disjoint", "same-dates"]


class Relation(NamedTuple):
    """How two compared periods sit in time."""

    first: str
    second: str
    relationship: Relationship
    overlap_start: date | None
    overlap_end: date | None
    overlap_days: int
    remainder: str | None  # the id of the derived remainder period, if one was derived
    explanation: str


class CompareResult(NamedTuple):
    baseline: str
    bases: tuple[str, ...]
    columns: tuple[PeriodInfo, ...]  # the periods given, in order, then derived ones
    rows: tuple[CompareRow, ...]
    relations: tuple[Relation, ...]

    def document(self) -> object:
        """What ``--json`` prints: the whole comparison."""
        return self

    def records(self) -> Sequence[object]:
        """The comparison in long form: one record per metric and period."""
        records: list[dict[str, object]] = []
        for row in self.rows:
            changes = {change.period: change for change in row.changes}
            for column, cell in zip(self.columns, row.cells, strict=True):
                change = changes.get(cell.period)
                record: dict[str, object] = {
                    "index": cell.index,
                    "metric": row.metric,
                    "metric_label": row.label,
                    "unit": row.unit,
                    "period": cell.period,
                    "start": column.start,
                    "end": column.end,
                    "derived": cell.derived,
                    "value": cell.value,
                    "statistic": cell.statistic,
                    "approximate": cell.approximate,
                }
                for rate in cell.rates:
                    record[f"weeks.{rate.basis}"] = rate.weeks
                    record[f"rate.{rate.basis}"] = rate.rate
                record["change.absolute"] = change.absolute if change else None
                record["change.relative"] = change.relative if change else None
                for basis in self.bases:
                    record[f"rate_ratio.{basis}"] = (
                        change.rate_ratios.get(basis) if change else None
                    )
                record["reason"] = cell.reason
                records.append(record)
        return records


class AverageRow(NamedTuple):
    """A monthly or annual average, with its equivalents per week, month and year."""

    index: int  # type: ignore[assignment]  # the figure's position in the file, as query's
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


class Check(NamedTuple):
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
    # The positions in the file of the figures it compares, as query's "index".
    figures: tuple[int, ...] = ()


class CheckResult(NamedTuple):
    checks: tuple[Check, ...]

    @property
    def failed(self) -> bool:
        """True when any check's verdict is ``fail``."""
        return any(check.verdict == "fail" for check in self.checks)

    def fails_at(self, level: Literal["warn", "fail"]) -> bool:
        """True when any check's verdict is ``level`` or worse (``warn``: warn or fail)."""
        worse = ("warn", "fail") if level == "warn" else ("fail",)
        return any(check.verdict in worse for check in self.checks)

    def document(self) -> object:
        """What ``--json`` prints: the list of records."""
        return self.checks

    def records(self) -> Sequence[object]:
        """One record per CSV row."""
        return self.checks


class ReviewedClaim(NamedTuple):
    """A check of a claim that a source states: the check, the figure, and where it appears."""

    check: Check
    figure: FigureRow  # the figure that states the claim, as ``query`` shows it
    baseline_label: str | None  # the label of a change's baseline period
    source: SourceInfo  # the source that states it
    claimant: str | None  # who the source attributes the figure to, where it says


class ClaimReviewResult(NamedTuple):
    """The checked claims a fact check publishes, with who publishes it and where."""

    author: str
    url_prefix: str | None  # the fact check's page; None: each review's url is "#" + its id
    claims: tuple[ReviewedClaim, ...]

    def document(self) -> object:
        """What ``--json`` prints: the list of claims."""
        return self.claims

    def records(self) -> Sequence[object]:
        """One record per CSV row."""
        return self.claims


class CheckTally(NamedTuple):
    """How many checks gave each verdict, and which did not pass."""

    total: int
    passed: int  # ok or note
    counts: dict[str, int]
    not_ok: tuple[str, ...]  # ids of the checks whose verdict is warn or fail


class DatasetSize(NamedTuple):
    """How much a figures file holds."""

    periods: int
    metrics: int
    figures: int


class Omitted(NamedTuple):
    """What a limited summary counts but does not list."""

    periods: int  # the file's periods beyond the limit (their figures too)
    not_ok: int  # ids of checks that warn or fail, beyond the limit


class RatePair(NamedTuple):
    """One value of the summary with its weekly rate on each basis, side by side."""

    index: int | None  # type: ignore[assignment]  # the figure's, as query's; None: derived
    period: str
    metric_label: str
    value: float
    statistic: str
    approximate: bool
    derived: bool
    stated: float | None
    calendar: float | None
    inferred_from: tuple[str, ...] = ()  # as its period's (see PeriodInfo)


class SummaryResult(NamedTuple):
    source: SourceInfo  # the first source (a schema 1 file's only one)
    sources: tuple[SourceInfo, ...]
    dataset: DatasetSize
    limit: int | None  # the most of the file's periods listed; None lists every one
    omitted: Omitted
    periods: tuple[PeriodInfo, ...]  # the listed periods, each derived one beside its part
    rates: tuple[WeeklyRate, ...]  # totals and weekly averages, both bases
    averages: tuple[AverageRow, ...]  # monthly and annual averages
    changes: tuple[StatedChange, ...]  # the changes stated for the listed periods, checked
    checks: CheckTally  # of every check in the file; not_ok is cut to the limit
    commands: tuple[CommandHint, ...]

    def document(self) -> object:
        """What ``--json`` prints: the whole result."""
        return self

    def records(self) -> Sequence[object]:
        """One record per CSV row: the weekly rates."""
        return self.rates

    def rate_pairs(self) -> list[RatePair]:
        """The weekly rates pivoted: one row per figure, its stated and calendar rates beside.

        Two figures of the same value stay two rows: a figure is its index, and a
        derived value (which has none) its period and metric.
        """
        pairs: dict[tuple[int | None, str, str, float, str], RatePair] = {}
        for row in self.rates:
            key = (row.index, row.period, row.metric_label, row.value, row.statistic)
            pair = pairs.get(key) or RatePair(
                row.index,
                row.period,
                row.metric_label,
                row.value,
                row.statistic,
                row.approximate,
                row.derived,
                None,
                None,
                row.inferred_from,
            )
            if row.basis == "stated":
                pair = pair._replace(stated=row.rate)
            else:
                pair = pair._replace(calendar=row.rate)
            pairs[key] = pair
        return list(pairs.values())


class ValidateResult(NamedTuple):
    ok: bool
    file: str
    figures: int
    periods: int
    metrics: int

    def document(self) -> object:
        """What ``--json`` prints: the whole result."""
        return self

    def records(self) -> Sequence[object]:
        """One record per CSV row: the verdict."""
        return (self,)


class Bar(NamedTuple):
    index: int | None  # type: ignore[assignment]  # the figure's, as query's; None: derived
    metric: str
    metric_label: str
    unit: str
    period: str
    period_label: str
    derived: bool
    basis: str
    rate: float | None
    approximate: bool
    inferred_from: tuple[str, ...] = ()  # as its period's (see PeriodInfo)


class ChartResult(NamedTuple):
    bars: tuple[Bar, ...]
    # The sources that state the figures drawn, for a chart's source line.
    sources: tuple[SourceInfo, ...] = ()

    def document(self) -> object:
        """What ``--json`` prints: the list of records."""
        return self.bars

    def records(self) -> Sequence[object]:
        """One record per CSV row."""
        return self.bars


class QueryResult(NamedTuple):
    figures: tuple[FigureRow, ...]

    def document(self) -> object:
        """What ``--json`` prints: the list of records."""
        return self.figures

    def records(self) -> Sequence[object]:
        """One record per CSV row."""
        return self.figures


class PeriodsResult(NamedTuple):
    periods: tuple[PeriodInfo, ...]

    def document(self) -> object:
        """What ``--json`` prints: the list of records."""
        return self.periods

    def records(self) -> Sequence[object]:
        """One record per CSV row."""
        return self.periods


class MetricsResult(NamedTuple):
    metrics: tuple[MetricInfo, ...]

    def document(self) -> object:
        """What ``--json`` prints: the list of records."""
        return self.metrics

    def records(self) -> Sequence[object]:
        """One record per CSV row."""
        return self.metrics


class WeeklyResult(NamedTuple):
    bases: tuple[str, ...]
    rows: tuple[WeeklyRate, ...]

    def document(self) -> object:
        """What ``--json`` prints: the list of records."""
        return self.rows

    def records(self) -> Sequence[object]:
        """One record per CSV row."""
        return self.rows


class ValidationProblem(NamedTuple):
    file: str
    line: int | None
    column: int | None
    path: str
    message: str


class InvalidResult(NamedTuple):
    """What ``validate`` reports for a file that does not validate."""

    ok: bool
    file: str
    errors: tuple[ValidationProblem, ...]

    def document(self) -> object:
        """What ``--json`` prints: the whole result."""
        return self

    def records(self) -> Sequence[object]:
        """One record per CSV row: the verdict with its problems."""
        return (self,)


class SchemaResult(NamedTuple):
    schema: dict[str, object]

    def document(self) -> object:
        """What ``--json`` prints: the schema itself."""
        return self.schema

    def records(self) -> Sequence[object]:
        """The schema is one JSON document, not records."""
        return (self.schema,)


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
    | ClaimReviewResult
)
