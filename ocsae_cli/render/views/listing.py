"""Views of the plain listings: periods, metrics, figures, weekly rates, validation."""

from __future__ import annotations

from collections.abc import Sequence

from ocsae_cli.analysis.results import (
    MetricsResult,
    PeriodInfo,
    PeriodsResult,
    QueryResult,
    ValidateResult,
    WeeklyResult,
)
from ocsae_cli.render.layout import (
    APPROXIMATE,
    DERIVED,
    DERIVED_NOTE,
    INFERRED_DERIVED_NOTE,
    INFERRED_NOTE,
    MISSING,
    Column,
    Section,
    Styled,
    ViewOptions,
    dates,
    day,
    marked,
    period_name,
    rate,
    stated,
    value_text,
    view,
    weeks,
)


def periods_section(periods: Sequence[PeriodInfo], title: str | None) -> Section:
    """The periods as a table, with footnotes for inferred and derived ones."""
    section = Section(
        title,
        [
            Column("Period"),
            Column("Label", wrap=True),
            Column("Dates"),
            Column("Days", "right"),
            Column("Stated", wrap=True),
            Column("Calendar weeks", "right"),
        ],
    )
    for period in periods:
        section.rows.append(
            [
                Styled(period_name(period), "derived" if period.derived else None),
                Styled(period.label),
                Styled(dates(period)),
                Styled(str(period.days), "number"),
                Styled(stated(period)),
                Styled(weeks(period.calendar_weeks), "number"),
            ]
        )
    if any(p.start_inferred or p.end_inferred for p in periods):
        section.footnotes.append(INFERRED_NOTE)
    if any(p.inferred_from for p in periods):
        section.footnotes.append(INFERRED_DERIVED_NOTE)
    if any(p.derived for p in periods):
        section.footnotes.append(
            f"{DERIVED} derived: what is left of a period once a period it contains is taken out."
        )
    return section


@view.register
def periods_view(result: PeriodsResult, options: ViewOptions) -> list[Section]:
    section = periods_section(result.periods, None)
    notes = [f"{p.id}: {p.note}" for p in result.periods if p.note]
    section.footnotes.extend(notes)
    return [section]


@view.register
def metrics_view(result: MetricsResult, options: ViewOptions) -> list[Section]:
    section = Section(
        None,
        [
            Column("Metric"),
            Column("Label", wrap=True),
            Column("Unit"),
            Column("Description", wrap=True),
        ],
    )
    for metric in result.metrics:
        section.rows.append(
            [
                Styled(metric.id),
                Styled(metric.label),
                Styled(metric.unit),
                Styled(metric.description),
            ]
        )
    return [section]


@view.register
def query_view(result: QueryResult, options: ViewOptions) -> list[Section]:
    quotes = options.quotes
    columns = [
        Column("Metric"),
        Column("Period"),
        Column("Value", "right"),
        Column("Unit"),
        Column("Statistic"),
        Column("Dates"),
    ]
    if quotes:
        columns += [Column("Quote", wrap=True), Column("Note", wrap=True)]
    section = Section(None, columns)
    for figure in result.figures:
        row = [
            Styled(figure.metric),
            Styled(figure.period),
            value_text(figure.value, approximate=figure.approximate),
            Styled(figure.unit),
            Styled(
                f"{figure.statistic} vs {figure.baseline}" if figure.baseline else figure.statistic
            ),
            Styled(
                f"{day(figure.start, figure.start_inferred)} – "
                f"{day(figure.end, figure.end_inferred)}"
            ),
        ]
        if quotes:
            notes = [n for n in (figure.note, figure.period_note) if n]
            row += [Styled(f"“{figure.quote}”"), Styled(" ".join(notes) or MISSING, "muted")]
        section.rows.append(row)
    if any(f.approximate for f in result.figures):
        section.footnotes.append(
            f"{APPROXIMATE} stated approximately (almost, around, over, under, at least, up to)."
        )
    if any(f.start_inferred or f.end_inferred for f in result.figures):
        section.footnotes.append(INFERRED_NOTE)
    if not result.figures:
        section.footnotes.append("No figures match these filters.")
    return [section]


_METHOD_TEXT = {
    "divided": "total ÷ weeks",
    "passed-through": "stated weekly",
    "converted": "converted",
    "unavailable": "no length",
    "not-a-rate": "not a rate",
}


@view.register
def weekly_view(result: WeeklyResult, options: ViewOptions) -> list[Section]:
    section = Section(
        None,
        [
            Column("Metric"),
            Column("Period"),
            Column("Value", "right"),
            Column("Statistic"),
            Column("Basis"),
            Column("Weeks", "right"),
            Column("How", wrap=True),
            Column("Per week", "right"),
        ],
    )
    for row in result.rows:
        how = _METHOD_TEXT[row.method]
        if row.method == "converted" and row.factor is not None:
            how = f"× {row.factor:.4f}"
        section.rows.append(
            [
                Styled(row.metric),
                Styled(
                    marked(row.period, derived=row.derived, inferred_from=row.inferred_from),
                    "derived" if row.derived else None,
                ),
                value_text(row.value, approximate=row.approximate, derived=row.derived),
                Styled(row.statistic),
                Styled(row.basis),
                Styled(weeks(row.weeks), "number"),
                Styled(how, "muted"),
                Styled(rate(row.rate), "missing" if row.rate is None else "number"),
            ]
        )
    section.footnotes.append(
        "stated: weeks as the source gives them; calendar: inclusive "
        "days / 7. A month is 365.25/12 days."
    )
    if any(r.inferred_from for r in result.rows):
        section.footnotes.append(INFERRED_DERIVED_NOTE)
    if any(r.derived for r in result.rows):
        section.footnotes.append(DERIVED_NOTE)
    return [section]


@view.register
def validate_view(result: ValidateResult, options: ViewOptions) -> list[Section]:
    return [
        Section(
            None,
            lines=[
                Styled(
                    f"ok: {result.file}: {result.figures} figures, {result.periods} periods, "
                    f"{result.metrics} metrics",
                    "ok",
                )
            ],
        )
    ]
