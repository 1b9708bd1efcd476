"""The view of a chart: horizontal bars of weekly rates."""

from __future__ import annotations

from ocsae_cli.analysis.results import ChartResult
from ocsae_cli.render.layout import (
    APPROXIMATE,
    DERIVED,
    DERIVED_NOTE,
    MISSING,
    Section,
    Styled,
    ViewOptions,
    rate,
    view,
)


@view.register
def chart_view(result: ChartResult, options: ViewOptions) -> list[Section]:
    """Horizontal bars, one section per metric and basis, scaled to the widest bar."""
    width = max(10, min(60, options.width - 40)) if options.tty else 40
    fancy = options.fancy
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
                section.lines.append(Styled(f"{name} {MISSING}", "missing"))
                continue
            section.lines.append(
                Styled(
                    f"{name} {draw(bar.rate, top, width, fancy)} "
                    f"{APPROXIMATE if bar.approximate else ''}{rate(bar.rate)}",
                    "derived" if bar.derived else "number",
                )
            )
        sections.append(section)
    if any(b.derived for b in result.bars):
        sections.append(Section(None, lines=[Styled(DERIVED_NOTE, "muted")]))
    if not result.bars:
        sections.append(Section(None, lines=[Styled("No figures match these filters.")]))
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
