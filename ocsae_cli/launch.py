"""What the ``ocsae`` console script runs first: Ctrl-C handling, then the CLI.

A Ctrl-C must end as any other does, with one empty line on stderr and status
130, and never as a ``KeyboardInterrupt`` traceback from the middle of an
import. Most of a start-up is importing typer and pydantic, so the handling has
to be in place before any of that, and as early as ocsae's code can be: this
module is the console script's target (``ocsae = "ocsae_cli.launch:main"``),
it is tiny, and its first statements install the hooks using only the modules
the interpreter has loaded before any script runs (``os`` and ``sys``); the
SIGINT handler follows as soon as ``signal`` has imported.

- While the CLI imports, SIGINT leaves at once (nothing is open yet), so no
  ``KeyboardInterrupt`` is raised where Python would print or wrap it.
- While a command runs (:func:`command_started` to :func:`command_ended`), the
  first Ctrl-C is a ``KeyboardInterrupt``: it unwinds the command, closing and
  removing files on the way, and ``run`` turns it into 130. Further ones while
  it unwinds are noted, not raised, so that they cannot cut that cleanup short.
- One that escapes at the top level (in the console script around ``main``, or
  while ``signal`` itself imports) reaches the excepthook.
- One that Python raises where it cannot propagate (a weakref callback or a
  ``__del__``, such as importlib's module-lock callback) would be printed as
  "Exception ignored" and lost, and the command would run on to exit 0. The
  unraisable hook keeps it quiet and raises it again a millisecond later, out
  of the callback; ``run`` ends with 130 even where that cannot be done.

The process then ends killed by SIGINT (:func:`end_interrupted`), as Python
itself does after an uncaught ``KeyboardInterrupt``: a shell reports status
130 either way, but only then does a loop around ``ocsae`` stop.

Importing this module (or ``ocsae_cli.cli``, which imports it) changes the
process: ``sys.excepthook``, ``sys.unraisablehook`` and, where Python's own
handler is in place, SIGINT's handler.

Before this module's first line, Python is starting (its ``site``, ``.pth``
files) and the console script is importing this package: an interrupt there
ends as Python decides, as it does for any Python program. README.md's
reliability section and BENCHMARKS.md give the measured size of that window.
"""

import os
import sys

TYPE_CHECKING = False  # typing is not imported yet, on purpose
if TYPE_CHECKING:
    from types import FrameType, TracebackType
    from typing import NoReturn

_INTERRUPTED = 130  # commands.common.EXIT_INTERRUPTED, which cannot be imported yet

_interrupted = False  # a Ctrl-C came during the current command (or before it, dropped)
_in_command = False  # between command_started() and command_ended()


def end_interrupted() -> "NoReturn":
    """End the process as killed by SIGINT; status 130 where that cannot be done.

    A shell sees 130 either way, but only a process killed by the signal makes
    it stop a loop (``for f in *.toml; do ocsae check --data "$f"; done``)
    rather than go on to the next file. ``signal`` may not be imported yet, and
    Windows or another thread cannot raise it: then exit 130.
    """
    # stderr's one line must get out; stdout's unwritten rest is left, as an
    # interrupted output is cut anyway, and a reader that stopped reading (a
    # pager) would make flushing it wait.
    try:  # noqa: SIM105 - contextlib is not loaded yet
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # closed, full, or None
        pass
    signals = sys.modules.get("signal")
    if signals is not None:
        try:
            signals.signal(signals.SIGINT, signals.SIG_DFL)
            signals.raise_signal(signals.SIGINT)
        except (ValueError, OSError, AttributeError):
            pass
    os._exit(_INTERRUPTED)


def _leave_interrupted() -> "NoReturn":
    try:  # noqa: SIM105 - contextlib is not loaded yet
        os.write(2, b"\n")
    except OSError:
        pass
    end_interrupted()


def _interrupted_outside_run(
    kind: "type[BaseException]", value: BaseException, traceback: "TracebackType | None"
) -> None:
    """sys.excepthook: an uncaught KeyboardInterrupt is one empty line and status 130.

    Also when Python wrapped it: an interrupt inside a ``__set_name__`` while a
    class is built reaches the top as the RuntimeError it caused (Python 3.11).
    """
    cause: BaseException | None = value
    seen: set[int] = set()  # a cause can point back at itself
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            _leave_interrupted()
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    _previous_excepthook(kind, value, traceback)


def _interrupt_dropped(unraisable: "sys.UnraisableHookArgs") -> None:
    """sys.unraisablehook: a KeyboardInterrupt Python had to drop is raised again, not printed."""
    global _interrupted  # noqa: PLW0603 - module state that signal handlers share
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _interrupted = True
        _raise_again_soon()
        return
    _previous_unraisablehook(unraisable)


def _raise_again_soon() -> None:
    """Deliver the interrupt again a millisecond from now, outside the callback that dropped it.

    Through SIGALRM, whose handler runs as SIGINT's would. Before ``signal`` is
    imported, the SIGINT handler leaves as soon as it is installed instead; on
    Windows or another thread, ``run`` still ends with 130.
    """
    signals = sys.modules.get("signal")
    if signals is None or "_interrupted_again" not in globals():
        return
    try:
        signals.signal(signals.SIGALRM, _interrupted_again)
        signals.setitimer(signals.ITIMER_REAL, 0.001)
    except (ValueError, OSError, AttributeError):
        pass


_previous_excepthook = sys.excepthook
sys.excepthook = _interrupted_outside_run
_previous_unraisablehook = sys.unraisablehook
sys.unraisablehook = _interrupt_dropped

import signal  # noqa: E402 - after the hooks, on purpose


def _interrupted_while_importing(signum: int, frame: "FrameType | None") -> None:
    del signum, frame
    _leave_interrupted()


def _interrupted_while_running(signum: int, frame: "FrameType | None") -> None:
    del signum, frame
    global _interrupted  # noqa: PLW0603 - module state that signal handlers share
    if _in_command and _interrupted:
        return  # already unwinding: a second Ctrl-C must not cut the cleanup short
    _interrupted = True
    raise KeyboardInterrupt


def _interrupted_again(signum: int, frame: "FrameType | None") -> None:
    del signum, frame
    if signal.getsignal(signal.SIGINT) is _interrupted_while_importing:
        _leave_interrupted()
    raise KeyboardInterrupt


# Only where Python's own handler is in place: an inherited "ignore" (a
# background job) or an embedding program's handler is left alone.
try:
    _OWN_HANDLER = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if _OWN_HANDLER:
        signal.signal(signal.SIGINT, _interrupted_while_importing)
except ValueError:  # not the main thread: signals belong to whoever runs us
    _OWN_HANDLER = False
if _OWN_HANDLER and _interrupted:  # dropped while `signal` imported: nothing is open yet
    _leave_interrupted()


def imports_done() -> None:
    """Once the CLI has imported, make Ctrl-C a KeyboardInterrupt again.

    From here an interrupt must unwind the command that is running, so that
    files it was writing are closed and removed, rather than leave at once.
    """
    try:
        if _OWN_HANDLER and signal.getsignal(signal.SIGINT) is _interrupted_while_importing:
            signal.signal(signal.SIGINT, _interrupted_while_running)
    except ValueError:  # imported from another thread: Python's handler stays as it was
        pass


def command_started() -> None:
    """A command starts: the next Ctrl-C is its to answer."""
    global _interrupted, _in_command
    _interrupted, _in_command = False, True


def command_ended() -> bool:
    """The command is over: whether a Ctrl-C came while it ran, answered or not.

    ``True`` where the command did not end interrupted means that Python
    dropped the ``KeyboardInterrupt`` and it could not be raised again in time.
    """
    global _interrupted, _in_command
    if _interrupted:
        try:  # noqa: SIM105 - a redelivery not yet made is no longer wanted
            signal.setitimer(signal.ITIMER_REAL, 0)
        except (ValueError, OSError, AttributeError):
            pass
    came, _interrupted, _in_command = _interrupted, False, False
    return came


def main() -> None:
    """Console-script entry point: import the CLI with Ctrl-C handled, then run it."""
    from ocsae_cli.cli import main as run_cli

    try:
        run_cli()
    except SystemExit as exit_:
        if exit_.code == _INTERRUPTED:
            end_interrupted()
        raise
