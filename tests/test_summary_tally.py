"""The summary's tally of every check is kept beside the cached dataset and read back.

Counting every check is most of a warm `summary` on a large file; its answer
depends only on the file's bytes and the analysis code, so it is kept in the
cache under a key made of both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import invoke

from ocsae_cli import cache
from ocsae_cli.analysis.checks import tally_data, tally_from_data
from ocsae_cli.analysis.results import CheckTally

TALLY = CheckTally(4, 3, {"ok": 2, "note": 1, "warn": 1, "fail": 0}, ("average-vs-total:x",))


def test_a_tally_goes_to_json_and_back() -> None:
    assert tally_from_data(json.loads(json.dumps(tally_data(TALLY)))) == TALLY


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        {"total": 4},
        tally_data(TALLY) | {"total": 5},  # not the sum of its counts
        tally_data(TALLY) | {"not_ok": []},  # fewer ids than warns and fails
        tally_data(TALLY) | {"counts": {"ok": -1, "note": 1, "warn": 1, "fail": 0}},
        tally_data(TALLY) | {"not_ok": [1]},
    ],
)
def test_anything_else_is_no_tally(bad: object) -> None:
    assert tally_from_data(bad) is None


def test_the_key_changes_with_the_file_the_name_and_the_code() -> None:
    one = cache.derived_key("a" * 40, "summary-tally", "analysis")
    assert one == cache.derived_key("a" * 40, "summary-tally", "analysis")
    assert one != cache.derived_key("b" * 40, "summary-tally", "analysis")
    assert one != cache.derived_key("a" * 40, "other", "analysis")
    assert one != cache.derived_key("a" * 40, "summary-tally", "render")


def test_a_second_summary_reads_the_kept_tally_and_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"OCSAE_CACHE_DIR": str(tmp_path / "cache"), "OCSAE_NO_CACHE": None}
    first = invoke(["summary", "--json"], env=env)
    assert first.exit_code == 0, first.stderr

    def not_again(*args: object) -> CheckTally:
        raise AssertionError("the checks were counted again")

    monkeypatch.setattr("ocsae_cli.analysis.checks.tally_checks", not_again)
    second = invoke(["summary", "--json"], env=env)
    assert second.exception is None
    assert second.stdout == first.stdout


def test_a_damaged_tally_is_counted_again(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    env = {"OCSAE_CACHE_DIR": str(directory), "OCSAE_NO_CACHE": None}
    first = invoke(["summary", "--json"], env=env)
    [small] = directory.glob("*.note.json")  # the tally's entry
    head, _, _ = small.read_bytes().partition(b"\n")
    small.write_bytes(head + b'\n{"total": 99}')
    again = invoke(["summary", "--json"], env=env)
    assert again.exit_code == 0
    assert again.stdout == first.stdout
