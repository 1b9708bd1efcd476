"""The six tables every export writes, built once from the analysis results.

Sources, periods, metrics, figures, weekly rates and checks: the columns of each
(with a type, a description and, where it has one, a unit), its primary key,
its foreign keys and the rows. The Data Package and the SQLite database are two
writings of these same tables, so that a number in either is the number
``ocsae query``, ``ocsae weekly --derived`` and ``ocsae check`` print.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal, NamedTuple

from ocsae_cli.analysis.checks import run_checks
from ocsae_cli.analysis.compare import all_remainders
from ocsae_cli.analysis.figures import Index, query_figures, source_infos
from ocsae_cli.analysis.rates import weekly
from ocsae_cli.analysis.results import PeriodInfo, SourceInfo
from ocsae_cli.analysis.weeks import Basis
from ocsae_cli.model import STATISTICS

ColumnType = Literal["string", "integer", "number", "boolean", "date"]
Cell = str | int | float | bool | date | None
BASES = (Basis.STATED, Basis.CALENDAR)


class Column(NamedTuple):
    """One column: its name, Table Schema type, meaning and unit."""

    name: str
    type: ColumnType
    description: str
    unit: str | None = None
    required: bool = False
    choices: tuple[str, ...] = ()  # the only values it may hold, when it is an enumeration
    # Computed numbers are REAL; numbers as the file states them keep SQLite's
    # NUMERIC affinity, so that 45 stays the integer 45.
    stated: bool = False

    @property
    def described(self) -> str:
        """The description with the unit, for readers that have no unit field."""
        return f"{self.description} Unit: {self.unit}." if self.unit else self.description


class ForeignKey(NamedTuple):
    """``column`` holds an id of ``table`` (its primary key); an empty cell refers to nothing."""

    column: str
    table: str
    key: str = "id"


class Table(NamedTuple):
    """A table with its schema and rows, in the order every writer uses."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def indexed(self) -> tuple[str, ...]:
        """The columns an SQL index helps: every metric and period column."""
        return tuple(key.column for key in self.foreign_keys if key.table in ("metrics", "periods"))


def _joined(values: Sequence[str]) -> str | None:
    return "; ".join(values) if values else None


def _source_rows(sources: Sequence[SourceInfo]) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for source in sources:
        attributions = [
            f"{a.name} ({', '.join(a.metrics)})" if a.metrics else a.name
            for a in source.attributions
        ]
        people = [
            ", ".join(p for p in (person.name, person.role, person.organisation) if p)
            for person in source.people
        ]
        rows.append(
            (
                source.id,
                source.kind,
                source.title,
                source.publisher,
                source.published,
                source.url,
                _joined(attributions),
                _joined(people),
            )
        )
    return tuple(rows)


SOURCE_COLUMNS = (
    Column("id", "string", "The source's id; figures.source refers to it.", required=True),
    Column(
        "kind",
        "string",
        "What the source is.",
        required=True,
        choices=("article", "press-release", "statistics", "other"),
    ),
    Column("title", "string", "Its headline or title.", required=True),
    Column("publisher", "string", "Who published it, where the file says."),
    Column("published", "date", "When it was published, where the file says."),
    Column("url", "string", "Where it can be read, where the file says."),
    Column(
        "attributions",
        "string",
        "Who its figures are attributed to, each with the metrics it covers in brackets "
        "(none: every other metric), joined by '; '.",
    ),
    Column("people", "string", "Who it quotes (name, role, organisation), joined by '; '."),
)


def _period_row(period: PeriodInfo) -> tuple[Cell, ...]:
    stated = period.stated_length
    container, contained = period.derived_from or (None, None)
    return (
        period.id,
        period.label,
        period.start,
        period.end,
        period.days,
        period.calendar_weeks,
        None if stated is None else stated.value,
        None if stated is None else stated.unit,
        None if stated is None else stated.inferred,
        None if stated is None else stated.weeks,
        period.start_inferred,
        period.end_inferred,
        period.derived,
        container,
        contained,
        period.note,
    )


PERIOD_COLUMNS = (
    Column("id", "string", "The period's id.", required=True),
    Column("label", "string", "What the source calls it.", required=True),
    Column("start", "date", "Its first day (included).", required=True),
    Column("end", "date", "Its last day (included).", required=True),
    Column("days", "integer", "Days from start to end, both included.", "days", required=True),
    Column("calendar_weeks", "number", "days / 7.", "weeks", required=True),
    Column(
        "stated_length", "number", "The length the source gives it, in stated_unit.", stated=True
    ),
    Column(
        "stated_unit",
        "string",
        "The unit of stated_length.",
        choices=("days", "weeks", "months", "years"),
    ),
    Column("stated_inferred", "boolean", "True when the source implies the length, not states it."),
    Column(
        "stated_weeks",
        "number",
        "stated_length in weeks (a month is 365.25/12 days, a year 365.25).",
        "weeks",
    ),
    Column(
        "start_inferred", "boolean", "True when the source does not state the start.", required=True
    ),
    Column(
        "end_inferred", "boolean", "True when the source does not state the end.", required=True
    ),
    Column(
        "derived",
        "boolean",
        "True for a remainder ocsae derives (container less contained): no source states it.",
        required=True,
    ),
    Column("container", "string", "For a derived period: the period it is part of."),
    Column("contained", "string", "For a derived period: the period taken out of container."),
    Column("note", "string", "Why the period is read as it is."),
)

METRIC_COLUMNS = (
    Column("id", "string", "The metric's id.", required=True),
    Column("label", "string", "Its name.", required=True),
    Column(
        "unit", "string", "What one of it counts, plural; the unit of its figures.", required=True
    ),
    Column("description", "string", "What it counts.", required=True),
)

FIGURE_COLUMNS = (
    Column(
        "id",
        "integer",
        "Its position in the file's [[figures]], from 0: N in the check ids' figures[N].",
        required=True,
    ),
    Column("source", "string", "The source that states it.", required=True),
    Column("metric", "string", "What it counts.", required=True),
    Column("period", "string", "The period it covers; for a change, the later one.", required=True),
    Column("baseline", "string", "The earlier period of a change, percent-change or ratio."),
    Column(
        "value",
        "number",
        "The number as stated: in the metric's unit for a total or an average; a "
        "percentage for a percent-change or share; a multiple for a ratio.",
        "metrics.unit (see description)",
        required=True,
        stated=True,
    ),
    Column("statistic", "string", "What kind of number it is.", required=True, choices=STATISTICS),
    Column(
        "approximate",
        "boolean",
        "True when stated approximately ('almost', 'around').",
        required=True,
    ),
    Column(
        "qualifier",
        "string",
        "How an approximate figure is hedged.",
        choices=("almost", "around", "over", "under", "at-least", "up-to"),
    ),
    Column(
        "precision",
        "number",
        "The place of the last digit stated, where given.",
        "as value",
        stated=True,
    ),
    Column("quote", "string", "The source's words, verbatim.", required=True),
    Column("note", "string", "Any reading the source does not make explicit."),
)

RATE_COLUMNS = (
    Column("id", "integer", "The row's number, from 1.", required=True),
    Column("figure", "integer", "The figure rated (figures.id); empty for a derived total."),
    Column("metric", "string", "What it counts.", required=True),
    Column("period", "string", "The period, perhaps a derived one.", required=True),
    Column("derived", "boolean", "True for a derived period's subtracted total.", required=True),
    Column(
        "basis",
        "string",
        "stated: weeks as the source gives them; calendar: inclusive days / 7.",
        required=True,
        choices=("stated", "calendar"),
    ),
    Column("value", "number", "The figure's value.", "metrics.unit", required=True, stated=True),
    Column("statistic", "string", "The figure's statistic.", required=True, choices=STATISTICS),
    Column("approximate", "boolean", "True when the figure is approximate.", required=True),
    Column("weeks", "number", "The divisor, for a total divided by weeks.", "weeks"),
    Column(
        "method",
        "string",
        "How the rate was made.",
        required=True,
        choices=("divided", "passed-through", "converted", "unavailable", "not-a-rate"),
    ),
    Column("factor", "number", "The multiplier, for a converted average."),
    Column(
        "rate", "number", "The figure per week; empty when there is none.", "metrics.unit per week"
    ),
    Column("reason", "string", "Why there is no rate, when there is none."),
)

CHECK_COLUMNS = (
    Column("id", "string", "The check's id, as `ocsae check` prints it.", required=True),
    Column(
        "kind", "string", "What it compares (see the README's 'How checks judge').", required=True
    ),
    Column("metrics", "string", "The metrics it concerns, joined by '; '."),
    Column("periods", "string", "The periods it concerns, joined by '; '."),
    Column("figures", "string", "The figures it compares (figures.id), joined by '; '."),
    Column(
        "basis", "string", "The basis of a check of weekly rates.", choices=("stated", "calendar")
    ),
    Column("claim", "string", "What the source states.", required=True),
    Column("computed", "string", "What ocsae computes to test it.", required=True),
    Column("claimed_value", "number", "The claim as a number.", stated=True),
    Column("computed_value", "number", "What is computed, as a number."),
    Column(
        "difference",
        "number",
        "How far apart the two are, relative to the computed value.",
        "fraction (0.1 is 10%)",
    ),
    Column("tolerance", "string", "What the verdict allows.", required=True),
    Column(
        "verdict",
        "string",
        "ok, note, warn or fail.",
        required=True,
        choices=("ok", "note", "warn", "fail"),
    ),
    Column("explanation", "string", "The verdict in a sentence.", required=True),
)


def _figure_table(index: Index) -> tuple[tuple[Cell, ...], ...]:
    return tuple(
        (
            row.index,
            row.source,
            row.metric,
            row.period,
            row.baseline,
            row.value,
            row.statistic,
            row.approximate,
            row.qualifier,
            row.precision,
            row.quote,
            row.note,
        )
        for row in query_figures(index).figures
    )


def _rate_table(index: Index) -> tuple[tuple[Cell, ...], ...]:
    """``ocsae weekly --derived`` on both bases, each row tied to the figure it rates."""
    rates = weekly(index, bases=BASES, derived=True).rows
    return tuple(
        (
            number,
            rate.index,
            rate.metric,
            rate.period,
            rate.derived,
            rate.basis,
            rate.value,
            rate.statistic,
            rate.approximate,
            rate.weeks,
            rate.method,
            rate.factor,
            rate.rate,
            rate.reason,
        )
        for number, rate in enumerate(rates, start=1)
    )


def _check_table(index: Index) -> tuple[tuple[Cell, ...], ...]:
    return tuple(
        (
            check.id,
            check.kind,
            _joined(check.subject.get("metrics", [])),
            _joined(check.subject.get("periods", [])),
            _joined([str(position) for position in check.figures]),
            check.basis,
            check.claim,
            check.computed,
            check.claimed_value,
            check.computed_value,
            check.difference,
            check.tolerance,
            check.verdict,
            check.explanation,
        )
        for check in run_checks(index, BASES).checks
    )


def build_tables(index: Index) -> tuple[Table, ...]:
    """The six tables of ``index``, parents before the tables that refer to them."""
    derived = [r.period for r in all_remainders(index) if r.totals]
    return (
        Table(
            "sources",
            "Sources",
            "The publications the figures come from.",
            SOURCE_COLUMNS,
            "id",
            (),
            _source_rows(source_infos(index.dataset)),
        ),
        Table(
            "periods",
            "Periods",
            "The spans of days the figures cover, then the remainders ocsae derives "
            "where one period contains another (derived = true).",
            PERIOD_COLUMNS,
            "id",
            (ForeignKey("container", "periods"), ForeignKey("contained", "periods")),
            tuple(_period_row(p) for p in (*index.periods.values(), *derived)),
        ),
        Table(
            "metrics",
            "Metrics",
            "What the figures count.",
            METRIC_COLUMNS,
            "id",
            (),
            tuple((m.id, m.label, m.unit, m.description) for m in index.metrics.values()),
        ),
        Table(
            "figures",
            "Figures",
            "Every number the sources state, with the words they state it in.",
            FIGURE_COLUMNS,
            "id",
            (
                ForeignKey("source", "sources"),
                ForeignKey("metric", "metrics"),
                ForeignKey("period", "periods"),
                ForeignKey("baseline", "periods"),
            ),
            _figure_table(index),
        ),
        Table(
            "weekly_rates",
            "Weekly rates",
            "Each figure as a rate per week on both bases, then the derived periods' "
            "subtracted totals (as `ocsae weekly --derived`).",
            RATE_COLUMNS,
            "id",
            (
                ForeignKey("figure", "figures"),
                ForeignKey("metric", "metrics"),
                ForeignKey("period", "periods"),
            ),
            _rate_table(index),
        ),
        Table(
            "checks",
            "Checks",
            "The figures tested against each other, on both bases (as `ocsae check`).",
            CHECK_COLUMNS,
            "id",
            (),
            _check_table(index),
        ),
    )


def sources_of(index: Index) -> tuple[SourceInfo, ...]:
    """Every source of ``index``, each with its id."""
    return source_infos(index.dataset)
