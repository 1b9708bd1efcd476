"""Check the extraction corpus: every gold file parses, fits schema 2 and quotes its article.

Run from anywhere: ``python benchmarks/corpus/check_gold.py``. It prints the number of gold
figures per article and in total, and every problem it finds; it exits 1 when there is one.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent
SETS = ("holdout", "dev")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STATISTICS = {
    "total",
    "weekly-average",
    "monthly-average",
    "annual-average",
    "daily-average",
    "change",
    "percent-change",
    "ratio",
    "share",
}
NEEDS_BASELINE = {"change", "percent-change", "ratio"}
SIGNED = {"change", "percent-change"}
QUALIFIERS = {"almost", "around", "over", "under", "at-least", "up-to"}
PUBLISHED = re.compile(r"^# published: (\d{4}-\d{2}-\d{2})$")
# Elements whose whole content is page furniture or code, never article text.
NON_TEXT = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL | re.IGNORECASE)


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space (HTML does not keep line breaks)."""
    return " ".join(text.split())


def html_text(page: str) -> str:
    """The readable text of an HTML page: no tags, scripts or entities."""
    return squash(html.unescape(TAG.sub(" ", NON_TEXT.sub(" ", page))))


def article_of(gold: Path) -> Path | None:
    """The article a gold file belongs to: same stem, ``.txt`` or ``.html``."""
    stem = gold.name.removesuffix(".gold.toml")
    for suffix in (".txt", ".html"):
        candidate = gold.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def headline(article: Path, raw: str) -> str:
    """The headline: a text article's first line, or an HTML page's ``<h1>``."""
    if article.suffix == ".html":
        found = H1.search(raw)
        return html_text(found.group(1)) if found else ""
    return raw.split("\n", 1)[0].strip()


def check_ids(data: dict[str, Any], problems: list[str]) -> None:
    """Ids are kebab-case, at most 64 characters, and unique within their table."""
    for table in ("sources", "periods", "metrics"):
        seen: set[str] = set()
        for row in data.get(table, []):
            ident = row.get("id", "")
            if not ID.match(ident) or len(ident) > 64:
                problems.append(f"{table}: bad id {ident!r}")
            if ident in seen:
                problems.append(f"{table}: duplicate id {ident!r}")
            seen.add(ident)


def check_periods(data: dict[str, Any], problems: list[str]) -> None:
    """Periods end on or after their start; an inferred end or start has a review note."""
    for period in data.get("periods", []):
        ident = period.get("id")
        start, end = period.get("start"), period.get("end")
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            problems.append(f"period {ident}: start and end must be dates")
        elif end < start:
            problems.append(f"period {ident}: ends before it starts")
        inferred = period.get("start_inferred") or period.get("end_inferred")
        if inferred and not str(period.get("note", "")).startswith("review:"):
            problems.append(f"period {ident}: inferred, but its note does not start 'review:'")


def check_figure(
    n: int, figure: dict[str, Any], data: dict[str, Any], text: str, problems: list[str]
) -> None:
    """One figure: known references, schema 2's rules, and a quote found in the article."""
    periods = {p["id"] for p in data.get("periods", [])}
    metrics = {m["id"] for m in data.get("metrics", [])}
    where = f"figures[{n}]"
    statistic = figure.get("statistic")
    value = figure.get("value")
    if figure.get("metric") not in metrics:
        problems.append(f"{where}: unknown metric {figure.get('metric')!r}")
    if figure.get("period") not in periods:
        problems.append(f"{where}: unknown period {figure.get('period')!r}")
    if statistic not in STATISTICS:
        problems.append(f"{where}: unknown statistic {statistic!r}")
    if statistic in NEEDS_BASELINE and figure.get("baseline") not in periods:
        problems.append(f"{where}: {statistic} needs a known baseline period")
    if statistic not in NEEDS_BASELINE and "baseline" in figure:
        problems.append(f"{where}: {statistic} takes no baseline")
    if figure.get("baseline") is not None and figure.get("baseline") == figure.get("period"):
        problems.append(f"{where}: baseline is the figure's own period")
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where}: value must be a number")
    elif statistic not in SIGNED and value < 0:
        problems.append(f"{where}: {statistic} cannot be negative")
    elif statistic == "share" and value > 100:
        problems.append(f"{where}: a share is at most 100")
    qualifier = figure.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        problems.append(f"{where}: unknown qualifier {qualifier!r}")
    if qualifier is not None and figure.get("approximate") is not True:
        problems.append(f"{where}: a qualifier needs approximate = true")
    precision = figure.get("precision")
    if precision is not None and not (isinstance(precision, int | float) and precision > 0):
        problems.append(f"{where}: precision must be positive")
    quote = figure.get("quote", "")
    if not quote or quote not in text:
        problems.append(f"{where}: quote not in article: {quote!r}")


def check(gold: Path, index: dict[str, dict[str, Any]]) -> tuple[int, list[str]]:
    """Check one gold file; return its number of figures and its problems."""
    problems: list[str] = []
    raw_gold = gold.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw_gold)
    except tomllib.TOMLDecodeError as error:
        return 0, [f"not TOML: {error}"]
    article = article_of(gold)
    if article is None:
        return 0, ["no article (.txt or .html) beside it"]
    raw = article.read_text(encoding="utf-8")
    text = html_text(raw) if article.suffix == ".html" else raw
    if data.get("schema_version") != 2:
        problems.append("schema_version is not 2")
    sources = data.get("sources", [])
    if len(sources) != 1 or sources[0].get("id") != "article":
        problems.append("expected one source with id 'article'")
    source: dict[str, Any] = sources[0] if sources else {}
    if source.get("title") != headline(article, raw):
        problems.append(f"source title is not the headline {headline(article, raw)!r}")
    published = source.get("published")
    stamp = PUBLISHED.match(raw_gold.split("\n", 1)[0])
    if not stamp or not isinstance(published, dt.date) or stamp.group(1) != published.isoformat():
        problems.append("first line '# published: YYYY-MM-DD' does not match sources.published")
    check_ids(data, problems)
    check_periods(data, problems)
    figures = data.get("figures", [])
    for n, figure in enumerate(figures):
        check_figure(n, figure, data, text, problems)
    entry = index.get(f"{gold.parent.name}/{article.name}")
    if entry is None:
        problems.append("not listed in index.toml")
    else:
        if entry.get("published") != published:
            problems.append("index.toml gives another publication date")
        if entry.get("figures") != len(figures):
            problems.append(
                f"index.toml says {entry.get('figures')} figures, gold has {len(figures)}"
            )
    return len(figures), problems


def main() -> int:
    """Check every gold file in the corpus and print counts and problems."""
    index_rows = tomllib.loads((CORPUS / "index.toml").read_text(encoding="utf-8"))["articles"]
    index = {row["file"]: row for row in index_rows}
    total, failed, checked = 0, 0, set()
    for name in SETS:
        for gold in sorted((CORPUS / name).glob("*.gold.toml")):
            count, problems = check(gold, index)
            article = article_of(gold)
            checked.add(f"{name}/{article.name}" if article else "")
            total += count
            print(f"{name}/{gold.name}: {count} figures")
            for problem in problems:
                print(f"  PROBLEM {problem}")
            failed += bool(problems)
    for missing in sorted(set(index) - checked):
        print(f"index.toml lists {missing}, which has no gold file")
        failed += 1
    print(f"{len(checked)} articles, {total} gold figures, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
