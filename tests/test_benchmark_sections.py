"""BENCHMARKS.md holds two benchmarks' results: each rewrites its own part, never the other's."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_eval import SECTION_END, SECTION_START, write_section  # noqa: E402


def section(body: str) -> str:
    return f"{SECTION_START}\n{body}\n{SECTION_END}\n"


def test_the_extraction_section_is_appended_then_replaced_in_place(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nspeed tables\n", encoding="utf-8")
    write_section(path, section("first run"))
    assert path.read_text(encoding="utf-8") == "# Benchmarks\n\nspeed tables\n\n" + section(
        "first run"
    )
    write_section(path, section("second run"))
    text = path.read_text(encoding="utf-8")
    assert "first run" not in text
    assert text.count(SECTION_START) == 1
    assert text.startswith("# Benchmarks\n\nspeed tables\n")


def test_the_speed_benchmark_keeps_the_extraction_section(tmp_path: Path) -> None:
    from bench import _kept_sections

    path = tmp_path / "BENCHMARKS.md"
    path.write_text("old speed tables\n\n" + section("extraction scores"), encoding="utf-8")
    kept = _kept_sections(path)
    assert "extraction scores" in kept
    assert "old speed tables" not in kept
