"""What the ``ocsae`` console script runs first: Ctrl-C handling, then the CLI.

A Ctrl-C must end as any other does, with one line and exit 130, and never as
a ``KeyboardInterrupt`` traceback from the middle of an import. Most of a
start-up is importing typer and pydantic, so the handling has to be in place
before any of that, and as early as ocsae's code can be: this module is the
console script's target (``ocsae = "ocsae_cli.launch:main"``), it is tiny, and
its first statements install the handling using only the modules the
interpreter has loaded before any script runs (``os`` and ``sys``).

- While the CLI imports, SIGINT leaves at once (nothing is open yet), so no
  ``KeyboardInterrupt`` is raised where Python would print or wrap it.
- While :func:`ocsae_cli.cli.run` works, an interrupt is a ``KeyboardInterrupt``
  again: it unwinds the command (closing and removing files on the way) and
  ``run`` turns it into 130 (see :func:`imports_done`).
- One that escapes at the top level (in the console script around ``main``, or
  while ``signal`` itself imports) reaches the excepthook.
- One that Python raises where it cannot propagate (a weakref callback or a
  ``__del__``, such as importlib's module-lock callback) would be printed as
  "Exception ignored" and lost, and the command would finish with 0. It is
  remembered instead, silently, and ``run`` ends with 130 all the same (see
  :func:`take_interrupt`).

Before this module's first line, Python is starting (its ``site``, ``.pth``
files) and the console script is importing this package: an interrupt there
ends as Python decides, as it does for ``python -c pass``. README.md's
reliability section gives the measured size of that window.
"""

import os
import sys

TYPE_CHECKING = False  # typing is not imported yet, on purpose
if TYPE_CHECKING:
    from types import TracebackType

_INTERRUPTED = 130  # commands.common.EXIT_INTERRUPTED, which cannot be imported yet


def _leave_interrupted() -> None:
    try:  # noqa: SIM105 - contextlib is not loaded yet
        os.write(2, b"\n")
    except OSError:
        pass
    os._exit(_INTERRUPTED)


def _interrupted_outside_run(
    kind: "type[BaseException]", value: BaseException, traceback: "TracebackType | None"
) -> None:
    """sys.excepthook: an uncaught KeyboardInterrupt is one line and exit 130.

    Also when Python wrapped it: an interrupt inside a ``__set_name__`` while a
    class is built reaches the top as the RuntimeError it caused (Python 3.11).
    """
    cause: BaseException | None = value
    while cause is not None and not isinstance(cause, KeyboardInterrupt):
        cause = cause.__cause__ or cause.__context__
    if cause is not None:
        _leave_interrupted()
    _previous_excepthook(kind, value, traceback)


_interrupt_pending = False  # a Ctrl-C that run() has not answered yet


def _interrupt_swallowed(unraisable: "sys.UnraisableHookArgs") -> None:
    """sys.unraisablehook: a KeyboardInterrupt Python had to drop is remembered, not printed."""
    global _interrupt_pending  # noqa: PLW0603 - the one flag a signal handler can set
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _interrupt_pending = True
        return
    _previous_unraisablehook(unraisable)


_previous_excepthook = sys.excepthook
sys.excepthook = _interrupted_outside_run
_previous_unraisablehook = sys.unraisablehook
sys.unraisablehook = _interrupt_swallowed

import signal  # noqa: E402 - after the hook, on purpose


def _interrupted_while_importing(signum: int, frame: object) -> None:
    del signum, frame
    _leave_interrupted()


# Only where Python's own handler is in place: an inherited "ignore" (a
# background job) or an embedding program's handler is left alone.
try:
    _OWN_HANDLER = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if _OWN_HANDLER:
        signal.signal(signal.SIGINT, _interrupted_while_importing)
except ValueError:  # not the main thread: signals belong to whoever runs us
    _OWN_HANDLER = False


def _interrupted_while_running(signum: int, frame: object) -> None:
    del signum, frame
    global _interrupt_pending  # noqa: PLW0603 - the one flag a signal handler can set
    _interrupt_pending = True
    raise KeyboardInterrupt


def imports_done() -> None:
    """Once the CLI has imported, make Ctrl-C a KeyboardInterrupt again, and remember it.

    From here an interrupt must unwind the command that is running, so that
    files it was writing are closed and removed, rather than leave at once.
    """
    if _OWN_HANDLER and signal.getsignal(signal.SIGINT) is _interrupted_while_importing:
        signal.signal(signal.SIGINT, _interrupted_while_running)


def take_interrupt() -> bool:
    """Whether a Ctrl-C came since the last call (answered or not); forgets it.

    ``run`` asks at the end of every command: a ``True`` where the command did
    not end interrupted means Python dropped the ``KeyboardInterrupt`` on the way.
    """
    global _interrupt_pending
    pending, _interrupt_pending = _interrupt_pending, False
    return pending


def main() -> None:
    """Console-script entry point: import the CLI with Ctrl-C handled, then run it."""
    from ocsae_cli.cli import main as run_cli

    run_cli()
