"""What every command shares: exit codes, options, loading the index, showing a result.

This is the command-line layer: it parses and hands on, and knows nothing of
arithmetic or layout. Heavy modules are imported inside the functions that use
them, so that ``--help`` and ``--version`` never load the models.
"""

import inspect
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from ocsae_cli.render import OutputFormat, Terminal, emit, stream

if TYPE_CHECKING:
    from ocsae_cli.analysis.figures import Index
    from ocsae_cli.analysis.results import Result
    from ocsae_cli.analysis.weeks import Basis

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_DATA = 0, 1, 2, 3
EXIT_OUTPUT = 74  # EX_IOERR: standard output closed, full or unable to encode the text
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 130, 141


class BasisChoice(StrEnum):
    """A command-line choice of basis: one of them, or both."""

    STATED = "stated"
    CALENDAR = "calendar"
    BOTH = "both"

    @property
    def bases(self) -> "tuple[Basis, ...]":
        """The bases this choice selects, stated first."""
        from ocsae_cli.analysis.weeks import Basis

        if self is BasisChoice.BOTH:
            return (Basis.STATED, Basis.CALENDAR)
        return (Basis(self.value),)


def _complete_ids(kind: str, ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Ids from the active data file, with their labels; silent on any failure."""
    try:
        from ocsae_cli.load import load_file, resolve_source

        # --data after the command, else before it (`ocsae --data F query --period <TAB>`).
        data = ctx.params.get("data") or (ctx.parent.params.get("data") if ctx.parent else None)
        dataset = load_file(resolve_source(Path(data) if data else None))
        entries = dataset.periods if kind == "period" else dataset.metrics
        return [(e.id, e.label) for e in entries if e.id.startswith(incomplete)]
    except BaseException:  # completion must never print an error
        return []


def complete_periods(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for --period."""
    return _complete_ids("period", ctx, incomplete)


def complete_metrics(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for --metric."""
    return _complete_ids("metric", ctx, incomplete)


def plain_help(text: str | None) -> str | None:
    """A command's help with its ``Example:`` paragraph kept as written.

    click re-wraps every paragraph to the terminal, which would break an
    example in the middle of the command. The paragraph is marked with click's
    ``\\b`` (not re-wrapped), and each command goes on a line of its own, so
    that at 80 columns none is ever broken.
    """
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    for number, paragraph in enumerate(paragraphs):
        if paragraph.startswith("Example:"):
            lines = paragraph.removeprefix("Example:").strip().splitlines()
            commands = "\n".join(f"  {line.strip()}" for line in lines)
            paragraphs[number] = f"\b\nExample:\n{commands}"
    return "\n\n".join(paragraphs)


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
COMPLETION_FLAGS = ("--install-completion", "--show-completion")


class OcsaeGroup(TyperGroup):
    """``ocsae`` itself: ``--install-completion SHELL`` and ``--show-completion SHELL``.

    typer's two options take no value and detect the shell ocsae runs in, so
    ``ocsae --install-completion zsh`` typed in bash would install bash's. Here
    a shell named after either option goes to the option's own callback, which
    installs or shows completion for the shell it is given. Its own options
    (``--data``) may not be repeated either: ``ocsae --data A --data B check``
    is a usage error, as ``ocsae check --data A --data B`` is.
    """

    # ctx is click's Context, which typer does not export (typer.Context derives from it).
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Install or show completion for a named shell, refuse a repeated --data, then parse."""
        if not ctx.resilient_parsing:
            for param in self.get_params(ctx):
                flags = [opt for opt in param.opts if opt in COMPLETION_FLAGS]
                at = args.index(flags[0]) if flags and flags[0] in args else -1
                if param.callback and 0 <= at < len(args) - 1 and args[at + 1] in SHELLS:
                    param.callback(ctx, param, args[at + 1])  # exits when done
            refuse_repeated_options(self, ctx, args)
        return super().parse_args(ctx, args)


def root_data(ctx: typer.Context, data: Path | None) -> None:
    """Make ``ocsae --data F COMMAND`` read F: the default of every command's ``--data``.

    Through click's ``default_map`` (a command's own ``--data`` still wins),
    so that the commands need not know where the option was given.
    """
    if data is None:
        return
    defaults = dict(ctx.default_map or {})
    for name in getattr(ctx.command, "commands", {}):
        defaults[name] = {**defaults.get(name, {}), "data": str(data)}
    ctx.default_map = defaults


class OcsaeCommand(TyperCommand):
    """A command whose options each say one thing: none given twice, --json apart from --format.

    click lets the last of ``--format csv --format json`` win in silence, and
    ``--approximate --exact`` too; here they are usage errors, found before
    anything is read. Its help keeps its example whole (see :func:`plain_help`),
    and ``ocsae --help`` lists its first paragraph whole, never cut at 45
    characters.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Build the command as typer does, with its help as :func:`plain_help` makes it."""
        text = kwargs.get("help")
        kwargs["help"] = plain_help(text)
        if text and not kwargs.get("short_help"):
            kwargs["short_help"] = " ".join(inspect.cleandoc(text).split("\n\n")[0].split())
        super().__init__(*args, **kwargs)

    # ctx is click's Context, which typer does not export (typer.Context derives from it).
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Refuse repeated and conflicting options, then parse as click does."""
        if not ctx.resilient_parsing:  # shell completion: half a command line is fine
            seen = refuse_repeated_options(self, ctx, args)
            if "as_json" in seen and "output" in seen:
                raise typer.BadParameter(
                    "give --json or --format, not both", ctx=ctx, param_hint="'--json'"
                )
        return super().parse_args(ctx, args)


def refuse_repeated_options(command: Any, ctx: Any, args: list[str]) -> dict[str, int]:
    """A usage error for an option that takes one value given twice; else how often each came.

    click lets the last one win in silence. The parser reports every occurrence
    of every option in order; parsing twice costs microseconds, and this first
    pass raises what the second would. A group's parser stops at the command's
    name, so ``ocsae --data A --data B check`` is counted before ``check``.
    """
    _, _, order = command.make_parser(ctx).parse_args(args=list(args))
    seen: dict[str, int] = {}
    for param in order:
        name = param.name or ""
        seen[name] = seen.get(name, 0) + 1
        flag_alone = getattr(param, "is_flag", False) and not param.secondary_opts
        takes_one = not (param.multiple or getattr(param, "count", False) or flag_alone)
        if seen[name] == 2 and param.param_type_name == "option" and takes_one:
            first = param.opts[0]
            if param.secondary_opts:
                message = f"give {first} or {param.secondary_opts[0]}, not both"
            else:
                message = f"give {first} once"
            raise typer.BadParameter(message, ctx=ctx, param_hint=f"'{first}'")
    return seen


def file_path(value: str) -> Path:
    """A figures file named on the command line: ``-`` is standard input, ``''`` no file.

    Deliberately not typer's Path checks: a file that is missing or cannot be
    read is the data's problem (exit 3, as through $OCSAE_DATA), found when it
    is read, not a usage error.
    """
    if not value:
        raise typer.BadParameter("an empty path names no file; give a figures file, or - for stdin")
    return Path(value)


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        metavar="PATH",
        parser=file_path,
        show_default=False,
        help="Figures file to read, - for stdin (default: $OCSAE_DATA, else the packaged figures).",
    ),
]


def output_format(value: str | OutputFormat) -> OutputFormat:
    """A ``--format`` value, or ocsae's own usage error naming every format there is."""
    if isinstance(value, OutputFormat):
        return value
    try:
        return OutputFormat(value.lower())
    except ValueError:
        choices = ", ".join(OutputFormat)
        raise typer.BadParameter(f"unknown format '{value}' (choose from {choices})") from None


def complete_formats(incomplete: str) -> list[str]:
    """Shell completion for --format."""
    return [f.value for f in OutputFormat if f.value.startswith(incomplete.lower())]


# Formats only one command prints (publishing formats); every other command
# refuses them, naming the formats it does print.
ONLY_FOR = {OutputFormat.CLAIMREVIEW: "check", OutputFormat.VEGA_LITE: "chart"}


def formats_of(command: str) -> list[OutputFormat]:
    """The formats ``command`` prints: every one but those only another command prints."""
    return [f for f in OutputFormat if ONLY_FOR.get(f, command) == command]


def printable_format(ctx: typer.Context, value: OutputFormat) -> OutputFormat:
    """A ``--format`` the command can print, or a usage error naming the ones it can."""
    command = ctx.info_name or ""
    if ONLY_FOR.get(value, command) != command:
        accepted = ", ".join(formats_of(command))
        raise typer.BadParameter(f"ocsae {command} cannot print {value}; it prints {accepted}")
    return value


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=output_format,
        callback=printable_format,
        autocompletion=complete_formats,
        help=f"Output format: {', '.join(f for f in OutputFormat if f not in ONLY_FOR)}"
        + "".join(f"; {command} also {f}" for f, command in ONLY_FOR.items())
        + ".",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour or box drawing, even on a terminal.")
]
PeriodOption = Annotated[
    list[str] | None,
    typer.Option(
        "--period",
        "-p",
        metavar="ID",
        autocompletion=complete_periods,
        show_default=False,
        help="A period id; repeat for several.",
    ),
]
MetricOption = Annotated[
    list[str] | None,
    typer.Option(
        "--metric",
        "-m",
        metavar="ID",
        autocompletion=complete_metrics,
        show_default=False,
        help="A metric id; repeat for several.",
    ),
]
BasisOption = Annotated[
    BasisChoice,
    typer.Option(
        "--basis",
        "-b",
        case_sensitive=False,
        help="Weeks as the source states them, as calendar days / 7, or both.",
    ),
]
DerivedOption = Annotated[bool, typer.Option("--derived", help="Add remainders of nested periods.")]


def load_index(data: Path | None) -> "Index":
    """The indexed dataset of ``--data`` (or its default); DataError when it is invalid."""
    from ocsae_cli.analysis.figures import Index
    from ocsae_cli.load import load_dataset

    return Index.build(load_dataset(data))


def check_ids(values: Iterable[str], known: Iterable[str], kind: str, option: str) -> list[str]:
    """The ids given, or a usage error naming the first unknown one, with a suggestion."""
    from ocsae_cli.model import did_you_mean

    choices = list(known)
    given = list(values)
    for value in given:
        if value not in choices:
            hint = did_you_mean(value, choices) or f" (known: {', '.join(choices)})"
            raise typer.BadParameter(f"unknown {kind} '{value}'{hint}", param_hint=f"'{option}'")
    return given


def check_periods(values: Iterable[str], index: "Index", *, derivable: bool) -> list[str]:
    """The ``--period`` ids given: the file's, and derived ones where the command derives them.

    A derived id (``seven-weeks-before-lockdown``, as compare, weekly and
    summary print them) is accepted where ``derivable``; elsewhere it is a usage
    error that says which command rates it.
    """
    from ocsae_cli.analysis.compare import derived_period

    given = list(values)
    known = list(index.periods)
    for value in given:
        found = derived_period(index, value) if value not in index.periods else None
        if found is None or found.period.derived_from is None:
            continue
        if not derivable:
            container, contained = found.period.derived_from
            raise typer.BadParameter(
                f"'{value}' is a derived period ('{container}' less '{contained}'), with no "
                f"figures of its own; `ocsae weekly --period {value}` rates it",
                param_hint="'--period'",
            )
        known.append(value)
    return check_ids(given, known, "period", "--period")


def show(
    result: "Result",
    output: OutputFormat,
    as_json: bool,
    no_color: bool,
    *,
    quotes: bool = False,
) -> None:
    """Render ``result`` in the chosen format and write it to stdout."""
    chosen = OutputFormat.JSON if as_json else output
    terminal = Terminal.detect(no_color=no_color)
    emit(stream(result, chosen, terminal=terminal, quotes=quotes))
