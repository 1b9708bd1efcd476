"""``--format tsv`` and ``--format ndjson`` on every command that prints records (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import invoke

OCSAE = Path(sys.executable).parent / "ocsae"
COMMANDS = [
    ["summary"],
    ["query"],
    ["periods"],
    ["metrics"],
    ["weekly", "--derived"],
    ["compare", "--period", "lockdown", "--period", "seven-weeks"],
    ["check"],
    ["chart"],
    ["validate"],
]
IDS = [args[0] for args in COMMANDS]


@pytest.fixture(autouse=True)
def _no_data_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCSAE_DATA", raising=False)


def records_in_csv(args: list[str]) -> int:
    outcome = invoke([*args, "--format", "csv"])
    assert outcome.exit_code in (0, 1), outcome.output
    return len(outcome.stdout.splitlines()) - 1  # no quoted line break in the packaged file


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_ndjson_is_a_json_object_per_csv_row(args: list[str]) -> None:
    outcome = invoke([*args, "--format", "ndjson"])
    assert outcome.exit_code in (0, 1), outcome.output
    lines = outcome.stdout.splitlines()
    assert all(isinstance(json.loads(line), dict) for line in lines)
    assert len(lines) == records_in_csv(args)


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_tsv_is_a_line_per_csv_row(args: list[str]) -> None:
    outcome = invoke([*args, "--format", "tsv"])
    assert outcome.exit_code in (0, 1), outcome.output
    header, *lines = outcome.stdout.splitlines()
    assert len(lines) == records_in_csv(args)
    assert all(line.count("\t") == header.count("\t") for line in lines)


@pytest.mark.slow
@pytest.mark.parametrize("output", ["tsv", "ndjson", "csv"])
def test_the_installed_ocsae_writes_record_formats(output: str) -> None:
    if not OCSAE.exists():
        pytest.skip("ocsae is not installed beside this Python")
    result = subprocess.run(
        [str(OCSAE), "query", "--format", output],
        capture_output=True,
        check=True,
        timeout=60,
    )
    text = result.stdout.decode("utf-8")
    if output == "ndjson":
        assert all(json.loads(line)["quote"] for line in text.splitlines())
    elif output == "tsv":
        assert text.splitlines()[0].startswith("index\tmetric\t")
        assert "\r\n" not in text
    else:  # RFC 4180: every line ends CRLF
        assert text.count("\r\n") == text.count("\n") > 1
