"""Page to text, furniture, headline and sentences."""

from __future__ import annotations

from ocsae_cli.extract import cut_furniture, html_to_text, looks_like_html
from ocsae_cli.extract.text import headline_span, sentences

PAGE = """<!doctype html>
<html><head><title>Site name - Headline</title>
<script>var views = 15873;</script><style>p { margin: 2px }</style></head>
<body>
<header><div>The Ledger <small>Since 1887</small></div></header>
<nav><a href="/covid-19">Covid-19</a> | <a href="/top-50">Top 50</a></nav>
<p class="dateline">Jan. 5, 2022</p>
<article>
<h1>Shootings fell 19 percent in 2021</h1>
<p>Shooting incidents   fell 19 percent
last year, down from 1,204 to 980.</p>
<p>There were 97 killings &amp; 12 carjackings.<br>A new line.</p>
<ul><li>First item</li><li>Second item</li></ul>
</article>
<aside><h3>Trending</h3><p>Storm brings 8 inches of snow</p></aside>
<form><p>Read by 30,000 neighbours</p><input name="list" value="1042"></form>
<footer><p>400 Commerce St. Newsroom: 816-555-0100.</p></footer>
</body></html>
"""


def test_html_to_text_keeps_the_article_and_drops_furniture() -> None:
    text = html_to_text(PAGE)
    assert text.splitlines()[0] == "Shootings fell 19 percent in 2021"
    assert "Shooting incidents fell 19 percent last year, down from 1,204 to 980." in text
    assert "There were 97 killings & 12 carjackings." in text
    for furniture in ("15873", "margin", "Since 1887", "Covid-19", "8 inches", "30,000", "816"):
        assert furniture not in text
    assert "Site name" not in text
    assert "Jan. 5" not in text  # above the h1: page furniture


def test_html_blocks_become_paragraphs() -> None:
    paragraphs = html_to_text(PAGE).strip().split("\n\n")
    assert "A new line." in paragraphs
    assert "First item" in paragraphs
    assert "Second item" in paragraphs
    assert all("\n" not in p for p in paragraphs)


def test_html_without_h1_and_nested_skipped_elements() -> None:
    page = "<html><body><div><p>Body 1</p><nav><nav>x</nav>2</nav><p>Body 3</p></div></body></html>"
    assert html_to_text(page) == "Body 1\n\nBody 3\n"


def test_looks_like_html() -> None:
    assert looks_like_html(PAGE)
    assert looks_like_html("<p>One</p><p>Two</p><div>Three</div>")
    assert not looks_like_html("Police made 45 arrests.\n\nThe <p> tag is HTML.")
    assert not looks_like_html("3 < 4 and 5 > 2")


ARTICLE = """Headline of the story

Police made 45 arrests in March, and the unit protected 92 children over the period.

More For You

Another story with 300 arrests
"""


def test_cut_furniture_at_a_marker_line() -> None:
    cut = cut_furniture(ARTICLE)
    assert cut.rstrip().endswith("over the period.")
    assert "300" not in cut


def test_markers_are_whole_lines_in_any_case() -> None:
    for marker in ("Related", "READ MORE", "Keep Reading", "More for you", "Related stories:"):
        text = ARTICLE.replace("More For You", marker)
        assert "300" not in cut_furniture(text), marker
    inline = ARTICLE.replace("More For You", "Related news is below 300")
    assert "300" in cut_furniture(inline)


def test_a_marker_above_the_story_is_menu_not_furniture() -> None:
    text = "Related\nMost read\n\n" + ARTICLE
    cut = cut_furniture(text)
    assert "45 arrests" in cut
    assert "300" not in cut


def test_until_replaces_the_markers() -> None:
    cut = cut_furniture(ARTICLE, until="the unit protected")
    assert cut.rstrip().endswith("Police made 45 arrests in March, and")
    assert "300" in cut_furniture(ARTICLE, until="no such marker")
    assert cut_furniture(ARTICLE, until="more for YOU").rstrip().endswith("over the period.")


def test_headline_skips_site_chrome() -> None:
    text = (
        "Skip to content\nSearch AI Powered\n\nLatest Stories\n\n"
        "Data shows 100 children protected\n\nBody."
    )
    start, end = headline_span(text) or (0, 0)
    assert text[start:end] == "Data shows 100 children protected"
    assert headline_span("Short\n\nA longer line of text here") == (7, 33)
    assert headline_span("Only") == (0, 4)
    assert headline_span("\n\n") is None


def test_sentences_split_after_full_stops_but_not_abbreviations_or_decimals() -> None:
    text = (
        "Det. Supt. Helen Flanagan said 5.2 million calls came in. Mr. Smith agreed! "
        "Was it 3.5 per cent? Yes.\nA heading\n\nA new paragraph (202 reports). It ends."
    )
    found = [text[s.start : s.end] for s in sentences(text)]
    assert found == [
        "Det. Supt. Helen Flanagan said 5.2 million calls came in.",
        "Mr. Smith agreed!",
        "Was it 3.5 per cent?",
        "Yes.",
        "A heading",
        "A new paragraph (202 reports).",
        "It ends.",
    ]
    assert [s.paragraph for s in sentences(text)] == [0, 0, 0, 0, 0, 1, 1]


def test_hard_wrapped_lines_stay_one_sentence() -> None:
    text = "The unit made 45 arrests and\nprotected 92 children in March.\nNext sentence here."
    found = [text[s.start : s.end] for s in sentences(text)]
    assert found == [
        "The unit made 45 arrests and\nprotected 92 children in March.",
        "Next sentence here.",
    ]


def test_windows_line_breaks() -> None:
    text = ARTICLE.replace("\n", "\r\n")
    assert "300" not in cut_furniture(text)
