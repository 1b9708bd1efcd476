"""The view of the summary: one screen for a newcomer."""

from __future__ import annotations

from ocsae_cli.analysis.results import SummaryResult
from ocsae_cli.analysis.wording import number
from ocsae_cli.render.layout import (
    APPROXIMATE,
    AVERAGE_UNIT,
    DERIVED_NOTE,
    INFERRED_DERIVED_NOTE,
    Column,
    Section,
    Styled,
    StyleName,
    ViewOptions,
    marked,
    rate,
    stated_change,
    value_text,
    view,
)
from ocsae_cli.render.views.listing import periods_section


def source_section(result: SummaryResult) -> Section:
    """The headline, who the figures are from, who is quoted, and where it appeared."""
    source = result.source
    lines = [Styled(f"“{source.title}”", "heading")]
    by = "; ".join(
        a.name + (f" ({', '.join(a.metrics)})" if a.metrics else "") for a in source.attributions
    )
    lines.append(Styled(f"Figures from: {by}."))
    if source.people:
        people = "; ".join(
            ", ".join(part for part in (p.name, p.role, p.organisation) if part)
            for p in source.people
        )
        lines.append(Styled(f"Quoted: {people}."))
    published = source.published.isoformat() if source.published else None
    extra = [x for x in (source.publisher, published, source.url) if x]
    if extra:
        lines.append(Styled(" · ".join(extra), "muted"))
    return Section("Source", lines=lines)


def listed_periods_section(result: SummaryResult) -> Section:
    """The listed periods, saying how many more the file has."""
    periods = periods_section(result.periods, "Periods")
    if result.omitted.periods and result.limit is not None:  # a cut list is limit long
        periods.footnotes.append(
            f"The first {number(result.limit)} of the file's {number(result.dataset.periods)} "
            f"periods, here and below ({number(result.dataset.figures)} figures in all, every "
            "one checked): `ocsae summary --all` lists every period, `ocsae weekly` rates them "
            "all."
        )
    return periods


def rates_section(result: SummaryResult) -> Section:
    """Each total and weekly average with its rate per week on both bases."""
    figures = Section(
        "Figures per week",
        [
            Column("Period", group=True),
            Column("Metric", wrap=True),
            Column("Value", "right"),
            Column("Per week, stated", "right"),
            Column("Per week, calendar", "right"),
        ],
    )
    previous = None
    for pair in result.rate_pairs():
        shown = value_text(pair.value, approximate=pair.approximate, derived=pair.derived)
        if pair.statistic != "total":
            shown = Styled(f"{shown.text} a week", shown.style)
        style: StyleName = "derived" if pair.derived else "number"
        name = (
            marked(pair.period, derived=pair.derived, inferred_from=pair.inferred_from)
            if pair.period != previous
            else ""
        )
        figures.rows.append(
            [
                Styled(name, "derived" if pair.derived else None),
                Styled(pair.metric_label),
                shown,
                Styled(rate(pair.stated), style),
                Styled(rate(pair.calendar), style),
            ]
        )
        previous = pair.period
    figures.footnotes.append(f"{APPROXIMATE} approximate. {DERIVED_NOTE}")
    if any(pair.inferred_from for pair in result.rate_pairs()):
        figures.footnotes.append(INFERRED_DERIVED_NOTE)
    return figures


def averages_section(result: SummaryResult) -> Section:
    """Monthly and annual averages with their equivalents per week, month and year."""
    averages = Section(
        "Averages over longer spans",
        [
            Column("Metric", wrap=True),
            Column("Period"),
            Column("Stated", "right"),
            Column("Per week", "right"),
            Column("Per month", "right"),
            Column("Per year", "right"),
        ],
    )
    for average in result.averages:
        shown = f"{APPROXIMATE if average.approximate else ''}{number(average.value)}"
        averages.rows.append(
            [
                Styled(average.metric_label),
                Styled(average.period),
                Styled(f"{shown} a {AVERAGE_UNIT[average.statistic]}", "number"),
                Styled(rate(average.per_week), "number"),
                Styled(rate(average.per_month), "number"),
                Styled(rate(average.per_year), "number"),
            ]
        )
    averages.footnotes.append("A month is 365.25/12 days, a year 365.25 days.")
    return averages


def changes_section(result: SummaryResult) -> Section:
    """The changes the source states for the listed periods, each beside what its figures give."""
    section = Section(
        "Stated changes",
        [
            Column("Metric", wrap=True),
            Column("Period"),
            Column("Against"),
            Column("Stated", "right"),
            Column("Computed", "right"),
            Column("Verdict"),
        ],
    )
    for change in result.changes:
        section.rows.append(
            [
                Styled(change.metric),
                Styled(change.period),
                Styled(change.baseline),
                Styled(stated_change(change), "number"),
                Styled(change.computed, "number"),
                Styled(change.verdict.upper(), change.verdict),
            ]
        )
    section.footnotes.append("`ocsae check` explains each verdict (kind `change`).")
    return section


def checks_section(result: SummaryResult) -> Section:
    """How many checks pass, and the ids of those that do not."""
    tally = result.checks
    counts = ", ".join(f"{n} {v}" for v, n in tally.counts.items())
    lines = [
        Styled(
            f"{tally.passed} of {tally.total} checks pass ({counts}).",
            "fail" if tally.counts.get("fail") else "ok",
        )
    ]
    lines += [Styled(f"not ok: {check_id}", "warn") for check_id in tally.not_ok]
    if result.omitted.not_ok:
        lines.append(Styled(f"… and {number(result.omitted.not_ok)} more not ok.", "warn"))
    lines.append(Styled("`ocsae check` explains each one.", "muted"))
    return Section("Checks", lines=lines)


def next_section(result: SummaryResult) -> Section:
    """What to run next."""
    section = Section("Next", [Column("Command"), Column("What it does", wrap=True)])
    section.rows = [[Styled(hint.command), Styled(hint.purpose)] for hint in result.commands]
    return section


@view.register
def summary_view(result: SummaryResult, options: ViewOptions) -> list[Section]:
    """One screen: source, periods, rates, averages and changes (if any), checks, what next."""
    sections = [source_section(result), listed_periods_section(result), rates_section(result)]
    if result.averages:
        sections.append(averages_section(result))
    if result.changes:
        sections.append(changes_section(result))
    sections.append(checks_section(result))
    if result.commands:
        sections.append(next_section(result))
    return sections
