"""``ocsae upgrade``: schema 1 files rewritten as schema 2, comments and all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import invoke

from ocsae_cli.load import packaged_data_path
from ocsae_cli.upgrade import UpgradeError, upgrade_text

PACKAGED = packaged_data_path().read_text(encoding="utf-8")


def test_the_packaged_file_upgrades_to_a_valid_schema_2_file_with_its_comments() -> None:
    upgraded = upgrade_text(PACKAGED)
    assert upgraded.startswith("schema_version = 2\n")
    assert '[[sources]]\nid = "article"\n' in upgraded
    assert "[[sources.attributions]]" in upgraded and "[source]" not in upgraded
    comments = [line for line in PACKAGED.splitlines() if line.startswith("#")]
    assert all(comment in upgraded for comment in comments)


def test_upgrading_twice_changes_nothing_more() -> None:
    once = upgrade_text(PACKAGED)
    assert upgrade_text(once) == once


def test_the_upgraded_file_gives_the_same_figures_and_checks(tmp_path: Path) -> None:
    new = tmp_path / "new.toml"
    result = invoke(["upgrade", str(packaged_data_path())])
    assert result.exit_code == 0, result.stderr
    new.write_text(result.stdout, encoding="utf-8")
    for command in (["query", "--json"], ["check", "--json"], ["weekly", "--json"]):
        old = json.loads(invoke([*command, "--data", str(packaged_data_path())]).stdout)
        upgraded = json.loads(invoke([*command, "--data", str(new)]).stdout)
        assert upgraded == old, command


def test_upgrade_reads_standard_input() -> None:
    result = invoke(["upgrade", "-"], input=PACKAGED)
    assert result.exit_code == 0
    assert result.stdout == upgrade_text(PACKAGED)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version = 7\n", "schema_version must be 1 or 2 to upgrade, not 7"),
        ("schema_version = \n", "invalid TOML"),
        ("title = 'no version'\n", "schema_version must be 1 or 2 to upgrade, not None"),
    ],
)
def test_what_cannot_be_upgraded_is_one_line_and_exit_3(text: str, message: str) -> None:
    result = invoke(["upgrade", "-"], input=text)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    with pytest.raises(UpgradeError):
        upgrade_text(text)


def test_an_invalid_schema_1_file_is_reported_not_printed(tmp_path: Path) -> None:
    broken = PACKAGED.replace('id = "lockdown"', 'id = "Lockdown"', 1)
    result = invoke(["upgrade", "-"], input=broken)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "periods[0].id" in result.stderr
