"""Results laid out as titled tables of display strings, for the table and Markdown renderers.

This is where display rounding and markers live (``~`` approximate, ``*``
derived, ``—`` missing); there is no arithmetic beyond that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ocsae_cli.analysis.results import (
    Cell,
    ChartResult,
    CheckResult,
    CompareResult,
    InvalidResult,
    MetricsResult,
    PeriodInfo,
    PeriodsResult,
    QueryResult,
    SummaryResult,
    ValidateResult,
    WeeklyResult,
)

MISSING = "—"
APPROXIMATE = "~"
DERIVED = "*"
DERIVED_NOTE = f"{DERIVED} derived by subtraction: not one of the source's figures."

Style = Literal["number", "derived", "missing", "muted", "ok", "note", "warn", "fail", "heading"]
Justify = Literal["left", "right"]


@dataclass(frozen=True, slots=True)
class Text:
    """One cell's text and how to style it on a terminal."""

    text: str
    style: Style | None = None


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    justify: Justify = "left"
    wrap: bool = False  # long prose (quotes, notes) wraps on a terminal


@dataclass(slots=True)
class Section:
    """A titled table, or (without columns) a few lines of text."""

    title: str | None
    columns: list[Column] = field(default_factory=list)
    rows: list[list[Text]] = field(default_factory=list)
    lines: list[Text] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- number formats


def number(value: float) -> str:
    """A count as written: 45, 2,200, 12.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def rate(value: float | None) -> str:
    """A weekly rate, rounded to suit its size."""
    if value is None:
        return MISSING
    if abs(value) >= 100:
        return f"{value:,.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def weeks(value: float | None) -> str:
    return MISSING if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def ratio(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}x"


def percent(value: float | None) -> str:
    return MISSING if value is None else f"{value * 100:+.1f}%"


def signed(value: float | None) -> str:
    if value is None:
        return MISSING
    return ("+" if value > 0 else "") + number(value)


def value_text(value: float | None, *, approximate: bool = False, derived: bool = False) -> Text:
    if value is None:
        return Text(MISSING, "missing")
    shown = (APPROXIMATE if approximate else "") + number(value) + (DERIVED if derived else "")
    return Text(shown, "derived" if derived else "number")


def day(value: date, inferred: bool = False) -> str:
    return value.isoformat() + ("?" if inferred else "")


def dates(period: PeriodInfo) -> str:
    return f"{day(period.start, period.start_inferred)} – {day(period.end, period.end_inferred)}"


def stated(period: PeriodInfo) -> str:
    length = period.stated_length
    if length is None:
        return MISSING
    unit = length.unit.removesuffix("s") if length.value == 1 else length.unit
    return f"{number(length.value)} {unit}" + (" (implied)" if length.inferred else "")


def period_name(period: PeriodInfo) -> str:
    return period.id + (DERIVED if period.derived else "")


AVERAGE_UNIT = {"weekly-average": "week", "monthly-average": "month", "annual-average": "year"}

INFERRED_NOTE = "? a date the source does not state; see `ocsae periods` for the reason."


# ---------------------------------------------------------------- one view per result


def _periods_section(periods: Sequence[PeriodInfo], title: str | None) -> Section:
    section = Section(
        title,
        [
            Column("Period"),
            Column("Label", wrap=True),
            Column("Dates"),
            Column("Days", "right"),
            Column("Stated"),
            Column("Calendar weeks", "right"),
        ],
    )
    for period in periods:
        section.rows.append(
            [
                Text(period_name(period), "derived" if period.derived else None),
                Text(period.label),
                Text(dates(period)),
                Text(str(period.days), "number"),
                Text(stated(period)),
                Text(weeks(period.calendar_weeks), "number"),
            ]
        )
    if any(p.start_inferred or p.end_inferred for p in periods):
        section.footnotes.append(INFERRED_NOTE)
    if any(p.derived for p in periods):
        section.footnotes.append(
            f"{DERIVED} derived: what is left of a period once a period it contains is taken out."
        )
    return section


def periods_view(result: PeriodsResult) -> list[Section]:
    section = _periods_section(result.periods, None)
    notes = [f"{p.id}: {p.note}" for p in result.periods if p.note]
    section.footnotes.extend(notes)
    return [section]


def metrics_view(result: MetricsResult) -> list[Section]:
    section = Section(
        None, [Column("Metric"), Column("Label"), Column("Unit"), Column("Description", wrap=True)]
    )
    for metric in result.metrics:
        section.rows.append(
            [Text(metric.id), Text(metric.label), Text(metric.unit), Text(metric.description)]
        )
    return [section]


def query_view(result: QueryResult, *, quotes: bool = False) -> list[Section]:
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
            Text(figure.metric),
            Text(figure.period),
            value_text(figure.value, approximate=figure.approximate),
            Text(figure.unit),
            Text(figure.statistic),
            Text(
                f"{day(figure.start, figure.start_inferred)} – "
                f"{day(figure.end, figure.end_inferred)}"
            ),
        ]
        if quotes:
            notes = [n for n in (figure.note, figure.period_note) if n]
            row += [Text(f"“{figure.quote}”"), Text(" ".join(notes) or MISSING, "muted")]
        section.rows.append(row)
    if any(f.approximate for f in result.figures):
        section.footnotes.append(f"{APPROXIMATE} stated approximately (almost, around, over).")
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
}


def weekly_view(result: WeeklyResult) -> list[Section]:
    section = Section(
        None,
        [
            Column("Metric"),
            Column("Period"),
            Column("Value", "right"),
            Column("Statistic"),
            Column("Basis"),
            Column("Weeks", "right"),
            Column("How"),
            Column("Per week", "right"),
        ],
    )
    for row in result.rows:
        how = _METHOD_TEXT[row.method]
        if row.method == "converted" and row.factor is not None:
            how = f"× {row.factor:.4f}"
        section.rows.append(
            [
                Text(row.metric),
                Text(
                    row.period + (DERIVED if row.derived else ""),
                    "derived" if row.derived else None,
                ),
                value_text(row.value, approximate=row.approximate, derived=row.derived),
                Text(row.statistic),
                Text(row.basis),
                Text(weeks(row.weeks), "number"),
                Text(how, "muted"),
                Text(rate(row.rate), "missing" if row.rate is None else "number"),
            ]
        )
    section.footnotes.append(
        "stated: weeks as the source gives them; calendar: inclusive "
        "days / 7. A month is 365.25/12 days."
    )
    if any(r.derived for r in result.rows):
        section.footnotes.append(DERIVED_NOTE)
    return [section]


def _cell_value(cell: Cell) -> Text:
    text = value_text(cell.value, approximate=cell.approximate, derived=cell.derived)
    if cell.value is not None and cell.statistic and cell.statistic != "total":
        text = Text(f"{text.text} ({cell.statistic})", text.style)
    return text


def compare_view(result: CompareResult) -> list[Section]:
    columns = [Column("Metric"), Column("")]
    columns += [Column(period_name(p), "right") for p in result.columns]
    section = Section("Comparison", columns)
    for row in result.rows:
        section.rows.append(
            [Text(row.label), Text("value", "muted"), *(_cell_value(c) for c in row.cells)]
        )
        for position, basis in enumerate(result.bases):
            section.rows.append(
                [
                    Text(""),
                    Text(f"per week, {basis}", "muted"),
                    *(
                        Text(
                            rate(c.rates[position].rate),
                            "missing"
                            if c.rates[position].rate is None
                            else ("derived" if c.derived else "number"),
                        )
                        for c in row.cells
                    ),
                ]
            )
        section.rows.append(
            [
                Text(""),
                Text(f"change vs {result.baseline}", "muted"),
                Text(""),
                *(
                    Text(
                        f"{signed(ch.absolute)} ({percent(ch.relative)})"
                        if ch.absolute is not None
                        else MISSING,
                        "muted" if ch.absolute is not None else "missing",
                    )
                    for ch in row.changes
                ),
            ]
        )
        for basis in result.bases:
            section.rows.append(
                [
                    Text(""),
                    Text(f"rate ratio, {basis}", "muted"),
                    Text(""),
                    *(Text(ratio(ch.rate_ratios.get(basis)), "muted") for ch in row.changes),
                ]
            )
    if not result.rows:
        section.footnotes.append("These periods share no metric.")
    reasons = [
        f"{c.period}, {row.metric}: {c.reason}"
        for row in result.rows
        for c in row.cells
        if c.reason
    ]
    section.footnotes.extend(f"{MISSING} {reason}" for reason in reasons)
    also = [
        f"{row.metric} in {c.period} is also stated as "
        + ", ".join(
            (APPROXIMATE if s.approximate else "")
            + f"{number(s.value)} ({s.qualifier or s.statistic})"
            for s in c.also_stated
        )
        for row in result.rows
        for c in row.cells
        if c.also_stated
    ]
    section.footnotes.extend(also)
    if any(p.derived for p in result.columns):
        section.footnotes.append(DERIVED_NOTE)
    periods = _periods_section(result.columns, "Periods")
    relations = Section(
        "How the periods relate", lines=[Text(r.explanation) for r in result.relations]
    )
    return [periods, section, relations]


_VERDICT_STYLE: dict[str, Style] = {"ok": "ok", "note": "note", "warn": "warn", "fail": "fail"}


def check_view(result: CheckResult) -> list[Section]:
    section = Section(
        None,
        [
            Column("Verdict"),
            Column("Check"),
            Column("Basis"),
            Column("Claim", wrap=True),
            Column("Computed", wrap=True),
            Column("Explanation", wrap=True),
        ],
    )
    for check in result.checks:
        section.rows.append(
            [
                Text(check.verdict.upper(), _VERDICT_STYLE[check.verdict]),
                Text(check.id),
                Text(check.basis or MISSING, None if check.basis else "missing"),
                Text(check.claim),
                Text(check.computed),
                Text(check.explanation),
            ]
        )
    counts = {
        v: sum(1 for c in result.checks if c.verdict == v) for v in ("ok", "note", "warn", "fail")
    }
    section.footnotes.append(
        f"{len(result.checks)} checks: " + ", ".join(f"{n} {v}" for v, n in counts.items()) + "."
    )
    return [section]


def summary_view(result: SummaryResult) -> list[Section]:
    source = result.source
    lines = [Text(f"“{source.title}”", "heading")]
    by = "; ".join(
        a.name + (f" ({', '.join(a.metrics)})" if a.metrics else "") for a in source.attributions
    )
    lines.append(Text(f"Figures from: {by}."))
    if source.people:
        lines.append(
            Text(
                "Quoted: "
                + "; ".join(
                    ", ".join(part for part in (p.name, p.role, p.organisation) if part)
                    for p in source.people
                )
                + "."
            )
        )
    extra = [
        x
        for x in (source.publisher, source.published and source.published.isoformat(), source.url)
        if x
    ]
    if extra:
        lines.append(Text(" · ".join(extra), "muted"))
    periods = _periods_section(result.periods, "Periods")
    if result.omitted.periods and result.limit is not None:  # a cut list is limit long
        periods.footnotes.append(
            f"The first {number(result.limit)} of the file's {number(result.dataset.periods)} "
            "periods, "
            f"here and below ({number(result.dataset.figures)} figures in all, every one "
            "checked): `ocsae summary --all` lists every period, `ocsae weekly` rates them all."
        )
    sections = [Section("Source", lines=lines), periods]

    figures = Section(
        "Figures per week",
        [
            Column("Period"),
            Column("Metric"),
            Column("Value", "right"),
            Column("Per week, stated", "right"),
            Column("Per week, calendar", "right"),
        ],
    )
    grouped: dict[tuple[str, str, float, str], dict[str, float | None]] = {}
    flags: dict[tuple[str, str, float, str], tuple[bool, bool]] = {}
    for row in result.rates:
        key = (row.period, row.metric_label, row.value, row.statistic)
        grouped.setdefault(key, {})[row.basis] = row.rate
        flags[key] = (row.approximate, row.derived)
    previous = None
    for key, rates in grouped.items():
        period, label, value, statistic = key
        approximate, derived = flags[key]
        shown = value_text(value, approximate=approximate, derived=derived)
        if statistic != "total":
            shown = Text(f"{shown.text} a week", shown.style)
        figures.rows.append(
            [
                Text(
                    period + (DERIVED if derived else "") if period != previous else "",
                    "derived" if derived else None,
                ),
                Text(label),
                shown,
                Text(rate(rates.get("stated")), "derived" if derived else "number"),
                Text(rate(rates.get("calendar")), "derived" if derived else "number"),
            ]
        )
        previous = period
    figures.footnotes.append(f"{APPROXIMATE} approximate. {DERIVED_NOTE}")
    sections.append(figures)

    if result.averages:
        averages = Section(
            "Averages over longer spans",
            [
                Column("Metric"),
                Column("Period"),
                Column("Stated", "right"),
                Column("Per week", "right"),
                Column("Per month", "right"),
                Column("Per year", "right"),
            ],
        )
        for average in result.averages:
            unit = AVERAGE_UNIT[average.statistic]
            averages.rows.append(
                [
                    Text(average.metric_label),
                    Text(average.period),
                    Text(
                        f"{APPROXIMATE if average.approximate else ''}{number(average.value)}"
                        f" a {unit}",
                        "number",
                    ),
                    Text(rate(average.per_week), "number"),
                    Text(rate(average.per_month), "number"),
                    Text(rate(average.per_year), "number"),
                ]
            )
        averages.footnotes.append("A month is 365.25/12 days, a year 365.25 days.")
        sections.append(averages)

    tally = result.checks
    counts = ", ".join(f"{n} {v}" for v, n in tally.counts.items())
    check_lines = [
        Text(
            f"{tally.passed} of {tally.total} checks pass ({counts}).",
            "fail" if tally.counts.get("fail") else "ok",
        )
    ]
    check_lines += [Text(f"not ok: {check_id}", "warn") for check_id in tally.not_ok]
    if result.omitted.not_ok:
        check_lines.append(Text(f"… and {number(result.omitted.not_ok)} more not ok.", "warn"))
    check_lines.append(Text("`ocsae check` explains each one.", "muted"))
    sections.append(Section("Checks", lines=check_lines))
    sections.append(
        Section(
            "Next", lines=[Text(f"{hint.command:<38} {hint.purpose}") for hint in result.commands]
        )
    )
    return sections


def validate_view(result: ValidateResult) -> list[Section]:
    return [
        Section(
            None,
            lines=[
                Text(
                    f"ok: {result.file}: {result.figures} figures, {result.periods} periods, "
                    f"{result.metrics} metrics",
                    "ok",
                )
            ],
        )
    ]


def invalid_view(result: InvalidResult) -> list[Section]:
    return [Section(None, lines=[Text(f"{len(result.errors)} problems in {result.file}", "fail")])]


def chart_lines(result: ChartResult, *, width: int, fancy: bool) -> list[Section]:
    """Horizontal bars, one section per metric and basis, scaled to the widest bar."""
    sections: list[Section] = []
    groups: dict[tuple[str, str], list[int]] = {}
    for position, bar in enumerate(result.bars):
        groups.setdefault((bar.metric, bar.basis), []).append(position)
    label_width = max((len(b.period) + 1 for b in result.bars), default=8)
    for (_, basis), positions in groups.items():
        bars = [result.bars[p] for p in positions]
        top = max((b.rate or 0.0 for b in bars), default=0.0)
        section = Section(f"{bars[0].metric_label} per week ({basis})")
        for bar in bars:
            name = (bar.period + (DERIVED if bar.derived else "")).ljust(label_width)
            if bar.rate is None:
                section.lines.append(Text(f"{name} {MISSING}", "missing"))
                continue
            section.lines.append(
                Text(
                    f"{name} {draw(bar.rate, top, width, fancy)} "
                    f"{APPROXIMATE if bar.approximate else ''}{rate(bar.rate)}",
                    "derived" if bar.derived else "number",
                )
            )
        sections.append(section)
    if any(b.derived for b in result.bars):
        sections.append(Section(None, lines=[Text(DERIVED_NOTE, "muted")]))
    if not result.bars:
        sections.append(Section(None, lines=[Text("No figures match these filters.")]))
    return sections


_EIGHTHS = " ▏▎▍▌▋▊▉"


def draw(value: float, top: float, width: int, fancy: bool) -> str:
    """A bar of ``value`` against ``top`` in ``width`` characters (block or ``#``)."""
    if top <= 0:
        return ""
    cells = max(0.0, value / top * width)
    whole = int(cells)
    if not fancy:
        return "#" * whole + ("" if whole or value == 0 else "|")
    remainder = _EIGHTHS[int((cells - whole) * 8)].strip()
    return "█" * whole + remainder
