"""From an article's text to a draft figures file (schema 2), with what needs review.

:func:`extract` runs the whole pipeline: page to text, furniture cut, headline,
sentences, period mentions, figures, then one pass in reading order that dates the
relative periods, gives each figure its period (the nearest the text gives it, else
the one the text is talking about) and each change its baseline, and names metrics
after the counted noun. :func:`draft_data` turns the result into the plain mapping
that TOML and JSON print.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .dates import (
    DateRange,
    Unit,
    add_months,
    length_in_days,
    shift_months,
    shift_years,
    span_ending,
    span_starting,
    year_range,
)
from .figures import Candidate, find_figures, proper_names

if TYPE_CHECKING:
    from ocsae_cli.model import Statistic
from .numbers import small_number, tokenize
from .periods import ABSOLUTE, Mention, Resolved, Resolver, find_mentions, name_key
from .text import cut_furniture, headline_span, html_to_text, looks_like_html, sentences

__all__ = [
    "Draft",
    "DraftFigure",
    "DraftMetric",
    "DraftPeriod",
    "DraftSource",
    "ReviewItem",
    "draft_data",
    "draft_json_data",
    "extract",
    "review_comments",
]

_CHANGES = frozenset({"change", "percent-change", "ratio"})
_ID_CLEAN = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class DraftSource:
    """The article: its id, headline and publication date."""

    id: str
    title: str
    published: date | None


@dataclass(frozen=True)
class DraftPeriod:
    """A period as the figures file writes it."""

    id: str
    label: str
    start: date
    end: date
    stated_length: tuple[int, str, bool] | None = None
    start_inferred: bool = False
    end_inferred: bool = False
    note: str | None = None


@dataclass(frozen=True)
class DraftMetric:
    """A metric named after the counted noun."""

    id: str
    label: str
    unit: str
    description: str


@dataclass(frozen=True)
class DraftFigure:
    """A figure with its quote and its span (start, end) in the draft's text."""

    metric: str
    period: str
    value: float
    statistic: Statistic
    quote: str
    start: int
    end: int
    baseline: str | None = None
    approximate: bool = False
    qualifier: str | None = None
    precision: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReviewItem:
    """Something a person should check: which table entry, and why."""

    table: str
    index: int
    message: str


@dataclass(frozen=True)
class Draft:
    """What :func:`extract` found, with the text its spans refer to."""

    text: str
    source: DraftSource
    periods: tuple[DraftPeriod, ...]
    metrics: tuple[DraftMetric, ...]
    figures: tuple[DraftFigure, ...]
    review: tuple[ReviewItem, ...]


# ---------------------------------------------------------------- working state


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    mentions: list[Mention]
    figures: list[Candidate]
    main: Resolved | None = None
    headline: bool = False
    since_baseline: bool | None = None  # worked out once, on first use


@dataclass
class _Placed:
    candidate: Candidate
    sentence: _Sentence
    period: Resolved
    period_label: str
    baseline: Resolved | None = None
    baseline_label: str | None = None
    notes: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    metric: str | None = None
    duplicate_of: int | None = None


def kebab(text: str, limit: int = 64) -> str:
    """A kebab-case id from any text ("Four weeks of lockdown" -> "four-weeks-of-lockdown")."""
    slug = _ID_CLEAN.sub("-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rstrip("-")
        if "-" in slug[limit // 2 :]:
            slug = slug[: slug.rfind("-")]
    return slug or "x"


def _fallback_anchor(mentions: list[Mention]) -> date:
    years = [m.a.year for m in mentions if m.a is not None and m.a.year]
    years += [m.b.year for m in mentions if m.b is not None and m.b.year]
    return date(max(years), 12, 31) if years else date(2000, 12, 31)


def extract(
    text: str,
    *,
    published: date | None = None,
    source_id: str = "article",
    until: str | None = None,
) -> Draft:
    """Draft the figures of an article (plain text or an HTML page).

    ``published`` dates the article: the year of "23 March" and the meaning of "last
    year" or "the past seven weeks" are resolved against it. Without it they are
    guessed from the latest date the article gives and marked for review. ``until``
    is the marker where the article stops (default: "More For You", "Related", "Read
    more" and the like). The draft's spans refer to ``Draft.text``, the text after
    line breaks are made plain newlines, HTML is converted and the furniture is cut.
    """
    # One kind of line break, so that spans, paragraphs and markers agree.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_text(text)
    text = cut_furniture(text, until)
    head = headline_span(text)
    begin = head[0] if head else 0
    title = text[head[0] : head[1]].strip() if head else "Untitled article"
    sents: list[_Sentence] = []
    found = sentences(text, begin)
    tokenized = [tokenize(text, s.start, s.end) for s in found]
    names = proper_names(tokenized)
    for n, (s, tokens) in enumerate(zip(found, tokenized, strict=True)):
        mentions = find_mentions(text, s.start, s.end, n)
        taken = [(m.start, m.end) for m in mentions]
        candidates, _ = find_figures(text, tokens, s.start, taken, names)
        sents.append(_Sentence(n, s.start, s.end, s.paragraph, mentions, candidates))
    if sents and head and sents[0].start == head[0]:
        sents[0].headline = True
    all_mentions = [m for s in sents for m in s.mentions]
    resolver = Resolver(
        published, _fallback_anchor(all_mentions), _year_reading(text), _day_first(text)
    )
    for m in all_mentions:
        if m.kind in ABSOLUTE:
            m.resolved = resolver.resolve(m, None)
    _years_from_the_frame(sents)
    _such_names_the_count(sents)
    _date_named(sents, resolver)
    placed = _place(text, sents, resolver)
    return _assemble(text, title, source_id, published, placed, resolver)


_SCHOOL_YEARS = re.compile(r"\b(?:school|academic)\s++years?\b", re.IGNORECASE)
_MONEY_YEARS = re.compile(r"\b(?:financial|fiscal|tax)\s++years?\b", re.IGNORECASE)


def _year_reading(text: str) -> str:
    """How the article's bare "2021-22" years read: school years when it speaks of school
    or academic years and never of financial, fiscal or tax years; else financial years."""
    if _SCHOOL_YEARS.search(text) and not _MONEY_YEARS.search(text):
        return "school"
    return "financial"


_MONTH_WORD = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
_DAY_MONTH = re.compile(rf"(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s++(?:of\s++)?{_MONTH_WORD}\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH_WORD}\s++\d{{1,2}}(?:st|nd|rd|th)?(?![\d,.]\d)")


def _day_first(text: str) -> bool:
    """The article writes dates day first ("5 June") unless it writes more "June 5"."""
    return len(_MONTH_DAY.findall(text)) <= len(_DAY_MONTH.findall(text))


# ---------------------------------------------------------------- years from the text


def _stated_year(m: Mention) -> bool:
    """The mention writes its year ("in 2019", "March 2020", "2019-20")."""
    if m.kind in ("year", "fy", "fiscal"):
        return True
    return any(d is not None and d.year is not None for d in (m.a, m.b))


def _yearless(m: Mention) -> bool:
    """A month, day or range of them whose year the words leave open ("in March")."""
    if m.kind not in ("month", "day", "range") or m.numeric is not None:
        return False
    dates = [d for d in (m.a, m.b) if d is not None]
    return (
        bool(dates)
        and all(d.year is None and d.month is not None for d in dates)
        and (m.word not in ("last-year", "this-year"))
    )


def _years_from_the_frame(sents: list[_Sentence]) -> None:
    """ "Police made 450 arrests in 2019. In March, they made 45": a month without a year
    takes the year of the period the paragraph has set, when the latest such month
    before publication falls outside it and one in that period's years falls inside."""
    frame: Resolved | None = None
    paragraph = -1
    for s in sents:
        if s.paragraph != paragraph:
            frame, paragraph = None, s.paragraph
        for m in s.mentions:
            r = m.resolved
            if r is None or m.role == "record":
                continue
            if _yearless(m) and frame is not None and not _overlaps(r.span, frame.span):
                for year in (frame.span.start.year, frame.span.end.year):
                    moved = shift_years(r.span, year - r.span.start.year)
                    if frame.span.start <= moved.start and moved.end <= frame.span.end:
                        m.resolved = Resolved(
                            moved,
                            r.start_inferred,
                            r.end_inferred,
                            r.stated_length,
                            r.note,
                        )
                        break
            elif _stated_year(m) and m.kind != "since" and m.role == "own":
                frame = r


def _such_names_the_count(sents: list[_Sentence]) -> None:
    """ "Kelby Ambulance Service recorded 6,200 ... In the same three months of 2022, there
    were 3,100 such delays": the figures before "such delays" that say nothing of what
    they count counted delays."""
    unnamed: list[Candidate] = []
    for s in sents:
        if s.headline:
            continue
        for c in s.figures:
            if c.noun is None and c.currency is None:
                unnamed.append(c)
                continue
            if c.such:
                for x in unnamed:
                    x.noun, x.phrase = c.noun, c.phrase
                    x.notes.append(
                        f"What it counts is read from {'such ' + (c.phrase or '')!r} after it."
                    )
            unnamed = []


def _overlaps(a: DateRange, b: DateRange) -> bool:
    return a.start <= b.end and b.start <= a.end


# ---------------------------------------------------------------- named periods


def _compatible(days: int, length: tuple[int, str] | None) -> bool:
    if length is None:
        return True
    want = length_in_days(length[0], length[1])  # type: ignore[arg-type]
    return abs(days - want) <= max(3.0, 0.15 * want)


def _date_named(sents: list[_Sentence], resolver: Resolver) -> None:
    """Give named periods ("the four weeks of lockdown") the dates the text gives nearby."""
    groups: dict[str, list[Mention]] = {}
    for s in sents:
        for m in s.mentions:
            if m.kind == "named" and m.name:
                groups.setdefault(name_key(m.name), []).append(m)
    dated_kinds = ("range", "span_to", "first_n", "month", "quarter")
    starts = _event_starts(sents)
    for key, members in groups.items():
        match: Resolved | None = None
        why: str | None = None
        for m in members:
            s = sents[m.sentence]
            # "the four weeks of lockdown, from 23 March to 19 April": an apposition.
            for other in s.mentions:
                if (
                    other.kind in dated_kinds
                    and other.resolved
                    and other.start >= m.end
                    and other.start - m.end <= 4
                ) and not (other.resolved.start_inferred or other.resolved.end_inferred):
                    match = other.resolved
                    why = None
                    break
            if match:
                break
        if match is None:
            best: tuple[int, Mention, Mention] | None = None
            for m in members:
                for s in sents[max(0, m.sentence - 2) : m.sentence + 4]:
                    if abs(s.paragraph - sents[m.sentence].paragraph) > 2:
                        continue
                    for other in s.mentions:
                        r = other.resolved
                        if (
                            other.kind not in dated_kinds
                            or r is None
                            or r.start_inferred
                            or r.end_inferred
                        ):
                            continue
                        if r.span.days < 7 or not _compatible(r.span.days, m.length):
                            continue
                        if m.length is None and not any(x.length for x in members):
                            continue
                        distance = abs(other.sentence - m.sentence)
                        if best is None or distance < best[0]:
                            best = (distance, m, other)
            if best is not None:
                _, m, other = best
                assert other.resolved is not None
                match = other.resolved
                why = (
                    f"review: {m.label!r} is dated by {other.label!r} nearby "
                    f"({match.span.days} days)"
                )
        counted = next(
            (x for x in members if x.length and x.word in (None, "first", "opening", "initial")),
            None,
        )
        if match is None and key in starts and counted is not None and counted.length:
            # "the seven weeks since lockdown", where the text says "lockdown began on
            # 23 March": the stated length from the stated start.
            start, said = starts[key]
            match = Resolved(
                span_starting(start, *counted.length), stated_length=(*counted.length, False)
            )
            why = f"{counted.label!r} is counted from {start.isoformat()} ({said!r})."
        named_by = next((x for x in members if x.length), members[0])
        length = named_by.length
        for m in members:
            m.length = m.length or length
            m.resolved = resolver.named(m, match, why)
            m.strong = match is not None
            m.resolved.key = key
        if match is not None and length is not None:
            # One period for the whole group, labelled by the mention that states a length
            # ("the four weeks of lockdown" rather than "during UK lockdown").
            shared = named_by.resolved
            assert shared is not None
            shared.label = named_by.label
            for m in members:
                m.resolved = shared
    # Named relatives: "the week before lockdown began", "before the pandemic".
    for s in sents:
        for m in s.mentions:
            if m.kind == "named_rel" and m.name:
                group = groups.get(name_key(m.name))
                event = group[0].resolved if group else None
                if (event is None or event.start_inferred) and name_key(m.name) in starts:
                    start, _ = starts[name_key(m.name)]
                    event = Resolved(DateRange(start, start), False, True)
                m.resolved = resolver.named_relative(m, event)
                # Anchored on a stated day, it can be a figure's own period.
                m.strong = event is not None and not event.start_inferred


_EVENT_GAP = re.compile(r"\s*+")


def _event_starts(sents: list[_Sentence]) -> dict[str, tuple[date, str]]:
    """The days events began, where the text says: "before lockdown began on 23 March",
    "since the scheme started in May 2019"."""
    starts: dict[str, tuple[date, str]] = {}
    for s in sents:
        for m, other in zip(s.mentions, s.mentions[1:], strict=False):
            r = other.resolved
            if (
                m.kind == "named_rel"
                and m.event_start
                and m.name
                and other.kind in ("day", "month", "holiday")
                and r is not None
                and not r.start_inferred
                and other.start - m.end <= 1
            ):
                starts.setdefault(name_key(m.name), (r.span.start, f"{m.label} {other.label}"))
                other.role = "record"  # the day dates the event, not a figure
        for m in s.mentions:
            r = m.resolved
            if m.kind == "since" and m.event_start and m.name and r and not r.start_inferred:
                starts.setdefault(name_key(m.name), (r.span.start, m.label))
    return starts


# ---------------------------------------------------------------- placing figures


_VALUE_OF = re.compile(
    r"(?<!\s)\s++(?:\w++\s++)?(?:peak|level|figure|total|high|low|record|count|tally|number)"
    r"\s++of\s++(?:(?:about|around|some|almost|nearly|more\s++than|over|just|only)\s++)?",
    re.IGNORECASE,
)
_WHEN_LINK = re.compile(r"^\s*,?\s*when\b[^,;.]{0,40}$", re.IGNORECASE)


def _attached_mentions(s: _Sentence) -> dict[int, Mention]:
    """Mentions that belong to an earlier value: "from 41 in 2020", "the 51 recorded in 2019"."""
    out: dict[int, Mention] = {}
    ordered = sorted(s.figures, key=lambda c: c.start)
    for n, c in enumerate(ordered):
        if c.role not in ("from", "compare"):
            continue
        limit = ordered[n + 1].start if n + 1 < len(ordered) else s.end
        for m in s.mentions:
            if c.end <= m.start < min(limit, c.end + 40):
                out[id(c)] = m
                break
    return out


_CLAUSE_BREAK = re.compile(r"[,;()]|\b(?:and|but|while|whereas)\b", re.IGNORECASE)


def _distance(c: Candidate, m: Mention, text: str = "") -> int:
    """Characters between a figure and a mention, plus a clause's worth per clause break."""
    if m.end <= c.start:
        gap = (m.end, c.start)
    elif m.start >= c.end:
        gap = (c.end, m.start)
    else:
        return 0
    breaks = len(_CLAUSE_BREAK.findall(text, gap[0], gap[1])) if text else 0
    return gap[1] - gap[0] + 200 * breaks


# Gaps that make the dates after a period its apposition: "the first half of the year, from
# April to September", "last winter (December to February)".
_APPOSITION_GAP = re.compile(r"(?<!\s)\s*+[,(–—]\s*+")
_EXPLICIT = frozenset({"range", "month", "day", "span_to", "span_from", "quarter", "point"})
_VAGUE = frozenset({"first_n", "season", "calendar", "relative", "anaphora", "same"})


_GLOSS_AFTER = re.compile(
    r"(?<!\s)\s*+[,(–—]\s*+(?:(?:just|shortly|right|immediately|soon|weeks|days|months)\s++)?",
    re.IGNORECASE,
)
_GLOSS_GAP = re.compile(r"(?<!\s)\s*+(?:[,(–—]\s*+)?(?:in\s++|during\s++)?", re.IGNORECASE)


def _appositions(text: str, s: _Sentence) -> None:
    """A vague period followed by the dates that gloss it takes those dates."""
    for m, other in zip(s.mentions, s.mentions[1:], strict=False):
        r = other.resolved
        if (
            other.kind == "named_rel"
            and m.kind != "named_rel"
            and r is not None
            and r.start_inferred
            and r.end_inferred
            and m.resolved is not None
            and _GLOSS_AFTER.fullmatch(text, m.end, other.start)
        ):
            # "since February 2020, just before the pandemic": words about the date before.
            other.same_as, other.role = m, "record"
            continue
        if (
            m.kind == "named_rel"
            and m.word in ("before", "prior to", "ahead of")
            and m.resolved is not None
            and m.resolved.start_inferred
            and m.resolved.end_inferred
            and other.kind in _EXPLICIT | {"year", "fy", "holiday", "season"}
            and r is not None
            and _GLOSS_GAP.fullmatch(text, m.end, other.start)
        ):
            # "before the pandemic, in 2019": the dates say which span before it.
            m.resolved = r
            m.same_as = other
            continue
        if (
            m.kind not in _VAGUE
            or other.kind not in _EXPLICIT
            or r is None
            or r.start_inferred
            or r.end_inferred
            or not _APPOSITION_GAP.fullmatch(text, m.end, other.start)
        ):
            continue
        length = m.length
        stated = m.resolved.stated_length if m.resolved is not None else None
        if length is None and stated is not None and not stated[2]:
            # A length the reading only guessed ("last winter": three months) gives way to
            # the months the article glosses it with.
            length = (stated[0], stated[1])
        if length is not None and not _compatible(r.span.days, length):
            continue
        m.resolved = r
        m.same_as = other


# How many days a period named by one unit word lasts ("during the week").
_UNIT_DAYS = {
    "week": (7, 7),
    "fortnight": (14, 14),
    "month": (28, 31),
    "quarter": (89, 92),
    "year": (365, 366),
}


def _unit_period(m: Mention, recent: list[Resolved]) -> Resolved | None:
    """ "during the week": the latest period, of the figures so far, that is a week long."""
    bounds = _UNIT_DAYS.get(m.word or "")
    if bounds is None:
        return None
    for r in reversed(recent[-12:]):
        if bounds[0] <= r.span.days <= bounds[1]:
            return r
    return None


_ALONE = re.compile(r"(?<!\s)\s*+,?\s*+alone\b", re.IGNORECASE)
# Words that point back to what the sentence before counted: "Of those, 40% ...".
_POINTS_BACK = re.compile(
    r"\b(?:(?:of|among|from)\s++(?:these|those|them|which)|that\s++(?:year|period|time)"
    r"|at\s++the\s++time|then|these|those|the\s++same\s++(?:year|period))\b",
    re.IGNORECASE,
)


def _first_figure(s: _Sentence) -> int:
    """Where the sentence's first figure starts (its end when it has none)."""
    return min((c.start for c in s.figures), default=s.end)


def _place(text: str, sents: list[_Sentence], resolver: Resolver) -> list[_Placed]:
    placed: list[_Placed] = []
    context: Resolved | None = None
    context_label = ""
    context_paragraph = -1
    last_baseline: tuple[Resolved, Resolved, str] | None = None
    pending_headline: list[_Placed] = []
    headline_items: list[_Placed] = []  # restating no lede figure yet
    lede_paragraph: int | None = None
    lede: tuple[Resolved, str] | None = None
    recent: list[Resolved] = []  # the periods figures were given, latest last
    compared: list[DateRange] = []  # what the story's own period is compared with
    back: tuple[Resolved, str] | None = None  # the comparison period a sentence was about
    levels = _Levels()
    for s in sents:
        _appositions(text, s)
        if back is not None and _POINTS_BACK.search(text, s.start, _first_figure(s)):
            # "Of those, 40% ...": still about the comparison period.
            context, context_label = back
        back = None
        if (
            lede is not None
            and context is not None
            and s.paragraph != context_paragraph
            and _within(context.span, lede[0].span)
        ):
            # A new paragraph returns from a part of the story's period ("the first three
            # months of 2022") to the period the story is about (2022).
            context, context_label = lede
        attached = _attached_mentions(s)
        attached_ids = {id(m) for m in attached.values()}

        def own(m: Mention, attached_ids: set[int] = attached_ids) -> bool:
            return m.role == "own" and id(m) not in attached_ids and m.resolved is not None

        # The sentence's own period: the first absolute or dated mention of its own.
        main_mention = next(
            (m for m in s.mentions if own(m) and m.strong and m.kind in ABSOLUTE | {"named"}),
            None,
        )
        reference = main_mention.resolved if main_mention else context
        for m in s.mentions:
            if m.same_as is not None:
                continue  # dated by the dates beside it
            if m.kind in ("relative", "before", "same", "anaphora", "rolling") or (
                m.kind == "first_n" and m.name == "reference-year"
            ):
                ref = reference if main_mention is not m else context
                if m.kind == "anaphora":
                    ref = _unit_period(m, recent) or ref
                m.resolved = resolver.resolve(m, ref)
                if m.resolved is None and ref is None:
                    m.strong = False
        _appositions(text, s)
        main = main_mention.resolved if main_mention and main_mention.resolved else None
        if main is None:
            for m in s.mentions:
                if (
                    own(m)
                    and m.strong
                    and m.kind in ("same", "anaphora", "relative", "before", "rolling")
                ):
                    main = m.resolved
                    main_mention = m
                    break
        s.main = main
        if main is not None:
            _last_year_beside(s, main, main_mention, attached_ids)
        sentence_placed: list[_Placed] = []
        split_from: Resolved | None = None
        for c in s.figures:
            p = _period_for(text, s, c, attached, main, main_mention, context, context_label, own)
            if p is None:
                continue
            period, label, notes = p
            item = _Placed(c, s, period, label, notes=list(notes))
            _moving_average(s, item)
            if c.statistic in _CHANGES and not _values_dated(s, attached):
                before = item.period
                _split_range(s, item)
                _split_pair(text, s, item)
                if item.period is not before:
                    split_from = before
                _split_past_span(s, item, context, context_label, resolver)
            if (
                s.paragraph != context_paragraph
                and period is context
                and not any(m.resolved is period for m in s.mentions)
            ):
                item.notes.append(
                    f"The period ({label}) is carried over from an earlier paragraph."
                )
            sentence_placed.append(item)
        if split_from is not None:
            _to_values_follow(sentence_placed, split_from)
        # Baselines for changes and ratios.
        for item in sentence_placed:
            c = item.candidate
            if c.statistic not in _CHANGES:
                continue
            if item.baseline is None:
                base = _baseline_for(
                    text, s, c, item, attached, sentence_placed, last_baseline, own
                )
                item.baseline, item.baseline_label = base[0], base[1]
                item.review.extend(base[2])
            if item.baseline is not None and item.baseline.span == item.period.span:
                shifted = shift_years(item.period.span, -1)
                item.baseline = Resolved(
                    shifted,
                    True,
                    True,
                    None,
                    "review: the baseline read from the text is the figure's own period; "
                    "assumed the same period a year earlier",
                )
                item.baseline_label = "the same period a year earlier"
            if item.baseline is not None:
                last_baseline = (item.period, item.baseline, item.baseline_label or "")
        # "from" values without a period of their own take the baseline's.
        for item in sentence_placed:
            c = item.candidate
            if c.role in ("from", "compare") and id(c) not in attached:
                change = next((x for x in sentence_placed if x.baseline is not None), None)
                if change is not None and change.baseline is not None:
                    item.period = change.baseline
                    item.period_label = change.baseline_label or item.period_label
                elif item.period is _UNSTATED:
                    item.period = _UNSTATED_BASE
                    item.period_label = "baseline not stated"
                else:
                    shifted = shift_years(item.period.span, -1)
                    item.period = Resolved(
                        shifted,
                        True,
                        True,
                        None,
                        "review: the earlier value has no period; assumed the same period a "
                        "year earlier",
                    )
                    item.period_label = "the same period a year earlier"
        # "level with 2019": the same figure for that period too.
        for m in s.mentions:
            if m.role == "level" and m.resolved is not None:
                for item in list(sentence_placed):
                    if (
                        item.candidate.role == "main"
                        and item.candidate.statistic not in _CHANGES
                        and item.duplicate_of is None
                    ):
                        twin = _Placed(
                            item.candidate,
                            s,
                            m.resolved,
                            m.label,
                            notes=[
                                f"The article says the figure holds for {m.label} too "
                                '("level with").'
                            ],
                            duplicate_of=1,
                        )
                        sentence_placed.append(twin)
        levels.add(sentence_placed)
        for item in sentence_placed:
            _take_the_values_periods(item, levels)
        if s.headline:
            headline_items = list(sentence_placed)
        elif headline_items and sentence_placed:
            lede_paragraph = s.paragraph if lede_paragraph is None else lede_paragraph
            if s.paragraph != lede_paragraph:
                # Past the lede, only a change: the story's change is often told later.
                headline_items = [x for x in headline_items if x.candidate.statistic in _CHANGES]
            headline_items = _restated(headline_items, sentence_placed)
        if s.headline:
            pending_headline = [x for x in sentence_placed if x.period is _UNSTATED]
        elif pending_headline and main is not None:
            for item in pending_headline:
                item.period = main
                item.period_label = main_mention.label if main_mention else context_label
                item.notes.append("Headline: its period is the lede's.")
                if item.candidate.statistic in _CHANGES:
                    item.baseline = None
                    # Assumed only if the lede's is.
                    item.review = [r for r in item.review if r != _ASSUMED_BASELINE]
                    lede_change = next((x for x in sentence_placed if x.baseline is not None), None)
                    if lede_change is not None:
                        item.baseline, item.baseline_label = (
                            lede_change.baseline,
                            lede_change.baseline_label,
                        )
                        if _ASSUMED_BASELINE in lede_change.review:
                            item.review.append(_ASSUMED_BASELINE)
                        else:
                            item.notes.append("Its baseline is the lede's.")
                    else:
                        item.baseline = _year_earlier(main)
                        item.baseline_label = "the same period a year earlier"
                        item.review.append(_ASSUMED_BASELINE)
            pending_headline = []
        placed.extend(sentence_placed)
        recent.extend(x.period for x in sentence_placed if x.period is not _UNSTATED)
        if main is not None:
            recent.append(main)
        main_items = [
            x for x in sentence_placed if x.candidate.role == "main" and x.duplicate_of is None
        ]
        aside = any(
            m.resolved is not None
            and m.resolved is (main_items[0].period if main_items else None)
            and _ALONE.match(text, m.end)
            for m in s.mentions
        )
        if main_items and main_items[0].period is not _UNSTATED and not aside:
            # ("In the last three months alone there were 12,500": an aside about a part;
            # the sentences after it go on with the period before it.)
            context = main_items[0].period
            context_label = main_items[0].period_label
            context_paragraph = s.paragraph
            if lede is None and not s.headline:
                lede = (context, context_label)
        if lede is not None:
            # What the story's own period is compared with: a change's baseline, and an
            # earlier value ("down from 265 in 2022").
            compared.extend(
                x.baseline.span
                for x in sentence_placed
                if x.baseline is not None and x.period.span == lede[0].span
            )
            compared.extend(
                x.period.span
                for x in sentence_placed
                if x.candidate.role in ("from", "compare") and x.period is not _UNSTATED
            )
            if (
                main_items
                and context is main_items[0].period
                and context.span in compared
                and context.span != lede[0].span
            ):
                # "The force recorded 1,260 such offences in the 12 months to March 2023":
                # a sentence about the year the story compares with. The next sentence
                # returns to the story's own period unless it points back ("Of those").
                back = (context, context_label)
                context, context_label = lede
    for item in placed:
        # Changes whose values the story gives after them.
        _take_the_values_periods(item, levels, final=True)
    return placed


def _tolerance(c: Candidate) -> float:
    """How far a stated change may be from the one its two values give."""
    if c.approximate or c.qualifier is not None or c.precision is not None:
        return max(0.05 * abs(c.value), c.precision or 0.0)
    if c.statistic == "change":
        return 0.5
    if c.statistic == "ratio":
        return 0.05 * abs(c.value)
    # "up 20%", "up 19.6%": rounded to the digits stated.
    return 0.51 if float(c.value).is_integer() else 0.051


def _after_values(c: Candidate, before: float, tolerance: float) -> tuple[float, float] | None:
    """The range a later value must lie in for ``c`` to be its change from ``before``."""
    if c.statistic == "change":
        return before + c.value - tolerance, before + c.value + tolerance
    if before <= 0:
        return None
    if c.statistic == "percent-change":
        middle, spread = before * (1 + c.value / 100.0), before * tolerance / 100.0
    else:
        middle, spread = before * c.value, before * tolerance
    return middle - spread, middle + spread


def _implied(c: Candidate, before: float, after: float) -> float | None:
    if c.statistic == "change":
        return after - before
    if before <= 0:
        return None
    if c.statistic == "percent-change":
        return (after - before) / before * 100.0
    return after / before


# Enough for a story's levels of one count; a table's rows beyond it are not searched.
_LEVELS_PER_COUNT = 24


class _Levels:
    """The story's levels so far (figures that are not changes), by what they count."""

    def __init__(self) -> None:
        self.by_noun: dict[str, list[_Placed]] = {}
        self.last: str | None = None  # what the figure before counts
        # Each count's levels by value, for a search by bisection; dropped on an addition.
        self.ordered: dict[str, tuple[list[_Placed], list[float]]] = {}
        self.several: dict[str, None] = {}  # counts with two levels or more, in order

    def add(self, items: list[_Placed]) -> None:
        for x in sorted(items, key=lambda x: x.candidate.start):
            c = x.candidate
            # A figure that does not say what it counts counts what the one before it
            # does, as the draft will write it.
            noun = c.noun or c.currency or self.last
            self.last = noun
            if (
                c.statistic in _CHANGES
                or noun is None
                or x.duplicate_of is not None
                or x.period is _UNSTATED
            ):
                continue
            group = self.by_noun.setdefault(noun, [])
            if len(group) < _LEVELS_PER_COUNT:
                group.append(x)
                self.ordered.pop(noun, None)
                if len(group) == 2:
                    self.several[noun] = None

    def _by_value(self, noun: str) -> tuple[list[_Placed], list[float]]:
        if noun not in self.ordered:
            ordered = sorted(self.by_noun[noun], key=lambda x: x.candidate.value)
            self.ordered[noun] = (ordered, [x.candidate.value for x in ordered])
        return self.ordered[noun]

    def pair(self, c: Candidate) -> tuple[_Placed, _Placed, str] | None:
        """The earlier and later values ``c`` is the difference, percentage or ratio of,
        the nearest to it first: two levels of one count and statistic, of two periods.
        A change that names its count looks only among that count's levels."""
        if c.noun in self.by_noun:
            nouns = [c.noun] if c.noun in self.several else []
        elif c.noun_after:
            return None
        else:
            nouns = list(self.several)
        tolerance = _tolerance(c)
        found: tuple[int, _Placed, _Placed, str] | None = None
        for noun in nouns:
            ordered, values = self._by_value(noun)
            for before in ordered:
                window = _after_values(c, before.candidate.value, tolerance)
                if window is None:
                    continue
                low, high = window
                for after in ordered[bisect_left(values, low) : bisect_right(values, high)]:
                    if (
                        before.candidate.statistic != after.candidate.statistic
                        or before.period.span.end >= after.period.span.end
                        or before.period.span.start > after.period.span.start
                    ):
                        continue
                    implied = _implied(c, before.candidate.value, after.candidate.value)
                    if implied is None or abs(implied - c.value) > tolerance:
                        continue
                    distance = abs(after.candidate.start - c.start) + abs(
                        before.candidate.start - c.start
                    )
                    if found is None or distance < found[0]:
                        found = (distance, before, after, noun)
        return found[1:] if found else None


def _states_its_period(item: _Placed) -> bool:
    """The change's own sentence gives its period, nearer to it than to any other figure
    ("fell by 1,100, and 80 beds opened last winter": last winter is the beds')."""
    c = item.candidate
    for m in item.sentence.mentions:
        if m.resolved is item.period:
            near = _distance(c, m)
            others = (o for o in item.sentence.figures if o is not c)
            if all(near <= _distance(o, m) for o in others):
                return True
    return False


def _take_the_values_periods(item: _Placed, levels: _Levels, final: bool = False) -> None:
    """ "the rise of 252 offences", where the story gives 1,260 offences in the year to
    March 2023 and 1,512 in the year to March 2024: a change with no baseline of its own
    is measured at the later value's period against the earlier value's, and counts what
    they count when it does not say. A period the change's own sentence gives it stays,
    and the values must be of it."""
    c = item.candidate
    if (
        c.statistic not in _CHANGES
        or _ASSUMED_BASELINE not in item.review
        or item.duplicate_of is not None
        or (item.sentence.headline and not final)  # the lede's first
    ):
        return
    pair = levels.pair(c)
    if pair is None:
        return
    before, after, noun = pair
    if after.period.span != item.period.span and _states_its_period(item):
        return
    item.period, item.period_label = after.period, after.period_label
    item.baseline, item.baseline_label = before.period, before.period_label
    item.review.remove(_ASSUMED_BASELINE)
    item.notes = [n for n in item.notes if not n.startswith("The period (")]
    item.notes.append(
        f"Its period and baseline are those of the values it compares "
        f"({_number(before.candidate.value)} and {_number(after.candidate.value)})."
    )
    if c.noun != noun:
        c.noun, c.phrase = noun, (after.candidate.phrase if after.candidate.noun == noun else None)
        item.notes.append("It counts what those values count.")


def _agree(a: float, b: float) -> bool:
    """Two values are one figure written two ways: "a fifth" and "20%", "1.5m" and
    "1,512,000" (within 5%, same sign)."""
    return a == b or (a * b > 0 and abs(a - b) <= 0.05 * max(abs(a), abs(b)))


def _restated(headline: list[_Placed], story: list[_Placed]) -> list[_Placed]:
    """Headline figures that restate a figure of the story count what it counts: "Knife
    crime rises by a fifth" over "1,512 knife offences ..., up 20%". A restated change of
    the same period has its baseline too. Returns the headline figures still unmatched."""
    left: list[_Placed] = []
    for item in headline:
        c = item.candidate
        twin = next(
            (
                x
                for x in story
                if x.candidate.statistic == c.statistic
                and x.candidate.noun is not None
                and _agree(x.candidate.value, c.value)
            ),
            None,
        )
        if twin is None:
            left.append(item)
            continue
        if twin.candidate.noun != c.noun:
            c.noun, c.phrase = twin.candidate.noun, twin.candidate.phrase
            item.notes.append(
                "Headline: it restates a figure of the story, and counts what it counts."
            )
        if (
            twin.baseline is not None
            and twin.period.span == item.period.span
            and _ASSUMED_BASELINE in item.review
            and _ASSUMED_BASELINE not in twin.review
        ):
            item.baseline, item.baseline_label = twin.baseline, twin.baseline_label
            item.review.remove(_ASSUMED_BASELINE)
    return left


# Placeholders for a figure with no period anywhere before it, and for its baseline;
# dated from the publication year when the draft is assembled.
_ASSUMED_BASELINE = "review: no baseline stated; assumed the same period a year earlier"
_DEFAULT_BASELINE = "the same period a year earlier"
# Labels made up here rather than taken from the article: a period that also has
# the article's own words is labelled with those.
_MADE_UP_LABEL = re.compile(
    r"|the same period a year earlier|period not stated|baseline not stated"
    r"|(?<!\d)\d++ \w++ earlier"
)

_UNSTATED = Resolved(
    DateRange(date(2000, 1, 1), date(2000, 1, 1)), True, True, None, "review: no period"
)
_UNSTATED_BASE = Resolved(
    DateRange(date(1999, 1, 1), date(1999, 1, 1)), True, True, None, "review: no baseline"
)


# "the four-week moving average": an average per week, over four weeks.
_AVERAGE_OF: dict[str, Statistic] = {
    "day": "daily-average",
    "week": "weekly-average",
    "month": "monthly-average",
    "year": "annual-average",
}


def _moving_average(s: _Sentence, item: _Placed) -> None:
    """A level given for an "N-week average" period is an average per week, not a total."""
    c = item.candidate
    if c.statistic != "total":
        return
    m = next((m for m in s.mentions if m.kind == "rolling" and m.resolved is item.period), None)
    if m is None or m.word not in _AVERAGE_OF:
        return
    c.statistic = _AVERAGE_OF[m.word]
    item.notes.append(f"An average per {m.word} over {m.label!r}.")


def _last_year_beside(
    s: _Sentence, main: Resolved, main_mention: Mention | None, attached_ids: set[int]
) -> None:
    """ "In May there were 560 arrests, up from 500 last year": beside a part of a year,
    "last year" compares the same part of the year before, not the whole of it."""
    if main.span.days >= 360 or main.span.start.year != main.span.end.year:
        return
    for m in s.mentions:
        r = m.resolved
        if (
            m is main_mention
            or m.kind != "calendar"
            or m.name != "year"
            or m.word != "last"
            or r is None
            or (m.role != "compare" and id(m) not in attached_ids)
            or r.span != year_range(main.span.end.year - 1)
        ):
            continue
        m.resolved = Resolved(
            shift_years(main.span, -1),
            True,
            True,
            (main.stated_length[0], main.stated_length[1], True) if main.stated_length else None,
            f"review: {m.label!r} beside a part of a year is read as the same span a year earlier",
        )


_PAIR_GAP = re.compile(r"(?<!\s)\s++(?:and|to)\s++", re.IGNORECASE)
_PAIR_BEFORE = re.compile(r"\b(?:between|from)\s++$", re.IGNORECASE)


def _split_pair(text: str, s: _Sentence, item: _Placed) -> None:
    """ "fell 12% between the first half of 2022 and the first half of 2023": a change
    measured at the second period against the first."""
    for a, b in zip(s.mentions, s.mentions[1:], strict=False):
        if (
            a.resolved is None
            or b.resolved is None
            or item.period not in (a.resolved, b.resolved)
            or a.kind == "range"
            or b.resolved.span.start <= a.resolved.span.start
            or not _PAIR_GAP.fullmatch(text, a.end, b.start)
            or not _PAIR_BEFORE.search(text, max(s.start, a.start - 10), a.start)
        ):
            continue
        item.period, item.period_label = b.resolved, b.label
        item.baseline, item.baseline_label = a.resolved, a.label
        return


def _values_dated(s: _Sentence, attached: dict[int, Mention]) -> bool:
    """The sentence gives an earlier value its own period ("up from 1,975 in the autumn
    term of 2021"): a range in it is the later value's span, not the change's two ends."""
    return any(c.role in ("from", "compare") and id(c) in attached for c in s.figures)


def _split_range(s: _Sentence, item: _Placed) -> None:
    """ "doubled between 2010 and 2020": measured in 2020 against 2010, not over 2010-2020."""
    m = next((m for m in s.mentions if m.kind == "range" and m.resolved is item.period), None)
    if m is None or m.a is None or m.b is None:
        return
    grain = m.a.granularity
    if grain not in ("year", "month") or m.b.granularity != grain:
        return
    span = item.period.span
    if grain == "year":
        first, last = year_range(span.start.year), year_range(span.end.year)
    else:
        first = DateRange(span.start, add_months(span.start, 1) - timedelta(days=1))
        last = DateRange(date(span.end.year, span.end.month, 1), span.end)
    inferred = item.period.start_inferred or item.period.end_inferred
    note = item.period.note if inferred else None
    start_words, _, end_words = m.label.partition(" to ")
    if not end_words:
        start_words, _, end_words = m.label.partition(" and ")
    item.period = Resolved(last, inferred, inferred, None, note)
    item.period_label = end_words or m.label
    item.baseline = Resolved(first, inferred, inferred, None, note)
    item.baseline_label = _RANGE_WORD.sub("", start_words) or m.label


_RANGE_WORD = re.compile(r"^(?:from|between)\s++", re.IGNORECASE)


def _to_values_follow(items: list[_Placed], whole: Resolved) -> None:
    """ "Between January and February, texts doubled to 5,800": the value the change
    reaches belongs to the range's later end, as the change does."""
    change = next(
        (x for x in items if x.candidate.statistic in _CHANGES and x.baseline is not None), None
    )
    if change is None or change.period is whole:
        return
    for x in items:
        if x.candidate.to_value and x.period is whole and x.candidate.statistic not in _CHANGES:
            x.period, x.period_label = change.period, change.period_label


def _split_past_span(
    s: _Sentence,
    item: _Placed,
    context: Resolved | None,
    context_label: str,
    resolver: Resolver,
) -> None:
    """ "Over the past five years, offences have doubled": now against five years ago."""
    m = next((m for m in s.mentions if m.kind == "relative" and m.resolved is item.period), None)
    if m is None or m.length is None or m.a is not None:
        return
    if m.word not in ("past", "last", "latest", "most recent"):
        return
    value, unit = m.length
    if (
        unit not in ("years", "months")
        or (unit == "years" and value < 2)
        or (unit == "months" and value < 24)
    ):
        return
    months = value * 12 if unit == "years" else value
    if context is not None:
        now, now_label = context, context_label
    else:
        span = span_ending(resolver.anchor, 1, "years")
        now = Resolved(
            span,
            True,
            True,
            (1, "years", False),
            "review: the change's own period is not stated; the year to publication is used",
        )
        now_label = "the year to publication"
    back = shift_months(now.span, -months)
    item.period, item.period_label = now, now_label
    item.baseline = Resolved(
        back,
        True,
        True,
        now.stated_length,
        f"review: {m.label!r} is read as a change against the same span {value} {unit} earlier",
    )
    item.baseline_label = f"{value} {unit} earlier"


def _within(inner: DateRange, outer: DateRange) -> bool:
    """``inner`` lies inside ``outer`` and is shorter."""
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


_N_YEAR_AVERAGE = re.compile(r"\b(\w++)[- ]year\s++average\b", re.IGNORECASE)
_ON_UNIT = re.compile(r"\b(week|month|quarter|year)[- ]on[- ](week|month|quarter|year)\b", re.I)
_UNIT_STEPS: dict[str, tuple[int, Unit]] = {
    "week": (7, "days"),
    "month": (1, "months"),
    "quarter": (3, "months"),
    "year": (1, "years"),
}


def _step_of(period: Resolved) -> tuple[int, Unit] | None:
    """How far a period's data steps: its own step, or a week for a week's figures."""
    if period.step is not None:
        return period.step
    if period.span.days == 7 and period is not _UNSTATED:
        return 7, "days"
    return None


def _shift_back(span: DateRange, value: int, unit: Unit) -> DateRange:
    if unit == "years":
        return shift_years(span, -value)
    if unit == "months":
        return shift_months(span, -value)
    days = timedelta(days=value * (7 if unit == "weeks" else 1))
    return DateRange(span.start - days, span.end - days)


def _year_earlier(period: Resolved) -> Resolved:
    if period is _UNSTATED:
        return _UNSTATED_BASE
    return Resolved(
        shift_years(period.span, -1),
        period.start_inferred,
        period.end_inferred,
        (period.stated_length[0], period.stated_length[1], True) if period.stated_length else None,
        None,
    )


def _period_for(
    text: str,
    s: _Sentence,
    c: Candidate,
    attached: dict[int, Mention],
    main: Resolved | None,
    main_mention: Mention | None,
    context: Resolved | None,
    context_label: str,
    own: Callable[[Mention], bool],
) -> tuple[Resolved, str, list[str]] | None:
    notes: list[str] = []
    if id(c) in attached and attached[id(c)].resolved is not None:
        m = attached[id(c)]
        assert m.resolved is not None
        return m.resolved, m.label, notes
    if c.role in ("from", "compare"):
        # Dated later from the change's baseline.
        base = main or context
        if base is None:
            return _UNSTATED, "period not stated", notes
        return base, "", notes
    # "its 2017 peak of 4,751", "the 2019 figure of 500": the value of that period.
    for m in s.mentions:
        if (
            m.end <= c.start
            and m.resolved is not None
            and _VALUE_OF.fullmatch(text, m.end, c.start)
        ):
            return m.resolved, m.label, notes
    # "up 24% on the same period last year, when 1,150 people were arrested"
    for m in s.mentions:
        if m.end <= c.start and m.resolved is not None and _WHEN_LINK.match(text[m.end : c.start]):
            # "since 2010, when the same count found 1,768": the year itself.
            if m.kind == "since":
                return _since_point(m), m.label, notes
            return m.resolved, m.label, notes
    candidates = [m for m in s.mentions if own(m)]
    if s.since_baseline is None:
        s.since_baseline = _since_is_baseline(s)
    since_is_baseline = s.since_baseline
    if since_is_baseline:
        # "has more than doubled since 2010, to 86,000": 2010 is what the change is
        # measured against, and the span since 2010 is no figure's own period.
        candidates = [m for m in candidates if m.kind != "since"]
    if c.statistic in _CHANGES:
        # A change's own period is never the one it is measured against.
        candidates = [m for m in candidates if not _is_backward(m)]
    strong = [m for m in candidates if m.strong]
    pool = strong or [m for m in candidates if m.kind not in ("named_rel",)]
    if pool:
        best = min(pool, key=lambda m: (_distance(c, m, text), m.start))
        assert best.resolved is not None
        return best.resolved, best.label, notes
    if context is not None:
        return context, context_label, notes
    if since_is_baseline:
        m = next(m for m in s.mentions if m.kind == "since" and m.resolved is not None)
        assert m.resolved is not None
        return (
            Resolved(
                m.resolved.span,
                m.resolved.start_inferred,
                True,
                None,
                f"review: the change is measured {m.label!r}; its own period is not stated, so "
                "the span to publication is used",
            ),
            m.label,
            notes,
        )
    return _UNSTATED, "period not stated", notes


def _since_is_baseline(s: _Sentence) -> bool:
    """A change in the sentence is measured from its "since" date ("doubled since 2012").

    Not when the sentence names another baseline ("Since 4 July ... a third of normal
    levels", "since March, up from 300").
    """
    if not any(f.statistic in _CHANGES for f in s.figures):
        return False
    if not any(m.kind == "since" and m.role == "own" for m in s.mentions):
        return False
    other_baseline = (
        any(f.of_levels for f in s.figures)
        or any(m.role == "compare" for m in s.mentions)
        or any(f.role in ("from", "compare") for f in s.figures)
    )
    return not other_baseline


def _since_point(m: Mention) -> Resolved:
    """The period a "since" starts from: the year, month or day it names."""
    assert m.resolved is not None and m.a is not None
    start = m.resolved.span.start
    if m.word == "fy":
        # "since 2015-16": the split year, as long as a year from its first day.
        span = DateRange(start, add_months(start, 12) - timedelta(days=1))
        return Resolved(span, True, True, None, m.resolved.note)
    if m.a.granularity == "year":
        span = year_range(start.year)
    elif m.a.granularity == "month":
        span = DateRange(start, add_months(start, 1) - timedelta(days=1))
    else:
        span = DateRange(start, start)
    inferred = m.resolved.start_inferred
    return Resolved(span, inferred, inferred, None, m.resolved.note if inferred else None)


_PRE_PANDEMIC = re.compile(
    r"\bpre-?\s*+(?:pandemic|covid|coronavirus|lockdown)|\bbefore\s++the\s++pandemic", re.I
)


def _before_the_pandemic(words: str | None, period: Resolved) -> Resolved | None:
    """ "half the pre-pandemic level": the same span in 2019, the last year before Covid-19."""
    if not words or not _PRE_PANDEMIC.search(words) or period.span.start.year < 2020:
        return None
    span = shift_years(period.span, 2019 - period.span.start.year)
    return Resolved(
        span,
        True,
        True,
        None,
        f"review: {words!r} has no dates; read as the same span in 2019, the last year "
        "before the Covid-19 pandemic",
    )


def _is_backward(m: Mention) -> bool:
    """ "the year before", "the same period last year", "the previous 12 months"."""
    if m.kind in ("before", "named_rel"):
        return True
    if m.kind == "same":
        return bool(m.shift_years or m.shift_to_year is not None)
    return m.kind == "relative" and m.word in ("previous", "preceding", "prior")


def _baseline_for(
    text: str,
    s: _Sentence,
    c: Candidate,
    item: _Placed,
    attached: dict[int, Mention],
    sentence_placed: list[_Placed],
    last_baseline: tuple[Resolved, Resolved, str] | None,
    own: Callable[[Mention], bool],
) -> tuple[Resolved | None, str | None, list[str]]:
    years = _N_YEAR_AVERAGE.search(c.against or "")
    count = small_number(years.group(1)) if years else None
    if count is not None and 1 < count <= 30:
        # "12% above the five-year average": the five years before the figure's own.
        span = item.period.span
        return (
            Resolved(
                DateRange(shift_years(span, -count).start, shift_years(span, -1).end),
                True,
                True,
                (count, "years", True),
                f"review: {c.against!r} is read as the {count} years before "
                f"{span.start.isoformat()}",
            ),
            c.against or "",
            [],
        )
    # "up 55% in five years": against the same span that many years (or months) before.
    if c.over is not None:
        value, unit = c.over
        span = item.period.span
        if unit == "years":
            back = shift_years(span, -value)
        elif unit == "months":
            back = shift_months(span, -value)
        else:
            days = timedelta(days=value * (7 if unit == "weeks" else 1))
            back = DateRange(span.start - days, span.end - days)
        words = f"{value} {unit} earlier"
        return (
            Resolved(
                back,
                True,
                True,
                None,
                f"review: the change 'in {value} {unit}' is read against the same span {words}",
            ),
            words,
            [],
        )
    # "a third of normal levels"
    for level_words in (c.of_levels, c.against):
        before = _before_the_pandemic(level_words, item.period)
        if before is not None:
            return before, level_words or "", []
    if c.of_levels:
        shifted = shift_years(item.period.span, -1)
        return (
            Resolved(
                shifted,
                True,
                True,
                None,
                f"review: {c.of_levels!r} has no dates; read as the same weeks a year earlier",
            ),
            c.of_levels,
            [],
        )
    attached_ids = {id(x) for x in attached.values()}
    later = [x for x in sentence_placed if x.candidate.start > c.end]
    limit = min((x.candidate.start for x in later), default=s.end)
    # A comparison right after the change: "almost four times the number a year earlier".
    for m in s.mentions:
        if (
            c.end <= m.start < limit
            and m.resolved is not None
            and id(m) not in attached_ids
            and m.role != "record"
            and (m.role in ("compare", "level") or _is_backward(m))
            and not (m.kind == "rolling" and c.against)
        ):
            return m.resolved, m.label, []
    # An earlier value in the same sentence, the nearest after the change first:
    # "tripled, from 41 in 2020 to 139", "up from 31,966 the year before, a rise of 7,762".
    values = [
        x.candidate
        for x in sentence_placed
        if x.candidate.role in ("from", "compare") and id(x.candidate) in attached
    ]
    values.sort(key=lambda o: (o.start < c.start, abs(o.start - c.start)))
    for o in values:
        m = attached[id(o)]
        if m.resolved is not None and m.resolved is not item.period:
            return m.resolved, m.label, []
    # "compared with the week before", "on the same period last year", "a year earlier".
    compare = [
        m
        for m in s.mentions
        if m.role == "compare"
        and m.resolved is not None
        and id(m) not in {id(x) for x in attached.values()}
    ]
    if compare:
        best = min(compare, key=lambda m: _distance(c, m))
        assert best.resolved is not None
        return best.resolved, best.label, []
    relative = [
        m
        for m in s.mentions
        if m.kind in ("before", "same", "relative", "named_rel")
        and m.role != "record"
        and m.resolved is not None
        and m.resolved is not item.period
        and (m.kind != "relative" or m.word in ("previous", "preceding", "prior"))
        and (m.kind != "same" or m.shift_years or m.shift_to_year is not None)
        and id(m) not in {id(x) for x in attached.values()}
    ]
    if relative:
        best = min(relative, key=lambda m: _distance(c, m))
        assert best.resolved is not None
        return best.resolved, best.label, []
    since = [
        m
        for m in s.mentions
        if m.kind == "since" and m.resolved is not None and m.resolved is not item.period
    ]
    if since:
        return _since_point(since[0]), since[0].label, []
    over = _ON_UNIT.search(text, s.start, s.end)
    if over is not None and over.group(1).lower() == over.group(2).lower():
        # "up 12% month on month": against the span one unit earlier.
        value, unit = _UNIT_STEPS[over.group(1).lower()]
        words = f"the {over.group(1).lower()} before"
        length = item.period.stated_length
        return (
            Resolved(
                _shift_back(item.period.span, value, unit),
                item.period.start_inferred,
                item.period.end_inferred,
                (length[0], length[1], True) if length else None,
                None,
            ),
            words,
            [],
        )
    if c.against:
        # "45% above the long-term average": a level with no dates of its own.
        return (
            Resolved(
                shift_years(item.period.span, -1),
                True,
                True,
                None,
                f"review: the change is against {c.against!r}, which has no dates; the same "
                "span a year earlier is a placeholder",
            ),
            c.against,
            [],
        )
    if last_baseline is not None and last_baseline[0].span == item.period.span:
        return last_baseline[1], last_baseline[2], []
    step = _step_of(item.period)
    if step is not None:
        # Weekly figures, and moving averages, change from one step to the next: "claims
        # rose by 7,000 to 198,000 in the week ending March 25" is on the week before.
        value, unit = step
        words = f"{value} {unit.removesuffix('s') if value == 1 else unit} earlier"
        length = item.period.stated_length
        return (
            Resolved(
                _shift_back(item.period.span, value, unit),
                True,
                True,
                (length[0], length[1], True) if length else None,
                f"review: no baseline stated; the change is read against the same span {words}",
            ),
            words,
            [f"review: no baseline stated; assumed the same span {words}"],
        )
    return (
        _year_earlier(item.period),
        "the same period a year earlier",
        [_ASSUMED_BASELINE],
    )


# ---------------------------------------------------------------- assembling


def _period_key(r: Resolved) -> tuple[date, date, bool, bool]:
    return (r.span.start, r.span.end, r.start_inferred, r.end_inferred)


def _number(value: float) -> int | float:
    if float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return round(value, 10)


def _assemble(
    text: str,
    title: str,
    source_id: str,
    published: date | None,
    placed: list[_Placed],
    resolver: Resolver,
) -> Draft:
    periods: dict[tuple[date, date, bool, bool], DraftPeriod] = {}
    period_ids: set[str] = set()
    review: list[ReviewItem] = []
    words: dict[tuple[date, date, bool, bool], str] = {}
    stated_pairs: set[tuple[tuple[date, date, bool, bool], tuple[date, date, bool, bool]]] = set()
    for item in sorted(placed, key=lambda p: p.candidate.start):
        pairs = [(item.period, item.period_label)]
        if item.baseline is not None:
            pairs.append((item.baseline, item.baseline_label or ""))
            if not _MADE_UP_LABEL.fullmatch(item.baseline_label or ""):
                stated_pairs.add((_period_key(item.period), _period_key(item.baseline)))
        for r, label in pairs:
            if not _MADE_UP_LABEL.fullmatch(label):
                words.setdefault(_period_key(r), label)

    def period_id(r: Resolved, label: str) -> str:
        key = _period_key(r)
        if key in periods:
            return periods[key].id
        label = words.get(key, label)
        if r is _UNSTATED:
            anchor = resolver.anchor
            r = Resolved(
                year_range(anchor.year),
                True,
                True,
                None,
                "review: the article gives this figure no period; the year of publication "
                "is a placeholder",
            )
            label = "period not stated"
        elif r is _UNSTATED_BASE:
            r = Resolved(
                year_range(resolver.anchor.year - 1),
                True,
                True,
                None,
                "review: the article gives no period to compare with; the year before "
                "publication is a placeholder",
            )
            label = "baseline not stated"
        nice = _label(r.label or label, r)
        base = kebab(_id_words(nice, r))
        ident = base
        counter = 2
        while ident in period_ids:
            ident = f"{base}-{counter}"
            counter += 1
        period_ids.add(ident)
        note = r.note
        if (r.start_inferred or r.end_inferred) and not (note or "").startswith("review:"):
            note = "review: " + (note or f"the dates of {label!r} are inferred")
        periods[key] = DraftPeriod(
            ident,
            nice,
            r.span.start,
            r.span.end,
            (r.stated_length[0], r.stated_length[1], r.stated_length[2])
            if r.stated_length
            else None,
            r.start_inferred,
            r.end_inferred,
            note,
        )
        return ident

    metrics: dict[str, DraftMetric] = {}
    figures: list[DraftFigure] = []
    figure_review: list[tuple[int, str]] = []
    last_metric: str | None = None
    previous: DraftFigure | None = None
    ordered = sorted(placed, key=lambda p: (p.candidate.start, p.duplicate_of is not None))
    for item in ordered:
        c = item.candidate
        noun = c.noun
        notes = list(c.notes) + item.notes
        reviews = list(c.review) + item.review
        statistic = c.statistic
        if noun is None and c.currency:
            noun = c.currency
        if noun is None:
            if last_metric is not None:
                metric_id = last_metric
                notes.append("What is counted is read from the figure before it.")
                if statistic == "total" and previous is not None and _a_year_of(c.value, previous):
                    # "at around 180 offences on average per month. For the past two years,
                    # the number was around 2,200": the same rate, given a year at a time.
                    statistic = "annual-average"
                    reviews.append(
                        "review: read as a yearly figure: it matches the "
                        f"{previous.statistic} before it ({_number(previous.value)}) over a year"
                    )
            else:
                metric_id = "unknown"
                reviews.append("review: what this figure counts is not stated next to it")
                if metric_id not in metrics:
                    metrics[metric_id] = DraftMetric(
                        metric_id, "Unknown", "items", "review: what is counted is not stated"
                    )
        else:
            metric_id = kebab(noun)
            if metric_id not in metrics:
                unit = c.currency or noun
                metrics[metric_id] = DraftMetric(
                    metric_id,
                    (c.phrase or noun)[:1].upper() + (c.phrase or noun)[1:],
                    unit,
                    f'Counted as "{c.phrase or noun}" in the article.',
                )
        last_metric = metric_id
        pid = period_id(item.period, item.period_label)
        bid = None
        if c.statistic in _CHANGES:
            base = item.baseline or _year_earlier(item.period)
            if (_period_key(item.period), _period_key(base)) in stated_pairs and (
                _ASSUMED_BASELINE in reviews
            ):
                # The article states this baseline for the same period elsewhere.
                reviews.remove(_ASSUMED_BASELINE)
                notes.append("Its baseline is the one the article gives this period elsewhere.")
            bid = period_id(base, item.baseline_label or "the same period a year earlier")
            if bid == pid:
                base = Resolved(
                    shift_years(item.period.span, -1),
                    True,
                    True,
                    None,
                    "review: baseline assumed to be the same period a year earlier",
                )
                bid = period_id(base, "the same period a year earlier")
        value = c.value
        qualifier = c.qualifier
        approximate = c.approximate or qualifier is not None
        quote = text[item.sentence.start : item.sentence.end]
        figures.append(
            DraftFigure(
                metric=metric_id,
                period=pid,
                value=value,
                statistic=statistic,
                quote=quote,
                start=c.start,
                end=c.end,
                baseline=bid,
                approximate=approximate,
                qualifier=qualifier,
                precision=c.precision,
                note=" ".join(dict.fromkeys(notes)) or None,
            )
        )
        for message in dict.fromkeys(reviews):
            figure_review.append((len(figures) - 1, message))
        previous = figures[-1]
    period_list = list(periods.values())
    for n, p in enumerate(period_list):
        if p.note and p.note.startswith("review:"):
            review.append(ReviewItem("periods", n, p.note))
    for n, message in figure_review:
        review.append(ReviewItem("figures", n, message))
    return Draft(
        text=text,
        source=DraftSource(source_id, title, published),
        periods=tuple(period_list),
        metrics=tuple(metrics.values()),
        figures=tuple(figures),
        review=tuple(review),
    )


_PER_YEAR = {"daily-average": 365.25, "weekly-average": 365.25 / 7, "monthly-average": 12.0}


def _a_year_of(value: float, previous: DraftFigure) -> bool:
    """``value`` is, within 10%, a year's worth of the average stated just before it."""
    factor = _PER_YEAR.get(previous.statistic)
    if factor is None or previous.value <= 0 or value <= 0:
        return False
    yearly = previous.value * factor
    return abs(value - yearly) <= 0.1 * yearly


_LEAD_WORDS = re.compile(
    r"^(?:in|during|over|for|throughout|across|within|of|on|at|the)\s+", re.IGNORECASE
)


def _label(label: str, r: Resolved) -> str:
    text = _LEAD_WORDS.sub("", label.strip()) if label else ""
    text = _LEAD_WORDS.sub("", text)
    if not text:
        if r.span.start == r.span.end:
            return r.span.start.isoformat()
        return f"{r.span.start.isoformat()} to {r.span.end.isoformat()}"
    return text[:1].upper() + text[1:]


def _id_words(label: str, r: Resolved) -> str:
    # An id a reader can recognise: the words, and the year when the words have none.
    if re.search(r"\d{4}", label) or r.start_inferred or r.end_inferred:
        return label
    return f"{label} {r.span.end.year}"


# ---------------------------------------------------------------- output


def draft_data(draft: Draft) -> dict[str, Any]:
    """The draft as a schema-2 mapping: what the TOML output writes."""
    source: dict[str, Any] = {"id": draft.source.id, "title": draft.source.title}
    if draft.source.published is not None:
        source["published"] = draft.source.published
    source["kind"] = "article"
    periods: list[dict[str, Any]] = []
    for p in draft.periods:
        row: dict[str, Any] = {"id": p.id, "label": p.label, "start": p.start, "end": p.end}
        if p.stated_length is not None:
            length: dict[str, Any] = {"value": p.stated_length[0], "unit": p.stated_length[1]}
            if p.stated_length[2]:
                length["inferred"] = True
            row["stated_length"] = length
        if p.start_inferred:
            row["start_inferred"] = True
        if p.end_inferred:
            row["end_inferred"] = True
        if p.note:
            row["note"] = p.note
        periods.append(row)
    metrics = [
        {"id": m.id, "label": m.label, "unit": m.unit, "description": m.description}
        for m in draft.metrics
    ]
    figures: list[dict[str, Any]] = []
    for f in draft.figures:
        row = {"source": draft.source.id, "metric": f.metric, "period": f.period}
        if f.baseline is not None:
            row["baseline"] = f.baseline
        row["value"] = _number(f.value)
        row["statistic"] = f.statistic
        row["approximate"] = f.approximate
        if f.qualifier is not None:
            row["qualifier"] = f.qualifier
        if f.precision is not None:
            row["precision"] = _number(f.precision)
        row["quote"] = f.quote
        if f.note:
            row["note"] = f.note
        figures.append(row)
    return {
        "schema_version": 2,
        "sources": [source],
        "periods": periods,
        "metrics": metrics,
        "figures": figures,
    }


def draft_json_data(draft: Draft) -> dict[str, Any]:
    """The draft for ``--format json``: :func:`draft_data` plus spans and review items."""
    data = draft_data(draft)
    for row, f in zip(data["figures"], draft.figures, strict=True):
        row["start"] = f.start
        row["end"] = f.end
    data["review"] = [
        {"table": r.table, "index": r.index, "message": r.message} for r in draft.review
    ]
    return data


def review_comments(draft: Draft) -> dict[str | tuple[str, int], list[str]]:
    """Review items as comment lines keyed for ``dumps_toml(comments=...)``."""
    out: dict[str | tuple[str, int], list[str]] = {}
    for r in draft.review:
        out.setdefault((r.table, r.index), []).append(r.message)
    return out
