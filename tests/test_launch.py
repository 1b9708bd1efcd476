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

CHOSEN_POINTS = {
    "while signal imports (after the hook)": INTERRUPT_AT_IMPORT.format(
        name="enum", entry="ocsae_cli.launch"
    ),
    "while typer imports": INTERRUPT_AT_IMPORT.format(name="typer", entry="ocsae_cli.launch"),
    "while pydantic imports": INTERRUPT_AT_IMPORT.format(name="pydantic", entry="ocsae_cli.launch"),
    "between the import and main()": INTERRUPT_BEFORE_MAIN.format(entry="ocsae_cli.launch"),
    "cli imported directly, while typer imports": INTERRUPT_AT_IMPORT.format(
        name="typer", entry="ocsae_cli.cli"
    ),
    "cli imported directly, before main()": INTERRUPT_BEFORE_MAIN.format(entry="ocsae_cli.cli"),
}


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
@pytest.mark.parametrize("script", CHOSEN_POINTS.values(), ids=CHOSEN_POINTS.keys())
def test_ctrl_c_at_start_up_is_one_line_and_130_not_a_traceback(script: str) -> None:
    result = run_child(script)
    assert result.returncode == EXIT_INTERRUPTED, result.stderr
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
    "while the command imports lazily": SWALLOWED.format(
        where=(
            "class Finder:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'ocsae_cli.model':\n"
            "            InterruptedWhileCollected()\n"
            "        return None\n"
            "sys.meta_path.insert(0, Finder())"
        )
    ),
}


@pytest.mark.slow
@pytest.mark.usefixtures("sigint_as_a_terminal_sends_it")
@pytest.mark.parametrize("script", SWALLOWED_AT.values(), ids=SWALLOWED_AT.keys())
def test_a_ctrl_c_python_drops_still_ends_with_130_and_no_exception_ignored(script: str) -> None:
    result = run_child(script)
    assert "Exception ignored" not in result.stderr
    assert result.stderr == "\n"
    assert result.returncode == EXIT_INTERRUPTED


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
    seen: list[tuple[float, int, str]] = []
    for _ in range(40):
        delay = random.uniform(0.010, 0.120)
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
        assert not frames_past_the_hook(stderr, first_line), (delay, code, stderr)
        if code == EXIT_INTERRUPTED:
            assert stderr == "\n", (delay, stderr)
    handled = sum(code == EXIT_INTERRUPTED for _, code, _ in seen)
    assert handled >= len(seen) // 2, seen  # most delays fall well after start-up


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
