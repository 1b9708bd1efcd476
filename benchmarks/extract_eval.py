"""Measure `ocsae extract` against the hand-made gold files of the extraction corpus.

    python benchmarks/extract_eval.py [--json] [--set dev|holdout|seed] [--details]

For each article it runs the extractor (with the gold file's ``published`` date), pairs
gold and extracted figures one to one (same value, within the gold's precision, and the
extracted number inside the gold quote), and prints, per article and per set:

- recall and precision of the values found;
- of the pairs found, the share with the right statistic, the right qualifier, the
  right period dates (where the gold states them: inferred ends are not compared) and,
  for changes and ratios, the right baseline dates (same rule);
- for the packaged article, how many of its figures have the right value, statistic
  and qualifier (the issue asks for at least 13 of 14).

The dev set (``benchmarks/corpus/dev``) is what the rules were written against. The
hold-out (``benchmarks/corpus/holdout``) is read only here, at run time, and reported
separately; nobody tunes against it. ``--speed`` also times a 5,000-word article.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sections import write_section  # noqa: E402

from ocsae_cli.extract import draft_data, extract  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
SEED_TEXT = ROOT / "tests" / "data" / "article.txt"
SEED_GOLD = ROOT / "data" / "figures.toml"
# The packaged article carries no date; the eval dates it the Monday after its figures end.
SEED_PUBLISHED = date(2020, 4, 27)
CHANGES = {"change", "percent-change", "ratio"}
TARGETS = {
    "recall": 0.95,
    "precision": 0.90,
    "statistic": 0.90,
    "qualifier": 0.90,
    "period": 0.85,
}

_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def normalise(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed and quotes/dashes unified, and a map back."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch.translate(_QUOTE_MAP))
        where.append(i)
    return "".join(out), where


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` occurs in ``text``, as spans of ``text``."""
    norm, where = normalise(text)
    needle, _ = normalise(quote)
    needle = needle.strip()
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    at = norm.find(needle)
    while at >= 0:
        spans.append((where[at], where[at + len(needle) - 1] + 1))
        at = norm.find(needle, at + 1)
    return spans


@dataclass
class Pair:
    """One gold figure and the extracted figure paired with it."""

    gold: int
    found: int
    statistic: bool
    qualifier: bool
    period: bool | None
    baseline: bool | None


@dataclass
class Score:
    """Counts for one article or one set."""

    name: str
    gold: int = 0
    found: int = 0
    matched: int = 0
    statistic: int = 0
    qualifier: int = 0
    period_checked: int = 0
    period_right: int = 0
    baseline_checked: int = 0
    baseline_right: int = 0
    value_stat_qual: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts into this one."""
        for name in (
            "gold",
            "found",
            "matched",
            "statistic",
            "qualifier",
            "period_checked",
            "period_right",
            "baseline_checked",
            "baseline_right",
            "value_stat_qual",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds

    def rates(self) -> dict[str, float | None]:
        """Recall, precision and the shares of the matched pairs that are right."""

        def share(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "recall": share(self.matched, self.gold),
            "precision": share(self.matched, self.found),
            "statistic": share(self.statistic, self.matched),
            "qualifier": share(self.qualifier, self.matched),
            "period": share(self.period_right, self.period_checked),
            "baseline": share(self.baseline_right, self.baseline_checked),
        }


def _dates(period: dict[str, Any]) -> str:
    return f"{period.get('start')}..{period.get('end')}"


def _value_match(gold: dict[str, Any], value: float) -> bool:
    want = float(gold["value"])
    tolerance = max(abs(want) * 1e-6, 1e-9)
    precision = gold.get("precision")
    if isinstance(precision, int | float) and precision > 0:
        tolerance = max(tolerance, precision / 2)
    return abs(value - want) <= tolerance


def _stated_ends(period: dict[str, Any] | None) -> dict[str, date]:
    if period is None:
        return {}
    ends: dict[str, date] = {}
    if not period.get("start_inferred") and isinstance(period.get("start"), date):
        ends["start"] = period["start"]
    if not period.get("end_inferred") and isinstance(period.get("end"), date):
        ends["end"] = period["end"]
    return ends


def _dates_right(gold_period: dict[str, Any] | None, found: dict[str, Any] | None) -> bool | None:
    ends = _stated_ends(gold_period)
    if not ends:
        return None
    if found is None:
        return False
    return all(found.get(name) == day for name, day in ends.items())


def evaluate(
    name: str, text: str, gold: dict[str, Any], published: date | None
) -> tuple[Score, dict[str, Any]]:
    """Extract ``text`` and score the draft against ``gold``."""
    began = time.perf_counter()
    draft = extract(text, published=published)
    seconds = time.perf_counter() - began
    data = draft_data(draft)
    score = Score(name, seconds=seconds)
    gold_figures: list[dict[str, Any]] = gold.get("figures", [])
    gold_periods = {p["id"]: p for p in gold.get("periods", [])}
    found_periods = {p["id"]: p for p in data["periods"]}
    found = data["figures"]
    score.gold, score.found = len(gold_figures), len(found)
    options: list[tuple[tuple[int, ...], int, int, Pair]] = []
    for gi, g in enumerate(gold_figures):
        spans = quote_spans(draft.text, g.get("quote", ""))
        for fi, (f, df) in enumerate(zip(found, draft.figures, strict=True)):
            if not _value_match(g, float(f["value"])):
                continue
            if not any(s <= df.start and df.end <= e for s, e in spans):
                continue
            statistic = f["statistic"] == g.get("statistic", "total")
            qualifier = f.get("qualifier") == g.get("qualifier")
            period = _dates_right(
                gold_periods.get(g.get("period", "")), found_periods.get(f["period"])
            )
            baseline: bool | None = None
            if g.get("statistic") in CHANGES:
                baseline = _dates_right(
                    gold_periods.get(g.get("baseline", "")),
                    found_periods.get(f.get("baseline", "")),
                )
            rank = (statistic + qualifier, bool(period), bool(baseline))
            options.append((rank, gi, fi, Pair(gi, fi, statistic, qualifier, period, baseline)))
    options.sort(key=lambda o: o[0], reverse=True)
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs: list[Pair] = []
    for _, gi, fi, pair in options:
        if gi in used_gold or fi in used_found:
            continue
        used_gold.add(gi)
        used_found.add(fi)
        pairs.append(pair)
    score.matched = len(pairs)
    for p in pairs:
        g, f = gold_figures[p.gold], found[p.found]
        score.statistic += p.statistic
        score.qualifier += p.qualifier
        score.value_stat_qual += p.statistic and p.qualifier
        if p.period is not None:
            score.period_checked += 1
            score.period_right += p.period
        if p.baseline is not None:
            score.baseline_checked += 1
            score.baseline_right += p.baseline
        problems = []
        if not p.statistic:
            problems.append(f"statistic {f['statistic']} (gold {g.get('statistic')})")
        if not p.qualifier:
            problems.append(f"qualifier {f.get('qualifier')} (gold {g.get('qualifier')})")
        if p.period is False:
            fp = found_periods.get(f["period"], {})
            gp = gold_periods.get(g["period"], {})
            problems.append(f"period {_dates(fp)} (gold {_dates(gp)})")
        if p.baseline is False:
            fp = found_periods.get(f.get("baseline", ""), {})
            gp = gold_periods.get(g.get("baseline", ""), {})
            problems.append(f"baseline {_dates(fp)} (gold {_dates(gp)})")
        if problems:
            score.wrong.append(f"{g['value']}: " + "; ".join(problems))
    for gi, g in enumerate(gold_figures):
        if gi not in used_gold:
            score.misses.append(f"{g['value']} {g.get('statistic')}: {g.get('quote', '')[:70]}")
    for fi, f in enumerate(found):
        if fi not in used_found:
            df = draft.figures[fi]
            number = draft.text[df.start : df.end]
            score.extras.append(f"{f['value']} {f['statistic']}: {number!r} in {f['quote'][:60]!r}")
    return score, data


def _articles(kind: str) -> list[tuple[str, str, dict[str, Any], date | None]]:
    out: list[tuple[str, str, dict[str, Any], date | None]] = []
    if kind == "seed":
        if SEED_TEXT.exists() and SEED_GOLD.exists():
            gold = tomllib.loads(SEED_GOLD.read_text(encoding="utf-8"))
            out.append(
                ("packaged article", SEED_TEXT.read_text(encoding="utf-8"), gold, SEED_PUBLISHED)
            )
        return out
    folder = CORPUS / kind
    for gold_path in sorted(folder.glob("*.gold.toml")):
        stem = gold_path.name.removesuffix(".gold.toml")
        article = next(
            (
                gold_path.with_name(stem + s)
                for s in (".txt", ".html")
                if gold_path.with_name(stem + s).exists()
            ),
            None,
        )
        if article is None:
            continue
        gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
        sources = gold.get("sources") or [gold.get("source") or {}]
        published = sources[0].get("published")
        out.append((article.name, article.read_text(encoding="utf-8"), gold, published))
    return out


def _speed() -> dict[str, float]:
    """Time the extractor on a 5,000-word article made of the dev articles' paragraphs."""
    paragraphs: list[str] = []
    for path in sorted((CORPUS / "dev").glob("*.txt")):
        paragraphs.extend(
            p for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()
        )
    if not paragraphs:
        paragraphs = [SEED_TEXT.read_text(encoding="utf-8")]
    body: list[str] = ["A long article made of many short ones"]
    words = 0
    while words < 5000:
        for p in paragraphs:
            if p.strip().lower() in ("related", "more for you", "read more", "keep reading"):
                continue
            body.append(p.strip())
            words += len(p.split())
            if words >= 5000:
                break
    text = "\n\n".join(body)
    extract(text, published=date(2020, 6, 1))  # warm the regular-expression cache
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        extract(text, published=date(2020, 6, 1), until="zzzz-no-marker")
        runs.append(time.perf_counter() - began)
    return {
        "words": float(len(text.split())),
        "best_ms": 1000 * min(runs),
        "median_ms": 1000 * sorted(runs)[2],
    }


SECTION = "extract_eval"  # its part of BENCHMARKS.md (benchmarks/sections.py)
RATES = ("recall", "precision", "statistic", "qualifier", "period", "baseline")


def markdown(report: dict[str, Any]) -> str:
    """The evaluation as the body of its BENCHMARKS.md section."""
    rows = [
        "## Extraction quality (`ocsae extract`)",
        "",
        "Measured by `benchmarks/extract_eval.py` against the hand-made gold files of",
        "`benchmarks/corpus/` (its README says how the corpus was written). The hold-out",
        "was written before any rule and is never used to write or tune one; dev articles",
        "are what the rules were written against, so their scores say little on their own.",
        "Period dates are scored only where the gold file states them (not inferred).",
        "",
        "How the hold-out was kept: its five articles were written first, by someone who",
        "wrote no rule. The rule writers never opened them; they ran the hold-out only as",
        "totals, once at the end of each of three rounds of rules (76% on period dates",
        "after the first, 88% after the second, 95% after the third), changing no rule in",
        "answer to a hold-out number. One leak is known: the first rule writer read the",
        "corpus README's one-line description of each hold-out article. The hold-out has",
        "now steered three rounds indirectly, so a new one should be written before the",
        "next round of rules.",
        "",
        "| set | articles | figures | " + " | ".join(RATES) + " | targets |",
        "|---|---:|---:|" + "---:|" * len(RATES) + "---|",
    ]
    for kind, result in report["sets"].items():
        total, rates = result["total"], result["total"]["rates"]
        shown = " | ".join(_fmt(rates[k]).strip() for k in RATES)
        missed = ", ".join(result["targets_missed"]) or "all met"
        articles = len(result["articles"])
        rows.append(f"| {kind} | {articles} | {total['gold']} | {shown} | {missed} |")
    targets = ", ".join(f"{k} {100 * v:.0f}%" for k, v in TARGETS.items())
    rows += ["", f"Targets: {targets}."]
    if "speed" in report:
        speed = report["speed"]
        rows.append(
            f"Speed: a {speed['words']:.0f}-word article in {speed['best_ms']:.0f} ms beyond "
            f"start-up (best of 5; median {speed['median_ms']:.0f} ms; budget 200 ms)."
        )
    return "\n".join(rows) + "\n"


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the table (or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--set", choices=("dev", "holdout", "seed"), action="append", dest="sets")
    parser.add_argument("--details", action="store_true", help="list misses, extras and errors")
    parser.add_argument("--speed", action="store_true", help="time a 5,000-word article")
    parser.add_argument(
        "--write",
        type=Path,
        metavar="FILE",
        help="also put the results in FILE's extraction section (BENCHMARKS.md); implies --speed",
    )
    args = parser.parse_args(argv)
    sets = args.sets or ["dev", "holdout", "seed"]
    report: dict[str, Any] = {"sets": {}, "targets": TARGETS}
    lines: list[str] = []
    header = f"{'article':38} {'gold':>4} {'found':>5} " + " ".join(
        f"{name:>7}" for name in ("recall", "prec.", "stat.", "qual.", "period", "basel.")
    )
    header += f" {'ms':>6}"
    for kind in sets:
        articles = _articles(kind)
        total = Score(f"{kind} total")
        rows = []
        lines.append(f"\n== {kind} ({len(articles)} articles)")
        lines.append(header)
        for name, text, gold, published in articles:
            score, _ = evaluate(name, text, gold, published)
            total.add(score)
            rates = score.rates()
            rows.append({**asdict(score), "rates": rates})
            lines.append(
                f"{name[:38]:38} {score.gold:>4} {score.found:>5} "
                + " ".join(
                    f"{_fmt(rates[k]):>7}"
                    for k in ("recall", "precision", "statistic", "qualifier", "period", "baseline")
                )
                + f" {1000 * score.seconds:6.1f}"
            )
            if args.details:
                for label, items in (
                    ("miss", score.misses),
                    ("extra", score.extras),
                    ("wrong", score.wrong),
                ):
                    for item in items:
                        lines.append(f"    {label}: {item}")
        rates = total.rates()
        lines.append(
            f"{'TOTAL':38} {total.gold:>4} {total.found:>5} "
            + " ".join(
                f"{_fmt(rates[k]):>7}"
                for k in ("recall", "precision", "statistic", "qualifier", "period", "baseline")
            )
            + f" {1000 * total.seconds:6.1f}"
        )
        misses = [k for k, want in TARGETS.items() if rates[k] is not None and rates[k] < want]  # type: ignore[operator]
        lines.append("targets: " + ("all met" if not misses else "missed: " + ", ".join(misses)))
        if kind == "seed" and articles:
            lines.append(
                f"packaged article: {total.value_stat_qual} of {total.gold} figures with the right "
                "value, statistic and qualifier (issue: at least 13 of 14)"
            )
        report["sets"][kind] = {
            "articles": rows,
            "total": {
                **{
                    k: v for k, v in asdict(total).items() if k not in ("misses", "extras", "wrong")
                },
                "rates": rates,
            },
            "targets_missed": misses,
        }
    if args.speed or args.write:
        speed = _speed()
        report["speed"] = speed
        lines.append(
            f"\nspeed: {speed['words']:.0f} words in {speed['best_ms']:.1f} ms (best of 5; median "
            f"{speed['median_ms']:.1f} ms; budget 200 ms)"
        )
    if args.write:
        write_section(args.write, SECTION, markdown(report))
    if args.json:
        json.dump(report, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print("\n".join(lines).lstrip("\n"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
