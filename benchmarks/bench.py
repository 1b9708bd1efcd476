"""Start-up and scale benchmark for ocsae, as ratios against floors measured in the same run.

    python benchmarks/bench.py            # 1k, 10k and 100k figures; writes BENCHMARKS.md
    python benchmarks/bench.py --quick    # 1k and 10k, 3 runs: a smoke test

Floors:
  (a) start-up: a hello-world typer app importing typer, rich.table and pydantic, printing {}
  (b) parse: ``python -c "import tomli; tomli.load(open(F, 'rb'))"`` on the same file
  and stdlib ``tomllib`` on the same file, as the comparison a user would write.

Each command is a whole process; timings are medians of runs alternated across
commands, so that drift on the machine hits all of them alike. Peak memory is
each process's own maximum resident set (``os.wait4``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
METRICS = ("arrests", "children-protected", "warrants-executed", "referrals", "visits", "cases")

HELLO = """\
import typer, rich.table, pydantic

app = typer.Typer()


@app.command()
def main() -> None:
    print("{}")


app()
"""


def generate(figures: int, path: Path) -> Path:
    """A figures file of about ``figures`` figures, releases 28 days apart.

    Each release has a 4-week period, a 7-week period ending on the same day (so
    it contains the first, and a remainder is derived) and a 33-day period that
    partly overlaps both, with totals for every metric and two weekly averages.
    """
    per_release = 3 * len(METRICS) + 2
    releases = max(1, figures // per_release)
    lines = [
        "schema_version = 1",
        "",
        "[source]",
        'title = "Synthetic benchmark data"',
        "",
        "[[source.attributions]]",
        'name = "Benchmark generator"',
        "",
    ]
    for metric in METRICS:
        lines += [
            "[[metrics]]",
            f'id = "{metric}"',
            f'label = "{metric.title()}"',
            f'unit = "{metric}"',
            f'description = "Synthetic {metric}."',
            "",
        ]
    base = dt.date(2000, 1, 3)
    figure_lines: list[str] = []
    for release in range(releases):
        end = base + dt.timedelta(days=28 * release + 48)
        spans = {
            f"r{release}-four-weeks": (end - dt.timedelta(days=27), 4),
            f"r{release}-seven-weeks": (end - dt.timedelta(days=48), 7),
            f"r{release}-referrals": (end - dt.timedelta(days=20), None),
        }
        for period_id, (start, weeks) in spans.items():
            period_end = end if weeks else end + dt.timedelta(days=12)
            lines += [
                "[[periods]]",
                f'id = "{period_id}"',
                f'label = "Period {period_id}"',
                f"start = {start.isoformat()}",
                f"end = {period_end.isoformat()}",
            ]
            if weeks:
                lines.append(f'stated_length = {{ value = {weeks}, unit = "weeks" }}')
            lines.append("")
        for number, metric in enumerate(METRICS):
            for period_id, (_, weeks) in spans.items():
                value = (release * 7 + number * 13) % 90 + (weeks or 5) * 10
                figure_lines += [
                    "[[figures]]",
                    f'metric = "{metric}"',
                    f'period = "{period_id}"',
                    f"value = {value}",
                    'statistic = "total"',
                    f'quote = "{value} {metric} in {period_id}"',
                    "",
                ]
        for metric in METRICS[:2]:
            period_id = f"r{release}-four-weeks"
            figure_lines += [
                "[[figures]]",
                f'metric = "{metric}"',
                f'period = "{period_id}"',
                "value = 12",
                'statistic = "weekly-average"',
                f'quote = "an average of 12 {metric} a week"',
                "",
            ]
    path.write_text("\n".join(lines + figure_lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Case:
    name: str
    argv: list[str]
    times: list[float]
    peak_kb: int = 0


def run_once(case: Case, env: dict[str, str]) -> None:
    start = time.perf_counter()
    process = subprocess.Popen(
        case.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=OUT
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    assert process.stderr is not None
    errors = process.stderr.read()
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{case.name} exited {code}: {errors.decode(errors='replace')}")
    case.times.append(elapsed)
    case.peak_kb = max(case.peak_kb, usage.ru_maxrss)


def measure(cases: list[Case], runs: int, env: dict[str, str]) -> None:
    for case in cases:  # warm the page cache and bytecode once
        run_once(case, env)
        case.times.clear()
    for _ in range(runs):
        for case in cases:
            run_once(case, env)


def median_ms(case: Case) -> float:
    return statistics.median(case.times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="1k and 10k figures, 3 runs")
    parser.add_argument("--write", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs = [1_000, 10_000], 3

    OUT.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    ocsae = shutil.which("ocsae", path=str(Path(python).parent)) or "ocsae"
    hello = OUT / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "OCSAE_DATA"}

    floor_a = Case("floor (a): hello-world typer app", [python, str(hello)], [])
    startup = [
        floor_a,
        Case("ocsae summary --json (packaged)", [ocsae, "summary", "--json"], []),
        Case("ocsae --help", [ocsae, "--help"], []),
        Case("ocsae --version", [ocsae, "--version"], []),
    ]
    print("measuring start-up ...", file=sys.stderr)
    measure(startup, args.runs, env)

    sized: dict[int, list[Case]] = {}
    for size in args.sizes:
        path = generate(size, OUT / f"figures-{size}.toml")
        data = str(path)
        cases = [
            Case(
                "floor (b): tomli parse",
                [python, "-c", f"import tomli; tomli.load(open({data!r}, 'rb'))"],
                [],
            ),
            Case(
                "stdlib tomllib parse",
                [python, "-c", f"import tomllib; tomllib.load(open({data!r}, 'rb'))"],
                [],
            ),
            Case("summary --json", [ocsae, "summary", "--json", "--data", data], []),
            Case(
                "compare --json",
                [
                    ocsae,
                    "compare",
                    "--period",
                    "r0-four-weeks",
                    "--period",
                    "r0-seven-weeks",
                    "--json",
                    "--data",
                    data,
                ],
                [],
            ),
            Case("weekly --json", [ocsae, "weekly", "--json", "--data", data], []),
            Case("check --json", [ocsae, "check", "--json", "--data", data], []),
            Case("validate", [ocsae, "validate", data], []),
        ]
        print(f"measuring {size:,} figures ...", file=sys.stderr)
        measure(cases, args.runs if size < 100_000 else max(3, args.runs // 2), env)
        sized[size] = cases

    report = render(startup, sized, args.runs)
    print(report)
    args.write.write_text(report, encoding="utf-8")
    print(f"written to {args.write}", file=sys.stderr)


def render(startup: list[Case], sized: dict[int, list[Case]], runs: int) -> str:
    floor_a = median_ms(startup[0])
    out = [
        "# Benchmarks",
        "",
        f"Run on {dt.date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Medians of {runs} alternated runs of whole "
        "processes (3 at 100k figures). Regenerate with `python benchmarks/bench.py`.",
        "",
        "## Start-up, packaged data",
        "",
        "| command | median ms | x floor (a) | peak MB |",
        "|---|---:|---:|---:|",
    ]
    for case in startup:
        out.append(
            f"| {case.name} | {median_ms(case):.1f} | {median_ms(case) / floor_a:.2f} | "
            f"{case.peak_kb / 1024:.1f} |"
        )
    smallest = min(sized) if sized else None
    for size, cases in sized.items():
        floor_b = median_ms(cases[0])
        parse_peak = cases[0].peak_kb
        out += [
            "",
            f"## {size:,} figures",
            "",
            "| command | median ms | x floor (b) | above floor (a), ms | peak MB | x parse peak |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for case in cases:
            out.append(
                f"| {case.name} | {median_ms(case):.1f} | {median_ms(case) / floor_b:.2f} | "
                f"{median_ms(case) - floor_a:.1f} | {case.peak_kb / 1024:.1f} | "
                f"{case.peak_kb / parse_peak:.2f} |"
            )
    if smallest is not None and len(sized) > 1:
        out += [
            "",
            "## Growth",
            "",
            f"Time above floor (a) at each size, against the smallest size ({smallest:,} figures):",
            "",
            "| command | " + " | ".join(f"{s:,}" for s in sized) + " |",
            "|---|" + "---:|" * len(sized),
        ]
        for position in range(2, len(sized[smallest])):
            name = sized[smallest][position].name
            base = median_ms(sized[smallest][position]) - floor_a
            cells = [f"{(median_ms(sized[s][position]) - floor_a) / base:.1f}x" for s in sized]
            out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
