"""``ocsae upgrade``: a figures file rewritten as schema 2."""

from pathlib import Path
from typing import Annotated

import typer

from ocsae_cli.commands.common import file_path


def upgrade(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            parser=file_path,
            help="The figures file to upgrade, or - for standard input.",
        ),
    ],
) -> None:
    """Print a figures file as schema 2, keeping its comments and layout.

    A schema 1 file's [source] becomes [[sources]] with id "article"; a schema 2
    file is printed unchanged. The result is validated before it is printed.

    Example: ocsae upgrade old.toml > new.toml
    """
    from ocsae_cli.load import DataError, DataSource, Diagnostic, read_text, validate_text
    from ocsae_cli.render import emit
    from ocsae_cli.upgrade import UpgradeError, upgrade_text

    source = DataSource(path, "FILE")
    try:
        upgraded = upgrade_text(read_text(source))
    except UpgradeError as error:
        raise DataError([Diagnostic(source.name, str(error))]) from None
    validate_text(upgraded, source.name)  # a file that cannot be read as schema 2 says why
    emit(upgraded)
