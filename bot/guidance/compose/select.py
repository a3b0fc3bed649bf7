"""Which facts a reply shows: the one that answers the question first, then a few that help.

Retrieval ranks passages by closeness to the message; a reply needs more than that. The lead is
the fact, for the learner's place, that answers what was asked first ("how many days" wants a
number of days): the best by `score`, which weighs closeness against what each fact answers and
whom it is for. "What is ...?" is answered by the document's summary. Facts about places the
message does not name are left out; when it names several (a comparison), the learner's own
place leads and each other one gets its best fact.

Then at most four supporting facts, in this order: the best one for each other thing asked, the
best one for each other place named, the facts that follow the lead in its section, the rest;
never one that only repeats the lead, no near-duplicates, no flooding from one section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.guidance.compose.facts import FactIndex, split_label, topics
from bot.guidance.compose.pool import about_elsewhere, candidates
from bot.guidance.compose.repeats import repeats, similar
from bot.guidance.compose.score import (
    HISTORY,
    QUANTITY,
    Question,
    Scorer,
    first_of_ties,
)
from bot.guidance.compose.shown import (
    antecedents,
    counterparts,
    elsewhere,
    for_age,
    for_course,
    for_staff,
    leave_for_employees,
    not_for_learner,
    off_country,
    without,
)
from bot.guidance.compose.statements import (
    answers_instead,
    ask_statements,
    document_answer,
    group_statements,
    head_statement,
    learners_own,
    particular,
    situation_statements,
)
from bot.guidance.compose.summaries import lead_sentences, opens_with
from bot.guidance.compose.verdicts import Verdicts, as_shown, verdicts
from bot.guidance.retrieval import Hit, SearchResult

MAX_SUPPORT = 4
PER_SECTION = 2
MAX_CHARS = 1100
NAMED_SLACK = 0.03  # how much less close a fact naming an uncovered place may be
THREAD_BONUS = 0.01  # a supporting fact about the lead's own scheme (the same label)
# how much less an EU-wide fact answering the first ask of a message about the EU may score
# than a lead that does not answer it
FIRST_ASK_SLACK = 0.02


@dataclass(frozen=True, slots=True)
class Plan:
    """The facts of a reply, in the order they are shown; `lead` is None when none fits."""

    lead: Hit | None
    support: tuple[Hit, ...] = ()
    # Supporting facts about the same place as the lead: shown without their label.
    unlabelled: frozenset[str] = frozenset()
    # The learner's own figures against the rules the reply shows (compose.verdicts).
    verdicts: Verdicts = Verdicts()
    # Which sentences of a summary lead to show, in order (empty: its first two).
    summary_sentences: tuple[int, ...] = ()

    @property
    def hits(self) -> list[Hit]:
        return [self.lead, *self.support] if self.lead is not None else []


def _choose_lead(
    pool: list[Hit],
    question: Question,
    facts: FactIndex | None,
    score: Scorer,
    retrieved: list[Hit],
) -> Hit:
    if question.others and facts is not None:
        # A comparison: the learner's own place leads, the others follow.
        fit = max(facts.specific(h.id, question.place) for h in pool)
        if fit:
            # (an EU text stays, to a message about the EU from a place with rules of its own:
            # "a European recommendation ... an account like the French CPF: is there an
            # obligation for the States?"; for a place without, what names it leads)
            eu = question.eu and facts.covers(question.place)
            pool = [
                h
                for h in pool
                if facts.specific(h.id, question.place) == fit
                or (eu and h.meta.get("country") == "EU")
            ]
    lead = first_of_ties(pool, max(pool, key=score), score)
    first = question.specific[:1]
    if first and first[0] != "exists" and not score.counted(lead) and not _ended(lead, facts):
        # (whether a scheme exists, or that it ended, a summary says best)
        # What answers nothing asked (nor says a scheme ended) leads only where nothing
        # found answers what is asked first: "an employer may refuse only for the reasons in
        # the Land law", to "can my boss in Hessen refuse?", not "in Hessen you get 5 days a
        # year" or the Hessen document's summary.
        answering = [
            h for h in pool if h.meta.get("kind") != "summary" and first[0] in score.answers(h)
        ]
        lead = max(answering, key=score, default=lead)
    if first and first[0] in QUANTITY and facts is not None and _gone(lead, facts):
        # "How much credit do I have?": what one has now of the same scheme, before the top-up
        # that expired (not the loan after "STAP has ended", to "how much is STAP?").
        label = split_label(lead.body)[0]
        current = [
            h
            for h in pool
            if first[0] in score.answers(h)
            and not _gone(h, facts)
            and split_label(h.body)[0] == label
        ]
        lead = max(current, key=score, default=lead)
    # "What is ESCO?" is answered by the summary of the document that answers best (not "what
    # are the 150 ore", a section); so is a question none of whose asks the best fact answers
    # ("may my employer refuse?" where the document says nothing of refusals), rather than
    # by whatever fact came closest. Only when the search found the summary close too.
    unanswered = bool(question.specific) and not score.answers(lead)
    # ("What is ESCO, and is it free?": what it is first.)
    what = bool(question.intents) and question.intents[0] == "what"
    if unanswered and not what:
        # (another document's summary that opens with the answer: "validation can make your
        # skills visible", to a carer in Bologna the best of whose facts is on training leave)
        opening = [
            h
            for h in pool
            if h.meta.get("kind") == "summary"
            and first[0] in score.answers(h)
            and opens_with(h, first[0])
            and score(h) >= score(lead) - FIRST_ASK_SLACK
        ]
        if opening:
            return max(opening, key=score)
    if facts is not None and not question.others and (what or unanswered):
        summary = facts.summary(str(lead.meta.get("source", "")))
        if summary is not None and any(h.id == summary.id for h in retrieved):
            return summary
    # "Europass? Is it free? Do I need an account?": when only a summary answers the first
    # ask, in its first sentence ("Europass is a free EU website"), it leads rather than the
    # answer to the second. (A summary touches on much further on.)
    if first and first[0] not in score.answers(lead):
        answering = [h for h in pool if first[0] in score.answers(h)]
        if answering and all(h.meta.get("kind") == "summary" for h in answering):
            best = max(answering, key=score)
            if opens_with(best, first[0]):
                return best
        # A question about an EU instrument whose first ask only an EU-wide fact answers ("is
        # Portugal obliged to create one?": the EU rule that says it is not, though the search
        # found Portugal's 40 hours a little closer).
        facts_answering = [
            h
            for h in answering
            if question.eu and h.meta.get("kind") != "summary" and h.meta.get("country") == "EU"
        ]
        if facts_answering:
            best = max(facts_answering, key=score)
            if score(best) >= score(lead) - FIRST_ASK_SLACK:
                return best
    return lead


_EXPIRED = re.compile(r"\bexpired (?:on|in)\b")


def _gone(hit: Hit, facts: FactIndex) -> bool:
    """The hit says its own money or right ended ("a one-off top-up ... expired on 31
    December 2025")."""
    info = facts.info(hit.id)
    return info is not None and ("ended" in info.intents or bool(_EXPIRED.search(hit.body)))


def _ended(hit: Hit, facts: FactIndex | None) -> bool:
    """The summary of the hit's document says its scheme ended ("STAP ended; the last round
    was on 15 November 2023; adults can borrow with the Levenlanglerenkrediet")."""
    summary = facts.summary(str(hit.meta.get("source", ""))) if facts is not None else None
    info = facts.info(summary.id) if facts is not None and summary is not None else None
    return info is not None and "ended" in info.intents


def _named(result: SearchResult, pool: list[Hit]) -> list[Hit]:
    """The "also called" lines found of schemes none of whose facts were (not where to get
    help): a scheme the message names, whose rules for the learner's situation may still
    answer it (`situation_statements`)."""
    present = {h.meta.get("source") for h in pool}
    return [
        h
        for h in result.hits
        if h.meta.get("kind") == "alias"
        and h.meta.get("source") not in present
        and "help" not in topics(h.meta)
    ]


def plan_answer(
    result: SearchResult,
    question: Question,
    facts: FactIndex | None = None,
    *,
    window: float = 0.05,
    max_support: int = MAX_SUPPORT,
) -> Plan:
    """The lead and the supporting facts of an answer."""
    pool = candidates(result, facts, question, window=window)
    if not pool:
        return Plan(None)
    if (away := about_elsewhere(pool, question, facts)) is not None:
        question = replace(question, place=away, others=())
        pool = candidates(result, facts, question, window=window)
    score = Scorer(result, question, facts)
    aside: list[Hit] = []
    found: list[Hit] = []
    group: list[Hit] = []
    if facts is not None:
        pool += (
            for_course(pool, question, facts)
            + for_age(pool, question, facts)
            + for_staff(pool, question, facts)
        )
        # (a provider's participants' groups are not the sender's own: no group line leads)
        group = group_statements(pool, question, facts, score) if question.learner else []
        named = _named(result, pool)
        found = [*group, *situation_statements(pool, question, facts, score, names=named)]
        # (what holds everywhere for the learner's group leads: a self-employed person gets
        # no training leave; or else the best document's statement may lead; the others
        # follow the lead that the search chose)
        pool, aside = pool + found[:1], found[1:]
    lead = found[0] if group else _choose_lead(pool, question, facts, score, result.hits)
    head = None if group or facts is None else head_statement(lead, pool, question, facts, score)
    if head is None and not group and facts is not None:
        head = document_answer(lead, question, facts, score)
    if head is not None and (
        not particular(lead, question, facts) or particular(head, question, facts)
    ):
        # (the section's main rule, or the document's answer, unless what leads is about the
        # learner's own situation and that is not: "€800 a year without a CAP/BEP" before its
        # ceiling, to one with no diploma)
        pool.append(head)
        lead = head
    pool += aside
    asked = ask_statements(lead, question, facts, score) if facts is not None else {}
    pooled = {h.id for h in pool}
    pool += [h for h in asked.values() if h.id not in pooled]
    thread = split_label(lead.body)[0]

    def fit(hit: Hit) -> float:
        # The reply stays on the lead's scheme: after "the €500 rule does not apply to public
        # hospital staff", their 25 hours a year, not the €500 of private employees.
        return score(hit) + (THREAD_BONUS if thread and split_label(hit.body)[0] == thread else 0)

    rest = sorted(
        (
            h
            for h in pool
            if h.id != lead.id
            and h.meta.get("kind") != "summary"
            and not (facts and elsewhere(h, question, facts))
            and not (facts and not_for_learner(h, question, facts))
            and not (facts and without(h, lead, question, facts))
            and not (facts and off_country(h, lead, question, facts))
            and not (facts and leave_for_employees(h, lead, question, facts))
            and not (facts and group_rule_elsewhere(h, lead, question, facts, score))
        ),
        key=fit,
    )[::-1]
    ordered = _support_order(rest, lead, question, facts, score, asked)
    added: set[str] = set()
    if facts is not None:
        # (a comparison: each other place's measure right after the lead's)
        matched = counterparts(pool, lead, question, facts)
        moved = {h.id for h in matched}
        ordered = [*matched, *(h for h in ordered if h.id not in moved)]
        before = {h.id for h in ordered}
        ordered = antecedents(ordered, lead, facts)
        added = {h.id for h in ordered} - before
        if score.models:
            # (one fact at most of the scheme named as a model, beside what the learner's place
            # has: "is there something like the French CPF in Poland?")
            # (what it gives: "€500 a year", not who may see its balance)
            infos = {h.id: facts.info(h.id) for h in ordered}
            model = [h for h in ordered if (i := infos[h.id]) and set(i.countries) & score.models]
            gives = [h for h in model if (i := infos[h.id]) and {"gets", "amount"} & i.intents]
            ordered = [h for h in ordered if h not in model or h is (gives or model)[0]]
    own = learners_own(ordered, lead, found, question, facts)
    if own is not None and answers_instead(own, lead, question, facts, score):
        # What the lead's document says of the learner's situation answers what they ask:
        # "jobseekers do not pay the co-payment", to a jobseeker's "must I pay the 103 €?".
        # (the rule it replaces comes next, and is no repeat of it: it stands as `own` below)
        ordered.remove(own)
        ordered.insert(0, lead)
        lead, own = own, lead
    elif own is not None:
        # What the best document says of the learner's situation comes right after the lead.
        ordered.remove(own)
        ordered.insert(0, own)
    elif found and lead.id == found[0].id:
        # When it leads, what would have led comes next: to one of 42, after "aged 40 and
        # over get S$4,000", "everyone aged 25 and over gets a S$500 opening credit".
        searched = [h for h in ordered if h.id not in {f.id for f in found}]
        usual = max(searched, key=score, default=None)
        if usual is not None:
            ordered.remove(usual)
            ordered.insert(0, usual)
    said: tuple[int, ...] = ()
    if lead.meta.get("kind") == "summary":
        best = max((h for h in pool if h.meta.get("kind") != "summary"), key=score, default=None)
        said = lead_sentences(lead, question, best, facts.spelt if facts is not None else None)
    # (what a summary's sentences shown say: not the 20 hours of its first, under the PIF)
    shown = as_shown(lead, said)
    support: list[Hit] = []
    # Two facts of any one section, three of the lead's own: it says most about what was asked
    # (after "the €500 rule does not apply to public-sector staff", their 25 hours a year
    # rather than the €500 of private employees).
    lead_section = str(lead.meta.get("section", lead.id))
    per_section: dict[str, int] = {}
    budget = MAX_CHARS - len(shown.body)
    for hit in ordered:
        section = str(hit.meta.get("section", hit.id))
        # (and one more for each other thing asked that the lead's section answers)
        cap = PER_SECTION + (1 + len(asked) if section == lead_section else 0)
        if per_section.get(section, 0) >= cap or len(hit.body) > budget:
            continue
        # (what is said of the learner's situation is not a repeat for sharing the lead's
        # words: "jobseekers do not pay the co-payment" after "… is the official co-payment")
        # (nor is the rule a statement shown adds to: "you have a right if you have worked
        # there 6 months" before "you also have the right if ... 12 months in 2 years")
        repeat = (
            hit is not own
            and hit.id not in added
            and (similar(hit, shown) or repeats(hit, shown))
        )
        if repeat or any(similar(hit, s) for s in support):
            continue
        support.append(hit)
        per_section[section] = per_section.get(section, 0) + 1
        budget -= len(hit.body)
        if len(support) >= max_support:
            break
    same_place = frozenset(
        h.id for h in support if facts is not None and facts.same(h.id, lead.id)
    )
    checks = verdicts(shown, support, same_place, pool, question, facts)
    return Plan(lead, tuple(support), same_place, checks, said)


def group_rule_elsewhere(
    hit: Hit, lead: Hit, question: Question, facts: FactIndex, score: Scorer
) -> bool:
    """Another document's rule for the learner's group that answers nothing asked: the PTP's
    24 months for a permanent contract, under "on a CDI, can I still pay my driving licence
    with my CPF?" (it fits the CDI, not the question)."""
    info = facts.info(hit.id)
    return (
        info is not None
        and bool(question.specific)
        and hit.meta.get("source") != lead.meta.get("source")
        and bool((info.group | info.heading_group) & question.who - {"employed", "full_time"})
        and not score.answers(hit)
    )


def _support_order(
    rest: list[Hit],
    lead: Hit,
    question: Question,
    facts: FactIndex | None,
    score: Scorer,
    asked: dict[str, Hit],
) -> list[Hit]:
    """The best fact for each other thing asked (the lead's section's own answer first) and
    each other place named, then the facts that follow the lead in its section (in document
    order), then the rest."""
    first: list[Hit] = []
    # The lead answers the first thing asked that it can; another ask it touches on in passing
    # ("aged 25 and over" is a condition) still gets its own best fact.
    answered = set(score.answers(lead)[:1])
    quantity = bool(QUANTITY & set(question.specific))
    for intent in question.specific:
        # "how many" goes with "days" or "money": not a question of its own then.
        # (what a summary's words touch on but its sentences shown do not answer is asked
        # still: `asked` holds only such asks)
        if (intent not in answered or intent in asked) and not (intent == "number" and quantity):
            own = asked[intent].id if intent in asked else None
            best = next((h for h in rest if h.id == own), None) or next(
                (h for h in rest if intent in score.answers(h)), None
            )
            if best is not None and best not in first:
                first.append(best)
                answered |= set(score.answers(best))
    if facts is not None:
        for other in question.others:
            best = next((h for h in rest if facts.specific(h.id, other) >= 1), None)
            if best is not None and best not in first:
                first.append(best)
    # A scheme the message names that nothing shown is about yet gets its best fact ("mio figlio
    # dice che devo fare un curriculum europeo", in a story that the congedo answers best).
    for source in score.named:
        if lead.meta.get("source") == source or any(h.meta.get("source") == source for h in first):
            continue
        best = next((h for h in rest if h.meta.get("source") == source), None)
        if best is not None:
            first.append(best)
    section = lead.meta.get("section")
    order = int(lead.meta.get("order", 0))
    following = sorted(
        (
            h
            for h in rest
            if h.meta.get("section") == section
            and int(h.meta.get("order", 0)) > order
            and h not in first
            and (not question.specific or score.answers(h))
            # (not the rule's history, but to "does it still exist?": "the doubling to 250
            # hours ... no longer applies")
            and ("exists" in question.intents or not HISTORY.search(h.body))
        ),
        key=lambda h: int(h.meta.get("order", 0)),
    )
    others = [h for h in rest if h not in first and h not in following]
    if question.others and facts is not None:
        # A comparison: the learner's own place before more of the others'.
        others.sort(key=lambda h: facts.specific(h.id, question.place) == 0)
    return [*first, *following, *others]
