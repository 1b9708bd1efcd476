"""Ctrl-C at start-up: what a user sees when ``ocsae`` is interrupted in its first milliseconds.

    python benchmarks/interrupt.py            # 400 interrupts in each window, prints the table
    python benchmarks/interrupt.py --write BENCHMARKS.md

Issue 11's audit sent SIGINT to ``ocsae summary`` at a random moment 10 to 120 ms
after starting it and saw a ``KeyboardInterrupt`` traceback in 22 of 60 runs.
This benchmark repeats that, and the first 40 ms in detail, and sorts every run
by where the interrupt landed:

- **handled**: one empty line on stderr, then killed by SIGINT (a shell shows
  130) or exit 130: ocsae's answer;
- **finished**: the command was done before the signal came (exit 0);
- **killed, silent**: before Python installed its own handler, SIGINT ends
  the process at once, with nothing on stderr (status -2);
- **Python's traceback, before ocsae's first line**: the interpreter's start-up
  (``site``, ``.pth`` files), the console script pip wrote, or the package being
  found, before ``ocsae_cli/launch.py`` installs its handling;
- **traceback in ocsae's code**: a frame in ocsae past that point. There must
  be none; a run of this kind makes the benchmark exit 1.

The floor is a script run the way the console script is (its own file, with a
shebang naming the same interpreter) that installs the same handling on its
first line: its tracebacks are the interpreter's own window, which no program
can close.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sections import write_section

ROOT = Path(__file__).resolve().parents[1]
SECTION = "interrupt"
WINDOWS = ((0.0, 40.0), (10.0, 120.0))  # ms: the start-up in detail, and the audit's window
LAUNCH = ROOT / "ocsae_cli" / "launch.py"
HOOK = "sys.excepthook = _interrupted_outside_run"
FRAME = re.compile(r'^\s*File "(?P<path>[^"]+)", line (?P<line>\d+)', re.MULTILINE)

# The floor: the same handling as launch.py's, on the script's first line.
FLOOR = (
    "#!{python}\n"
    "import os, sys\n"
    "def hook(kind, value, tb):\n"
    "    os.write(2, b'\\n'); os._exit(130)\n"
    "sys.excepthook = hook\n"
    "import time; time.sleep(0.3)\n"
)

HANDLED = "handled: one empty line, 130"
FINISHED = "finished before the signal (exit 0)"
KILLED = "killed before Python's handler, silent"
BEFORE = "Python's traceback, before ocsae's first line"
IN_OCSAE = "traceback in ocsae's code"
OUTCOMES = (HANDLED, FINISHED, KILLED, BEFORE, IN_OCSAE)


def hook_line() -> int:
    """The line of launch.py from which every interrupt is ocsae's to handle."""
    for number, line in enumerate(LAUNCH.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(HOOK):
            return number
    raise SystemExit(f"{LAUNCH}: no line starting {HOOK!r}")


def frames_past_the_hook(stderr: str, first_line: int) -> list[str]:
    """The frames of a traceback in ocsae's code after launch.py has installed its handling.

    ``ocsae_cli/__init__.py`` and launch.py above ``first_line`` run before the
    handling exists, as the interpreter's start-up does.
    """
    past = []
    for frame in FRAME.finditer(stderr):
        path, line = Path(frame["path"]), int(frame["line"])
        if "ocsae_cli" not in path.parts:
            continue
        before = path.name == "__init__.py" and path.parent.name == "ocsae_cli"
        before = before or (path.name == "launch.py" and line < first_line)
        if not before:
            past.append(frame.group(0).strip())
    return past


def outcome(code: int, stderr: str, first_line: int) -> str:
    """Which of OUTCOMES one interrupted run ended in."""
    if frames_past_the_hook(stderr, first_line):
        return IN_OCSAE
    if code in (130, -signal.SIGINT) and stderr == "\n":  # then killed by SIGINT, or 130
        return HANDLED
    if code == 0 and not stderr:
        return FINISHED
    if code == -signal.SIGINT and not stderr:
        return KILLED
    # A traceback, "Fatal Python error", or a bare "KeyboardInterrupt". Some end
    # with exit 0 and the whole output: interrupted while checking whether the
    # script is a zip file, Python prints "Failed checking if argv[0] is an import
    # path entry" and its traceback, then runs the script anyway.
    return BEFORE


@dataclass
class Tally:
    """The outcomes of the runs in one window, and the delays at which each happened."""

    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    delays: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    tracebacks: list[str] = field(default_factory=list)

    def add(self, kind: str, delay_ms: float, stderr: str) -> None:
        self.counts[kind] += 1
        self.delays[kind].append(delay_ms)
        if kind in (BEFORE, IN_OCSAE):
            self.tracebacks.append(f"{kind}, at {delay_ms:.1f} ms:\n{stderr}")

    def cell(self, kind: str) -> str:
        count = self.counts[kind]
        if not count:
            return "0"
        seen = self.delays[kind]
        return f"{count} ({min(seen):.0f}-{max(seen):.0f} ms)"


def interrupt(argv: Sequence[str], window: tuple[float, float], runs: int, seed: int) -> Tally:
    """Start ``argv`` ``runs`` times, each interrupted at a random moment within ``window``."""
    rng = random.Random(seed)
    first_line = hook_line()
    tally = Tally()
    for _ in range(runs):
        delay_ms = rng.uniform(*window)
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(delay_ms / 1000)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        stderr = err.decode(errors="replace")
        tally.add(outcome(process.returncode, stderr, first_line), delay_ms, stderr)
    return tally


def _interpreter(ocsae: Path) -> str:
    """The Python the console script runs (its shebang), for a floor on the same interpreter."""
    first = ocsae.read_text(encoding="utf-8", errors="replace").partition("\n")[0]
    named = first.removeprefix("#!").strip()
    return named if first.startswith("#!") and Path(named).exists() else sys.executable


def _pip_version(python: str) -> str:
    shown = subprocess.run(
        [python, "-m", "pip", "--version"], capture_output=True, text=True, check=False
    ).stdout.split()
    return f"pip {shown[1]}" if len(shown) > 1 else "an unknown installer"


def _script_head(ocsae: Path) -> str:
    lines = ocsae.read_text(encoding="utf-8", errors="replace").splitlines()
    imports = [line for line in lines[1:] if line.startswith(("import ", "from "))]
    return "; ".join(imports)


def render(ocsae: Path, python: str, runs: int, tallies: dict[str, Tally]) -> str:
    """The results as a BENCHMARKS.md section body."""
    rows = [
        "## Ctrl-C at start-up",
        "",
        "Measured by `benchmarks/interrupt.py`: SIGINT sent to `ocsae summary --json` at a",
        f"random moment in each window, {runs} runs a window, on Python "
        f"{sys.version.split()[0]}. The console script",
        f"(`{_script_head(ocsae)}`) enters through `ocsae_cli/launch.py`, which",
        "installs the handling on its first lines, before typer and pydantic import.",
        "Before issue 11's fix the audit saw a traceback in 22 of 60 runs at 10-120 ms,",
        "and the previous layout (handling at the top of `cli.py`, after the package",
        "and `types` were imported) 37 of 200.",
        "",
        "| window | " + " | ".join(OUTCOMES) + " |",
        "|---|" + "---:|" * len(OUTCOMES),
    ]
    for name, tally in tallies.items():
        rows.append(f"| {name} | " + " | ".join(tally.cell(k) for k in OUTCOMES) + " |")
    rows += [
        "",
        "Each cell is a count of runs, with the range of delays at which they happened.",
        "The floor is a script of its own, run as the console script is (same",
        "interpreter, by its shebang), with the same handling on its first line: its",
        "tracebacks are the interpreter starting, which no program can change. What",
        "remains for ocsae beyond it is the console script finding and loading the",
        "package before launch's first line. A console script written by pip older",
        "than 25.0 imports `re` first, which adds several milliseconds to the window;",
        "the README's set-up commands upgrade pip for that reason. This run's console",
        f"script was written by {_pip_version(python)}.",
        "",
        "One more way an interrupt went wrong, seen once in 3,000 runs while hunting the",
        "above: raised inside importlib's module-lock callback at 69 ms, where Python",
        'cannot propagate it, it was printed as "Exception ignored ... KeyboardInterrupt"',
        "and the command ran on to exit 0. `launch` now catches such an interrupt",
        "(`sys.unraisablehook`) and raises it again a millisecond later, outside the",
        "callback, so the command stops; this table counts that as handled, and",
        "`tests/test_launch.py` makes it happen on purpose.",
    ]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the interrupts, print the table, and write it into BENCHMARKS.md with --write."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ocsae", type=Path, default=Path(sys.executable).parent / "ocsae")
    parser.add_argument("--runs", type=int, default=400, help="interrupts in each window")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--write", type=Path, help="put the section into this BENCHMARKS.md")
    parser.add_argument("--details", action="store_true", help="print every traceback seen")
    args = parser.parse_args(argv)
    # Children start with SIGINT as a user's shell leaves it, even when this runs
    # as a background job, whose SIGINT is ignored and would be inherited so.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if not args.ocsae.exists():
        parser.error(f"no console script at {args.ocsae}; pass --ocsae")
    python = _interpreter(args.ocsae)
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as scratch:
        floor = Path(scratch) / "floor"
        floor.write_text(FLOOR.format(python=python), encoding="utf-8")
        floor.chmod(0o755)
        for low, high in WINDOWS:
            span = (low, high)
            tallies[f"ocsae, {low:.0f}-{high:.0f} ms"] = interrupt(
                [str(args.ocsae), "summary", "--json"], span, args.runs, args.seed
            )
            tallies[f"floor, {low:.0f}-{high:.0f} ms"] = interrupt(
                [str(floor)], span, args.runs, args.seed
            )
    body = render(args.ocsae, python, args.runs, tallies)
    print(body)
    for name, tally in tallies.items():
        for report in tally.tracebacks if args.details else ():
            print(f"\n{name}: {report}", file=sys.stderr)
    if args.write:
        write_section(args.write, SECTION, body)
        print(f"written to {args.write}", file=sys.stderr)
    return 1 if any(t.counts[IN_OCSAE] for t in tallies.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
