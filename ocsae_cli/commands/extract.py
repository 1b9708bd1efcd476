"""``ocsae extract``: an article's text (or saved page) in, a draft figures file out."""

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocsae_cli.commands.common import EXIT_OUTPUT, file_path

if TYPE_CHECKING:
    from ocsae_cli.extract import Draft

MAX_ARTICLE_BYTES = 16 * 1024 * 1024
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class DraftFormat(StrEnum):
    """How the draft is written."""

    TOML = "toml"
    JSON = "json"


def _published(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None
    if not 1000 <= day.year <= 8999:
        raise typer.BadParameter(f"{value!r} is outside the years 1000 to 8999")
    return day


def _source_id(value: str) -> str:
    if len(value) > 64 or not _ID.fullmatch(value):
        raise typer.BadParameter(
            f"{value!r} is not a kebab-case id (lower-case letters and digits joined by '-', "
            "at most 64 characters)"
        )
    return value


def extract(
    article: Annotated[
        Path,
        typer.Argument(
            metavar="ARTICLE",
            parser=file_path,
            show_default=False,
            help="The article: a text file or a saved HTML page, - for stdin.",
        ),
    ],
    published: Annotated[
        date | None,
        typer.Option(
            "--published",
            metavar="DATE",
            parser=_published,
            show_default=False,
            help="The article's publication date (YYYY-MM-DD): the year of '23 March' and "
            "the dates of 'last year' are read against it. Without it they are marked for review.",
        ),
    ] = None,
    source_id: Annotated[
        str,
        typer.Option("--source-id", metavar="ID", parser=_source_id, help="The source's id."),
    ] = "article",
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="TEXT",
            show_default=False,
            help="Stop reading at this text (default: at 'More For You', 'Related', "
            "'Read more', 'Keep Reading' and the like).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            parser=file_path,
            show_default=False,
            help="Write the draft to FILE instead of stdout; never overwrites without --force.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --output overwrite FILE.")] = False,
    draft_format: Annotated[
        DraftFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="toml: a schema-2 figures file; json: the same with each figure's span "
            "(start, end) in the text and the review items.",
        ),
    ] = DraftFormat.TOML,
) -> None:
    """Draft a figures file from an article: figures, quotes, periods, metrics.

    The draft goes to stdout or FILE; stderr lists what needs review, by line.

    Check the draft against the article, then run ocsae validate and ocsae check.

    Example: ocsae extract article.txt --published 2017-10-19 | ocsae check --data -
    """
    from ocsae_cli.extract import extract as draft_article

    if force and output is None:
        raise typer.BadParameter("--force only applies with --output FILE", param_hint="'--force'")
    name = "<stdin>" if str(article) == "-" else str(article)
    text = _read_article(article, name)
    if output is not None and str(output) != "-" and output.exists() and not force:
        raise typer.BadParameter(
            f"{output} exists; add --force to overwrite it", param_hint="'--output'"
        )
    draft = draft_article(text, published=published, source_id=source_id, until=until)
    document, lines = _render(draft, draft_format, name)
    if output is None or str(output) == "-":
        from ocsae_cli.render import emit

        emit(document)
        target = "stdout"
    else:
        _write(output, document, force)
        target = str(output)
    _summary(draft, lines, name, target, published)


def _read_article(article: Path, name: str) -> str:
    """The article's text: UTF-8, else Windows-1252 (saved pages are often one or the other)."""
    import sys

    from ocsae_cli.load import DataError, Diagnostic

    try:
        if name == "<stdin>":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise DataError([Diagnostic(name, "standard input is closed")])
            raw: bytes = stream.read(MAX_ARTICLE_BYTES + 1)
        else:
            with article.open("rb") as handle:
                raw = handle.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise DataError([Diagnostic(name, "no such file")]) from None
    except IsADirectoryError:
        raise DataError([Diagnostic(name, "is a directory, not an article")]) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise DataError([Diagnostic(name, f"cannot be read: {reason}")]) from None
    if len(raw) > MAX_ARTICLE_BYTES:
        limit = MAX_ARTICLE_BYTES // (1024 * 1024)
        raise DataError([Diagnostic(name, f"is larger than the limit of {limit} MiB")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _render(draft: "Draft", draft_format: DraftFormat, name: str) -> tuple[str, list[int]]:
    """The draft as text, and the line of each review item in it (1-based)."""
    import json

    from ocsae_cli.extract import draft_data, draft_json_data, review_comments

    if draft_format is DraftFormat.JSON:
        document = json.dumps(draft_json_data(draft), indent=2, ensure_ascii=False, default=str)
        document += "\n"
        needles = [f'"message": {json.dumps(r.message, ensure_ascii=False)}' for r in draft.review]
    else:
        from ocsae_cli.tomlwrite import dumps_toml

        header = [
            f"Drafted by `ocsae extract` from {name}.",
            "Check every figure against its quote and every line marked 'review:', then run",
            "`ocsae validate` and `ocsae check` on this file.",
        ]
        document = dumps_toml(draft_data(draft), comments=review_comments(draft), header=header)
        needles = [f"# {r.message}" for r in draft.review]
    return document, _lines_of(document, needles)


def _lines_of(document: str, needles: list[str]) -> list[int]:
    """For each needle in turn, the first line after the previous one that holds it."""
    rows = document.splitlines()
    found: list[int] = []
    at = 0
    for needle in needles:
        where = next((i for i in range(at, len(rows)) if needle in rows[i]), None)
        if where is None:
            found.append(0)
            continue
        found.append(where + 1)
        at = where + 1
    return found


def _write(output: Path, document: str, force: bool) -> None:
    """Write the draft; an existing file only with --force, and never half-written."""
    import os
    import tempfile

    data = document.encode("utf-8")
    try:
        if not force:
            with output.open("xb") as handle:
                handle.write(data)
            return
        directory = output.parent
        descriptor, temporary = tempfile.mkstemp(prefix=".ocsae-extract-", dir=directory)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            Path(temporary).replace(output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise typer.BadParameter(
            f"{output} exists; add --force to overwrite it", param_hint="'--output'"
        ) from None
    except OSError as error:
        _tell(f"Error: cannot write {output}: {error.strerror or type(error).__name__}")
        raise typer.Exit(EXIT_OUTPUT) from None


def _tell(message: str) -> None:
    import contextlib

    from ocsae_cli.render.text import one_line

    with contextlib.suppress(OSError, ValueError):
        typer.echo(one_line(message), err=True)


def _summary(
    draft: "Draft", lines: list[int], name: str, target: str, published: date | None
) -> None:
    """Counts, then each review item with its line in the draft, on stderr."""

    def count(n: int, what: str) -> str:
        return f"{n} {what}{'' if n == 1 else 's'}"

    _tell(
        f"ocsae extract: {count(len(draft.figures), 'figure')}, "
        f"{count(len(draft.periods), 'period')}, {count(len(draft.metrics), 'metric')} "
        f"from {name} to {target}"
    )
    if not draft.figures:
        _tell("No figures found: the draft is empty and will not validate.")
        return
    if published is None:
        _tell("No --published date: dates that depend on it are guesses, marked for review.")
    if draft.review:
        _tell(f"{count(len(draft.review), 'item')} to review:")
        for item, line in zip(draft.review, lines, strict=True):
            where = f"line {line}" if line else item.table
            _tell(f"  {where}: {item.message}")
