"""Which facts found a reply leaves out for the learner: another region's rules and hedged
national ones ("typically 5 days") where the learner's region is known; how a right works
elsewhere after "your region gives no right"; rules for a group the learner is not in, or for
courses of another length than theirs; and, beside such a rule, the one for the learner; in a
comparison, each other place's rule of the lead's kind."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.guidance.compose.facts import GLOBAL, FactIndex, FactInfo, split_label, topics
from bot.guidance.compose.fit import most_adults
from bot.guidance.compose.lasting import fits
from bot.guidance.compose.score import HEDGED, Question, for_others
from bot.guidance.retrieval import Hit

# A lead saying the learner's region gives no right at all ("no legal right", "zero days")
NO_RIGHT = re.compile(r"\bno (?:legal |statutory )?right\b|\bzero days\b|\bno right\b")


def elsewhere(hit: Hit, question: Question, facts: FactIndex) -> bool:
    """Another region's rule ("Saxony passed a law ..."), or what holds in many regions ("the
    usual entitlement is 5 days", to a learner in Bavaria, which has none), for a learner whose
    region is known and who compares no places: not shown. In a comparison, a rule of a third
    region is not shown either (Baden-Württemberg's row to one in Cologne who names Málaga)."""
    place = question.place
    if not place.region:
        return False
    hedged = facts.specific(hit.id, place) < 2 and HEDGED.search(hit.body.casefold())
    if question.others:  # a comparison: only what is about none of the places compared
        # (nor "the usual right is 5 days", after "in Bavaria you get none")
        return bool(hedged) or all(facts.elsewhere(hit.id, p) for p in question.places)
    return bool(hedged or facts.elsewhere(hit.id, place))


def off_country(hit: Hit, lead: Hit, question: Question, facts: FactIndex) -> bool:
    """For a learner who names no place and compares none, the lead's country is the one the
    reply is about: another country's rule ("Portugal: unused hours become a credit", after
    "in Spain you get 20 hours a year") is not shown as if it applied."""
    if question.place.country or question.others:
        return False
    ours, theirs = facts.info(lead.id), facts.info(hit.id)
    if ours is None or theirs is None:
        return False
    lead_countries = set(ours.countries) - set(GLOBAL)
    hit_countries = set(theirs.countries) - set(GLOBAL)
    return bool(lead_countries and hit_countries) and not lead_countries & hit_countries


def without(hit: Hit, lead: Hit, question: Question, facts: FactIndex) -> bool:
    """After "if you mainly work in Bavaria, you have no legal right to Bildungsurlaub", how
    the right works elsewhere in the country ("the days are adjusted to your working week",
    "your employer keeps paying your salary"): a national statement about the scheme the
    learner's region lacks."""
    if not question.place.region or not NO_RIGHT.search(split_label(lead.body)[1]):
        return False
    scheme = split_label(lead.body)[0].rsplit(",", 1)[-1].strip()
    label = split_label(hit.body)[0]
    return (
        bool(scheme)
        and facts.specific(hit.id, question.place) < 2
        and label.rsplit(",", 1)[-1].strip() == scheme
    )


def not_for_learner(hit: Hit, question: Question, facts: FactIndex) -> bool:
    """A rule for another group than the learner's (`score.for_others`), for an age group or a
    kind of contract they say they are not in, or for courses of another length than theirs
    ("if the absence is shorter than 6 months, ask 60 days before", to one starting a 3-year
    course): not shown."""
    info = facts.info(hit.id)
    course = question.course
    if info and info.ages and question.age is not None and _other_age(info, question):
        return True  # ("employees under 25 get 10 days a year", to one of 45)
    if info and _other_contract(info, question):
        return True
    if info and info.lasting and course is not None and not fits(info.lasting, course):
        # (unless it is the only rule on length there: a condition their course fails)
        return bool(_for_theirs(hit, course, facts)) or for_others(info, question)
    return bool(info and for_others(info, question))


# Kinds of contract a rule may be for, of which a learner has one.
_CONTRACTS = frozenset({"agency", "fixed_term", "permanent"})


def _other_contract(info: FactInfo, question: Question) -> bool:
    """A rule for another kind of contract than the one the learner says they have ("temp
    agency workers need 1,600 hours in the sector", to one on a fixed-term contract)."""
    theirs = question.who & _CONTRACTS
    return bool(theirs) and bool(info.situations & _CONTRACTS) and not info.situations & theirs


def _for_theirs(hit: Hit, course: float, facts: FactIndex) -> list[Hit]:
    """The rules of the hit's section for courses as long as the learner's: where there is
    none, a rule for other lengths is a condition their course fails ("the training must last
    at least 2 months", to one of 8 weeks), not another's rule."""
    section = str(hit.meta.get("section", ""))
    return [
        other
        for other in facts.statements(str(hit.meta.get("source", "")), section)
        if (info := facts.info(other.id)) and info.lasting and fits(info.lasting, course)
    ]


def for_course(pool: list[Hit], question: Question, facts: FactIndex) -> list[Hit]:
    """For each rule found for courses of another length than the learner's, the rule of its
    section for theirs (after "shorter than 6 months: 60 days", "6 months or more: 120 days"),
    as close as the one it replaces."""
    if question.course is None:
        return []
    seen = {h.id for h in pool}
    found: list[Hit] = []
    for hit in pool:
        info = facts.info(hit.id)
        if not info or not info.lasting or fits(info.lasting, question.course):
            continue
        for other in _for_theirs(hit, question.course, facts):
            if other.id not in seen:
                found.append(replace(other, similarity=hit.similarity, score=hit.score))
                seen.add(other.id)
    return found


def _other_age(info: FactInfo, question: Question) -> bool:
    """A rule for an age group ("under 25") the learner is not known to be in."""
    if not info.ages or most_adults(info.ages):
        return False
    return question.age is None or not info.ages[0] <= question.age <= info.ages[1]


def for_age(pool: list[Hit], question: Question, facts: FactIndex) -> list[Hit]:
    """For each rule found for an age group the learner is not known to be in ("employees under
    25 get 10 days per year", to one who gives no age or is 40), the rule of its section for
    everyone that answers the same ("employees get 10 days over two years"), as close as the
    one found."""
    seen = {h.id for h in pool}
    found: list[Hit] = []
    for hit in pool:
        info = facts.info(hit.id)
        if not info or not _other_age(info, question):
            continue
        section = str(hit.meta.get("section", ""))
        for other in facts.statements(str(hit.meta.get("source", "")), section):
            other_info = facts.info(other.id)
            if (
                other.id not in seen
                and other_info
                and not other_info.ages
                and other_info.intents & info.intents & {"days", "number", "amount", "gets"}
            ):
                found.append(replace(other, similarity=hit.similarity, score=hit.score))
                seen.add(other.id)
    return found


def for_staff(pool: list[Hit], question: Question, facts: FactIndex) -> list[Hit]:
    """The rule for firms of the learner's size in each document found for their place ("in
    firms with fewer than 10 employees there is no legal claim", to a painter's firm of 8
    asking whether it must grant the leave), as close as that document's best fact found."""
    if question.staff is None:
        return []
    seen = {h.id for h in pool}
    best: dict[str, Hit] = {}
    for hit in pool:
        source = str(hit.meta.get("source", ""))
        if facts.specific(hit.id, question.place) and (
            source not in best or hit.similarity > best[source].similarity
        ):
            best[source] = hit
    found: list[Hit] = []
    for source, top in best.items():
        for other in facts.statements(source):
            info = facts.info(other.id)
            sizes = info.staff if info is not None else None
            if other.id not in seen and sizes and sizes[0] <= question.staff <= sizes[1]:
                found.append(replace(other, similarity=top.similarity, score=top.score))
                seen.add(other.id)
    return found


# What a comparison weighs: how much of the right each place gives.
_MEASURES = frozenset({"days", "amount"})


def counterparts(pool: list[Hit], lead: Hit, question: Question, facts: FactIndex) -> list[Hit]:
    """In a comparison ("where do I get more, Berlin or Hessen?"), for each other place the
    first statement of its own document found that gives the measure the lead gives ("Hessen:
    5 days per year" beside "Berlin: 10 days over 2 years"), as close as that document."""
    ours = facts.info(lead.id)
    wanted = (ours.intents & _MEASURES) if ours else frozenset()
    if not question.others or not wanted:
        return []
    found: list[Hit] = []
    for place in question.others:
        fit = max((facts.specific(h.id, place) for h in pool), default=0)
        theirs = [h for h in pool if fit and facts.specific(h.id, place) == fit]
        # (the place's rules, not its help page: "ask HR when you can use your 20 hours")
        rules = [h for h in theirs if "help" not in topics(h.meta)]
        best = max(rules or theirs, key=lambda h: h.similarity, default=None)
        if best is None or best.id == lead.id:
            continue
        for other in facts.statements(str(best.meta.get("source", ""))):
            info = facts.info(other.id)
            if (
                info
                and info.intents & wanted
                and facts.specific(other.id, place) == fit
                and not _other_age(info, question)
                and not HEDGED.search(other.body.casefold())
            ):
                found.append(replace(other, similarity=best.similarity, score=best.score))
                break
    return found


# "You also have the right if ...": a statement that adds to the one before it.
_ALSO = re.compile(r"^(?:[\w-]+ ){0,3}also\b")


def antecedents(ordered: list[Hit], lead: Hit, facts: FactIndex) -> list[Hit]:
    """Each statement that adds to the one before it ("you also have the right if you worked
    12 months in the last 2 years") with that one right before it ("you have a right to study
    leave if you have worked for your employer for the last 6 months"), unless it leads."""
    shown = {lead.id, *(h.id for h in ordered)}
    result: list[Hit] = []
    for hit in ordered:
        if _ALSO.search(split_label(hit.body)[1].casefold()):
            source, section = str(hit.meta.get("source", "")), str(hit.meta.get("section", ""))
            siblings = facts.statements(source, section)
            ids = [h.id for h in siblings]
            if hit.id in ids and (at := ids.index(hit.id)) > 0:
                before = siblings[at - 1]
                if before.id not in shown:
                    result.append(replace(before, similarity=hit.similarity, score=hit.score))
                    shown.add(before.id)
        result.append(hit)
    return result


def leave_for_employees(hit: Hit, lead: Hit, question: Question, facts: FactIndex) -> bool:
    """After "training-leave laws are for employees" leads the reply to a self-employed person
    (or a jobseeker), a rule of a training-leave document that says nothing of their situation:
    not theirs ("in Spain employees get 20 hours a year", to a self-employed woman in Seville)."""
    ours = facts.info(lead.id)
    if ours is None or not set(ours.countries) <= set(GLOBAL):
        return False  # (what holds everywhere for the group, not "France, PTP, intérim: ...")
    if not ours.group & question.who - {"employed"}:
        return False
    about = topics(hit.meta)
    info = facts.info(hit.id)
    said = about | set(info.situations if info else ())
    return "training_leave" in about and not said & (question.who - {"employed"})
