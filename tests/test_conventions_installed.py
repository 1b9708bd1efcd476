"""The conventions of issue 13 through the installed ``ocsae``, as a shell runs it.

Tables fitted to a real (pseudo-)terminal's width and unlimited when piped;
plain help on a terminal; ``--format xml``; ``--data`` before the command and
from stdin; ``check --fail-on``; derived ids accepted back; indexes that join;
a date-time where a date goes; completion installed for a named shell (in a
temporary home) and bash's own file-name completion after ``--data=``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from ptyrun import run_on_terminal

from ocsae_cli.load import packaged_data_path

pytestmark = pytest.mark.slow  # every test starts the installed ocsae

TIMEOUT = 60
OCSAE = Path(sys.executable).parent / "ocsae"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BOX = set("─│╭╮╰╯┃━┏┓┗┛═║")


@pytest.fixture(autouse=True)
def installed() -> None:
    if not OCSAE.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")


def environ(**extra: str) -> dict[str, str]:
    """The test's environment without settings that change what ocsae prints."""
    drop = ("OCSAE_DATA", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES")
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(extra)
    return env


def run(
    args: list[str], *, env: Mapping[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(OCSAE), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(env or environ()),
        timeout=TIMEOUT,
        check=False,
    )


def on_terminal(args: list[str], columns: int, env: Mapping[str, str]) -> tuple[int, str]:
    """Run on a pseudo-terminal ``columns`` wide; the exit code and what it showed."""
    code, shown = run_on_terminal([str(OCSAE), *args], env, columns)
    return code, shown.replace("\r\n", "\n")


def packaged_text() -> str:
    return packaged_data_path().read_text(encoding="utf-8")


# ---------------------------------------------------------------- tables and the terminal


# Each command, and ids, values and markers its table must show whole at any width.
ON_TERMINAL = {
    "summary": (["summary"], ["seven-weeks-before-lockdown*", "2020-04-23?", "~100", "27*"]),
    "check": (
        ["check"],
        ["average-vs-total:nca-reports:nca-referrals:weekly-average:calendar", "WARN"],
    ),
    "query --quotes": (["query", "--quotes"], ["children-protected", "2020-04-23?", "~2,200"]),
    "compare": (
        ["compare", "--period", "lockdown", "--period", "seven-weeks"],
        ["seven-weeks-before-lockdown*", "+27 (+60.0%)", "-18 (-40.0%)", "2020-04-23?"],
    ),
}


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("command", ON_TERMINAL)
def test_a_terminal_gets_tables_within_its_width(command: str, columns: int) -> None:
    # The terminal's own size, not $COLUMNS, decides: it is unset here.
    args, tokens = ON_TERMINAL[command]
    code, shown = on_terminal(args, columns, environ(TERM="xterm"))
    assert code == 0
    assert "\x1b[" in shown  # a terminal: colour
    lines = ANSI.sub("", shown).splitlines()
    for line in lines:
        if len(line) > columns:  # only a word wider than the terminal, whole on its line
            assert len(line.split()) <= 2, line
    text = "\n".join(lines)
    missing = [token for token in tokens if token not in text]
    assert not missing, (command, columns, missing)


def test_columns_overrides_the_terminals_size() -> None:
    code, shown = on_terminal(["check"], 200, environ(TERM="xterm", COLUMNS="80"))
    assert code == 0
    assert "Verdict:" in ANSI.sub("", shown)  # blocks, as at 80 columns


def test_piped_tables_have_no_limit() -> None:
    done = run(["check"], env=environ(COLUMNS="60"))
    assert done.returncode == 0
    assert max(len(line) for line in done.stdout.splitlines()) > 200
    assert "Verdict:" not in done.stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [([], {}), ([], {"NO_COLOR": "1"}), ([], {"TERM": "dumb"}), (["--no-color"], {})],
    ids=["terminal", "NO_COLOR", "TERM=dumb", "--no-color"],
)
def test_help_on_a_terminal_is_plain(args: list[str], env: dict[str, str]) -> None:
    code, shown = on_terminal(["query", *args, "--help"], 80, environ(**{"TERM": "xterm", **env}))
    assert code == 0
    assert "\x1b" not in shown
    assert not BOX & set(shown)
    assert "<bool>" not in shown
    assert "  ocsae query --metric arrests --quotes\n" in shown
    assert max(len(line) for line in shown.splitlines()) <= 80


def test_piped_help_is_plain() -> None:
    done = run(["--help"])
    assert done.returncode == 0
    assert not BOX & set(done.stdout)
    assert "<bool>" not in done.stdout
    assert "[path]" not in done.stdout


# ---------------------------------------------------------------- conventions


def test_an_unknown_format() -> None:
    done = run(["summary", "--format", "xml"])
    assert done.returncode == 2
    assert (
        "unknown format 'xml' (choose from table, json, csv, markdown, tsv, ndjson" in done.stderr
    )
    assert "see 'ocsae summary --help'" in done.stderr


def test_data_before_the_command_and_from_stdin(tmp_path: Path) -> None:
    text = packaged_text().replace('label = "Arrests"', 'label = "Arrests (mine)"')
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    before = run(["--data", str(path), "metrics", "--json"])
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)[0]["label"] == "Arrests (mine)"
    piped = run(["--data", "-", "metrics", "--json"], stdin=text)
    assert json.loads(piped.stdout)[0]["label"] == "Arrests (mine)"
    after = run(["metrics", "--data", "-", "--json"], stdin=text)
    assert json.loads(after.stdout)[0]["label"] == "Arrests (mine)"


def test_fail_on_warn() -> None:
    assert run(["check"]).returncode == 0
    assert run(["check", "--fail-on", "warn"]).returncode == 1


def test_derived_ids_are_accepted_back() -> None:
    printed = {
        row["period"]
        for row in json.loads(run(["weekly", "--derived", "--json"]).stdout)
        if row["derived"]
    }
    assert "seven-weeks-before-lockdown" in printed
    for derived in printed:
        done = run(["weekly", "--period", derived, "--json"])
        assert done.returncode == 0, done.stderr
        assert {row["period"] for row in json.loads(done.stdout)} == {derived}
        compared = run(["compare", "--period", "lockdown", "--period", derived])
        assert compared.returncode == 0, compared.stderr


def test_weekly_joins_query_on_index() -> None:
    figures = {f["index"]: f for f in json.loads(run(["query", "--json"]).stdout)}
    for row in json.loads(run(["weekly", "--json"]).stdout):
        figure = figures[row["index"]]
        assert (figure["metric"], figure["period"], figure["value"]) == (
            row["metric"],
            row["period"],
            row["value"],
        )


def test_a_date_time_for_a_date() -> None:
    text = packaged_text().replace("start = 2020-03-23\n", "start = 2020-03-23T10:00:00\n", 1)
    done = run(["validate", "-"], stdin=text)
    assert done.returncode == 3
    assert "a date such as 2020-03-23, not a date-time (2020-03-23T10:00:00)" in done.stderr


def test_chart_markdown_is_a_table() -> None:
    done = run(["chart", "--format", "markdown"])
    assert "| Period | Per week | Bar |" in done.stdout
    assert "| `#" in done.stdout


# ---------------------------------------------------------------- completion


def test_install_completion_zsh_from_bash(tmp_path: Path) -> None:
    done = run(["--install-completion", "zsh"], env=environ(HOME=str(tmp_path), SHELL="/bin/bash"))
    assert done.returncode == 0, done.stderr
    assert "zsh completion installed" in done.stdout
    assert (tmp_path / ".zfunc" / "_ocsae").read_text(encoding="utf-8").startswith("#compdef ocsae")
    assert "fpath+=~/.zfunc" in (tmp_path / ".zshrc").read_text(encoding="utf-8")
    assert not (tmp_path / ".bashrc").exists()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_a_path_after_data_equals(tmp_path: Path) -> None:
    script = run(["--show-completion", "bash"]).stdout
    (tmp_path / "figures-one.toml").write_text("", encoding="utf-8")
    (tmp_path / "figures-two.toml").write_text("", encoding="utf-8")
    # What bash does on `ocsae query --data=fig<TAB>`: '=' splits the words, ocsae
    # offers nothing, and `complete -o default` falls back to file names.
    probe = f"""
{script}
cd {tmp_path}
COMP_WORDS=(ocsae query --data = fig); COMP_CWORD=4
_ocsae_completion ocsae
echo "reply=${{#COMPREPLY[@]}}"
complete -p ocsae
compgen -f -- fig | sort
COMP_WORDS=(ocsae query --per); COMP_CWORD=2
_ocsae_completion ocsae
echo "option=${{COMPREPLY[*]}}"
"""
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        capture_output=True,
        text=True,
        env=environ(PATH=f"{OCSAE.parent}{os.pathsep}{os.environ['PATH']}"),
        timeout=TIMEOUT,
        check=False,
    )
    assert "reply=0" in done.stdout, done.stdout + done.stderr
    assert "complete -o default -F _ocsae_completion ocsae" in done.stdout
    assert "figures-one.toml\nfigures-two.toml" in done.stdout
    assert "option=--period" in done.stdout
