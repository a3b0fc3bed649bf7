"""Replies written from planned facts, in the learner's language: one renderer per kind.

`render_answer`: the lead fact first (the direct answer, with its label naming the place), then
the supporting facts as bullets (their label left out when it repeats the lead's), each cited
[n]. `render_coverage`: a place the knowledge base has no rules for is named first, then only
what applies there, labelled as EU-wide or national, and where to get help. Each fact comes from
the translations of the knowledge base; a fact not translated yet is shown in English, and a
notice in the learner's language says so. Table rows are always shown as sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from bot.guidance.compose.facts import first_sentences, sentences, split_label
from bot.guidance.compose.select import Plan
from bot.guidance.compose.tenure import duration
from bot.guidance.compose.worktime import WorkTime
from bot.guidance.retrieval import Hit
from bot.guidance.types import Source


class Localiser(Protocol):
    def get(self, key: str, lang: str, **params: Any) -> str: ...


class Texts(Protocol):
    """The translations of the knowledge base (`ingest.translations.Translations`)."""

    def get(self, lang: str, source: str, text: str) -> str | None: ...


class NoTranslations:
    def get(self, lang: str, source: str, text: str) -> str | None:
        return None


@dataclass(frozen=True, slots=True)
class Composition:
    text: str
    sources: tuple[Source, ...]
    chunk_ids: tuple[str, ...]
    composer: str
    notices: tuple[str, ...] = ()


def row_sentence(body: str) -> str:
    """A table row with no sentence written for it: "Hessen: days 5 days per year; ..."."""
    pairs = [part.partition(": ") for part in body.split("; ")]
    if not pairs or not pairs[0][2]:
        return body
    first = pairs[0][2]
    rest = "; ".join(f"{name.lower()} {value}" if value else name for name, _, value in pairs[1:])
    return f"{first}: {rest}." if rest else first


def fact_text(hit: Hit, lang: str, texts: Texts) -> tuple[str, bool]:
    """The fact in `lang` when there is a current translation (True), else in English (False,
    unless English is what was asked for). A table row is always a sentence."""
    source = str(hit.meta.get("source", ""))
    doc_language = str(hit.meta.get("language", "en"))[:2]
    if hit.meta.get("kind") == "row":
        if (own := texts.get(lang, source, hit.body)) is not None:
            return own, True
        english = texts.get(doc_language, source, hit.body) or row_sentence(hit.body)
        return english, lang == doc_language
    if lang == doc_language:
        return hit.body, True
    translated = texts.get(lang, source, hit.body)
    return (translated, True) if translated is not None else (hit.body, False)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def number_sources(hits: list[Hit]) -> tuple[dict[str, int], tuple[Source, ...]]:
    """Number the documents 1..n in order of first appearance."""
    numbers: dict[str, int] = {}
    sources: list[Source] = []
    for hit in hits:
        doc = str(hit.meta.get("source", hit.id))
        if doc not in numbers:
            numbers[doc] = len(numbers) + 1
            sources.append(
                Source(
                    n=numbers[doc],
                    title=str(hit.meta.get("title", "")),
                    url=str(hit.meta.get("url", "")),
                    updated=str(hit.meta.get("updated", "")),
                    country=str(hit.meta.get("country", "")),
                    volatile=bool(hit.meta.get("volatile", False)),
                )
            )
    return numbers, tuple(sources)


class _Writer:
    """Lines of one reply: each fact in the language, cited, with the notices it needs."""

    def __init__(self, hits: list[Hit], lang: str, strings: Localiser, texts: Texts) -> None:
        self.lang, self.strings, self.texts = lang, strings, texts
        self.numbers, self.sources = number_sources(hits)
        self.ids = tuple(h.id for h in hits)
        self.english = False  # a fact had to be shown in English
        self.said = ""  # the label the bullet above began with

    def text(self, hit: Hit) -> str:
        text, in_language = fact_text(hit, self.lang, self.texts)
        self.english |= not in_language
        return text

    def cite(self, hit: Hit) -> str:
        return f"[{self.numbers[str(hit.meta.get('source', hit.id))]}]"

    def lead(self, hit: Hit, chosen: tuple[int, ...] = ()) -> str:
        """The lead; of a summary, its first two sentences or the `chosen` ones (when its
        translation has as many sentences as the English)."""
        text = self.text(hit)
        if hit.meta.get("kind") == "summary":
            statement = split_label(text)[1]
            parts = sentences(statement)
            english = sentences(split_label(hit.body)[1])
            if chosen and len(parts) == len(english):
                text = " ".join(_capitalised(parts[i]) for i in chosen)
            else:
                text = _capitalised(first_sentences(statement))
        return f"{text} {self.cite(hit)}"

    def bullet(self, hit: Hit, lead: Hit | None = None, *, plain: bool = False) -> str:
        """A supporting fact; the part of its label the lead already says is left out (`plain`:
        the same place; or the same document): under "Singapore, SkillsFuture Credit: ...",
        "SkillsFuture Credit (Mid-Career): it can be used only for ...". A label the bullet
        above began with is not said again."""
        text = self.text(hit)
        full, statement = split_label(text)
        if lead is None or not full or hit.meta.get("kind") == "row":
            return f"• {text} {self.cite(hit)}"
        label = full
        same_doc = hit.meta.get("source") == lead.meta.get("source")
        if plain or same_doc or full == split_label(self.text(lead))[0]:
            label = _narrower(hit.body, lead.body, full)
        if not label and lead.meta.get("kind") == "summary" and _PRONOUN.match(
            split_label(hit.body)[1]
        ):
            # "It is also for full-time MBO-BOL" under a summary of two schemes: which one?
            label = _capitalised(full.split(", ")[-1])
        said, self.said = self.said, label
        if not label or label == said:
            text = _capitalised(statement)
        elif label != full:
            text = f"{label}: {statement}"
        return f"• {text} {self.cite(hit)}"

    def composition(self, parts: list[str]) -> Composition:
        """The reply made of `parts` (paragraphs), with its sources, chunks and notices."""
        text = "\n\n".join(parts)
        return Composition(text, self.sources, self.ids, "extractive", self.notices())

    def notices(self) -> tuple[str, ...]:
        notices = []
        if self.english and self.lang != "en":
            notices.append(self.strings.get("not_translated_yet", self.lang))
        if any(s.volatile for s in self.sources):
            notices.append(self.strings.get("volatile_warning", self.lang))
        return tuple(notices)


# A statement that names its subject only in its label ("Levenlanglerenkrediet: it is ...").
_PRONOUN = re.compile(r"(?:it|its|they|their|this|these)\b", re.I)
_MARKERS = re.compile(r"\b(?:help|for providers|further support|employer disputes)\b", re.I)


def _said_in(part: str, summary: str) -> bool:
    """A label part ("bildungsurlaub (awbg)", "nrw") the summary already says: one of its
    words is in it, or it is a short code (a Land, a scheme's initials)."""
    words = re.findall(r"[^\W\d_]{3,}", part)
    low = summary.casefold()
    return len(part) <= 4 or any(w in low for w in words)


def _narrower(fact: str, lead: str, shown: str) -> str:
    """What a fact's label says that the lead's does not, in the words of `shown` (its label in
    the learner's language): "Public sector" for "France, CPF, public sector" under "France,
    CPF"; "150 ore (public sector)" for "Italy, 150 ore (public sector)" under Italy's summary.
    "" when it says nothing more, or only that it is help or for providers."""
    parts = [p.casefold() for p in split_label(fact)[0].split(", ")]
    if lead.startswith("In short:"):  # a summary: its place is said, perhaps its scheme
        said = [p for i, p in enumerate(parts) if i == 0 or _said_in(p, lead)]
    else:
        said = [p.casefold() for p in split_label(lead)[0].split(", ")]
    # Under another scheme's lead, its own scheme ("Diritto allo studio: 150 ore retribuite in
    # tre anni", not a bare "150 ore retribuite in tre anni"); the place the lead says goes.
    extra = [i for i, p in enumerate(parts) if p not in said]
    own = shown.split(", ")
    if not extra or len(own) != len(parts) or any(_MARKERS.search(parts[i]) for i in extra):
        return ""
    return _capitalised(", ".join(own[i] for i in extra))


def _distinct(hits: list[Hit], lang: str, texts: Texts) -> list[Hit]:
    """The hits whose statements read differently in `lang` (two documents may say the same
    thing in the same words once translated)."""
    seen: set[str] = set()
    kept = []
    for hit in hits:
        statement = split_label(fact_text(hit, lang, texts)[0])[1]
        key = " ".join(re.findall(r"\w+", statement.casefold()))
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept


def render_answer(
    plan: Plan,
    lang: str,
    strings: Localiser,
    texts: Texts,
    *,
    offer_counsellor: bool = False,
    no_rules: str = "",
    help_hit: Hit | None = None,
) -> Composition:
    """The direct answer first, then the facts that support it. `no_rules`: the sentence
    saying the knowledge base has no rules of the learner's place (an EU-wide answer, or what
    applies there before a handover), said after the facts with the country's guidance
    service (`help_hit`)."""
    if plan.lead is None:
        return Composition("", (), (), "extractive")
    hits = _distinct(plan.hits, lang, texts)
    lead, support = hits[0], hits[1:]
    helps = [help_hit] if no_rules and help_hit is not None and help_hit not in hits else []
    writer = _Writer([*hits, *helps], lang, strings, texts)
    chosen = plan.summary_sentences if lead.id == plan.lead.id else ()
    parts = [writer.lead(lead, chosen)]
    if lead.id == plan.lead.id:
        parts[0] = "\n".join([parts[0], *_verdicts(plan, lang, strings)])
    if support:
        parts.append(
            "\n".join(writer.bullet(h, lead, plain=h.id in plan.unlabelled) for h in support)
        )
    if no_rules:
        parts.append(no_rules)
        parts += [writer.lead(h) for h in helps]
    if offer_counsellor:
        parts.append(strings.get("offer_counsellor", lang))
    return writer.composition(parts)


def _verdicts(plan: Plan, lang: str, strings: Localiser) -> list[str]:
    """The lines under a lead that hold the learner's own figures against its rule: "Your time
    in the job: 10 months. Needed: at least 1 year. So not yet." "Age in your message: 63. This
    rule is for people aged 27 to 62, so it does not apply here." """
    lines = []
    tenure, age, worktime = plan.verdicts.tenure, plan.verdicts.age, plan.verdicts.worktime
    if tenure is not None:
        units = {unit: strings.get(f"unit_{unit}", lang) for unit in ("month", "year")}
        key = "tenure_meets" if tenure.meets else "tenure_short"
        have = tenure.have
        said = (  # "since 2021", as the learner said it, or "10 months"
            strings.get("since_year", lang, year=have.since)
            if have.since is not None
            else duration(have.low, lang, units)
        )
        need = duration(tenure.need, lang, units)
        lines.append(strings.get(key, lang, have=said, need=need))
    if age is not None:
        first, last = age.ages
        if first == 0:
            ages = strings.get("ages_under", lang, n=last + 1)
        elif last >= 120:
            ages = strings.get("ages_from", lang, n=first)
        else:
            ages = strings.get("ages_between", lang, first=first, last=last)
        kind = "age_condition" if age.condition else "age"
        key = f"{kind}_within" if age.within else f"{kind}_outside"
        lines.append(strings.get(key, lang, age=age.age, ages=ages))
    if (staff := plan.verdicts.staff) is not None:
        first, last = staff.sizes
        if first <= 1:
            sizes = strings.get("sizes_under", lang, n=last + 1)
        elif last >= 10**6:
            sizes = strings.get("sizes_from", lang, n=first)
        else:
            sizes = strings.get("sizes_between", lang, first=first, last=last)
        lines.append(strings.get("staff_within", lang, staff=staff.staff, sizes=sizes))
    if worktime is not None:
        key = "worktime_meets" if worktime.meets else "worktime_short"
        lines.append(
            strings.get(
                key,
                lang,
                have=_worktime(worktime.have, lang, strings),
                need=_worktime(worktime.need, lang, strings),
            )
        )
    return lines


def _worktime(time: WorkTime, lang: str, strings: Localiser) -> str:
    """ "26 hours a week", "80% of full time", or both."""
    parts = []
    if time.share is not None:
        parts.append(strings.get("share_of_full_time", lang, n=round(time.share * 100)))
    if time.hours is not None:
        parts.append(strings.get("hours_a_week", lang, n=f"{time.hours:g}"))
    return f" {strings.get('and_word', lang)} ".join(parts)


def no_rules_sentence(strings: Localiser, lang: str, place_name: str, *, region: bool) -> str:
    """"I have no information yet on the rules in <place>" (a region is not "this country")."""
    if region:
        return strings.get("coverage_region_missing", lang, region=place_name)
    return strings.get("coverage_missing", lang, place=place_name)


def render_coverage(
    plan: Plan,
    lang: str,
    strings: Localiser,
    texts: Texts,
    *,
    place_name: str,
    country_name: str = "",
    help_hit: Hit | None = None,
) -> Composition:
    """"I have no rules for <place>", then only what applies there, then where to get help.
    `country_name` is set when the place is a region of a country the knowledge base covers."""
    hits = [*plan.hits, *([help_hit] if help_hit is not None else [])]
    writer = _Writer(hits, lang, strings, texts)
    missing = no_rules_sentence(strings, lang, place_name, region=bool(country_name))
    if country_name:
        heading = strings.get("coverage_national", lang, country=country_name)
    else:
        heading = strings.get("coverage_international", lang)
    # "No rules for Bremen yet. What applies across Germany:" on one line, so that the first
    # fact that applies is the reply's second line.
    # (a document's summary by its first two sentences, as when it leads)
    bullets = "\n".join(
        f"• {writer.lead(h)}" if h.meta.get("kind") == "summary" else writer.bullet(h)
        for h in plan.hits
    )
    parts = [f"{missing} {heading}\n{bullets}" if plan.hits else missing]
    if help_hit is not None:
        parts.append(writer.lead(help_hit))
    return writer.composition(parts)
