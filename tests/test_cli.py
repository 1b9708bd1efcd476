"""The ``ocsae`` command line through typer's CliRunner: output, exit codes and messages.

Every test here runs a command as a user would type it and checks what they see:
the JSON fields, the one-line errors on stderr, the exit code, the help text and
shell completion.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import typer
from clirun import Outcome
from clirun import invoke as run_ocsae
from typer.main import get_command

from ocsae_cli import __version__
from ocsae_cli.cli import (
    EXIT_CHECK_FAILED,
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    app,
    complete_metrics,
    complete_periods,
)
from ocsae_cli.render import OutputFormat

PACKAGED_PERIODS = [
    "lockdown",
    "seven-weeks",
    "nca-referrals",
    "q1-2020",
    "year-2019",
    "past-two-years",
]
PACKAGED_METRICS = [
    "arrests",
    "children-protected",
    "warrants-executed",
    "live-investigations",
    "nca-reports",
    "offences",
]
DERIVED = "seven-weeks-before-lockdown"

# Every command and the arguments it needs to produce data.
COMMANDS: dict[str, list[str]] = {
    "summary": ["summary"],
    "query": ["query"],
    "periods": ["periods"],
    "metrics": ["metrics"],
    "weekly": ["weekly"],
    "compare": ["compare", "--period", "lockdown", "--period", "seven-weeks"],
    "check": ["check"],
    "chart": ["chart"],
    "validate": ["validate"],
}

# A made-up file whose container period has fewer cases than a period inside it.
NESTING_FAILS = """\
schema_version = 1

[source]
title = "Made-up bulletin"

[[source.attributions]]
name = "Test office"

[[periods]]
id = "outer"
label = "Eight weeks"
start = 2021-01-01
end = 2021-02-25
stated_length = { value = 8, unit = "weeks" }

[[periods]]
id = "inner"
label = "Four weeks"
start = 2021-01-01
end = 2021-01-28
stated_length = { value = 4, unit = "weeks" }

[[metrics]]
id = "cases"
label = "Cases"
unit = "cases"
description = "Made-up cases."

[[metrics]]
id = "visits"
label = "Visits"
unit = "visits"
description = "Made-up visits."

[[figures]]
metric = "cases"
period = "outer"
value = 30
statistic = "total"
quote = "30 cases in eight weeks"

[[figures]]
metric = "cases"
period = "inner"
value = 40
statistic = "total"
quote = "40 cases in four weeks"
"""


@pytest.fixture(autouse=True)
def _no_data_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start from the packaged figures, whatever the developer's shell sets."""
    monkeypatch.delenv("OCSAE_DATA", raising=False)


def invoke(args: list[str], env: Mapping[str, str | None] | None = None) -> Outcome:
    return run_ocsae(args, env=env)


def run_json(args: list[str]) -> Any:
    result = invoke([*args, "--json"])
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def stderr_lines(result: Outcome) -> list[str]:
    return result.stderr.splitlines()


@pytest.fixture
def nesting_fails(tmp_path: Path) -> Path:
    path = tmp_path / "nesting.toml"
    path.write_text(NESTING_FAILS, encoding="utf-8")
    return path


# ---------------------------------------------------------------- JSON documents


def test_query_json_has_documented_fields() -> None:
    figures = run_json(["query"])
    assert len(figures) == 15
    for figure in figures:
        for field in ("metric", "period", "value", "statistic", "approximate", "quote", "note"):
            assert field in figure, field
    first = figures[0]
    assert (first["metric"], first["period"], first["value"]) == ("arrests", "lockdown", 45)
    assert first["statistic"] == "total"
    assert first["approximate"] is False
    assert "45" in first["quote"]


def test_periods_json_has_documented_fields() -> None:
    periods = run_json(["periods"])
    assert [p["id"] for p in periods] == PACKAGED_PERIODS
    fields = ("id", "label", "start", "end", "days", "stated_length")
    for period in periods:
        for field in (*fields, "start_inferred", "end_inferred"):
            assert field in period, field
    lockdown = periods[0]
    assert (lockdown["start"], lockdown["end"], lockdown["days"]) == (
        "2020-03-23",
        "2020-04-23",
        32,
    )
    assert lockdown["stated_length"]["value"] == 4
    assert lockdown["stated_length"]["unit"] == "weeks"
    seven = periods[1]
    assert seven["end_inferred"] is True
    assert seven["start_inferred"] is False


def test_metrics_json_has_documented_fields() -> None:
    metrics = run_json(["metrics"])
    assert [m["id"] for m in metrics] == PACKAGED_METRICS
    for metric in metrics:
        assert set(metric) >= {"id", "label", "unit", "description"}
        assert metric["label"] and metric["description"]


def test_weekly_json_rows_say_how_each_rate_is_made() -> None:
    rows = run_json(["weekly"])
    for row in rows:
        assert set(row) >= {"basis", "weeks", "method", "rate"}
        assert row["basis"] in ("stated", "calendar")
        assert row["method"] in (
            "divided",
            "passed-through",
            "converted",
            "unavailable",
            "not-a-rate",
        )
        if row["method"] == "not-a-rate":  # "remain level": a change, never divided
            assert (row["statistic"], row["rate"]) == ("percent-change", None)
            assert "not a rate" in row["reason"]
    arrests = {r["basis"]: r for r in rows if (r["metric"], r["period"]) == ("arrests", "lockdown")}
    assert arrests["stated"]["weeks"] == 4
    assert arrests["stated"]["rate"] == 11.25
    assert arrests["calendar"]["rate"] == pytest.approx(45 / (32 / 7), rel=1e-12)
    assert arrests["calendar"]["method"] == "divided"


def test_weekly_basis_option_limits_the_rows() -> None:
    rows = run_json(["weekly", "--basis", "calendar"])
    assert rows
    assert {r["basis"] for r in rows} == {"calendar"}


def test_compare_json_derives_the_weeks_before_lockdown() -> None:
    result = run_json(["compare", "--period", "lockdown", "--period", "seven-weeks"])
    columns = {c["id"]: c for c in result["columns"]}
    assert list(columns) == ["lockdown", "seven-weeks", DERIVED]
    derived = columns[DERIVED]
    assert (derived["start"], derived["end"]) == ("2020-03-02", "2020-03-22")
    assert derived["derived"] is True
    assert columns["lockdown"]["derived"] is False

    expected = {"arrests": 27, "children-protected": 40, "warrants-executed": 55}
    rows = {row["metric"]: row for row in result["rows"]}
    assert set(rows) == set(expected)
    for metric, value in expected.items():
        cell = next(c for c in rows[metric]["cells"] if c["period"] == DERIVED)
        assert cell["derived"] is True
        assert cell["value"] == value
        rates = {r["basis"]: r["rate"] for r in cell["rates"]}
        # 21 days is exactly 3 weeks on both bases.
        assert rates == {"stated": pytest.approx(value / 3), "calendar": pytest.approx(value / 3)}
    arrests = next(c for c in rows["arrests"]["cells"] if c["period"] == DERIVED)
    assert [r["rate"] for r in arrests["rates"]] == [9.0, 9.0]


def test_compare_json_changes_are_against_the_first_period() -> None:
    result = run_json(["compare", "--period", "lockdown", "--period", "seven-weeks"])
    assert result["baseline"] == "lockdown"
    arrests = next(row for row in result["rows"] if row["metric"] == "arrests")
    change = next(c for c in arrests["changes"] if c["period"] == "seven-weeks")
    assert change["absolute"] == 27
    assert change["relative"] == pytest.approx(0.6)


def test_check_json_lists_every_check_with_a_verdict() -> None:
    checks = run_json(["check"])
    assert checks
    fields = {"id", "kind", "subject", "claim", "computed", "verdict", "explanation"}
    for check in checks:
        assert set(check) >= fields
        assert check["verdict"] in ("ok", "note", "warn", "fail")
        assert set(check["subject"]) == {"metrics", "periods"}
    assert not [c for c in checks if c["verdict"] == "fail"]
    ids = [c["id"] for c in checks]
    assert len(ids) == len(set(ids))
    assert "nesting:arrests:seven-weeks:lockdown" in ids


def test_summary_json_has_every_section_and_agrees_with_check() -> None:
    summary = run_json(["summary"])
    assert set(summary) == {
        "source",
        "sources",
        "dataset",
        "limit",
        "omitted",
        "periods",
        "rates",
        "averages",
        "changes",
        "checks",
        "commands",
    }
    assert summary["dataset"] == {"periods": 6, "metrics": 6, "figures": 15}
    assert summary["omitted"] == {"periods": 0, "not_ok": 0}
    assert summary["source"]["title"].startswith("Data shows around 100 children")
    assert DERIVED in [p["id"] for p in summary["periods"]]
    checks = run_json(["check"])
    assert summary["checks"]["total"] == len(checks)
    not_ok = [c["id"] for c in checks if c["verdict"] in ("warn", "fail")]
    assert summary["checks"]["not_ok"] == not_ok
    assert all(c["command"].startswith("ocsae ") for c in summary["commands"])


def test_summary_limit_lists_the_first_periods_and_still_checks_them_all() -> None:
    full = run_json(["summary"])
    two = run_json(["summary", "--limit", "2"])
    assert two["limit"] == 2
    assert [p["id"] for p in two["periods"] if not p["derived"]] == ["lockdown", "seven-weeks"]
    assert two["omitted"] == {"periods": 4, "not_ok": 0}
    assert two["dataset"] == full["dataset"]
    assert two["checks"] == full["checks"]
    assert {r["period"] for r in two["rates"]} == {"lockdown", DERIVED, "seven-weeks"}
    assert two["averages"] == []
    one_table = invoke(["summary", "--limit", "1", "--no-color"])
    assert "The first 1 of the file's 6 periods" in one_table.stdout
    assert "--all" in one_table.stdout
    assert run_json(["summary", "--all"])["limit"] is None


def test_summary_limit_and_all_together_are_a_usage_error() -> None:
    result = invoke(["summary", "--limit", "3", "--all"])
    assert result.exit_code == 2
    assert "not both" in result.stderr


@pytest.mark.parametrize("bad", ["0", "-3", "many"])
def test_summary_limit_must_be_a_positive_whole_number(bad: str) -> None:
    result = invoke(["summary", "--limit", bad])
    assert result.exit_code == 2
    assert "--limit" in result.stderr


def test_chart_json_has_a_bar_per_metric_and_period() -> None:
    bars = run_json(["chart"])
    assert bars
    assert {b["basis"] for b in bars} == {"calendar"}
    arrests = {b["period"]: b["rate"] for b in bars if b["metric"] == "arrests"}
    assert arrests["lockdown"] == pytest.approx(45 / (32 / 7))


def test_schema_prints_a_json_schema_of_the_figures_file() -> None:
    result = invoke(["schema"])
    assert result.exit_code == EXIT_OK
    schema = json.loads(result.stdout)
    assert {"schema_version", "source", "periods", "metrics", "figures"} <= set(
        schema["properties"]
    )


# ---------------------------------------------------------------- query filters


def test_query_approximate_returns_only_approximate_figures() -> None:
    figures = run_json(["query", "--approximate"])
    assert figures
    assert all(f["approximate"] is True for f in figures)


def test_query_exact_returns_only_exact_figures() -> None:
    figures = run_json(["query", "--exact"])
    assert figures
    assert all(f["approximate"] is False for f in figures)


def test_query_exact_and_approximate_together_make_every_figure() -> None:
    every = run_json(["query"])
    exact = run_json(["query", "--exact"])
    approximate = run_json(["query", "--approximate"])
    assert len(exact) + len(approximate) == len(every)


def test_query_statistic_filters() -> None:
    figures = run_json(["query", "--statistic", "weekly-average"])
    assert {(f["metric"], f["period"]) for f in figures} == {
        ("live-investigations", "lockdown"),
        ("nca-reports", "nca-referrals"),
    }
    assert all(f["statistic"] == "weekly-average" for f in figures)


def test_query_metric_and_period_filters_combine() -> None:
    figures = run_json(["query", "--metric", "arrests", "--period", "seven-weeks"])
    assert [(f["metric"], f["period"], f["value"]) for f in figures] == [
        ("arrests", "seven-weeks", 72)
    ]


def test_query_with_no_match_is_empty_not_an_error() -> None:
    figures = run_json(["query", "--metric", "offences", "--statistic", "total"])
    assert figures == []


# ---------------------------------------------------------------- usage errors


def assert_usage_error(result: Outcome, *needles: str) -> None:
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for needle in needles:
        assert needle in lines[0]
    assert "Traceback" not in result.stderr


def test_misspelt_period_suggests_the_right_one() -> None:
    result = invoke(["compare", "--period", "lockdwn", "--period", "seven-weeks"])
    assert_usage_error(result, "unknown period 'lockdwn'", "did you mean 'lockdown'", "--help")


def test_compare_needs_two_periods() -> None:
    result = invoke(["compare", "--period", "lockdown"])
    assert_usage_error(result, "at least two periods")


def test_compare_without_periods_is_a_usage_error() -> None:
    assert_usage_error(invoke(["compare"]), "at least two periods")


def test_compare_refuses_the_same_period_twice() -> None:
    result = invoke(["compare", "--period", "lockdown", "--period", "lockdown"])
    assert_usage_error(result, "'lockdown' is given twice")


@pytest.mark.parametrize("command", ["query", "weekly", "compare", "chart"])
def test_misspelt_metric_suggests_the_right_one(command: str) -> None:
    args = [*COMMANDS[command], "--metric", "arests"]
    assert_usage_error(invoke(args), "unknown metric 'arests'", "did you mean 'arrests'")


def test_unknown_metric_with_nothing_close_lists_the_known_ones() -> None:
    result = invoke(["query", "--metric", "zzzz"])
    assert_usage_error(result, "unknown metric 'zzzz'", "known: arrests, children-protected")


def test_misspelt_statistic_suggests_the_right_one() -> None:
    result = invoke(["query", "--statistic", "weekly-averag"])
    assert_usage_error(result, "did you mean 'weekly-average'")


def test_unknown_format_is_a_usage_error() -> None:
    assert_usage_error(invoke(["query", "--format", "xml"]), "'xml'", "--format")


def test_unknown_basis_is_a_usage_error() -> None:
    assert_usage_error(invoke(["weekly", "--basis", "lunar"]), "'lunar'")


def test_misspelt_command_suggests_the_right_one() -> None:
    assert_usage_error(invoke(["sumary"]), "No such command 'sumary'", "summary")


def test_unknown_option_is_a_usage_error() -> None:
    assert_usage_error(invoke(["summary", "--bogus"]), "--bogus")


def test_format_is_case_insensitive_and_has_a_short_form() -> None:
    upper = invoke(["metrics", "--format", "JSON"])
    short = invoke(["metrics", "-f", "json"])
    assert upper.exit_code == short.exit_code == EXIT_OK
    assert json.loads(upper.stdout) == json.loads(short.stdout)


# ---------------------------------------------------------------- data errors


def _write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "figures.toml"
    path.write_bytes(content)
    return path


PACKAGED_TEXT = (Path(__file__).resolve().parent.parent / "data" / "figures.toml").read_text(
    encoding="utf-8"
)

# name -> (how to make the bad path under tmp_path, a regex the stderr line must match)
BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda tmp: tmp / "nope.toml", r"nope\.toml: no such file"),
    "directory": (lambda tmp: tmp, r": is a directory, not a figures file"),
    "not-utf8": (
        lambda tmp: _write(tmp, b'schema_version = 1\ntitle = "caf\xe9"\n'),
        r"figures\.toml:2:13: not UTF-8 text \(byte 0xe9\)",
    ),
    "empty": (lambda tmp: _write(tmp, b"   \n"), r"figures\.toml: the file is empty"),
    "invalid-toml": (
        lambda tmp: _write(tmp, b"schema_version = 1\n\n[source\n"),
        r"figures\.toml:3:\d+: invalid TOML",
    ),
    "unknown-key": (
        lambda tmp: _write(tmp, (PACKAGED_TEXT + "\nbogus = 1\n").encode()),
        r"figures\.toml:\d+:\d+: figures\[14\]\.bogus: unknown key 'bogus'",
    ),
    "schema-version": (
        lambda tmp: _write(
            tmp, PACKAGED_TEXT.replace("schema_version = 2", "schema_version = 3").encode()
        ),
        r"figures\.toml:1:1: schema_version: unsupported schema_version 3",
    ),
}


def assert_data_error(result: Outcome, pattern: str) -> None:
    assert result.exit_code == EXIT_DATA, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert re.search(pattern, lines[0]), lines[0]


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize("command", ["summary", "query", "check", "validate"])
def test_bad_file_via_data_option_is_one_line_and_exit_3(
    tmp_path: Path, case: str, command: str
) -> None:
    make, pattern = BAD_FILES[case]
    path = make(tmp_path)
    assert_data_error(invoke([command, "--data", str(path)]), pattern)


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_via_environment_is_one_line_and_exit_3(tmp_path: Path, case: str) -> None:
    make, pattern = BAD_FILES[case]
    path = make(tmp_path)
    assert_data_error(invoke(["summary"], env={"OCSAE_DATA": str(path)}), pattern)


def test_missing_file_says_which_setting_named_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.toml")
    by_option = invoke(["periods", "--data", missing])
    by_env = invoke(["periods"], env={"OCSAE_DATA": missing})
    assert "(set by --data)" in by_option.stderr
    assert "(set by OCSAE_DATA)" in by_env.stderr


def test_data_option_wins_over_the_environment(tmp_path: Path, nesting_fails: Path) -> None:
    result = invoke(
        ["periods", "--json", "--data", str(nesting_fails)],
        env={"OCSAE_DATA": str(tmp_path / "nope.toml")},
    )
    assert result.exit_code == EXIT_OK
    assert [p["id"] for p in json.loads(result.stdout)] == ["outer", "inner"]


def test_environment_names_the_file_to_read(nesting_fails: Path) -> None:
    result = invoke(["metrics", "--json"], env={"OCSAE_DATA": str(nesting_fails)})
    assert result.exit_code == EXIT_OK
    assert [m["id"] for m in json.loads(result.stdout)] == ["cases", "visits"]


def test_every_problem_gets_its_own_line(tmp_path: Path) -> None:
    text = PACKAGED_TEXT.replace('label = "2019"', 'lable = "2019"').replace(
        'unit = "arrests"', 'units = "arrests"'
    )
    path = _write(tmp_path, text.encode())
    result = invoke(["summary", "--data", str(path)])
    assert result.exit_code == EXIT_DATA
    lines = stderr_lines(result)
    assert len(lines) == 2, result.stderr
    assert "unknown key 'lable' (did you mean 'label'?)" in lines[0]
    assert "unknown key 'units' (did you mean 'unit'?)" in lines[1]
    assert all(re.match(r"Error: .*figures\.toml:\d+:\d+: ", line) for line in lines)


# ---------------------------------------------------------------- validate


def test_validate_ok_reports_counts(nesting_fails: Path) -> None:
    result = invoke(["validate", str(nesting_fails)])
    assert result.exit_code == EXIT_OK
    assert result.stdout.startswith("ok: ")
    assert "2 figures, 2 periods, 2 metrics" in result.stdout
    assert str(nesting_fails) in result.stdout


def test_validate_packaged_data_by_default() -> None:
    result = invoke(["validate"])
    assert result.exit_code == EXIT_OK
    assert "ok" in result.stdout
    assert "15 figures, 6 periods, 6 metrics" in result.stdout


def test_validate_reads_the_environment_without_a_path(nesting_fails: Path) -> None:
    result = invoke(["validate", "--json"], env={"OCSAE_DATA": str(nesting_fails)})
    assert result.exit_code == EXIT_OK
    assert json.loads(result.stdout) == {
        "ok": True,
        "file": str(nesting_fails),
        "figures": 2,
        "periods": 2,
        "metrics": 2,
    }


def test_validate_invalid_file_exits_3(tmp_path: Path) -> None:
    path = _write(tmp_path, (PACKAGED_TEXT + "\nbogus = 1\n").encode())
    result = invoke(["validate", str(path)])
    assert_data_error(result, r"unknown key 'bogus'")


@pytest.mark.parametrize("flag", [["--json"], ["--format", "json"]])
def test_validate_json_on_invalid_file_prints_the_errors_and_exits_3(
    tmp_path: Path, flag: list[str]
) -> None:
    text = PACKAGED_TEXT.replace('label = "2019"', 'lable = "2019"') + "\nbogus = 1\n"
    path = _write(tmp_path, text.encode())
    result = invoke(["validate", str(path), *flag])
    assert result.exit_code == EXIT_DATA
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["file"] == str(path)
    errors = document["errors"]
    assert {e["path"] for e in errors} == {"periods[4].lable", "figures[14].bogus"}
    for error in errors:
        assert set(error) == {"file", "line", "column", "path", "message"}
        assert isinstance(error["line"], int)
        assert isinstance(error["column"], int)
    # The same problems still go to stderr, one line each.
    assert len(stderr_lines(result)) == 2


def test_validate_json_on_missing_file(tmp_path: Path) -> None:
    result = invoke(["validate", str(tmp_path / "nope.toml"), "--json"])
    assert result.exit_code == EXIT_DATA
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["errors"][0]["line"] is None
    assert "no such file" in document["errors"][0]["message"]


# ---------------------------------------------------------------- check


def test_check_passes_on_the_packaged_figures() -> None:
    result = invoke(["check"])
    assert result.exit_code == EXIT_OK
    assert "FAIL" not in result.stdout
    assert re.search(r"\d+ checks: \d+ ok, \d+ note, \d+ warn, 0 fail\.", result.stdout)


def test_check_exits_1_when_a_container_has_fewer_than_it_contains(nesting_fails: Path) -> None:
    result = invoke(["check", "--data", str(nesting_fails)])
    assert result.exit_code == EXIT_CHECK_FAILED
    assert "FAIL" in result.stdout
    assert "nesting:cases:outer:inner" in result.stdout
    assert result.stderr == ""


def test_check_json_still_exits_1_and_parses(nesting_fails: Path) -> None:
    result = invoke(["check", "--data", str(nesting_fails), "--json"])
    assert result.exit_code == EXIT_CHECK_FAILED
    checks = json.loads(result.stdout)
    failed = [c for c in checks if c["verdict"] == "fail"]
    assert [c["id"] for c in failed] == ["nesting:cases:outer:inner"]
    assert failed[0]["subject"] == {"metrics": ["cases"], "periods": ["outer", "inner"]}


def test_summary_reports_a_failing_check_but_exits_0(nesting_fails: Path) -> None:
    result = invoke(["summary", "--data", str(nesting_fails)])
    assert result.exit_code == EXIT_OK
    assert "not ok: nesting:cases:outer:inner" in result.stdout


# ---------------------------------------------------------------- version and help


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = invoke([flag])
    assert result.exit_code == EXIT_OK
    assert result.stdout == f"ocsae {__version__}\n"
    assert __version__ == "0.1.0"


def test_bare_ocsae_prints_help_once_and_exits_0() -> None:
    result = invoke([])
    assert result.exit_code == EXIT_OK
    assert result.stdout.count("Usage:") == 1, result.stdout
    assert "summary" in result.stdout
    assert result.stderr == ""


def _command_names() -> list[str]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return list(group.commands)


def test_every_command_is_covered_here() -> None:
    assert set(_command_names()) == {*COMMANDS, "schema", "upgrade", "extract", "export"}


def _flat(text: str) -> str:
    """Help text without its box drawing, with runs of whitespace made one space."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("command", _command_names())
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = invoke([command, "--help"])
    assert result.exit_code == EXIT_OK
    assert "Example" in result.stdout
    assert f"ocsae {command}" in result.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_for_data_names_its_default(command: str) -> None:
    help_text = _flat(invoke([command, "--help"]).stdout)
    assert "default: $OCSAE_DATA, else the packaged figures" in help_text
    assert "read ." not in help_text


def test_help_for_approximate_names_its_default() -> None:
    help_text = _flat(invoke(["query", "--help"]).stdout)
    assert "Only approximate figures, or only exact ones (default: both)" in help_text


def test_help_for_validate_path_names_its_default() -> None:
    help_text = _flat(invoke(["validate", "--help"]).stdout)
    assert "default: --data, $OCSAE_DATA or the packaged one" in help_text


def test_root_help_lists_commands_and_completion_options() -> None:
    result = invoke(["--help"])
    assert result.exit_code == EXIT_OK
    for name in _command_names():
        assert name in result.stdout
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout


# ---------------------------------------------------------------- every format


@pytest.mark.parametrize("output", list(OutputFormat))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_renders_in_every_format(command: str, output: OutputFormat) -> None:
    from ocsae_cli.commands.common import formats_of

    publishing = ["--author", "Test Checkers"] if output is OutputFormat.CLAIMREVIEW else []
    if output not in formats_of(command):  # another command's format (Publishing)
        result = invoke([*COMMANDS[command], "--format", output.value])
        assert_usage_error(result, f"ocsae {command} cannot print {output.value}; it prints")
        return
    result = invoke([*COMMANDS[command], "--format", output.value, *publishing])
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout
    if output in (OutputFormat.JSON, OutputFormat.CLAIMREVIEW, OutputFormat.VEGA_LITE):
        json.loads(result.stdout)
    elif output is OutputFormat.CSV:
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len(rows) >= 2
        assert all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_flag_is_the_same_as_format_json(command: str) -> None:
    flag = invoke([*COMMANDS[command], "--json"])
    option = invoke([*COMMANDS[command], "--format", "json"])
    assert flag.exit_code == option.exit_code == EXIT_OK
    assert json.loads(flag.stdout) == json.loads(option.stdout)


def test_json_flag_with_format_is_a_usage_error() -> None:
    # Issue 11: no longer settled silently by the last flag (tests/test_hostile_input.py).
    result = invoke(["metrics", "--format", "csv", "--json"])
    assert_usage_error(result, "give --json or --format, not both")


# ---------------------------------------------------------------- completion


def _context(**params: Any) -> typer.Context:
    context = typer.Context(get_command(app))
    context.params.update(params)
    return context


def test_period_completion_offers_ids_with_labels() -> None:
    offered = complete_periods(_context(), "")
    assert [pid for pid, _ in offered] == PACKAGED_PERIODS
    assert ("lockdown", "Four weeks of lockdown") in offered


def test_period_completion_filters_by_what_is_typed() -> None:
    assert [pid for pid, _ in complete_periods(_context(), "se")] == ["seven-weeks"]
    assert complete_periods(_context(), "zzz") == []


def test_metric_completion_offers_ids_with_labels() -> None:
    offered = complete_metrics(_context(), "")
    assert [mid for mid, _ in offered] == PACKAGED_METRICS
    assert ("arrests", "Arrests") in offered


def test_completion_reads_the_data_option(nesting_fails: Path) -> None:
    context = _context(data=nesting_fails)
    assert complete_periods(context, "") == [("outer", "Eight weeks"), ("inner", "Four weeks")]
    assert complete_metrics(context, "v") == [("visits", "Visits")]


def test_completion_reads_the_environment(
    nesting_fails: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCSAE_DATA", str(nesting_fails))
    assert [pid for pid, _ in complete_periods(_context(), "")] == ["outer", "inner"]
    assert [mid for mid, _ in complete_metrics(_context(), "")] == ["cases", "visits"]


@pytest.mark.parametrize("content", [b"", b"not = [toml", b"\xff\xfe"])
def test_completion_on_a_broken_file_is_silent(
    tmp_path: Path,
    content: bytes,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _write(tmp_path, content)
    assert complete_periods(_context(data=path), "") == []
    assert complete_metrics(_context(data=path), "") == []
    monkeypatch.setenv("OCSAE_DATA", str(tmp_path / "missing.toml"))
    assert complete_periods(_context(), "") == []
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def _bash_complete(words: str) -> Outcome:
    cword = len(words.split(" ")) - 1
    env = {"_OCSAE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    return invoke([], env=env)


def test_bash_completion_of_period_ids() -> None:
    result = _bash_complete("ocsae compare --period ")
    assert result.exit_code == EXIT_OK
    assert result.stdout.split() == PACKAGED_PERIODS
    assert result.stderr == ""


def test_bash_completion_of_metric_ids_with_a_prefix() -> None:
    result = _bash_complete("ocsae query --metric ar")
    assert result.stdout.split() == ["arrests"]


def test_bash_completion_follows_the_data_option(nesting_fails: Path) -> None:
    result = _bash_complete(f"ocsae compare --data {nesting_fails} --period ")
    assert result.stdout.split() == ["outer", "inner"]


def test_bash_completion_of_commands() -> None:
    result = _bash_complete("ocsae sum")
    assert result.stdout.split() == ["summary"]


def test_bash_completion_on_a_broken_file_offers_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, b"not toml [")
    result = _bash_complete(f"ocsae compare --data {path} --period ")
    assert result.exit_code == EXIT_OK
    assert result.stdout.strip() == ""
    assert result.stderr == ""


def test_zsh_completion_shows_labels() -> None:
    env = {"_OCSAE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "ocsae compare --period "}
    result = invoke([], env=env)
    assert result.exit_code == EXIT_OK
    assert '"lockdown":"Four weeks of lockdown"' in result.stdout
