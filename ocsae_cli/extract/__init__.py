"""Extraction: from an article's text to a draft figures file (schema 2).

Pure functions over strings and dates: no files, no printing. ``ocsae extract`` reads
the article and writes what :func:`extract` returns; the benchmark in
``benchmarks/extract_eval.py`` measures it against hand-made gold files.
"""

from .draft import (
    Draft,
    DraftFigure,
    DraftMetric,
    DraftPeriod,
    DraftSource,
    ReviewItem,
    draft_data,
    draft_json_data,
    extract,
    review_comments,
)
from .text import cut_furniture, html_to_text, looks_like_html

__all__ = [
    "Draft",
    "DraftFigure",
    "DraftMetric",
    "DraftPeriod",
    "DraftSource",
    "ReviewItem",
    "cut_furniture",
    "draft_data",
    "draft_json_data",
    "extract",
    "html_to_text",
    "looks_like_html",
    "review_comments",
]
