"""``ocsae check``: the figures audited against each other."""

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocsae_cli.commands.common import (
    EXIT_CHECK_FAILED,
    BasisChoice,
    BasisOption,
    DataOption,
    FormatOption,
    JsonOption,
    NoColorOption,
    file_path,
    load_index,
    show,
)
from ocsae_cli.render import OutputFormat

if TYPE_CHECKING:
    from ocsae_cli.analysis.checks import Article


def _page_address(value: str) -> str:
    """An http(s) address with no fragment: each review adds its own."""
    if not re.fullmatch(r"https?://[^\s#]+", value):
        raise typer.BadParameter(
            f"{value!r} is not the address of a page: give http:// or https://, without a #"
        )
    return value


class FailOn(StrEnum):
    """The verdict from which ``check`` exits 1."""

    WARN = "warn"  # a warn or a fail
    FAIL = "fail"


def check(
    article: Annotated[
        Path | None,
        typer.Option(
            "--article",
            metavar="FILE",
            parser=file_path,
            show_default=False,
            help="Also check that every quote stands in this article (text or HTML).",
        ),
    ] = None,
    basis: BasisOption = BasisChoice.BOTH,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            metavar="VERDICT",
            help="The verdict that exits 1: fail (the default), or warn (a warn or a fail).",
        ),
    ] = FailOn.FAIL,
    data: DataOption = None,
    output: FormatOption = OutputFormat.TABLE,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
    author: Annotated[
        str | None,
        typer.Option(
            "--author",
            metavar="NAME",
            show_default=False,
            help="Who publishes the fact check (--format claimreview needs it).",
        ),
    ] = None,
    url_prefix: Annotated[
        str | None,
        typer.Option(
            "--url-prefix",
            metavar="URL",
            parser=_page_address,
            show_default=False,
            help="The fact check's page, for --format claimreview: each review's url is "
            "URL#CHECK-ID (default: #CHECK-ID, on the page that holds the markup).",
        ),
    ] = None,
) -> None:
    """Audit the figures against each other; exit 1 when a check fails.

    Example: ocsae check --data new.toml --json | jq '.[] | select(.verdict != "ok")'
    """
    from ocsae_cli.analysis.checks import run_checks

    publishing = output is OutputFormat.CLAIMREVIEW
    if publishing and not (author and author.strip()):
        raise typer.BadParameter(
            "--format claimreview needs --author NAME: who publishes the fact check",
            param_hint="'--author'",
        )
    if not publishing and (author is not None or url_prefix is not None):
        raise typer.BadParameter(
            "--author and --url-prefix only apply with --format claimreview",
            param_hint="'--author' / '--url-prefix'",
        )
    index = load_index(data)
    result = run_checks(index, basis.bases, _article(article) if article else None)
    if publishing and author:
        from ocsae_cli.analysis.reviews import claim_reviews

        reviews = claim_reviews(index, result, author=author.strip(), url_prefix=url_prefix)
        show(reviews, output, as_json, no_color)
    else:
        show(result, output, as_json, no_color)
    if result.fails_at(fail_on.value):
        raise typer.Exit(EXIT_CHECK_FAILED)


def _article(path: Path) -> "Article":
    """The article's text (an HTML page as its text), read within the size limit."""
    from ocsae_cli.analysis.checks import Article
    from ocsae_cli.extract import html_to_text, looks_like_html
    from ocsae_cli.load import DataSource, read_text

    source = DataSource(path, "--article")
    text = read_text(source)
    return Article(html_to_text(text) if looks_like_html(text) else text, source.name)
