"""Conventions users reach for (issue 13), in-process through ``cli.run``.

Figure indexes that join outputs, derived period ids accepted back, ``check
--fail-on``, ocsae's own message for an unknown format, ``--data`` before the
command and from stdin, a date-time where a date belongs, the exit codes the
README's table promises, and plain help. The same conventions through the
installed ``ocsae`` are in ``test_conventions_installed.py``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import invoke
from typer.main import get_command

from ocsae_cli.commands import app
from ocsae_cli.load import packaged_data_path

PACKAGED = {"OCSAE_DATA": None, "NO_COLOR": None, "TERM": None, "COLUMNS": None}


def ocsae_json(*args: str, env: dict[str, str | None] | None = None) -> Any:
    outcome = invoke([*args, "--json"], env={**PACKAGED, **(env or {})})
    assert outcome.exit_code in (0, 1), outcome.stderr
    return json.loads(outcome.stdout)


def figures() -> list[dict[str, Any]]:
    return list(ocsae_json("query"))


# ---------------------------------------------------------------- indexes that join


def by_index() -> dict[int, dict[str, Any]]:
    return {figure["index"]: figure for figure in figures()}


def assert_joins(record: dict[str, Any], known: dict[int, dict[str, Any]]) -> None:
    """The record's figure is query's figure of that index: same metric, period and value."""
    figure = known[record["index"]]
    assert (figure["metric"], figure["period"], figure["value"]) == (
        record["metric"],
        record["period"],
        record["value"],
    ), record


def test_weekly_records_carry_the_index_of_query() -> None:
    known = by_index()
    rows = ocsae_json("weekly", "--derived")
    stated = [row for row in rows if not row["derived"]]
    assert stated and all(row["index"] is not None for row in stated)
    for row in stated:
        assert_joins(row, known)
    assert all(row["index"] is None for row in rows if row["derived"])
    assert {row["index"] for row in stated} == set(known)  # every figure has a rate


def test_two_figures_of_the_same_value_are_two_records() -> None:
    # The lede's "almost 100" and the headline's "around 100" children: one value, two figures.
    hundreds = [f for f in figures() if f["value"] == 100 and f["metric"] == "children-protected"]
    assert len(hundreds) == 2
    rows = ocsae_json("weekly", "--metric", "children-protected", "--basis", "stated")
    keys = [(row["index"], row["period"], row["value"]) for row in rows]
    assert len(keys) == len(set(keys))
    assert {h["index"] for h in hundreds} <= {row["index"] for row in rows}


def test_summary_rates_and_averages_carry_the_index() -> None:
    known = by_index()
    summary = ocsae_json("summary")
    for row in summary["rates"]:
        if row["derived"]:
            assert row["index"] is None
        else:
            assert_joins(row, known)
    assert summary["averages"]
    for average in summary["averages"]:
        assert_joins(average, known)
    hundreds = {
        row["index"] for row in summary["rates"] if row["value"] == 100 and not row["derived"]
    }
    assert len(hundreds) == 2


def test_summary_table_shows_each_figure_once() -> None:
    outcome = invoke(["summary"], env=PACKAGED)
    rates = outcome.stdout.split("Figures per week")[1].split("\n\n")[0]
    assert rates.count("~100") == 2  # almost 100 and around 100: two figures, two rows


def test_chart_bars_carry_the_index_of_the_figure_drawn() -> None:
    known = by_index()
    bars = ocsae_json("chart", "--derived")
    for bar in bars:
        if bar["derived"]:
            assert bar["index"] is None
            continue
        figure = known[bar["index"]]
        assert (figure["metric"], figure["period"]) == (bar["metric"], bar["period"])


def test_compare_cells_carry_the_index_in_json_and_csv() -> None:
    known = by_index()
    args = ("compare", "--period", "lockdown", "--period", "seven-weeks")
    document = ocsae_json(*args)
    for row in document["rows"]:
        for cell in row["cells"]:
            if cell["derived"] or cell["value"] is None:
                assert cell["index"] is None
                continue
            figure = known[cell["index"]]
            assert (figure["metric"], figure["period"], figure["value"]) == (
                row["metric"],
                cell["period"],
                cell["value"],
            )
            for other in cell["also_stated"]:
                assert known[other["index"]]["value"] == other["value"]
                assert other["index"] != cell["index"]
    outcome = invoke([*args, "--format", "csv"], env=PACKAGED)
    records = list(csv.DictReader(io.StringIO(outcome.stdout)))
    assert records[0].keys() >= {"index", "metric", "period"}
    for record in records:
        if record["derived"] == "false":
            assert known[int(record["index"])]["metric"] == record["metric"]
        else:
            assert record["index"] == ""


def test_check_records_have_a_figures_field() -> None:
    checks = ocsae_json("check")
    assert all(isinstance(check.get("figures"), list) for check in checks)
    known = by_index()
    for check in checks:
        assert all(position in known for position in check["figures"])


@pytest.mark.parametrize("command", ["weekly", "chart", "summary"])
def test_csv_records_carry_the_index(command: str) -> None:
    outcome = invoke([command, "--format", "csv"], env=PACKAGED)
    assert outcome.exit_code == 0, outcome.stderr
    header = next(csv.reader(io.StringIO(outcome.stdout)))
    assert header[0] == "index"


# ---------------------------------------------------------------- a date-time where a date goes


@pytest.mark.parametrize("written", ["2020-03-23T10:00:00", "2020-03-23T10:00:00+01:00"])
def test_a_date_time_for_a_date_is_reported_in_tomls_words(written: str) -> None:
    text = packaged_text().replace("start = 2020-03-23\n", f"start = {written}\n", 1)
    outcome = invoke(["check", "--data", "-"], env=PACKAGED, input=text)
    assert outcome.exit_code == 3
    assert "expected a date such as 2020-03-23, not a date-time" in outcome.stderr
    assert written in outcome.stderr
    assert "datetime" not in outcome.stderr


def packaged_text() -> str:
    return packaged_data_path().read_text(encoding="utf-8")


# ---------------------------------------------------------------- an unknown format


@pytest.mark.parametrize("command", ["query", "summary", "check", "chart", "weekly"])
def test_an_unknown_format_is_ocsaes_own_usage_error(command: str) -> None:
    from ocsae_cli.render import OutputFormat

    outcome = invoke([command, "--format", "xml"], env=PACKAGED)
    assert outcome.exit_code == 2
    choices = ", ".join(f.value for f in OutputFormat)
    assert f"unknown format 'xml' (choose from {choices})" in outcome.stderr
    assert f"see 'ocsae {command} --help'" in outcome.stderr
    assert outcome.stdout == ""


def test_a_format_is_read_whatever_its_case() -> None:
    outcome = invoke(["metrics", "--format", "JSON"], env=PACKAGED)
    assert outcome.exit_code == 0
    assert json.loads(outcome.stdout)[0]["id"] == "arrests"


# ---------------------------------------------------------------- check --fail-on


def failing_text() -> str:
    """The packaged figures with 30 arrests in the seven weeks that hold lockdown's 45."""
    text = packaged_text()
    assert text.count("value = 72\n") == 1
    return text.replace("value = 72\n", "value = 30\n")


@pytest.mark.parametrize(
    ("args", "text", "code"),
    [
        ([], None, 0),  # the packaged figures: a warn, no fail
        (["--fail-on", "fail"], None, 0),
        (["--fail-on", "warn"], None, 1),
        (["--fail-on", "WARN"], None, 1),
        ([], "failing", 1),
        (["--fail-on", "warn"], "failing", 1),
    ],
)
def test_fail_on_sets_the_verdict_that_exits_1(
    args: list[str], text: str | None, code: int
) -> None:
    data = ["--data", "-"] if text else []
    outcome = invoke(
        ["check", *data, *args, "--json"],
        env=PACKAGED,
        input=failing_text() if text else None,
    )
    assert outcome.exit_code == code, outcome.stderr
    verdicts = {check["verdict"] for check in json.loads(outcome.stdout)}
    assert "warn" in verdicts
    assert ("fail" in verdicts) == bool(text)


def test_fail_on_takes_only_warn_or_fail() -> None:
    outcome = invoke(["check", "--fail-on", "note"], env=PACKAGED)
    assert outcome.exit_code == 2
    assert "--fail-on" in outcome.stderr


# ---------------------------------------------------------------- help


def commands() -> dict[str, Any]:
    """The click commands typer builds for ``ocsae``, by name."""
    return dict(get_command(app).commands)  # type: ignore[attr-defined]


def command_names() -> list[str]:
    return list(commands())


BOX = set("─│╭╮╰╯┃━┏┓┗┛═║")


@pytest.mark.parametrize("command", ["", *command_names()])
@pytest.mark.parametrize(
    "env",
    [{}, {"NO_COLOR": "1"}, {"TERM": "dumb"}, {"FORCE_COLOR": "1"}],
    ids=["plain", "NO_COLOR", "TERM=dumb", "FORCE_COLOR"],
)
def test_help_is_plain_and_fits_80_columns(command: str, env: dict[str, str]) -> None:
    args = [command, "--help"] if command else ["--help"]
    outcome = invoke(args, env={**PACKAGED, "COLUMNS": "80", **env})
    assert outcome.exit_code == 0
    text = outcome.stdout
    assert "<bool>" not in text
    assert "[path]" not in text
    assert not BOX & set(text)
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("command", command_names())
def test_the_example_in_help_is_one_whole_line(command: str) -> None:
    docstring = commands()[command].callback.__doc__ or ""
    examples = [
        line.split("Example:", 1)[1].strip()
        for line in docstring.splitlines()
        if "Example:" in line
    ]
    assert examples, f"`ocsae {command}` has no example"
    outcome = invoke([command, "--help"], env={**PACKAGED, "COLUMNS": "80"})
    lines = [line.strip() for line in outcome.stdout.splitlines()]
    for example in examples:
        assert example in lines, outcome.stdout


def test_no_color_with_help_is_plain_help() -> None:
    outcome = invoke(["query", "--no-color", "--help"], env=PACKAGED)
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith("Usage: ocsae query [OPTIONS]")


def test_root_help_lists_each_command_whole() -> None:
    outcome = invoke(["--help"], env={**PACKAGED, "COLUMNS": "80"})
    flat = " ".join(outcome.stdout.split())
    assert "exit 1 when a check fails." in flat
    assert "..." not in outcome.stdout.split("Commands:")[1]


# ---------------------------------------------------------------- --data before the command, and -


def relabelled_text() -> str:
    """The packaged figures with the arrests relabelled, to tell the file read apart."""
    text = packaged_text()
    assert text.count('label = "Arrests"') == 1
    return text.replace('label = "Arrests"', 'label = "Arrests (test file)"')


def labels(stdout: str) -> list[str]:
    return [metric["label"] for metric in json.loads(stdout)]


def test_data_before_the_command(tmp_path: Path) -> None:
    path = tmp_path / "figures.toml"
    path.write_text(relabelled_text(), encoding="utf-8")
    for flag in ("--data", "-d"):
        outcome = invoke([flag, str(path), "metrics", "--json"], env=PACKAGED)
        assert outcome.exit_code == 0, outcome.stderr
        assert "Arrests (test file)" in labels(outcome.stdout)


def test_data_minus_before_the_command_reads_stdin() -> None:
    outcome = invoke(["--data", "-", "metrics", "--json"], env=PACKAGED, input=relabelled_text())
    assert outcome.exit_code == 0, outcome.stderr
    assert "Arrests (test file)" in labels(outcome.stdout)


def test_data_minus_after_the_command_reads_stdin() -> None:
    outcome = invoke(["metrics", "--data", "-", "--json"], env=PACKAGED, input=relabelled_text())
    assert outcome.exit_code == 0, outcome.stderr
    assert "Arrests (test file)" in labels(outcome.stdout)


def test_the_commands_own_data_wins_over_the_one_before_it(tmp_path: Path) -> None:
    path = tmp_path / "figures.toml"
    path.write_text(relabelled_text(), encoding="utf-8")
    packaged = str(packaged_data_path())
    outcome = invoke(["--data", str(path), "metrics", "--data", packaged, "--json"], env=PACKAGED)
    assert outcome.exit_code == 0, outcome.stderr
    assert "Arrests" in labels(outcome.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["--data", "A.toml", "--data", "B.toml", "metrics"],
        ["-d", "A.toml", "--data", "B.toml", "metrics"],
        ["metrics", "--data", "A.toml", "-d", "B.toml"],
    ],
    ids=["before", "before, short and long", "after"],
)
def test_data_twice_on_one_side_of_the_command_is_a_usage_error(args: list[str]) -> None:
    # Before, `ocsae --data A --data B metrics` read B and dropped A in silence.
    outcome = invoke(args, env=PACKAGED)
    assert outcome.exit_code == 2
    assert "give --data once" in outcome.stderr
    assert outcome.stdout == ""


def test_a_missing_file_before_the_command_exits_3(tmp_path: Path) -> None:
    outcome = invoke(["--data", str(tmp_path / "missing.toml"), "summary"], env=PACKAGED)
    assert outcome.exit_code == 3
    assert "missing.toml" in outcome.stderr
    assert outcome.stdout == ""


def test_ocsae_data_still_works(tmp_path: Path) -> None:
    path = tmp_path / "figures.toml"
    path.write_text(relabelled_text(), encoding="utf-8")
    outcome = invoke(["metrics", "--json"], env={**PACKAGED, "OCSAE_DATA": str(path)})
    assert "Arrests (test file)" in labels(outcome.stdout)


# ---------------------------------------------------------------- completion


def test_install_completion_for_a_named_shell_installs_that_shell(tmp_path: Path) -> None:
    env = {**PACKAGED, "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    outcome = invoke(["--install-completion", "zsh"], env=env)
    assert outcome.exit_code == 0, outcome.output
    assert "zsh completion installed" in outcome.stdout
    script = tmp_path / ".zfunc" / "_ocsae"
    assert script.read_text(encoding="utf-8").startswith("#compdef ocsae")
    assert "fpath+=~/.zfunc" in (tmp_path / ".zshrc").read_text(encoding="utf-8")
    assert not (tmp_path / ".bashrc").exists()
    assert not (tmp_path / ".bash_completions").exists()


@pytest.mark.parametrize(("shell", "start"), [("zsh", "#compdef ocsae"), ("bash", "_ocsae")])
def test_show_completion_for_a_named_shell(shell: str, start: str) -> None:
    outcome = invoke(["--show-completion", shell], env={**PACKAGED, "SHELL": "/bin/sh"})
    assert outcome.exit_code == 0
    assert outcome.stdout.lstrip().startswith(start)


def bash_completion(words: str, current: int) -> list[str]:
    """What ocsae answers bash's completion function for these words (bash splits at '=')."""
    env = {
        **PACKAGED,
        "_OCSAE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(current),
        "OCSAE_DATA": str(packaged_data_path()),
    }
    outcome = invoke([], env=env)
    assert outcome.exit_code == 0
    return outcome.stdout.split()


def test_bash_data_equals_path_leaves_the_path_to_bash() -> None:
    # `ocsae query --data=fi<TAB>`: bash's words are "--data", "=", "fi". ocsae offers
    # nothing, so bash's own file-name completion (`complete -o default`) takes over.
    assert bash_completion("ocsae query --data = fi", 4) == []
    assert bash_completion("ocsae query --data fi", 3) == []
    assert bash_completion("ocsae --data fi", 2) == []
    # ... while the option names and ids still complete.
    assert bash_completion("ocsae query --per", 2) == ["--period"]
    assert "lockdown" in bash_completion("ocsae query --period lo", 3)


# ---------------------------------------------------------------- derived ids accepted back


def printed_derived_ids() -> set[str]:
    """Every derived period id that compare, weekly, summary and chart print."""
    ids = {
        column["id"]
        for column in ocsae_json("compare", "--period", "lockdown", "--period", "seven-weeks")[
            "columns"
        ]
        if column["derived"]
    }
    ids |= {row["period"] for row in ocsae_json("weekly", "--derived") if row["derived"]}
    ids |= {period["id"] for period in ocsae_json("summary")["periods"] if period["derived"]}
    ids |= {bar["period"] for bar in ocsae_json("chart", "--derived") if bar["derived"]}
    return ids


def test_derived_ids_are_printed() -> None:
    assert "seven-weeks-before-lockdown" in printed_derived_ids()


@pytest.mark.parametrize("derived", sorted(printed_derived_ids()))
def test_a_printed_derived_id_is_accepted_back(derived: str) -> None:
    rows = ocsae_json("weekly", "--period", derived)
    assert rows and {(row["period"], row["derived"]) for row in rows} == {(derived, True)}
    bars = ocsae_json("chart", "--period", derived)
    assert bars and {bar["period"] for bar in bars} == {derived}
    compared = ocsae_json("compare", "--period", "lockdown", "--period", derived)
    assert [column["id"] for column in compared["columns"]][:2] == ["lockdown", derived]
    values = {row["metric"]: row["cells"][1]["value"] for row in compared["rows"]}
    assert values == {row["metric"]: row["value"] for row in rows if row["basis"] == "stated"}


def test_weekly_of_a_derived_id_matches_weekly_derived() -> None:
    every = [row for row in ocsae_json("weekly", "--derived") if row["derived"]]
    for derived in {row["period"] for row in every}:
        named = ocsae_json("weekly", "--period", derived)
        assert named == [row for row in every if row["period"] == derived]


def test_query_refuses_a_derived_id_and_says_what_rates_it() -> None:
    outcome = invoke(["query", "--period", "seven-weeks-before-lockdown"], env=PACKAGED)
    assert outcome.exit_code == 2
    assert "derived period ('seven-weeks' less 'lockdown')" in outcome.stderr
    assert "ocsae weekly --period seven-weeks-before-lockdown" in outcome.stderr


def test_a_derived_id_with_a_suffix_is_accepted_back(tmp_path: Path) -> None:
    # The file has a period of the id the remainder would take, so the remainder is
    # named "long-before-short-derived": that id, as printed, is accepted back.
    text = """\
schema_version = 1

[source]
title = "Made-up bulletin"

[[source.attributions]]
name = "Test office"

[[periods]]
id = "long"
label = "Long"
start = 2021-01-01
end = 2021-01-28

[[periods]]
id = "short"
label = "Short"
start = 2021-01-15
end = 2021-01-28

[[periods]]
id = "long-before-short"
label = "A period of the file"
start = 2020-01-01
end = 2020-01-07

[[metrics]]
id = "cases"
label = "Cases"
unit = "cases"
description = "Made-up cases."

[[figures]]
metric = "cases"
period = "long"
value = 30
statistic = "total"
quote = "30 cases in long"

[[figures]]
metric = "cases"
period = "short"
value = 10
statistic = "total"
quote = "10 cases in short"
"""
    path = tmp_path / "figures.toml"
    path.write_text(text, encoding="utf-8")
    env = {**PACKAGED, "OCSAE_DATA": str(path)}
    printed = {
        row["period"] for row in ocsae_json("weekly", "--derived", env=env) if row["derived"]
    }
    assert printed == {"long-before-short-derived"}
    rows = ocsae_json("weekly", "--period", "long-before-short-derived", env=env)
    assert {row["value"] for row in rows} == {20}


# ---------------------------------------------------------------- the README's promises

README = Path(__file__).resolve().parent.parent / "README.md"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def exit_code_table() -> dict[int, str]:
    section = readme().split("\n## Exit codes\n", 1)[1].split("\n## ", 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| (.*) \|$", section, re.M)}


def test_the_readme_lists_every_exit_code() -> None:
    from ocsae_cli import cli

    codes = {
        cli.EXIT_OK,
        cli.EXIT_CHECK_FAILED,
        cli.EXIT_USAGE,
        cli.EXIT_DATA,
        cli.EXIT_OUTPUT,
        cli.EXIT_INTERRUPTED,
        cli.EXIT_PIPE_CLOSED,
    }
    assert set(exit_code_table()) == codes


# (arguments, standard input, the exit code, words of that code's row in the README)
EXIT_CASES: list[tuple[list[str], str | None, int, str]] = [
    (["summary"], None, 0, "ok"),
    (["query", "--period", "lockdown", "--period", "lockdown"], None, 0, "ok"),
    (["check", "--data", "-"], "failing", 1, "failing claim"),
    (["check", "--fail-on", "warn"], None, 1, "--fail-on warn"),
    (["query", "--bogus"], None, 2, "unknown option"),
    (["query", "--format", "xml"], None, 2, "format"),
    (["query", "--period", "lockdwn"], None, 2, "did you mean"),
    (["query", "--format", "csv", "--format", "json"], None, 2, "given twice"),
    (["query", "--json", "--format", "csv"], None, 2, "conflict"),
    (["compare", "--period", "lockdown"], None, 2, "fewer than two periods to compare"),
    (
        ["compare", "--period", "lockdown", "--period", "lockdown"],
        None,
        2,
        "one period given twice to compare",
    ),
    (["summary", "--data", "/nonexistent/figures.toml"], None, 3, "missing"),
    (["summary", "--data", "-"], "key = = 1\n", 3, "invalid TOML"),
    (["summary", "--data", "-"], "", 3, "empty"),
]


@pytest.mark.parametrize(("args", "stdin", "code", "words"), EXIT_CASES, ids=str)
def test_the_readme_exit_code_table_matches_behaviour(
    args: list[str], stdin: str | None, code: int, words: str
) -> None:
    assert words in exit_code_table()[code]
    text = failing_text() if stdin == "failing" else stdin
    outcome = invoke(args, env=PACKAGED, input=text)
    assert outcome.exit_code == code, outcome.stderr
    if code == 2:
        assert f"see 'ocsae {args[0]} --help'" in outcome.stderr


def test_a_repeated_filter_is_the_same_filter() -> None:
    once = invoke(["query", "--period", "lockdown", "--json"], env=PACKAGED)
    twice = invoke(
        ["query", "--period", "lockdown", "--period", "lockdown", "--json"], env=PACKAGED
    )
    assert twice.stdout == once.stdout
    assert "not an error" in readme()


def numbers(value: Any) -> Iterator[float]:
    """Every number in a JSON value, booleans aside."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers(item)


def shape_examples() -> list[tuple[str, str]]:
    pattern = re.compile(
        r"<!-- json-shape: (?P<command>.+?) -->\n```json\n(?P<example>.*?)```", re.S
    )
    return [(m["command"], m["example"]) for m in pattern.finditer(readme())]


@pytest.mark.parametrize(("command", "example"), shape_examples(), ids=lambda x: str(x)[:40])
def test_the_readme_json_examples_show_real_full_precision_numbers(
    command: str, example: str
) -> None:
    args = command.split()[1:]
    outcome = invoke(args, env=PACKAGED)
    real = set(numbers(json.loads(outcome.stdout)))
    documented = [n for n in numbers(json.loads(example)) if isinstance(n, float)]
    assert all(n in real for n in documented), [n for n in documented if n not in real]


# ---------------------------------------------------------------- chart in Markdown


def test_chart_markdown_is_a_table_with_bars_in_code_spans() -> None:
    outcome = invoke(["chart", "--format", "markdown", "--derived"], env=PACKAGED)
    assert outcome.exit_code == 0
    rows = [line for line in outcome.stdout.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Period | Per week | Bar |"
    assert rows[1] == "| --- | ---: | --- |"
    bars = [line for line in rows if line.endswith("` |")]
    assert bars
    for line in bars:
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        assert re.fullmatch(r"`#+\|?`", cells[2]), line
        assert re.fullmatch(r"(\\~)?\d+\.\d+", cells[1]), line
    assert "| seven-weeks-before-lockdown\\*? |" in outcome.stdout  # on an inferred end
