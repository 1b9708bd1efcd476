"""The packaged figures quote the article word for word.

``tests/data/article.txt`` is the article's text above its "More For You"
furniture (the other stories on the page quote none of the figures), shipped
with the tests so that this check runs in every clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ocsae_cli.load import load_file, packaged_data_path
from ocsae_cli.model import Dataset

ARTICLE = Path(__file__).resolve().parent / "data" / "article.txt"
# Where the article was first saved, outside the repository; present on the
# machine the dataset was written on, and nowhere else.
ORIGINAL = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_648713f26f9d0f5c.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def packaged() -> Dataset:
    return load_file(packaged_data_path())


def test_packaged_quotes_appear_verbatim_in_the_article(packaged: Dataset, article: str) -> None:
    missing = [f.quote for f in packaged.figures if f.quote not in article]
    assert missing == []


def test_the_fixture_is_the_article_above_more_for_you() -> None:
    if not ORIGINAL.is_file():
        pytest.skip(f"the saved article is not present at {ORIGINAL}")
    original = ORIGINAL.read_text(encoding="utf-8")
    assert "More For You" in original
    body = original.split("More For You", 1)[0]
    assert ARTICLE.read_text(encoding="utf-8") == body.rstrip() + "\n"
