"""``ocsae extract`` as a user runs it: stdout, stderr, --output, --format, exit codes."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from clirun import invoke

from ocsae_cli import commands
from ocsae_cli.load import validate_document

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "tests" / "data" / "article.txt"

pytestmark = pytest.mark.skipif(
    not any(c.__name__ == "extract" for c in commands.COMMANDS),
    reason="`extract` is not registered in ocsae_cli.commands.COMMANDS yet",
)


def test_draft_on_stdout_summary_on_stderr() -> None:
    outcome = invoke(["extract", str(ARTICLE), "--published", "2020-04-27"])
    assert outcome.exit_code == 0, outcome.output
    document = tomllib.loads(outcome.stdout)
    validate_document(document, outcome.stdout, "<stdout>")
    assert len(document["figures"]) == 15
    assert document["sources"][0]["published"].isoformat() == "2020-04-27"
    first = outcome.stderr.splitlines()[0]
    assert first.startswith("ocsae extract: 15 figures, ")
    lines = outcome.stdout.splitlines()
    reviews = [line for line in outcome.stderr.splitlines() if line.startswith("  line ")]
    assert reviews
    for review in reviews:
        number, message = review.removeprefix("  line ").split(": ", 1)
        assert lines[int(number) - 1] == f"# {message}"


def test_stdin_and_json_with_spans() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    outcome = invoke(["extract", "-", "--format", "json", "--source-id", "met"], input=text)
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["sources"][0]["id"] == "met"
    for figure in data["figures"]:
        assert figure["source"] == "met"
        assert text[figure["start"] : figure["end"]] in figure["quote"]
    assert "No --published date" in outcome.stderr
    assert data["review"]


def test_output_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "draft.toml"
    first = invoke(["extract", str(ARTICLE), "--output", str(target)])
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert tomllib.loads(written)["schema_version"] == 2
    target.write_text("mine", encoding="utf-8")
    again = invoke(["extract", str(ARTICLE), "--output", str(target)])
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    forced = invoke(["extract", str(ARTICLE), "--output", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") == written


def test_until_and_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>Arrests rose 10% in March</h1><p>Police made 45 arrests in "
        "March 2020, up 10% on March 2019.</p><p>Sign-up: 300 readers</p></article>"
        "<footer>Call 0800 123 456</footer></body></html>",
        encoding="utf-8",
    )
    outcome = invoke(["extract", str(page), "--until", "Sign-up", "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    values = [f["value"] for f in json.loads(outcome.stdout)["figures"]]
    assert values == [10, 45, 10]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "27/04/2020"], "YYYY-MM-DD"),
        (["--source-id", "Not An Id"], "kebab-case"),
        (["--force"], "--output"),
        (["--format", "yaml"], "yaml"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    outcome = invoke(["extract", str(ARTICLE), *args])
    assert outcome.exit_code == 2
    assert message in outcome.stderr


def test_missing_article_is_a_data_error(tmp_path: Path) -> None:
    outcome = invoke(["extract", str(tmp_path / "nope.txt")])
    assert outcome.exit_code == 3
    assert "no such file" in outcome.stderr


def test_pipe_into_check() -> None:
    drafted = invoke(["extract", str(ARTICLE), "--published", "2020-04-27"])
    checked = invoke(["check", "--data", "-"], input=drafted.stdout)
    assert checked.exit_code in (0, 1), checked.output
