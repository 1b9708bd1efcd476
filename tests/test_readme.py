"""The README is the front door: its tour and JSON shapes must match the real tool."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from readme_tour import README, normalise, run, shape_blocks, tour_blocks
from typer.main import get_command, get_command_name

from ocsae_cli.commands import COMMANDS, app

README_TEXT = README.read_text(encoding="utf-8")


def _shape_differences(documented: Any, real: Any, path: str = "$") -> list[str]:
    """Where a documented JSON example and real output differ in keys or nesting."""
    if isinstance(documented, dict) or isinstance(real, dict):
        if not (isinstance(documented, dict) and isinstance(real, dict)):
            return [f"{path}: object in one, not the other"]
        problems = [
            f"{path}.{key}: documented, not in output" for key in documented.keys() - real.keys()
        ]
        problems += [
            f"{path}.{key}: in output, not documented" for key in real.keys() - documented.keys()
        ]
        for key in documented.keys() & real.keys():
            problems += _shape_differences(documented[key], real[key], f"{path}.{key}")
        return problems
    if isinstance(documented, list) or isinstance(real, list):
        if not (isinstance(documented, list) and isinstance(real, list)):
            return [f"{path}: array in one, not the other"]
        if documented and real:
            return _shape_differences(documented[0], real[0], f"{path}[0]")
    return []


def test_readme_has_the_two_setup_commands() -> None:
    assert "ocsae summary" in README_TEXT
    assert "python -m pytest" in README_TEXT


def test_readme_tours_every_command() -> None:
    toured = " ".join(block.command for block in tour_blocks(README_TEXT))
    for command in (
        "summary",
        "periods",
        "metrics",
        "query",
        "weekly",
        "compare",
        "check",
        "chart",
        "validate",
        "schema",
    ):
        assert f"ocsae {command}" in toured, f"the README tour never runs `ocsae {command}`"


def command_names() -> list[str]:
    """The name of every command in ``COMMANDS``, as a user types it."""
    return [get_command_name(command.__name__) for command in COMMANDS]


def test_commands_lists_every_command_of_the_app() -> None:
    group = get_command(app)
    assert hasattr(group, "commands")
    assert sorted(command_names()) == sorted(group.commands)


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_documented(name: str) -> None:
    """As sqlite-utils checks: a new command is not done until the README shows it."""
    headings = [line for line in README_TEXT.splitlines() if line.startswith("#")]
    toured = [block.command for block in tour_blocks(README_TEXT)]
    mention = re.compile(rf"\bocsae {re.escape(name)}\b")
    assert any(mention.search(text) for text in [*headings, *toured]), (
        f"`ocsae {name}` is in neither a README heading nor the tour"
    )


@pytest.mark.slow  # runs every tour command as a process
@pytest.mark.parametrize("block", tour_blocks(README_TEXT), ids=lambda b: b.command)
def test_tour_output_is_real(block: Any) -> None:
    assert normalise(run(block.command)) == normalise(block.text), (
        f"README output of `{block.command}` is stale: run `python tests/readme_tour.py --update`"
    )


@pytest.mark.slow  # runs every documented command as a process
@pytest.mark.parametrize("block", shape_blocks(README_TEXT), ids=lambda b: b.command)
def test_documented_json_shape_matches_real_output(block: Any) -> None:
    documented = json.loads(block.text)
    real = json.loads(run(block.command))
    if isinstance(real, list):
        assert real, f"`{block.command}` printed an empty list"
    assert _shape_differences(documented, real) == []
