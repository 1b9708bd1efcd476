"""Keep the README's tour in step with the real output.

A tour block in README.md is a ``<!-- tour -->`` line followed by a
```` ```console ```` fence whose first line is ``$ COMMAND``; the rest of the fence
is what COMMAND prints, piped (so plain, uncoloured output). A JSON shape block
is ``<!-- json-shape: COMMAND -->`` followed by a ```` ```json ```` fence with one
example document.

Regenerate every tour block after changing output:

    python tests/readme_tour.py --update
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

_TOUR = re.compile(
    r"<!-- tour -->\n```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.DOTALL
)
_SHAPE = re.compile(
    r"<!-- json-shape: (?P<command>[^>]+?) -->\n```json\n(?P<example>.*?)```", re.DOTALL
)


@dataclass(frozen=True)
class Block:
    command: str
    text: str  # the documented output or example
    start: int
    end: int


def tour_blocks(readme: str) -> list[Block]:
    """Every tour block, in order."""
    return [
        Block(m["command"], m["output"], m.start("output"), m.end("output"))
        for m in _TOUR.finditer(readme)
    ]


def shape_blocks(readme: str) -> list[Block]:
    """Every JSON shape block, in order."""
    return [
        Block(m["command"], m["example"], m.start("example"), m.end("example"))
        for m in _SHAPE.finditer(readme)
    ]


def run(command: str) -> str:
    """What ``command`` prints when piped, run from the repository root."""
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "NO_COLOR": "1", "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    env.pop("OCSAE_DATA", None)
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return done.stdout


def normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"


def update(path: Path = README) -> int:
    """Rewrite every tour block's output from a real run; returns how many changed."""
    readme = path.read_text(encoding="utf-8")
    changed = 0
    for block in reversed(tour_blocks(readme)):
        fresh = normalise(run(block.command))
        if normalise(block.text) != fresh:
            changed += 1
        readme = readme[: block.start] + fresh + readme[block.end :]
    path.write_text(readme, encoding="utf-8")
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/readme_tour.py --update")
    print(f"{update()} tour blocks updated")
