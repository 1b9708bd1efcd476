"""Start-up cost: what ``ocsae`` imports and reads before it answers.

``--help`` and ``--version`` must answer without the pydantic models or the
figures file, and JSON, CSV and Markdown output must never import rich (the
table renderer's dependency). Each case runs in a fresh interpreter that
records the modules imported and the ``.toml`` files opened.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Every case starts a fresh interpreter.
pytestmark = pytest.mark.slow

# Runs main() with argv from the command line, then writes what it saw to a file.
PROBE = """\
import json, os, sys

opened = []

def audit(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if path.endswith(".toml"):
            opened.append(path)

sys.addaudithook(audit)
report, *args = sys.argv[1:]
from ocsae_cli.cli import main

sys.argv = ["ocsae", *args]
code = None
try:
    main()
except SystemExit as exit:
    code = exit.code
sys.stdout.flush()
with open(report, "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules), "opened": opened}, out)
"""


@dataclass(frozen=True)
class Startup:
    code: int | str | None
    modules: frozenset[str]
    opened: list[str]
    stdout: str
    stderr: str

    def imported(self, package: str) -> bool:
        return any(m == package or m.startswith(f"{package}.") for m in self.modules)


def start(tmp_path: Path, *args: str, data: str | None = None) -> Startup:
    report = tmp_path / "report.json"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("OCSAE_DATA", "NO_COLOR", "FORCE_COLOR")
    }
    if data is not None:
        env["OCSAE_DATA"] = data
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in result.stderr, result.stderr
    found = json.loads(report.read_text(encoding="utf-8"))
    return Startup(
        code=found["code"],
        modules=frozenset(found["modules"]),
        opened=found["opened"],
        stdout=result.stdout,
        stderr=result.stderr,
    )


MISSING = "/nonexistent/figures.toml"


# What ocsae itself must not load to print help or its version. What typer loads
# for its own parsing (it builds parameter coercion with pydantic when a command
# runs) is typer's business and may change with any release.
OWN_HEAVY_MODULES = ("ocsae_cli.model", "ocsae_cli.analysis.figures", "ocsae_cli.render.table")


@pytest.mark.parametrize("args", [["--help"], ["--version"], []], ids=str)
def test_help_and_version_skip_the_models(tmp_path: Path, args: list[str]) -> None:
    startup = start(tmp_path, *args)
    assert startup.code in (0, None)
    assert "ocsae" in startup.stdout
    assert not [name for name in OWN_HEAVY_MODULES if name in startup.modules]
    assert not startup.imported("tomli")


@pytest.mark.parametrize("command", ["summary", "compare", "validate", "schema"])
def test_command_help_skips_the_models(tmp_path: Path, command: str) -> None:
    startup = start(tmp_path, command, "--help")
    assert startup.code in (0, None)
    assert f"ocsae {command}" in startup.stdout
    assert "ocsae_cli.model" not in startup.modules
    assert not startup.imported("tomli")


@pytest.mark.parametrize("command", ["summary", "query", "check"])
def test_command_help_loads_none_of_ocsaes_heavy_modules(tmp_path: Path, command: str) -> None:
    startup = start(tmp_path, command, "--help")
    assert not [name for name in OWN_HEAVY_MODULES if name in startup.modules]


def test_version_does_not_import_rich(tmp_path: Path) -> None:
    startup = start(tmp_path, "--version")
    assert startup.stdout == "ocsae 0.1.0\n"
    assert not startup.imported("rich")


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "--json"],
        ["query", "--format", "csv"],
        ["compare", "--period", "lockdown", "--period", "seven-weeks", "--format", "markdown"],
        ["check", "--json"],
        ["weekly", "--format", "csv"],
        ["validate", "--json"],
        ["schema"],
    ],
    ids=" ".join,
)
def test_machine_output_does_not_import_rich(tmp_path: Path, args: list[str]) -> None:
    startup = start(tmp_path, *args)
    assert startup.code in (0, None)
    assert startup.stdout.strip()
    assert not startup.imported("rich"), sorted(m for m in startup.modules if "rich" in m)


def test_table_output_does_import_rich(tmp_path: Path) -> None:
    # The probe can see rich when it is there: the table renderer uses it.
    startup = start(tmp_path, "metrics")
    assert startup.code in (0, None)
    assert startup.imported("rich")


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["-V"], [], ["compare", "--help"], ["validate", "--help"]],
    ids=str,
)
def test_help_and_version_never_open_the_figures_file(tmp_path: Path, args: list[str]) -> None:
    startup = start(tmp_path, *args, data=MISSING)
    assert startup.code in (0, None)
    assert startup.opened == []
    assert startup.stderr == ""


def test_the_probe_sees_the_figures_file_being_read(tmp_path: Path) -> None:
    startup = start(tmp_path, "metrics", "--json")
    assert len(startup.opened) == 1
    assert startup.opened[0].endswith("figures.toml")
    missing = start(tmp_path, "metrics", data=MISSING)
    assert missing.code == 3
    assert missing.opened == [MISSING]


def test_a_warm_cache_answers_without_parsing_or_validating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCSAE_CACHE_DIR", str(tmp_path / "cache"))  # empty: a cold start
    first = start(tmp_path, "summary", "--json")
    assert first.code in (0, None)
    assert first.imported("tomli")  # the first run parses and validates the file
    warm = start(tmp_path, "summary", "--json")
    assert warm.code in (0, None)
    assert warm.stdout == first.stdout
    assert not warm.imported("tomli")
    assert len(warm.opened) == 1  # read once, to be hashed
