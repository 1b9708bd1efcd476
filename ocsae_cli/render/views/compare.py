"""The view of a comparison: the periods, the table side by side, how they relate."""

from __future__ import annotations

from ocsae_cli.analysis.results import Cell, Change, CompareResult, CompareRow
from ocsae_cli.analysis.wording import number
from ocsae_cli.render.layout import (
    APPROXIMATE,
    DERIVED_NOTE,
    MISSING,
    Column,
    Section,
    Styled,
    StyleName,
    ViewOptions,
    percent,
    period_name,
    rate,
    ratio,
    signed,
    stated_change,
    value_text,
    view,
)
from ocsae_cli.render.views.listing import periods_section


def _cell_value(cell: Cell) -> Styled:
    text = value_text(cell.value, approximate=cell.approximate, derived=cell.derived)
    if cell.value is not None and cell.statistic and cell.statistic != "total":
        text = Styled(f"{text.text} ({cell.statistic})", text.style)
    return text


def _rate_style(cell: Cell, position: int) -> StyleName:
    if cell.rates[position].rate is None:
        return "missing"
    return "derived" if cell.derived else "number"


def _change_text(change: Change) -> Styled:
    if change.absolute is None:
        return Styled(MISSING, "missing")
    return Styled(f"{signed(change.absolute)} ({percent(change.relative)})", "muted")


def _stated_text(change: Change) -> Styled:
    """What the source states for the same two periods, with the check's verdict."""
    if not change.stated:
        return Styled(MISSING, "missing")
    shown = "; ".join(f"{stated_change(s)} {s.verdict}" for s in change.stated)
    worst = max(change.stated, key=lambda s: _SEVERITY[s.verdict]).verdict
    return Styled(shown, worst)


_SEVERITY = {"ok": 0, "note": 1, "warn": 2, "fail": 3}


def _metric_rows(result: CompareResult, row: CompareRow) -> list[list[Styled]]:
    """One metric's lines: values, a rate per basis, the change, a rate ratio per basis."""
    lines = [[Styled(row.label), Styled("value", "muted"), *(_cell_value(c) for c in row.cells)]]
    for position, basis in enumerate(result.bases):
        rates = (Styled(rate(c.rates[position].rate), _rate_style(c, position)) for c in row.cells)
        lines.append([Styled(""), Styled(f"per week, {basis}", "muted"), *rates])
    changes = (_change_text(change) for change in row.changes)
    lines.append(
        [Styled(""), Styled(f"change vs {result.baseline}", "muted"), Styled(""), *changes]
    )
    if any(change.stated for change in row.changes):
        stated = (_stated_text(change) for change in row.changes)
        lines.append([Styled(""), Styled("stated change", "muted"), Styled(""), *stated])
    for basis in result.bases:
        ratios = (Styled(ratio(ch.rate_ratios.get(basis)), "muted") for ch in row.changes)
        lines.append([Styled(""), Styled(f"rate ratio, {basis}", "muted"), Styled(""), *ratios])
    return lines


def _comparison_notes(result: CompareResult) -> list[str]:
    """Why a value is missing, what else is stated, what is derived."""
    notes = [] if result.rows else ["These periods share no metric."]
    notes += [
        f"{MISSING} {c.period}, {row.metric}: {c.reason}"
        for row in result.rows
        for c in row.cells
        if c.reason
    ]
    notes += [
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
    if any(p.derived for p in result.columns):
        notes.append(DERIVED_NOTE)
    return notes


def comparison_section(result: CompareResult) -> Section:
    """The periods side by side, metric by metric."""
    columns = [Column("Metric", wrap=True, group=True), Column("Measure", wrap=True)]
    columns += [Column(period_name(p), "right") for p in result.columns]
    section = Section("Comparison", columns)
    for row in result.rows:
        section.rows.extend(_metric_rows(result, row))
    section.footnotes.extend(_comparison_notes(result))
    return section


@view.register
def compare_view(result: CompareResult, options: ViewOptions) -> list[Section]:
    """The periods compared, the comparison, and how the periods relate."""
    relations = Section(
        "How the periods relate", lines=[Styled(r.explanation) for r in result.relations]
    )
    return [periods_section(result.columns, "Periods"), comparison_section(result), relations]
