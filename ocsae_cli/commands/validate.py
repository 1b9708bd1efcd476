"""``ocsae validate`` and ``ocsae schema``: the figures file against its schema."""

from pathlib import Path
from typing import Annotated

import typer

from ocsae_cli.commands.common import DataOption, FormatOption, JsonOption, NoColorOption, show
from ocsae_cli.render import OutputFormat


def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
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
    from ocsae_cli.analysis.validation import invalid_result, valid_result
    from ocsae_cli.load import DataError, load_file, resolve_source

    source = resolve_source(path or data)
    try:
        dataset = load_file(source, use_cache=False)  # validate means: really validate it
    except DataError as error:
        if as_json or output is OutputFormat.JSON:
            show(invalid_result(str(source.path), error.diagnostics), output, as_json, no_color)
        raise
    show(valid_result(str(source.path), dataset), output, as_json, no_color)


def schema() -> None:
    """Print the JSON Schema of the figures file (for editors and jsonschema).

    Example: ocsae schema > figures.schema.json
    """
    from ocsae_cli.analysis.validation import schema_result

    show(schema_result(), OutputFormat.JSON, True, True)
