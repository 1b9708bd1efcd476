"""Ctrl-C at start-up (ocsae_cli/launch.py): one empty line and exit 130, never a traceback.

Issue 11's audit sent SIGINT to ``ocsae summary`` 10 to 120 ms after starting it
and saw a ``KeyboardInterrupt`` traceback in 22 of 60 runs; with the handling
at the top of ``cli.py`` it was still 37 of 200, from the package and ``types``
importing before it. The console script now enters through ``launch``, whose
first lines install the handling before it imports anything.

The deterministic tests interrupt at a chosen point (while ``signal`` imports,
while typer imports, between the import and ``main()``) and check what nothing
is imported before the handling. The random-delay test repeats the audit on the
installed console script. ``benchmarks/interrupt.py`` measures the window that
remains (the interpreter's own start-up) and writes it into BENCHMARKS.md.
"""

from __future__ import annotations

import importlib.metadata
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocsae_cli.cli import EXIT_INTERRUPTED, EXIT_OK

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from interrupt import frames_past_the_hook, hook_line  # noqa: E402

OCSAE = Path(sys.executable).parent / "ocsae"
TIMEOUT = 60


def environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OCSAE_DATA", "NO_COLOR", "TERM")}
    env.update(extra)
    return env


@pytest.fixture
def sigint_as_a_terminal_sends_it() -> Iterator[None]:
    """Children start with SIGINT's default action, even if this runner's shell ignores it.

    A background job inherits an ignored SIGINT, and Python then leaves it ignored;
    a user pressing Ctrl-C in a terminal has it at its default.
    """
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def enum_loads_at_start_up() -> bool:
    """Whether something (a .pth file, coverage) imports enum before any script runs.

    The tests that interrupt while `signal` imports watch for enum's import.
    """
    return run_child("import sys; print('enum' in sys.modules)").stdout.strip() == "True"


def run_child(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=environ(OCSAE_NO_CACHE="1"),
        timeout=TIMEOUT,
        check=False,
    )


# ---------------------------------------------------------------- what runs first


def test_the_console_script_enters_through_launch() -> None:
    (entry,) = importlib.metadata.entry_points(group="console_scripts", name="ocsae")
    assert entry.value == "ocsae_cli.launch:main"


def test_python_dash_m_enters_through_launch_too() -> None:
    main = (ROOT / "ocsae_cli" / "__main__.py").read_text(encoding="utf-8")
    assert "from ocsae_cli.launch import main" in main


# Records every module imported after launch starts and before its hook is in place.
WATCH = """\
import sys

unguarded = []

class Watch:
    def find_spec(self, name, path=None, target=None):
        if "ocsae_cli.launch" in sys.modules and sys.excepthook is sys.__excepthook__:
            unguarded.append(name)
        return None

sys.meta_path.insert(0, Watch())
before = set(sys.modules)
import ocsae_cli
package = sorted(set(sys.modules) - before)
import ocsae_cli.launch
print(",".join(package))
print(",".join(unguarded))
"""


@pytest.mark.slow
def test_nothing_is_imported_before_the_handling_is_in_place() -> None:
    # A Ctrl-C during an import that comes before the hook is Python's traceback:
    # the package's __init__ imports nothing, and launch imports nothing before it.
    result = run_child(WATCH)
    assert result.returncode == EXIT_OK, result.stderr
    package, unguarded = result.stdout.split("\n")[:2]
    assert package == "ocsae_cli"
    assert unguarded == ""


def test_the_hook_comes_before_launchs_first_import_that_could_take_time() -> None:
    lines = (ROOT / "ocsae_cli" / "launch.py").read_text(encoding="utf-8").splitlines()
    first_line = hook_line()
    imports_before = [
        line for line in lines[: first_line - 1] if line.startswith(("import ", "from "))
    ]
    # os and sys are loaded by the interpreter before any script runs.
    assert imports_before == ["import os", "import sys"]


# ---------------------------------------------------------------- interrupted at a chosen point

# Interrupts when `name` is first imported, by a finder placed before Python's.
# Only os and sys before the entry: the test must not load what launch loads.
INTERRUPT_AT_IMPORT = """\
import os, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {name!r}:
            os.kill(os.getpid(), 2)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["ocsae", "summary"]
from {entry} import main
main()
"""

# Interrupts after the import, before main() starts, as in the console script.
INTERRUPT_BEFORE_MAIN = """\
import os, sys, time
sys.argv = ["ocsae", "summary"]
from {entry} import main
os.kill(os.getpid(), 2)
time.sleep(5)
main()
"""

# Each case, and how the process ends: killed by SIGINT, as Python itself ends
# after an uncaught KeyboardInterrupt (a shell reports 130 and stops a loop), or
# exit 130 where the signal module is not there to raise it with.
KILLED = -signal.SIGINT
CHOSEN_POINTS = {
    "while signal imports (after the hook)": (
        INTERRUPT_AT_IMPORT.format(name="enum", entry="ocsae_cli.launch"),
        EXIT_INTERRUPTED,
    ),
    "while typer imports": (
        INTERRUPT_AT_IMPORT.format(name="typer", entry="ocsae_cli.launch"),
        KILLED,
    ),
    "while the command imports pydantic (lazily, in the run)": (
        INTERRUPT_AT_IMPORT.format(name="pydantic", entry="ocsae_cli.launch"),
        KILLED,
    ),
    "between the import and main()": (
        INTERRUPT_BEFORE_MAIN.format(entry="ocsae_cli.launch"),
        KILLED,
    ),
    "cli imported directly, while typer imports": (
        INTERRUPT_AT_IMPORT.format(name="typer", entry="ocsae_cli.cli"),
        KILLED,
    ),
    "cli imported directly, before main()": (
        INTERRUPT_BEFORE_MAIN.format(entry="ocsae_cli.cli"),
        KILLED,
    ),
}


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
@pytest.mark.parametrize(("script", "ending"), CHOSEN_POINTS.values(), ids=CHOSEN_POINTS.keys())
def test_ctrl_c_at_start_up_is_one_line_and_130_not_a_traceback(script: str, ending: int) -> None:
    if "'enum'" in script and enum_loads_at_start_up():
        pytest.skip("enum is imported before any script runs here")
    result = run_child(script)
    assert result.returncode == ending, result.stderr
    assert result.stdout == ""
    assert result.stderr == "\n"


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
def test_after_start_up_ctrl_c_is_a_keyboard_interrupt_again() -> None:
    # Once imported, the command must unwind (closing and removing what it was
    # writing), so the handler raises KeyboardInterrupt as Python's own does.
    script = (
        "import os, signal\n"
        "import ocsae_cli.cli\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    for _ in range(10**6): pass\n"
        "except KeyboardInterrupt:\n"
        "    print('unwound')\n"
    )
    result = run_child(script)
    assert result.stdout == "unwound\n", result.stderr


# An interrupt raised inside __del__ (or a weakref callback, such as importlib's
# module-lock callback, where the audit's repeat found one at 69 ms) cannot
# propagate: Python prints "Exception ignored in ... KeyboardInterrupt" and the
# command used to run on to exit 0.
SWALLOWED = """import os, signal, sys
sys.argv = ["ocsae", "summary", "--json"]
from ocsae_cli.launch import main
import ocsae_cli.cli

class InterruptedWhileCollected:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10**6):  # the handler runs here, inside __del__
            pass

{where}
main()
"""

SWALLOWED_AT = {
    "before main()": SWALLOWED.format(where="InterruptedWhileCollected()"),
    "while the command imports pydantic lazily": SWALLOWED.format(
        where=(
            "class Finder:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'pydantic':\n"
            "            InterruptedWhileCollected()\n"
            "        return None\n"
            "sys.meta_path.insert(0, Finder())"
        )
    ),
}


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
@pytest.mark.parametrize("script", SWALLOWED_AT.values(), ids=SWALLOWED_AT.keys())
def test_a_ctrl_c_python_drops_still_stops_the_command(script: str) -> None:
    result = run_child(script)
    assert "Exception ignored" not in result.stderr
    assert result.stderr == "\n"
    assert result.stdout == ""  # raised again a millisecond later: the summary never printed
    assert result.returncode == KILLED


# Dropped while `signal` imports, when Python's own handler is still in place
# and ocsae's cannot yet raise it again: it leaves as soon as its handler is in.
DROPPED_WHILE_SIGNAL_IMPORTS = """import os, sys
sys.argv = ["ocsae", "summary", "--json"]

class InterruptedWhileCollected:
    def __del__(self):
        os.kill(os.getpid(), 2)
        for _ in range(10**6):  # Python's handler runs here, inside __del__
            pass

class Finder:
    def find_spec(self, name, path=None, target=None):
        if name == "enum":
            InterruptedWhileCollected()
        return None

sys.meta_path.insert(0, Finder())
from ocsae_cli.launch import main
main()
"""


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
def test_a_ctrl_c_dropped_before_ocsaes_handler_is_in_still_stops_it() -> None:
    if enum_loads_at_start_up():
        pytest.skip("enum is imported before any script runs here")
    result = run_child(DROPPED_WHILE_SIGNAL_IMPORTS)
    assert "Exception ignored" not in result.stderr
    assert result.stderr == "\n"
    assert result.stdout == ""
    assert result.returncode == KILLED


# The first Ctrl-C comes while the database is written; a second one at each
# temporary file's removal. Before, the second cut the cleanup short and left
# `.figures.db.*.tmp` beside the target.
SECOND_CTRL_C_DURING_CLEANUP = """\
import os, pathlib, signal, sys
sys.argv = ["ocsae", "export", "--to", "sqlite", {target!r}]
from ocsae_cli.launch import main
import ocsae_cli.export.sqlite as sqlite

def interrupted(path, tables):
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(10**6):
        pass

real_unlink = pathlib.Path.unlink

def unlink_under_a_second_ctrl_c(self, missing_ok=False):
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(10**5):
        pass
    real_unlink(self, missing_ok=missing_ok)

sqlite.write_database = interrupted
pathlib.Path.unlink = unlink_under_a_second_ctrl_c
main()
"""


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
def test_a_second_ctrl_c_cannot_cut_the_cleanup_short(tmp_path: Path) -> None:
    target = tmp_path / "figures.db"
    result = run_child(SECOND_CTRL_C_DURING_CLEANUP.format(target=str(target)))
    assert result.stderr == "\n"
    assert result.returncode == KILLED
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
def test_ctrl_c_while_a_reader_has_stopped_reading_does_not_hang(
    ocsae: Path, tmp_path: Path
) -> None:
    # `ocsae query | less`, and Ctrl-C while less waits: ocsae is blocked writing
    # into a full pipe, and must end at once, not wait for the reader to go on.
    from bench import generate

    data = generate(2_000, tmp_path / "figures.toml")
    process = subprocess.Popen(
        [str(ocsae), "query", "--format", "csv", "--data", str(data)],
        stdout=subprocess.PIPE,  # never read until the end: a pager that waits
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environ(OCSAE_NO_CACHE="1"),
    )
    time.sleep(3)  # imported, loaded, and blocked on the full pipe
    assert process.poll() is None, "the output fitted in the pipe: the test needs more"
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == KILLED
    assert process.stderr is not None
    assert process.stderr.read() == b"\n"


@pytest.mark.slow
def test_an_exception_whose_cause_is_itself_is_reported_not_looped_on() -> None:
    script = (
        "import ocsae_cli.launch\n"
        "first, second = ValueError('first'), ValueError('second')\n"
        "first.__cause__, second.__cause__ = second, first\n"
        "raise first\n"
    )
    result = run_child(script)  # TIMEOUT ends a loop
    assert result.returncode == 1
    assert "ValueError: first" in result.stderr


@pytest.mark.slow
def test_other_exceptions_python_drops_are_still_reported() -> None:
    script = (
        "import ocsae_cli.launch\n"
        "class Broken:\n"
        "    def __del__(self):\n"
        "        raise ValueError('in __del__')\n"
        "Broken()\n"
    )
    result = run_child(script)
    assert "Exception ignored" in result.stderr
    assert "ValueError: in __del__" in result.stderr


@pytest.mark.slow
def test_an_ignored_sigint_stays_ignored() -> None:
    # A background job (`ocsae summary &`) inherits an ignored SIGINT: ocsae
    # leaves it so, and a Ctrl-C meant for the foreground does not stop it.
    script = (
        "import signal, subprocess, sys\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "code = 'import os, signal, ocsae_cli.launch; "
        "print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)'\n"
        "print(subprocess.run([sys.executable, '-c', code], capture_output=True,"
        " text=True).stdout, end='')\n"
    )
    result = run_child(script)
    assert result.stdout == "True\n", result.stderr


# ---------------------------------------------------------------- the audit, repeated


@pytest.fixture
def ocsae() -> Path:
    if not OCSAE.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")
    return OCSAE


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
def test_ctrl_c_in_the_first_120_ms_never_shows_a_traceback_from_ocsae(ocsae: Path) -> None:
    # The audit's test, 40 times. Before launch's hook, Python is starting and
    # the console script is finding the package: an interrupt there ends as
    # Python decides (benchmarks/interrupt.py measures that window). From the
    # hook on, every interrupt is one empty line and exit 130.
    first_line = hook_line()
    seed = random.randrange(10**6)
    rng = random.Random(seed)  # shown in the failure, to run the same delays again
    seen: list[tuple[float, int, str]] = []
    for _ in range(40):
        delay = rng.uniform(0.010, 0.120)
        process = subprocess.Popen(
            [str(ocsae), "summary"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=environ(OCSAE_NO_CACHE="1"),
            text=True,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=TIMEOUT)
        seen.append((delay, process.returncode, stderr))
    for delay, code, stderr in seen:
        shown = (seed, delay, code, stderr)
        assert not frames_past_the_hook(stderr, first_line), shown
        assert "Exception ignored" not in stderr, shown
        if stderr == "\n":  # ocsae's answer
            assert code in (KILLED, EXIT_INTERRUPTED), shown
        elif "Traceback" not in stderr and "Fatal Python error" not in stderr:
            # killed before Python's handler was in, or finished first
            assert (code, stderr) in ((KILLED, ""), (EXIT_OK, "")), shown
    handled = sum(stderr == "\n" for _, _, stderr in seen)
    assert handled >= len(seen) // 2, (seed, seen)  # most delays fall well after start-up


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
def test_ctrl_c_stops_a_shell_loop_around_ocsae(ocsae: Path, tmp_path: Path) -> None:
    # A terminal sends SIGINT to the whole foreground group: bash and ocsae. bash
    # goes on to the next iteration if ocsae exits 130 as if it had finished,
    # and stops only if ocsae ends killed by the signal.
    started = tmp_path / "started"
    loop = (
        "for i in 1 2; do "
        f'touch "{started}"; sleep 30 | "{ocsae}" validate --data -; echo "after $i"; '
        "done"
    )
    process = subprocess.Popen(
        ["bash", "-c", loop],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environ(OCSAE_NO_CACHE="1"),
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + TIMEOUT
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(2)  # ocsae has imported and is waiting for standard input
    os.killpg(process.pid, signal.SIGINT)
    try:
        stdout, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert "after" not in stdout, (stdout, stderr)
    assert process.returncode == KILLED, stderr
    assert stderr == "\n"


def test_a_traceback_in_launch_before_its_hook_is_not_counted_as_ocsaes() -> None:
    first_line = hook_line()
    launch = ROOT / "ocsae_cli" / "launch.py"
    before = f'  File "{launch}", line {first_line - 1}, in <module>\nKeyboardInterrupt\n'
    after = f'  File "{launch}", line {first_line + 5}, in <module>\nKeyboardInterrupt\n'
    in_cli = f'  File "{ROOT}/ocsae_cli/cli.py", line 20, in <module>\n'
    package = f'  File "{ROOT}/ocsae_cli/__init__.py", line 0, in <module>\n'
    assert frames_past_the_hook(before + package, first_line) == []
    assert len(frames_past_the_hook(after, first_line)) == 1
    assert len(frames_past_the_hook(in_cli, first_line)) == 1
