"""Vega-Lite: the chart's bars as a Vega-Lite v5 specification, data inline.

The same bars as ``ocsae chart``: one panel per metric (each on its own
scale), a bar per period and basis, the rate written at the bar's end. A
derived period is marked three ways: a ``*`` after its label, a paler bar with
a legend, and the footnote the terminal chart prints. Below the chart, a source
line names the article or articles the figures come from: a reporter publishes
no chart without one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ocsae_cli.analysis.results import Bar, ChartResult, Result, SourceInfo
from ocsae_cli.render import embed
from ocsae_cli.render.layout import APPROXIMATE, DERIVED, DERIVED_NOTE, rate

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 360
STATED, DERIVED_FIGURE = "stated by the source", "derived by subtraction"
_BASES = {
    "stated": "Stated basis: each period in the weeks the source gives it.",
    "calendar": "Calendar basis: each period's days, both ends included, divided by 7.",
}


def _source(source: SourceInfo) -> str:
    parts = [f"“{source.title}”"]
    if source.publisher:
        parts.append(source.publisher)
    if source.published:
        day = source.published
        parts.append(f"{day.day} {day:%B %Y}")
    return ", ".join(parts)


def source_line(sources: Sequence[SourceInfo]) -> str:
    """ "Source: “Title”, Publisher, 19 October 2017" (several joined by "; ")."""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"{label}: " + "; ".join(_source(source) for source in sources)


def _datum(bar: Bar) -> dict[str, Any]:
    assert bar.rate is not None
    return {
        "metric": bar.metric,
        "panel": f"{bar.metric_label} per week",
        "period": bar.period,
        "label": bar.period_label + (DERIVED if bar.derived else ""),
        "basis": bar.basis,
        "rate": bar.rate,
        "shown": (APPROXIMATE if bar.approximate else "") + rate(bar.rate),
        "figure": DERIVED_FIGURE if bar.derived else STATED,
    }


def _encoding(bars: Sequence[Bar], bases: list[str]) -> dict[str, Any]:
    encoding: dict[str, Any] = {
        "y": {
            "field": "label",
            "type": "nominal",
            "sort": None,  # the file's order, as the terminal chart
            "title": None,
            "axis": {"labelLimit": 280},
        },
        "x": {"field": "rate", "type": "quantitative", "title": "per week"},
        "tooltip": [
            {"field": "label", "type": "nominal", "title": "period"},
            {"field": "basis", "type": "nominal"},
            {"field": "rate", "type": "quantitative", "title": "per week", "format": ",.2f"},
            {"field": "figure", "type": "nominal"},
        ],
    }
    if len(bases) > 1:
        encoding["yOffset"] = {"field": "basis", "type": "nominal", "sort": bases}
        encoding["color"] = {"field": "basis", "type": "nominal", "sort": bases}
    if any(bar.derived for bar in bars):
        encoding["opacity"] = {
            "field": "figure",
            "type": "nominal",
            "title": None,
            "scale": {"domain": [STATED, DERIVED_FIGURE], "range": [1, 0.4]},
            "legend": {"orient": "top"},
        }
    return encoding


def _title(bars: Sequence[Bar], bases: list[str]) -> dict[str, Any]:
    metrics = list(dict.fromkeys(bar.metric_label for bar in bars))
    text = f"{metrics[0]} per week" if len(metrics) == 1 else "Rates per week"
    return {"text": text, "subtitle": [_BASES[b] for b in bases if b in _BASES], "anchor": "start"}


def _footnotes(result: ChartResult) -> list[str]:
    lines = [source_line(result.sources)] if result.sources else []
    if any(bar.derived for bar in result.bars):
        lines.append(DERIVED_NOTE)
    if any(bar.approximate for bar in result.bars):
        lines.append(f"{APPROXIMATE} stated approximately (almost, around, over).")
    missing = list(dict.fromkeys(bar.period for bar in result.bars if bar.rate is None))
    if missing:
        lines.append(f"Not drawn, with no rate on this basis: {', '.join(missing)}.")
    return lines


def spec(result: ChartResult) -> dict[str, Any]:
    """The Vega-Lite specification of ``result``'s bars, with a title and a source line."""
    drawn = [bar for bar in result.bars if bar.rate is not None]
    bases = list(dict.fromkeys(bar.basis for bar in result.bars))
    panels = list(dict.fromkeys(f"{bar.metric_label} per week" for bar in drawn))
    chart: dict[str, Any] = {
        "data": {"values": [_datum(bar) for bar in drawn]},
        "facet": {
            "row": {
                "field": "panel",
                "type": "nominal",
                "sort": panels,
                "title": None,
                "header": {
                    "labelAngle": 0,
                    "labelAlign": "left",
                    "labelAnchor": "start",
                    "labelOrient": "top",
                    "labelFontWeight": "bold",
                },
            }
        },
        "spec": {
            "width": WIDTH,
            "height": {"step": 20},
            "encoding": _encoding(drawn, bases),
            "layer": [
                {"mark": {"type": "bar"}},
                {
                    "mark": {"type": "text", "align": "left", "dx": 3},
                    "encoding": {"text": {"field": "shown", "type": "nominal"}},
                },
            ],
        },
        "resolve": {"scale": {"x": "independent", "y": "independent"}},
    }
    footer = {
        "data": {
            "values": [{"line": line, "order": n} for n, line in enumerate(_footnotes(result))]
        },
        "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": 11},
        "width": WIDTH,
        "height": {"step": 16},
        "encoding": {
            "x": {"value": 0},
            "y": {"field": "order", "type": "ordinal", "axis": None},
            "text": {"field": "line", "type": "nominal"},
        },
    }
    return {
        "$schema": SCHEMA,
        "title": _title(result.bars, bases) if result.bars else "No figures match these filters",
        "vconcat": [chart, footer],
        "config": {"view": {"stroke": None}},
    }


def dumps(result: Result, *, pretty: bool) -> str:
    """The specification as JSON, safe to paste into a page's ``<script>`` element."""
    if not isinstance(result, ChartResult):
        raise TypeError(
            f"{type(result).__name__} has no Vega-Lite chart "
            "(only `ocsae chart --format vega-lite` prints one)"
        )
    return embed.dumps(spec(result), pretty=pretty)
