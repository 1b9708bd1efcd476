"""The view of a chart: horizontal bars of weekly rates."""

from __future__ import annotations

from ocsae_cli.analysis.results import Bar, ChartResult
from ocsae_cli.render.layout import (
    APPROXIMATE,
    DERIVED_NOTE,
    INFERRED_DERIVED_NOTE,
    MISSING,
    Column,
    Section,
    Styled,
    StyleName,
    ViewOptions,
    marked,
    rate,
    view,
)

# Columns a chart's table spends on gaps, for the bar's share of a terminal.
_GAPS = 4


@view.register
def chart_view(result: ChartResult, options: ViewOptions) -> list[Section]:
    """A table per metric and basis: period, rate, and a bar scaled to the widest.

    On a terminal the bars take what the period and rate columns leave (10 to
    60 columns); piped, 40. Markdown shows each bar in a code span.
    """
    label_width = max((len(b.period) + 1 for b in result.bars), default=8)
    rate_width = max((len(_rate_text(b)) for b in result.bars), default=8)
    width = 40
    if options.tty:
        width = max(10, min(60, options.width - label_width - max(8, rate_width) - _GAPS))
    sections: list[Section] = []
    groups: dict[tuple[str, str], list[int]] = {}
    for position, bar in enumerate(result.bars):
        groups.setdefault((bar.metric, bar.basis), []).append(position)
    for (_, basis), positions in groups.items():
        bars = [result.bars[p] for p in positions]
        top = max((b.rate or 0.0 for b in bars), default=0.0)
        section = Section(
            f"{bars[0].metric_label} per week ({basis})",
            [Column("Period"), Column("Per week", "right"), Column("Bar", code=True)],
        )
        for bar in bars:
            style: StyleName = "derived" if bar.derived else "number"
            section.rows.append(
                [
                    Styled(
                        marked(bar.period, derived=bar.derived, inferred_from=bar.inferred_from),
                        style,
                    ),
                    Styled(_rate_text(bar), "missing" if bar.rate is None else style),
                    Styled("" if bar.rate is None else draw(bar.rate, top, width, options.fancy)),
                ]
            )
        sections.append(section)
    if any(b.derived for b in result.bars):
        sections.append(Section(None, lines=[Styled(DERIVED_NOTE, "muted")]))
    if any(b.inferred_from for b in result.bars):
        sections.append(Section(None, lines=[Styled(INFERRED_DERIVED_NOTE, "muted")]))
    if not result.bars:
        sections.append(Section(None, lines=[Styled("No figures match these filters.")]))
    return sections


def _rate_text(bar: Bar) -> str:
    if bar.rate is None:
        return MISSING
    return f"{APPROXIMATE if bar.approximate else ''}{rate(bar.rate)}"


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
