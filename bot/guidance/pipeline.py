"""The single entry point every channel calls: `Engine.reply(message, profile, history)`.

Orchestration only: clean the message → language and place → triage → retrieve → compose → a
`Reply`. Each step lives in its own module; this one decides the order and the framing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.guidance.compose import (
    Composition,
    FactIndex,
    LLMComposer,
    Plan,
    asks_entitlement,
    learner_situations,
    no_rules_sentence,
    plan_answer,
    plan_coverage,
    question_intents,
    render_answer,
    render_coverage,
)
from bot.guidance.language import requested_language
from bot.guidance.places import COMMON_COUNTRIES, REGIONS
from bot.guidance.retrieval import Retriever, SearchResult
from bot.guidance.searching import (
    answerable_place,
    assumed_country,
    everywhere,
    handover_intents,
    help_summary,
    naming_place,
    nationwide_answer,
    query_with_context,
    search_for,
)
from bot.guidance.triage import Triage, Verdict
from bot.guidance.types import NO_RULES, Option, Profile, Reply, Turn
from bot.guidance.understanding import Understanding, understand

if TYPE_CHECKING:
    from bot.courses.finder import CourseFinder

log = logging.getLogger(__name__)


class Engine:
    """Answers learners' messages from the knowledge base; one instance per process."""

    def __init__(
        self,
        retriever: Retriever,
        strings: Any,
        detector: Any,
        places: Any,
        triage: Triage,
        *,
        llm: LLMComposer | None = None,
        max_chars: int = 2000,
        courses: CourseFinder | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.retriever = retriever
        self.strings = strings
        self._detector = detector
        self._places = places
        self._triage = triage
        self._llm = llm
        self._max_chars = max_chars
        self.courses = courses  # the course finder, when a catalogue is loaded
        self._today = today  # the clock ("seit 2022" is a length of time as of today)

    def understand(self, message: str, profile: Profile) -> Understanding:
        return understand(
            message,
            profile,
            detector=self._detector,
            places=self._places,
            strings=self.strings,
            retriever=self.retriever,
            max_chars=self._max_chars,
            today=self._today(),
        )

    async def reply(self, message: str, profile: Profile, history: Sequence[Turn] = ()) -> Reply:
        """Decide what to do with one message and say it in the learner's language."""
        u = self.understand(message, profile)
        profile = profile.with_(role="provider") if u.provider else profile  # "we are a school"
        lang = u.language
        if not u.text:
            return Reply(
                "clarify", self.strings.get("ask_something", lang), lang, reason="empty message"
            )
        if u.retriever.size == 0:
            return Reply(
                "escalate",
                self.strings.get("no_index", lang),
                lang,
                reason="the knowledge base is not indexed",
            )
        early = self._triage.signal(u.text, countries=u.countries)
        wanted = requested_language(u.text) or ""
        if wanted in self.strings.languages() and (early is None or early.decision == "clarify"):
            # "Could you answer in Italian?": switch, and say so in that language (a message
            # that also says something a person must hear goes on to triage).
            text = self.strings.get("language_switched", wanted)
            return replace(
                self._reply(u, "clarify", text, "the learner asked for another language"),
                language=wanted,
                learned={**u.learned, "language": wanted},
            )
        if early is not None and early.decision in ("out_of_scope", "clarify"):
            # Greetings, injections, politics...: decided without embedding or searching.
            return self._reply(
                u, early.decision, self.strings.get(early.message_key, lang), early.reason
            )
        query = query_with_context(u.text, history)
        # Embedding and search are CPU-bound (the C and Rust parts release the GIL): one hop to
        # a worker thread keeps the event loop free for other learners' updates meanwhile.
        verdict, result, u, relevance = await asyncio.to_thread(self._analyse, u, query, early)
        if verdict.crisis:
            text = "\n\n".join(
                [
                    self.strings.get("crisis_support", lang),
                    self.strings.get("escalate_notice", lang),
                ]
            )
            return self._reply(u, "escalate", text, verdict.reason, crisis=True)
        # A clear course search (a place, or "find") outweighs a handover or a refusal that
        # only rests on similar messages.
        soft = verdict.soft and verdict.decision in ("escalate", "out_of_scope")
        if self.courses is not None and (verdict.decision == "answer" or soft):
            found = await asyncio.to_thread(
                self.courses.reply_to, u.text, profile, history, lang, clear_only=soft
            )
            if found is not None:  # a course search, not a question for the knowledge base
                return replace(found, learned=dict(u.learned), notices=u.notices + found.notices)
        if verdict.decision in ("out_of_scope", "clarify"):
            text = self.strings.get(verdict.message_key, lang)
            return self._reply(u, verdict.decision, text, verdict.reason)
        if verdict.decision == "escalate":
            return await self._escalate(u, verdict, result, history, profile)

        facts = self.facts(u.retriever)
        covered = answerable_place(u, facts)
        if relevance < self._triage.off_topic_bar(u.text):
            return self._reply(
                u,
                "out_of_scope",
                self.strings.get("out_of_scope", lang),
                "nothing in the knowledge base is related",
                confidence=result.top_similarity,
            )
        intents = question_intents(u.text)
        plan = None
        if not covered:
            plan = self._plan(u, result, intents, profile)
            if not nationwide_answer(u, plan.lead, facts):
                return self._coverage(u, result, facts, profile.role == "learner")
        if clarify := self._needs_clarification(u, profile, result):
            return clarify
        plan = plan or self._plan(u, result, intents, profile)
        own = plan.lead is not None and facts.specific(plan.lead.id, u.place) > 0
        bar = self._triage.confident_bar(lang, covered=facts.covers(u.place), own=own)
        if result.top_similarity < bar or plan.lead is None:
            low = Verdict(
                "escalate", "no confident answer in the knowledge base", "escalate_reason_unknown"
            )
            if u.country is None:
                return self._ask_country(u, result, "no confident answer; country unknown")
            return await self._escalate(u, low, result, history, profile)
        # A general question about rights ("may they refuse?") gets the rule, and a person if
        # it is the learner's own case.
        offer = verdict.general or "refuse" in intents
        composition = await self._compose(u, plan, history, offer=offer)
        return self._reply(
            u,
            "answer",
            composition.text,
            verdict.reason or "answerable from the knowledge base",
            composition=composition,
            confidence=result.top_similarity,
        )

    # --- steps -------------------------------------------------------------------------------

    def facts(self, retriever: Retriever) -> FactIndex:
        """Places and intents of the facts of the index a reply is answered from."""
        return retriever.memo("facts", lambda r: FactIndex.build(r.rows(), self._places))

    def _plan(
        self,
        u: Understanding,
        result: SearchResult,
        intents: tuple[str, ...],
        profile: Profile | None = None,
    ) -> Plan:
        learner = profile is None or profile.role == "learner"
        return plan_answer(
            result,
            u.question(intents, self._situations(u.text), learner),
            self.facts(u.retriever),
            window=self._triage.thresholds.relevance_window,
        )

    def _situations(self, text: str) -> frozenset[str]:
        """What the learner says they are (`compose.situations`); a disability as the triage
        reads it, in every language it knows."""
        disabled = self._triage.mentions("disability", text)
        return learner_situations(text) | ({"disabled"} if disabled else frozenset())

    def _coverage(
        self, u: Understanding, result: SearchResult, facts: FactIndex, learner: bool = True
    ) -> Reply:
        """A place the knowledge base has no rules for: say so first, then only what applies
        there (its country's rules for a region, else EU-wide ones), then who can help. A
        learner asking about their own rights in a country we do not cover gets a person,
        unless they ask what the EU's or the ILO's texts give too."""
        lang, place = u.language, u.place
        plan = self._coverage_plan(u, result, facts, learner)
        country = place.country or ""
        name, regional = self._place_name(u, facts)
        composition = render_coverage(
            plan,
            lang,
            self.strings,
            u.retriever.translations,
            place_name=name,
            country_name=self.strings.country_name(country, lang) if regional else "",
            help_hit=help_summary(u.retriever, facts, country),
        )
        # (one who also asks what the EU or the ILO gives is answered from them, offered a person)
        escalate = not (regional or u.eu) and (
            self._triage.personal(u.text) or asks_entitlement(u.text)
        )
        closing = "escalate_notice" if escalate else "offer_counsellor"
        where = place.region if regional else country
        return self._reply(
            u,
            "escalate" if escalate else "answer",
            f"{composition.text}\n\n{self.strings.get(closing, lang)}",
            f"{NO_RULES} {where}",
            composition=composition,
            confidence=result.top_similarity,
        )

    def _coverage_plan(
        self, u: Understanding, result: SearchResult, facts: FactIndex, learner: bool
    ) -> Plan:
        """What applies in a place without rules of its own (`plan_coverage`, `naming_place`)."""
        floor = self._triage.thresholds.off_topic
        return plan_coverage(
            result.merged(naming_place(u.retriever, facts, u.place, floor)),
            u.place,
            facts,
            question_intents(u.text),
            learner=learner,
            floor=floor,
            commuter=u.commuter,
            situations=self._situations(u.text),
        )

    def _analyse(
        self, u: Understanding, query: str, signal: Verdict | None
    ) -> tuple[Verdict, SearchResult, Understanding, float]:
        """Embed the query once; triage (its signals already read) and search with it. A
        message that needs a country, names none, and is written in the language of only one
        country we serve is taken to be about that country, and the reply says so. Also how
        related the message is to the knowledge base at all: for a place it has no rules of,
        searched without the place."""
        retriever = u.retriever
        vector = retriever.embed_query(query)
        facts = self.facts(retriever)
        covered = answerable_place(u, facts)
        result = search_for(u, query, vector, covered=covered, facts=facts)
        relevance = result.top_similarity
        if not covered:
            anywhere = retriever.search(query, vector, k=12, lang=u.language)
            relevance = max(relevance, anywhere.top_similarity)
        verdict = self._triage.classify(signal, vector, u.text, relevance)
        assumed = assumed_country(u, query, vector, result, self._triage.country_dependent)
        if assumed is not None:
            name = self.strings.country_name(assumed, u.language)
            notice = self.strings.get("assumed_country", u.language, country=name)
            u = replace(u, country=assumed, notices=(*u.notices, notice))
            result = retriever.search(query, vector, country=assumed, k=12, lang=u.language)
        return verdict, result, u, relevance

    def _needs_clarification(
        self, u: Understanding, profile: Profile, result: SearchResult
    ) -> Reply | None:
        if u.country is None and self._triage.country_dependent(u.text, result):
            return self._ask_country(u, result, "the answer depends on the country")
        if u.country in REGIONS and u.region is None and self._triage.region_dependent(result):
            options = tuple(
                Option(code, self.strings.region_name(code, u.language))
                for code in REGIONS[u.country]
            )
            key = "clarify_region_de" if u.country == "DE" else "clarify_region_be"
            return self._reply(
                u,
                "clarify",
                self.strings.get(key, u.language),
                f"the rules in {u.country} depend on the region of the workplace",
                options=options,
                field="region",
            )
        return None

    def _ask_country(self, u: Understanding, result: SearchResult, reason: str) -> Reply:
        seen = [c for c in result.countries(12) if len(c) == 2 and c not in ("EU",)]
        ordered = list(dict.fromkeys([*seen, *COMMON_COUNTRIES]))[:8]
        options = tuple(Option(c, self.strings.country_name(c, u.language)) for c in ordered)
        options += (Option("other", self.strings.get("country_other", u.language)),)
        return self._reply(
            u,
            "clarify",
            self.strings.get("clarify_country", u.language),
            reason,
            options=options,
            field="country",
        )

    async def _escalate(
        self,
        u: Understanding,
        verdict: Verdict,
        result: SearchResult,
        history: Sequence[Turn],
        profile: Profile,
    ) -> Reply:
        """Say why a person should help, give the general facts that apply, then hand over."""
        lang = u.language
        parts = [self.strings.get(verdict.message_key, lang)]
        composition: Composition | None = None
        confidence = result.top_similarity
        if u.country is None and not u.eu:  # (no place's rules, where it is not known)
            result = everywhere(result)
        if result.hits and result.top_similarity >= self._triage.min_similarity:
            facts = self.facts(u.retriever)
            if not u.eu and not facts.covers(u.place):
                # No rules of the learner's place: only what applies there, never another's.
                plan = self._coverage_plan(u, result, facts, profile.role == "learner")
            else:
                reason = verdict.message_key
                dispute = reason == "escalate_reason_dispute"  # (only there is the employer read)
                employer = dispute and self._triage.about_employer(u.text)
                intents = handover_intents(reason, question_intents(u.text), employer)
                plan = self._plan(u, result, intents, profile)
            if plan.lead is not None:
                composition = await self._compose(u, plan, history)
                parts += [self.strings.get("general_facts_first", lang), composition.text]
        parts.append(self.strings.get("escalate_notice", lang))
        return self._reply(
            u,
            "escalate",
            "\n\n".join(parts),
            verdict.reason,
            composition=composition,
            confidence=confidence,
        )

    async def _compose(
        self, u: Understanding, plan: Plan, history: Sequence[Turn], *, offer: bool = False
    ) -> Composition:
        texts = u.retriever.translations
        facts = self.facts(u.retriever)
        # An EU-wide answer, or what applies before a handover, to someone in a place we have
        # no rules of says so (not to a question on a national scheme, "Qualifizierungsgeld",
        # nor one a national scheme answers first).
        no_rules = ""
        if not facts.covers(u.place) and not (
            facts.national_scheme(u.country, u.text) or nationwide_answer(u, plan.lead, facts)
        ):
            name, regional = self._place_name(u, facts)
            no_rules = no_rules_sentence(self.strings, u.language, name, region=regional)
        if self._llm is not None:
            recent = "\n".join(f"{t.role}: {t.text}" for t in list(history)[-4:])
            composed = await self._llm.compose(
                u.text,
                plan,
                u.language,
                self.strings,
                texts,
                recent,
                language_name=self.strings.language_name(u.language),
            )
            if composed is not None:
                if not no_rules:
                    return composed
                return replace(composed, text=f"{composed.text}\n\n{no_rules}")
        return render_answer(
            plan,
            u.language,
            self.strings,
            texts,
            offer_counsellor=offer,
            no_rules=no_rules,
            help_hit=help_summary(u.retriever, facts, u.place.country or "") if no_rules else None,
        )

    def _place_name(self, u: Understanding, facts: FactIndex) -> tuple[str, bool]:
        """The learner's place as a reply names it, and whether that is a region (of a country
        the knowledge base has rules of) rather than the country."""
        country, region = u.place.country or "", u.place.region
        if region and country in facts.countries:
            return self.strings.region_name(region, u.language), True
        return self.strings.country_name(country, u.language), False

    def _reply(
        self,
        u: Understanding,
        decision: Any,
        text: str,
        reason: str,
        *,
        composition: Composition | None = None,
        options: tuple[Option, ...] = (),
        field: Any = None,
        crisis: bool = False,
        confidence: float | None = None,
    ) -> Reply:
        notices = u.notices + (composition.notices if composition else ())
        chunk_ids = composition.chunk_ids if composition else ()
        found = [u.retriever.chunk(chunk_id) for chunk_id in chunk_ids]
        return Reply(
            decision=decision,
            text=text,
            language=u.language,
            reason=reason,
            sources=composition.sources if composition else (),
            options=options,
            clarify_field=field,
            crisis=crisis,
            chunk_ids=chunk_ids,
            passages=u.retriever.cited_sections(composition.chunk_ids if composition else ()),
            chunk_texts=tuple(chunk[0] if chunk else "" for chunk in found),
            index_version=u.retriever.version,
            confidence=confidence,
            learned=dict(u.learned),
            notices=notices,
            composer="none" if composition is None else composition.composer,  # type: ignore[arg-type]
        )
