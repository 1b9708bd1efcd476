"""``ocsae validate`` and ``ocsae schema``: the figures file against its schema."""

from pathlib import Path
from typing import Annotated

import typer

from ocsae_cli.commands.common import (
    DataOption,
    FormatOption,
    JsonOption,
    NoColorOption,
    file_path,
    show,
)
from ocsae_cli.load import MAX_DIAGNOSTICS
from ocsae_cli.render import OutputFormat


def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            parser=file_path,
            show_default=False,
            help="File to validate, - for stdin "
            "(default: --data, $OCSAE_DATA or the packaged one).",
        ),
    ] = None,
    all_errors: Annotated[
        bool,
        typer.Option(
            "--all-errors",
            help=f"Report every problem, not only the first {MAX_DIAGNOSTICS}.",
        ),
    ] = False,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Check a figures file against the schema; exit 3 with one line per problem.

    Example: ocsae validate my-figures.toml
    """
    from ocsae_cli.analysis.validation import invalid_result, valid_result
    from ocsae_cli.load import DataError, load_file, resolve_source

    if path is not None and data is not None:
        raise typer.BadParameter(
            "give the file as PATH or as --data, not both", param_hint="'--data'"
        )
    json_output = as_json or output is OutputFormat.JSON
    source = resolve_source(path or data)
    try:
        # validate means: really validate it, so never from the cache. JSON lists
        # every problem; stderr stops at MAX_DIAGNOSTICS unless asked for all.
        everything = all_errors or json_output
        dataset = load_file(
            source, use_cache=False, max_diagnostics=None if everything else MAX_DIAGNOSTICS
        )
    except DataError as error:
        if json_output:
            show(invalid_result(source.name, error.diagnostics), output, as_json, no_color)
        if not all_errors and len(error.diagnostics) > MAX_DIAGNOSTICS:
            beyond = len(error.diagnostics) - MAX_DIAGNOSTICS
            raise DataError(error.diagnostics[:MAX_DIAGNOSTICS], error.omitted + beyond) from None
        raise
    show(valid_result(source.name, dataset), output, as_json, no_color)


def schema() -> None:
    """Print the JSON Schema of the figures file (for editors and jsonschema).

    Example: ocsae schema > figures.schema.json
    """
    from ocsae_cli.analysis.validation import schema_result

    show(schema_result(), OutputFormat.JSON, True, True)
