"""Statements the search missed: what the best documents say of people in the learner's
situation or age group (a jobseeker, public-sector staff, a commuter, one of 42...), which the
words of a long message rank low; what holds everywhere for the learner's group (the
self-employed and jobseekers get no training leave); what the lead's own section says of each
other thing asked ("is it paid?": "the leave is unpaid"), and its main rule, to "how much?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.guidance.compose.fact_intents import fact_intents
from bot.guidance.compose.facts import FactIndex, FactInfo, sentences, split_label
from bot.guidance.compose.fit import most_adults
from bot.guidance.compose.score import HISTORY, QUANTITY, Question, Scorer, for_others
from bot.guidance.compose.summaries import lead_sentences
from bot.guidance.retrieval import Hit

# a statement about the learner's situation found in the best fact's document, not by the
# search: a little less close than that fact
SITUATION_MARGIN = 0.005
# The English of a rule of time off from an employer (its label names the scheme)
LEAVE = re.compile(
    r"\b(?:leave|bildungsurlaub|bildungszeit|weiterbildungszeit|qualifizierungszeit|vov"
    r"|continuous training|studieledighet|exam days|congedo|cong[ée]|permiso|urlop|verlof"
    r"|pif|150 ore|worker-students)\b",
    re.IGNORECASE,
)
# What a rule's figures and dates answer besides the one thing it is about ("the notice is at
# least 30 days" answers "when?", "how many?", "how many days?"; "(rule from 2019)", "is it new?";
# "may postpone it by up to 6 months", "how high does it go?")
FIGURES = frozenset({"number", "days", "when", "amount", "gets", "exists", "ceiling"})
OVERVIEW = 3  # a fact naming this many groups lists them: it is about none in particular


def particular(hit: Hit, question: Question, facts: FactIndex | None) -> bool:
    """The fact is about a situation of the learner's that most rules do not assume. (A
    statement on full-time workers is still looked up, and may lead "do I qualify?", but is
    not put before the other facts: "public sector, full time: 25 hours" to a waitress.)"""
    info = facts.info(hit.id) if facts is not None else None
    return info is not None and bool(_about(info) & question.who - {"employed", "full_time"})


def _about(info: FactInfo) -> frozenset[str]:
    """Whom a fact is about: not each of the groups an overview lists ("training leave usually
    depends on your job status: private-sector employee, civil servant, self-employed person or
    jobseeker")."""
    named = info.situations - {"employed", "full_time"}
    return frozenset() if len(named) >= OVERVIEW else info.situations


def situation_statements(
    pool: list[Hit],
    question: Question,
    facts: FactIndex,
    score: Scorer,
    documents: int = 3,
    names: Sequence[Hit] = (),
) -> list[Hit]:
    """What each of the best documents says of people in the learner's situation or of their
    age group, when the search found none of it there ("soy auxiliar administrativa en el
    Ayuntamiento ... el PIF, lo puedo pedir?": "the PIF is not available to
    public-administration staff"; a jobseeker asking about a driving licence and the
    co-payment: "jobseekers do not pay the co-payment", from the co-payment's document). The
    one that fits best of each document."""
    wanted = question.who - {"employed"} | ({"age"} if question.age is not None else set())
    statements = [h for h in pool if h.meta.get("kind", "fact") == "fact"]
    if not wanted or not statements:
        return []

    def about(hit: Hit) -> frozenset[str]:
        info = facts.info(hit.id)
        if info is None:
            return frozenset()
        return wanted & (_about(info) | ({"age"} if _of_age(info, question.age) else set()))

    best: dict[str, Hit] = {}  # each document's best statement found, best documents first
    # (or its names alone, `names`: "une collègue m'a dit que j'avais droit à plus d'argent
    # sur mon CPF ... je n'ai aucun diplôme" found the CPF's "also called" line, not its €800)
    for hit in sorted([*statements, *names], key=score, reverse=True):
        best.setdefault(str(hit.meta.get("source", "")), hit)
    seen = {h.id for h in pool}
    added: list[Hit] = []
    for source, top in list(best.items())[:documents]:
        mine = [h for h in statements if h.meta.get("source") == source]
        if any(about(h) and _decides(h, question, score) for h in mine):
            continue
        # (as close as the statement it stands beside: the search ranks a document's
        # statements by the words of the whole message, which say little of its exceptions)
        found = [
            replace(h, similarity=top.similarity - SITUATION_MARGIN)
            for h in facts.statements(source)
            if h.id not in seen
            and about(h)
            and facts.applies(h.id, question.place)
            and (not _counts(question) or _decides(h, question, score))
        ]
        added += sorted(found, key=score, reverse=True)[:1]
    return added


# A condition ("at least 80% and 28 hours a week", "only for", "does not"): what decides whether
# one may, beside what one gets ("part-time employees get a pro-rata number of hours").
_CONDITION = re.compile(
    r"\b(?:at least|only|must|below|under|no longer|not|cannot|need|qualif\w*|eligible)\b"
)


# Who gets a share of what full-timers get ("part-time employees get a pro-rata number of
# hours"): their "how many?" is answered by that share, not by a condition they meet.
_SHARE = frozenset({"part_time", "fixed_term"})


def _counts(question: Question) -> bool:
    return question.specific[:1] == ("days",) and bool(question.who & _SHARE)


def _decides(hit: Hit, question: Question, score: Scorer) -> bool:
    """The statement answers what is asked of the learner's situation: to "may I?", it says
    a condition; to a part-timer's "how many hours?", a number of them ("4/5 at 28 hours still
    qualifies" does not tell how many: "part-time employees get a pro-rata number of hours"
    does); to anything else, any statement about it does."""
    condition = _CONDITION.search(hit.body.lower())
    if question.specific[:1] == ("eligible",):
        return bool(condition)
    return not _counts(question) or ("days" in score.answers(hit) and not condition)


def _of_age(info: FactInfo, age: int | None) -> bool:
    """A rule for an age group narrower than most adults, which the learner's age is in ("since
    1 May 2024, citizens aged 40 and over get S$4,000", to one of 42 whose search found only
    the S$500 that everyone over 25 gets)."""
    if age is None or info.ages is None:
        return False
    first, last = info.ages
    return not most_adults(info.ages) and first <= age <= last


def group_statements(
    pool: list[Hit], question: Question, facts: FactIndex, score: Scorer
) -> list[Hit]:
    """What holds everywhere for the learner's group, when the best fact found is a rule of
    leave from work and nothing found is about the group: to a self-employed hairdresser
    asking for Bildungsurlaub, "training-leave laws are for employees; if you are
    self-employed, you do not get it", not only the employees' 5 days. (Not to one asking
    whether Springboard+ or a SkillsFuture credit is for them.)"""
    statements = [h for h in pool if h.meta.get("kind", "fact") == "fact"]
    if not statements or not LEAVE.search(max(statements, key=score).body):
        return []
    closest = max(h.similarity for h in statements)
    found: list[Hit] = []
    for situation in sorted(question.who - {"employed", "full_time", "commuter"}):
        if any(situation in _about(i) for h in pool if (i := facts.info(h.id)) is not None):
            continue
        seen = {h.id for h in pool}
        found += sorted(
            (
                replace(h, similarity=closest - SITUATION_MARGIN)
                for h in facts.for_group(situation)
                if h.id not in seen and facts.applies(h.id, question.place)
            ),
            key=score,
            reverse=True,
        )[:1]
    return found


# "10 days of paid Bildungsurlaub": what the leave is, not who pays the course.
_FEES = re.compile(r"\b(?:course )?(?:fees?|costs?)\b", re.I)
_PAID = re.compile(r"\bpaid (?=(?:[\w-]+ )?(?:leave|days?|hours?|bildungsurlaub|training))", re.I)


def for_another(info: FactInfo, question: Question, lead: FactInfo | None) -> bool:
    """About groups of which the learner says they are in none, nor the lead is about
    ("apprentices get 5 days", to one who does not say they are an apprentice; not
    "private-sector employees, agency workers too", nor "the ceiling for low-qualified
    employees is €8,000" under "an employee without a CAP/BEP gets €800 a year")."""
    about = _about(info)
    theirs = question.who | (_about(lead) | lead.heading_group if lead else frozenset())
    return bool(about) and not about & (theirs | {"employed", "full_time"})


def ask_statements(
    lead: Hit, question: Question, facts: FactIndex, score: Scorer, whole: bool = False
) -> dict[str, Hit]:
    """For each other thing asked, the statement of the lead's own section that answers it
    and nothing else besides, found by the search or not: to "how long can I stay home? Do they
    pay me? How early must I ask?" about the congedo per la formazione, after its 11 months,
    "the leave is unpaid" and "the notice is at least 30 days", not the 150 paid hours of the
    commerce agreement (a long message's words rank a section's short rules low). After a
    document's summary, whose first two sentences lead, any statement of the document: to "how
    many days do I get in Berlin? Does the firm pay the course?", "you pay the course fees".
    `whole`: any statement of the lead's document."""
    section: str | None = None if whole else str(lead.meta.get("section", ""))
    source = str(lead.meta.get("source", ""))
    if lead.meta.get("kind") == "summary":
        parts = sentences(split_label(lead.body)[1])
        # (the sentences the lead shows: its first two, or the one that answers)
        shown = [parts[i] for i in lead_sentences(lead, question)] or parts[:2]
        answered = set().union(*(fact_intents(_PAID.sub("", part)) for part in shown))
        section = None
    elif lead.meta.get("kind", "fact") != "fact" or not (section or whole):
        return {}
    else:
        answered = set(score.answers(lead))
    chosen: dict[str, Hit] = {}
    for intent in question.specific:
        if intent in answered or intent in ("number", "exists"):
            continue
        answering = [
            h
            for h in facts.statements(source, section)
            if h.id != lead.id
            and (info := facts.info(h.id)) is not None
            and intent in score.answers(h)
            # (only what answers what is asked and nothing else: "the leave is unpaid", not
            # "Ireland has not ratified the convention on paid educational leave" nor "the
            # employer may refuse only for compelling reasons", whose words touch on pay and
            # eligibility)
            and not info.intents - {*question.specific, *FIGURES}
            and facts.applies(h.id, question.place)
            and not for_others(info, question)
            # (nor a rule for a group the learner does not say they are in: "apprentices get
            # 5 days for the whole apprenticeship")
            and not for_another(info, question, facts.info(lead.id))
            # (nor the rule's history: "the doubling to 250 hours ... no longer applies")
            and not HISTORY.search(h.body)
        ]
        if intent == "pay":
            # (who pays the course before the salary, which "paid leave" already says)
            answering.sort(key=lambda h: not _FEES.search(h.body))
        if answering:  # (the first in the document's order)
            chosen[intent] = replace(answering[0], similarity=lead.similarity - SITUATION_MARGIN)
            answered |= set(score.answers(answering[0]))
    return chosen


def document_answer(lead: Hit, question: Question, facts: FactIndex, score: Scorer) -> Hit | None:
    """Where the lead answers nothing asked, the statement of its document that answers what is
    asked first: the search found the document, not its answer ("Kann ich Bildungszeit
    nehmen?" led by "the Bildungszeitgesetz has been in force since 1 July 2015"; "you need 12
    months of employment before you can use it" answers)."""
    first = question.specific[:1]
    info = facts.info(lead.id)
    if (
        not first
        or lead.meta.get("kind", "fact") != "fact"
        or info is None
        or "ended" in info.intents  # (that a scheme ended answers whatever is asked of it)
        or set(score.answers(lead)) & set(question.specific)
    ):
        return None
    return ask_statements(lead, question, facts, score, whole=True).get(first[0])


def head_statement(
    lead: Hit, pool: list[Hit], question: Question, facts: FactIndex, score: Scorer
) -> Hit | None:
    """To "how much?" or "how many days?", the first statement of the lead's section when it
    gives that figure and the search missed it: writers put the main rule first ("an employee
    who worked at least half-time gets €500 for that year"), the words of a message find its
    neighbours ("the €500 and €800 amounts have not changed since 2019")."""
    info = facts.info(lead.id)
    first = question.specific[:1]
    if info is None or not first or first[0] not in QUANTITY:
        return None
    if _of_age(info, question.age):  # ("under 25: 10 days a year", to one of 23)
        return None
    source = str(lead.meta.get("source", ""))
    if _others(info, question):
        # A rule for a group the learner does not say they are in ("no CAP/BEP: €800 a year",
        # or how to claim it, to one who works 20 hours a week): the document's main case, the
        # first section whose main rule gives the figure and is for no other group.
        heads = [h for h in facts.statements(source) if (i := facts.info(h.id)) and not i.position]
        head = next(
            (
                h
                for h in heads
                if (i := facts.info(h.id)) is not None
                and first[0] in score.answers(h)
                and not _others(i, question)
            ),
            None,
        )
    elif not info.position:
        return None
    else:
        section = str(lead.meta.get("section", ""))
        head = next(iter(facts.statements(source, section)), None)
    head_info = facts.info(head.id) if head is not None else None
    if (
        head is None
        or head_info is None
        or any(h.id == head.id for h in pool)
        or "number" not in head_info.intents
        or first[0] not in score.answers(head)
        or not facts.applies(head.id, question.place)
        or for_others(head_info, question)
    ):
        return None
    return replace(head, similarity=lead.similarity)


def _others(info: FactInfo, question: Question) -> frozenset[str]:
    """The groups a rule is for (its label's or its section's) that the learner does not say
    they are in."""
    return (info.group | info.heading_group) - {"employed", "full_time"} - question.who


def answers_instead(
    own: Hit, lead: Hit, question: Question, facts: FactIndex | None, score: Scorer
) -> bool:
    """The statement of the lead's document for what the learner says they are (a jobseeker,
    public-sector staff; not where they live) answers the first thing asked, as the lead does:
    it is their answer."""
    first = question.specific[:1]
    info = facts.info(own.id) if facts is not None else None
    return (
        bool(first)
        and info is not None
        and bool(info.situations & (question.situations - {"employed"}))
        and own.meta.get("source") == lead.meta.get("source")
        and first[0] in score.answers(own)
        and first[0] in score.answers(lead)
    )


def learners_own(
    ordered: list[Hit], lead: Hit, found: list[Hit], question: Question, facts: FactIndex | None
) -> Hit | None:
    """What the best document says of the learner's situation, to show right after the lead:
    the statement looked up for it, or what the lead's document says of it that the search
    found ("jobseekers do not pay the co-payment", to a jobseeker whose "must I pay the
    103,20 €?" is led by the rule that quotes her figure)."""
    if facts is None:
        return None
    if found and found[0] in ordered:
        return found[0] if particular(found[0], question, facts) else None
    if particular(lead, question, facts):
        return None
    # (its own document's first, else its country's: "if you work fewer days a week, the
    # number of days is adjusted", from Germany's overview, under Hessen's 5 days)
    source, country = lead.meta.get("source"), lead.meta.get("country")
    mine = [h for h in ordered if particular(h, question, facts)]
    return next((h for h in mine if h.meta.get("source") == source), None) or next(
        (h for h in mine if h.meta.get("country") == country), None
    )
