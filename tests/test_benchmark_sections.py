"""BENCHMARKS.md holds several benchmarks' results: each rewrites its own part, never another's."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from sections import kept_sections, markers, write_section  # noqa: E402


def test_a_section_is_appended_then_replaced_in_place(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nspeed tables\n", encoding="utf-8")
    start, end = markers("extract_eval")
    write_section(path, "extract_eval", "first run")
    assert path.read_text(encoding="utf-8") == (
        f"# Benchmarks\n\nspeed tables\n\n{start}\nfirst run\n{end}\n"
    )
    write_section(path, "extract_eval", "second run")
    text = path.read_text(encoding="utf-8")
    assert "first run" not in text
    assert text.count(start) == 1
    assert text.startswith("# Benchmarks\n\nspeed tables\n")


def test_two_benchmarks_sections_leave_each_other_alone(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    write_section(path, "extract_eval", "extraction scores")
    write_section(path, "interrupt", "ctrl-c counts")
    write_section(path, "extract_eval", "new extraction scores")
    text = path.read_text(encoding="utf-8")
    assert "ctrl-c counts" in text
    assert "new extraction scores" in text
    assert "\nextraction scores" not in text


def test_the_speed_benchmark_keeps_every_other_section(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("old speed tables\n", encoding="utf-8")
    write_section(path, "extract_eval", "extraction scores")
    write_section(path, "interrupt", "ctrl-c counts")
    kept = kept_sections(path)
    assert "extraction scores" in kept
    assert "ctrl-c counts" in kept
    assert "old speed tables" not in kept
    assert kept.index("extraction scores") < kept.index("ctrl-c counts")


def test_the_published_file_has_the_extraction_section_between_its_markers() -> None:
    start, end = markers("extract_eval")
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert text.count(start) == 1
    assert text.index(start) < text.index(end)
