"""``ocsae check``: the figures audited against each other."""

import typer

from ocsae_cli.commands.common import (
    EXIT_CHECK_FAILED,
    BasisChoice,
    BasisOption,
    DataOption,
    FormatOption,
    JsonOption,
    NoColorOption,
    load_index,
    show,
)
from ocsae_cli.render import OutputFormat


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

    result = run_checks(load_index(data), basis.bases)
    show(result, output, as_json, no_color)
    if result.failed:
        raise typer.Exit(EXIT_CHECK_FAILED)
