"""BENCHMARKS.md is written by several benchmarks: each owns one marked section.

``bench.py`` rewrites the whole file (its speed tables) and keeps every marked
section; every other benchmark replaces only its own section, in place.
"""

from __future__ import annotations

import re
from pathlib import Path

_SECTION = re.compile(
    r"<!-- (?P<name>[\w-]+): written by [^>]*-->.*?<!-- (?P=name): end -->", re.DOTALL
)


def markers(name: str) -> tuple[str, str]:
    """The start and end markers of the section that ``benchmarks/NAME.py`` writes."""
    return (f"<!-- {name}: written by benchmarks/{name}.py --write -->", f"<!-- {name}: end -->")


def write_section(path: Path, name: str, body: str) -> None:
    """Put ``body`` between NAME's markers in ``path``, in place of the old one or at the end."""
    start, end = markers(name)
    section = f"{start}\n{body.rstrip()}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        before = text[: text.index(start)]
        after = text[text.index(end) + len(end) :].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text, encoding="utf-8")


def kept_sections(path: Path) -> str:
    """Every marked section of ``path``, in order, for a benchmark that rewrites the rest."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return "".join(f"\n{match.group(0)}\n" for match in _SECTION.finditer(text))
