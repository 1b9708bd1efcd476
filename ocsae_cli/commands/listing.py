"""``ocsae periods`` and ``ocsae metrics``: what the ids mean."""

from ocsae_cli.commands.common import (
    DataOption,
    FormatOption,
    JsonOption,
    NoColorOption,
    load_index,
    show,
)
from ocsae_cli.render import OutputFormat


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

    show(list_periods(load_index(data)), output, as_json, no_color)


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

    show(list_metrics(load_index(data)), output, as_json, no_color)
