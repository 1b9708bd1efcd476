"""The ``ocsae`` command line: parse options, call the analysis, hand the result to a renderer.

Exit codes: 0 ok, 1 a check found a failing claim, 2 usage error, 3 data file
missing or invalid, 130 interrupted, 141 stdout closed early.

Heavy modules (pydantic models, rich) are imported inside the commands that
use them, so ``--help``, ``--version`` and JSON output start fast.

No ``from __future__ import annotations`` here: typer reads every command's
signature at each start, and string annotations would be evaluated again each
time (3 ms of a 140 ms start).
"""

import gc
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

# typer >= 0.29 vendors click; its exceptions are not re-exported.
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from ocsae_cli import __version__
from ocsae_cli.analysis import SUMMARY_LIMIT
from ocsae_cli.analysis.weeks import BasisChoice
from ocsae_cli.load import DataError, load_dataset, resolve_source
from ocsae_cli.render import OutputClosed, OutputFormat, Terminal, emit, render

if TYPE_CHECKING:
    from ocsae_cli.analysis.figures import Index
    from ocsae_cli.analysis.results import Result

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_DATA = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 130, 141


class OcsaeGroup(TyperGroup):
    """Maps every way a command can end to one line on stderr and an exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        del standalone_mode  # errors are always handled here
        # One run builds large structures without cycles (a figure, its index
        # entries, its checks) and then exits. The cyclic collector would rescan
        # them again and again, a third of the run at 100,000 figures; reference
        # counting still frees everything as it goes.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._run(args, prog_name, complete_var, extra)
        finally:
            if collecting:  # a caller in the same process (a test) gets it back
                gc.enable()

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        extra: dict[str, Any],
    ) -> NoReturn:
        try:
            code = super().main(
                args=args,
                prog_name=prog_name or "ocsae",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except ClickException as error:
            context = getattr(error, "ctx", None)
            if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
                # bare `ocsae`: help, not an error. Rich help is printed as the error is
                # made and its message is then empty; plain help is the message itself.
                message = error.format_message()
                if message:
                    typer.echo(message)
                sys.exit(EXIT_OK)
            where = context.command_path if context is not None else "ocsae"
            typer.echo(f"Error: {error.format_message()} (see '{where} --help')", err=True)
            sys.exit(error.exit_code)
        except DataError as error:
            for diagnostic in error.diagnostics:
                typer.echo(f"Error: {diagnostic}", err=True)
            sys.exit(EXIT_DATA)
        except OutputClosed:
            _silence_stdout()
            sys.exit(EXIT_PIPE_CLOSED)
        except (typer.Abort, KeyboardInterrupt):
            typer.echo("", err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    cls=OcsaeGroup,
    name="ocsae",
    help="Query, compare, rate and fact-check the Met OCSAE unit's spring-2020 figures.\n\n"
    "Start with `ocsae summary`. Every command reads the packaged figures unless "
    "--data PATH or $OCSAE_DATA names another file of the same schema.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ---------------------------------------------------------------- shared options


def _complete_ids(kind: str, ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Ids from the active data file, with their labels; silent on any failure."""
    try:
        from ocsae_cli.load import load_file

        data = ctx.params.get("data")
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


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        metavar="PATH",
        show_default=False,
        help="Figures file to read (default: $OCSAE_DATA, else the packaged figures).",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ocsae {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Query, compare, rate and fact-check the Met OCSAE unit's spring-2020 figures."""


# ---------------------------------------------------------------- helpers


def _index(data: Path | None) -> "Index":
    from ocsae_cli.analysis.figures import Index

    return Index.build(load_dataset(data))


def _check_ids(values: Iterable[str], known: Iterable[str], kind: str, option: str) -> list[str]:
    """The ids given, or a usage error naming the first unknown one, with a suggestion."""
    from ocsae_cli.model import did_you_mean

    choices = list(known)
    given = list(values)
    for value in given:
        if value not in choices:
            hint = did_you_mean(value, choices) or f" (known: {', '.join(choices)})"
            raise typer.BadParameter(f"unknown {kind} '{value}'{hint}", param_hint=f"'{option}'")
    return given


def _show(
    result: "Result", output: OutputFormat, as_json: bool, no_color: bool, *, quotes: bool = False
) -> None:
    chosen = OutputFormat.JSON if as_json else output
    terminal = Terminal.detect(no_color=no_color)
    emit(render(result, chosen, terminal=terminal, quotes=quotes))


# ---------------------------------------------------------------- commands


@app.command()
def summary(
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            metavar="N",
            show_default=False,
            help=f"List at most N of the file's periods (default {SUMMARY_LIMIT}); "
            "the checks always cover them all.",
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every period, however many the file has.")
    ] = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """One screen for a newcomer: source, periods, weekly rates, averages, checks.

    Example: ocsae summary
    """
    from ocsae_cli.analysis.summary import summarise

    if show_all and limit is not None:
        raise typer.BadParameter("give --limit or --all, not both", param_hint="'--all'")
    listed = None if show_all else (SUMMARY_LIMIT if limit is None else limit)
    _show(summarise(_index(data), listed), output, as_json, no_color)


@app.command()
def query(
    metric: MetricOption = None,
    period: PeriodOption = None,
    statistic: Annotated[
        list[str] | None,
        typer.Option(
            "--statistic",
            "-s",
            metavar="STAT",
            show_default=False,
            help="total, weekly-average, monthly-average or annual-average.",
        ),
    ] = None,
    approximate: Annotated[
        bool | None,
        typer.Option(
            "--approximate/--exact",
            show_default=False,
            help="Only approximate figures, or only exact ones (default: both).",
        ),
    ] = None,
    quotes: Annotated[
        bool, typer.Option("--quotes", help="Show each figure's quote and notes (tables).")
    ] = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The figures, filtered; --quotes traces each one back to its sentence.

    Example: ocsae query --metric arrests --quotes
    """
    from ocsae_cli.analysis.figures import query as run_query
    from ocsae_cli.analysis.results import QueryResult
    from ocsae_cli.model import STATISTICS

    index = _index(data)
    metrics = _check_ids(metric or [], index.metrics, "metric", "--metric")
    periods = _check_ids(period or [], index.periods, "period", "--period")
    statistics = _check_ids(statistic or [], STATISTICS, "statistic", "--statistic")
    rows = run_query(
        index, metrics=metrics, periods=periods, statistics=statistics, approximate=approximate
    )
    _show(QueryResult(tuple(rows)), output, as_json, no_color, quotes=quotes)


@app.command()
def periods(
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The periods: dates (ends inclusive), days, stated length, what is inferred.

    Example: ocsae periods --json | jq '.[] | {id, days}'
    """
    from ocsae_cli.analysis.figures import list_periods
    from ocsae_cli.analysis.results import PeriodsResult

    _show(PeriodsResult(tuple(list_periods(_index(data)))), output, as_json, no_color)


@app.command()
def metrics(
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The metrics: what each id counts.

    Example: ocsae metrics
    """
    from ocsae_cli.analysis.figures import list_metrics
    from ocsae_cli.analysis.results import MetricsResult

    _show(MetricsResult(tuple(list_metrics(_index(data)))), output, as_json, no_color)


@app.command()
def weekly(
    period: PeriodOption = None,
    metric: MetricOption = None,
    basis: BasisOption = BasisChoice.BOTH,
    derived: Annotated[
        bool, typer.Option("--derived", help="Add remainders of nested periods.")
    ] = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Every figure as a weekly rate, saying how: divided, passed through or converted.

    Example: ocsae weekly --period lockdown --basis calendar
    """
    from ocsae_cli.analysis.compare import all_remainders
    from ocsae_cli.analysis.figures import weekly as run_weekly
    from ocsae_cli.analysis.results import WeeklyResult

    index = _index(data)
    metrics = _check_ids(metric or [], index.metrics, "metric", "--metric")
    periods = _check_ids(period or [], index.periods, "period", "--period")
    remainders = [
        (r.period, r.totals) for r in (all_remainders(index, among=periods) if derived else [])
    ]
    rows = run_weekly(
        index, bases=basis.bases, metrics=metrics, periods=periods, derived=remainders
    )
    result = WeeklyResult(bases=tuple(b.value for b in basis.bases), rows=tuple(rows))
    _show(result, output, as_json, no_color)


@app.command()
def compare(
    period: PeriodOption = None,
    metric: MetricOption = None,
    basis: BasisOption = BasisChoice.BOTH,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Periods side by side, per week, with remainders derived where one holds another.

    Example: ocsae compare --period lockdown --period seven-weeks
    """
    from ocsae_cli.analysis.compare import compare as run_compare

    index = _index(data)
    periods = _check_ids(period or [], index.periods, "period", "--period")
    metrics = _check_ids(metric or [], index.metrics, "metric", "--metric")
    if len(periods) < 2:
        raise typer.BadParameter(
            "give at least two periods, e.g. --period lockdown --period seven-weeks",
            param_hint="'--period'",
        )
    repeated = sorted({p for p in periods if periods.count(p) > 1})
    if repeated:
        raise typer.BadParameter(f"period '{repeated[0]}' is given twice", param_hint="'--period'")
    result = run_compare(index, periods, bases=basis.bases, metrics=metrics)
    _show(result, output, as_json, no_color)


@app.command()
def check(
    basis: BasisOption = BasisChoice.BOTH,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Audit the figures against each other; exit 1 when any check fails.

    Example: ocsae check --data new.toml --json | jq '.[] | select(.verdict != "ok")'
    """
    from ocsae_cli.analysis.checks import run_checks

    result = run_checks(_index(data), basis.bases)
    _show(result, output, as_json, no_color)
    if result.failed:
        raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
def chart(
    metric: MetricOption = None,
    period: PeriodOption = None,
    basis: BasisOption = BasisChoice.CALENDAR,
    derived: Annotated[
        bool, typer.Option("--derived", help="Add remainders of nested periods.")
    ] = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Weekly rates as horizontal bars, one group per metric.

    Example: ocsae chart --metric arrests --derived
    """
    from ocsae_cli.analysis.chart import chart as run_chart

    index = _index(data)
    metrics = _check_ids(metric or [], index.metrics, "metric", "--metric")
    periods = _check_ids(period or [], index.periods, "period", "--period")
    result = run_chart(index, bases=basis.bases, metrics=metrics, periods=periods, derived=derived)
    _show(result, output, as_json, no_color)


@app.command()
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            show_default=False,
            help="File to validate (default: --data, $OCSAE_DATA or the packaged one).",
        ),
    ] = None,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Check a figures file against the schema; exit 3 with one line per problem.

    Example: ocsae validate my-figures.toml
    """
    from ocsae_cli.analysis.results import (
        InvalidResult,
        ValidateResult,
        ValidationProblem,
    )
    from ocsae_cli.load import load_file

    source = resolve_source(path or data)
    try:
        dataset = load_file(source, use_cache=False)  # validate means: really validate it
    except DataError as error:
        if as_json or output is OutputFormat.JSON:
            problems = tuple(
                ValidationProblem(d.file, d.line, d.column, d.path, d.message)
                for d in error.diagnostics
            )
            _show(InvalidResult(False, str(source.path), problems), output, as_json, no_color)
        raise
    result = ValidateResult(
        True, str(source.path), len(dataset.figures), len(dataset.periods), len(dataset.metrics)
    )
    _show(result, output, as_json, no_color)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the figures file (for editors and jsonschema).

    Example: ocsae schema > figures.schema.json
    """
    from ocsae_cli.analysis.results import SchemaResult
    from ocsae_cli.model import Dataset

    result = SchemaResult(Dataset.model_json_schema(mode="validation"))
    _show(result, OutputFormat.JSON, True, True)


def main() -> None:
    """Console-script entry point."""
    try:
        typer.main.get_command(app).main(prog_name="ocsae")
    finally:
        # The process exits next, and the interpreter's last collection would scan
        # every object left (typer, pydantic, the figures) for cycles: 15 ms on the
        # packaged figures, more on a large file. It skips frozen objects.
        gc.freeze()


if __name__ == "__main__":
    main()
