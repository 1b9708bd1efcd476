"""The installed ``ocsae`` as a real process: pipes, signals, terminals and exit codes.

CliRunner cannot show what a shell sees when ``| head`` closes the pipe, when
Ctrl-C arrives, or when stdout is (or is not) a terminal; these tests run the
console script and ``python -m ocsae_cli`` for that.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest
from ptyrun import run_on_terminal

from ocsae_cli import __version__
from ocsae_cli.cli import EXIT_DATA, EXIT_INTERRUPTED, EXIT_OK, EXIT_PIPE_CLOSED

# Every test starts the installed ocsae as a process.
pytestmark = pytest.mark.slow

TIMEOUT = 60
OCSAE = Path(sys.executable).parent / "ocsae"


@pytest.fixture
def ocsae() -> Path:
    if not OCSAE.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")
    return OCSAE


def environ(**extra: str) -> dict[str, str]:
    """The test's environment without settings that change what ocsae prints."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("OCSAE_DATA", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")
    }
    env.update(extra)
    return env


def run(
    args: list[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(env) if env is not None else environ(),
        cwd=cwd,
        timeout=TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def assert_quiet_stderr(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "BrokenPipe" not in stderr
    assert "Exception ignored" not in stderr


@pytest.fixture
def big_figures(tmp_path: Path) -> Path:
    """A valid figures file whose ``query`` output (about 1 MB) is far more than a pipe holds."""
    head = textwrap.dedent("""\
        schema_version = 1

        [source]
        title = "Made-up bulletin"

        [[source.attributions]]
        name = "Test office"

        [[periods]]
        id = "p-a"
        label = "Period A"
        start = 2021-01-01
        end = 2021-01-28

        [[metrics]]
        id = "cases"
        label = "Cases"
        unit = "cases"
        description = "Made-up cases."
        """)
    figure = '\n[[figures]]\nmetric = "cases"\nperiod = "p-a"\nvalue = {n}\nstatistic = "total"\n'
    figure += 'quote = "{n} cases {padding}"\n'
    body = "".join(figure.format(n=n, padding="x" * 300) for n in range(3000))
    path = tmp_path / "big.toml"
    path.write_text(head + body, encoding="utf-8")
    return path


# ---------------------------------------------------------------- plain runs


def test_summary_runs_and_shows_the_derived_period(ocsae: Path) -> None:
    result = run([str(ocsae), "summary"])
    assert result.returncode == EXIT_OK
    assert "seven-weeks-before-lockdown" in result.stdout
    assert result.stderr == ""


def test_piped_output_has_no_colour(ocsae: Path) -> None:
    for args in (["summary"], ["check"], ["chart"], ["query", "--quotes"]):
        result = run([str(ocsae), *args])
        assert result.returncode == EXIT_OK
        assert "\x1b[" not in result.stdout, args
        assert "─" not in result.stdout, args


def test_query_json_from_another_directory(ocsae: Path, tmp_path: Path) -> None:
    result = run([str(ocsae), "query", "--json"], cwd=tmp_path)
    assert result.returncode == EXIT_OK
    figures = json.loads(result.stdout)
    assert len(figures) == 15
    assert result.stdout.count("\n") == 1  # piped JSON is one compact line


def test_python_dash_m_prints_the_version(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "ocsae_cli", "--version"], cwd=tmp_path)
    assert result.returncode == EXIT_OK
    assert result.stdout == f"ocsae {__version__}\n"


def test_python_dash_m_runs_commands(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "ocsae_cli", "metrics", "--json"], cwd=tmp_path)
    assert result.returncode == EXIT_OK
    assert json.loads(result.stdout)[0]["id"] == "arrests"


def test_validate_missing_file_is_one_line_and_exit_3(ocsae: Path) -> None:
    result = run([str(ocsae), "validate", "/nonexistent.toml"])
    assert result.returncode == EXIT_DATA
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["Error: /nonexistent.toml: no such file (set by --data)"]


def test_data_error_from_the_environment(ocsae: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[source\n", encoding="utf-8")
    result = run([str(ocsae), "summary"], env=environ(OCSAE_DATA=str(bad)))
    assert result.returncode == EXIT_DATA
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {bad}:2:")
    assert_quiet_stderr(result.stderr)


def test_bare_ocsae_without_rich_help_prints_help_once(ocsae: Path) -> None:
    result = run([str(ocsae)], env=environ(TYPER_USE_RICH="0"))
    assert result.returncode == EXIT_OK
    assert result.stdout.count("Usage:") == 1
    assert "summary" in result.stdout


# ---------------------------------------------------------------- closed pipes


def _read_one_line_then_close(args: list[str]) -> tuple[bytes, int, str]:
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environ(),
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    return first, process.wait(timeout=TIMEOUT), stderr


def test_closed_pipe_is_quiet(ocsae: Path) -> None:
    first, code, stderr = _read_one_line_then_close([str(ocsae), "query", "--format", "csv"])
    assert first.startswith(b"index,metric,")
    assert code in (EXIT_PIPE_CLOSED, EXIT_OK)
    assert_quiet_stderr(stderr)
    assert stderr == ""


def test_pipe_closed_part_way_exits_141(ocsae: Path, big_figures: Path) -> None:
    args = [str(ocsae), "query", "--format", "csv", "--data", str(big_figures)]
    first, code, stderr = _read_one_line_then_close(args)
    assert first.startswith(b"index,metric,")
    assert code == EXIT_PIPE_CLOSED
    assert stderr == ""


@pytest.fixture
def bash() -> str:
    found = shutil.which("bash")
    if found is None:
        pytest.skip("no bash")
    return found


def test_head_gets_just_the_header(ocsae: Path, bash: str) -> None:
    result = run([bash, "-c", f"'{ocsae}' weekly --format csv | head -n 1"])
    assert result.returncode == EXIT_OK
    [header] = result.stdout.splitlines()  # the header, and nothing after it
    assert header.startswith(
        "index,metric,metric_label,unit,period,period_label,derived,value,statistic,approximate,"
        "basis,weeks,method,factor,rate,reason"
    )
    assert result.stderr == ""


def test_head_on_long_output_reports_the_closed_pipe(
    ocsae: Path, bash: str, big_figures: Path
) -> None:
    script = (
        f"'{ocsae}' query --format csv --data '{big_figures}' | head -n 1; "
        'echo "status ${PIPESTATUS[0]}"'
    )
    result = run([bash, "-c", script])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("index,metric,")
    assert lines[1:] == [f"status {EXIT_PIPE_CLOSED}"]
    assert result.stderr == ""


def test_long_output_to_a_reader_that_stays_is_complete(ocsae: Path, big_figures: Path) -> None:
    result = run([str(ocsae), "query", "--format", "csv", "--data", str(big_figures)])
    assert result.returncode == EXIT_OK
    assert len(result.stdout.splitlines()) == 3001


# ---------------------------------------------------------------- Ctrl-C

# Runs `ocsae summary` with the analysis replaced by one that is interrupted. The
# child restores Python's SIGINT handler in case the test runner's shell ignores it.
INTERRUPTED = """\
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
import ocsae_cli.analysis.summary as summary

def interrupted(index, limit=None, **options):
    {action}
    time.sleep(30)
    raise SystemExit("not interrupted")

summary.summarise = interrupted
from ocsae_cli.cli import main
sys.argv = ["ocsae", "summary"]
main()
"""


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    code = INTERRUPTED.format(action="os.kill(os.getpid(), signal.SIGINT)")
    result = run([sys.executable, "-c", code])
    assert result.returncode == EXIT_INTERRUPTED
    assert result.stdout == ""
    assert_quiet_stderr(result.stderr)
    assert "KeyboardInterrupt" not in result.stderr
    assert result.stderr.strip() == ""


def test_sigint_from_outside_exits_130() -> None:
    code = INTERRUPTED.format(action='sys.stderr.write("ready\\n"); sys.stderr.flush()')
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environ(),
        text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "ready\n"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == EXIT_INTERRUPTED
    assert stdout == ""
    assert_quiet_stderr(stderr)
    assert "KeyboardInterrupt" not in stderr


# ---------------------------------------------------------------- a real terminal


def test_a_terminal_gets_colour(ocsae: Path) -> None:
    code, shown = run_on_terminal([str(ocsae), "summary"], environ(TERM="xterm", COLUMNS="120"))
    assert code == EXIT_OK
    assert "\x1b[" in shown
    assert "seven-weeks-before-lockdown" in shown


@pytest.mark.parametrize(
    ("extra_args", "extra_env"),
    [
        ([], {"NO_COLOR": "1"}),
        ([], {"TERM": "dumb"}),
        (["--no-color"], {}),
    ],
    ids=["NO_COLOR", "TERM=dumb", "--no-color"],
)
def test_a_terminal_without_colour_on_request(
    ocsae: Path, extra_args: list[str], extra_env: dict[str, str]
) -> None:
    env = environ(**{"TERM": "xterm", "COLUMNS": "120", **extra_env})
    code, shown = run_on_terminal([str(ocsae), "summary", *extra_args], env)
    assert code == EXIT_OK
    assert "seven-weeks-before-lockdown" in shown
    assert "\x1b[" not in shown


def test_json_on_a_terminal_is_indented(ocsae: Path) -> None:
    code, shown = run_on_terminal([str(ocsae), "metrics", "--json"], environ(TERM="xterm"))
    assert code == EXIT_OK
    assert "\x1b[" not in shown
    assert '\r\n  {\r\n    "id": "arrests"' in shown
    assert json.loads(shown.replace("\r\n", "\n"))[0]["id"] == "arrests"
