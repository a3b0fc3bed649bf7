"""How well one fact answers one question.

A fact's score is its closeness to the message plus a bonus for each kind of question it
answers (the first one asked counts most), for fitting the learner's region or country, for
being about the learner's own situation, age, firm size or commute (`fit`: "jobseekers do not
pay", "employees under 25") or quoting the figure they quote ("250 hours"), and for ranking
high in the hybrid search; asides ("talk to your works council"), facts about other regions,
hedges ("typically 5 days") and documents for training providers (to a learner) weigh less.
`select` plans a reply with these scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.guidance.compose.alike import FOREIGN_PENALTY, asks_for_alike
from bot.guidance.compose.facts import GLOBAL, FactIndex, FactInfo, Place, split_label
from bot.guidance.compose.fit import age_fit, commute, course_fit, staff_fit
from bot.guidance.compose.levels import level_fit
from bot.guidance.compose.numbers import same_figure
from bot.guidance.compose.tenure import Tenure, tenure_fit
from bot.guidance.compose.worktime import WorkTime
from bot.guidance.retrieval import Hit, SearchResult

FIRST_INTENT_BONUS = 0.03  # the fact answers the first thing asked
INTENT_BONUS = 0.01  # ... or another thing asked
REGION_BONUS = 0.035  # the learner's own region, rather than the whole country
COUNTRY_BONUS = 0.01  # the learner's country, rather than EU-wide text
EU_BONUS = 0.02  # EU-wide text, when the message asks about the EU ("the EU's learning account")
RANK_BONUS = 0.01  # at the top of the hybrid (dense + lexical) ranking
TIE = 0.0005  # scores this close are a tie: the document's order decides (`first_of_ties`)
SUMMARY_BONUS = 0.015  # a summary answers general questions best, and specific ones worst
ASIDE_PENALTY = 0.015  # "talk to your works council" is not the answer to "may they refuse?"
ELSEWHERE_PENALTY = 0.02  # a national fact whose statement is about another region
PROVIDER_PENALTY = 0.02  # advice written for training providers, shown to a learner
PROVIDER_BONUS = 0.01  # ... shown to a training provider
LATER_PENALTY = 0.003  # each place down its section (the main rule comes first), up to 5
LATER_SECTION_PENALTY = 0.0015  # each section down its document (the main case first), up to 5
ENDED_BONUS = 0.02  # "the scheme ended" first, to "does it still exist?" or "how do I apply?"
SITUATION_BONUS = 0.015  # about people in the learner's situation ("jobseekers do not pay")
GROUP_PENALTY = 0.01  # a rule whose label names a group the learner does not say they are in
FIGURE_BONUS = 0.015  # quotes the figure the learner quotes ("250 hours" to "250 uur?")
# of the scheme the message names by its short name ("¿Cuántas horas son?" of "el PIF")
SHORT_NAME_BONUS = 0.01
# A scheme's short name: "(PIF)", "CPF", "AWbG"
_SHORT_NAME = re.compile(r"\b[A-Z][A-Za-z]{0,3}[A-Z]\b")
_FIGURED = re.compile(r"\d+ \w+")
HEDGED_PENALTY = 0.02  # "typically 5 days", for a learner whose region is known
QUANTITY = {"days", "amount"}  # "how many days", "how much": one ask, not also "how many"
OPPOSITE = frozenset({"full_time", "part_time"})  # a rule for one is not for the other
# "details such as the waiting period are not in our sources": what we lack, a lead only where
# nothing found says more
GAP = re.compile(r"\bnot (?:yet )?in our sources\b|\bour sources do not (?:give|cover|show)\b")
GAP_PENALTY = 0.015
# "how much is it?": the rule in force, not a draft that would change it nor what it used to be
# ("a draft decree would raise it to €150", "it was €102.23 in 2025", "it started at €100")
NOT_IN_FORCE = re.compile(
    r"\bdraft\b|\bwould (?:raise|lower|cut|change|set|increase)\b|\bnot confirmed as adopted\b"
    r"|\bit (?:was|started at) (?:€|s\$)?\d|\bused to\b"
    # ("the 40 hours replaced the old 35 hours, through Law 93/2019": its history)
    r"|\breplaced the (?:old|former|previous)\b"
)
# ... nor, to any question but "does it still exist?", a rule's history ("the one-off doubling
# to 250 hours ... is no longer current", under "how many hours do I get, at what pay?")
HISTORY = re.compile(
    r"\breplaced the (?:old|former|previous)\b|\bno longer (?:applies|valid|current)\b"
)
NOT_IN_FORCE_PENALTY = 0.02
# ... nor, to a learner, what the whole scheme costs ("the yearly budget is capped at €150
# million", to "how much is the Weiterbildungsbeihilfe?")
WHOLE_SCHEME = re.compile(r"\b(?:million|billion|budget)\b")
HEDGED = re.compile(
    r"\b(?:typical|typically|usual|usually|in many|in most|some länder|(?<!changes )often)\b"
)  # ("this changes often" is a warning about the date of a rule, not a hedge)


@dataclass(frozen=True, slots=True)
class Question:
    """What the reply must answer: what is asked, in order, and for which places."""

    intents: tuple[str, ...] = ()
    place: Place = field(default_factory=Place)
    # Other places the message names (a comparison); their facts may be shown too.
    others: tuple[Place, ...] = ()
    learner: bool = True  # a learner, not a training provider
    # What the learner says they are: "jobseeker", "part_time", ... (compose.situations)
    situations: frozenset[str] = frozenset()
    eu: bool = False  # the message names the EU or one of its instruments
    figures: frozenset[str] = frozenset()  # figures the message quotes (compose.numbers.figures)
    age: int | None = None  # the age the message gives (compose.situations.learner_age)
    tenure: Tenure | None = None  # time in the job the message gives (compose.tenure)
    staff: int | None = None  # how many work where the learner works (compose.staff)
    # The learner lives somewhere else than where they work; None: not known.
    commuter: bool | None = None
    course: float | None = None  # months the learner's course lasts (compose.lasting)
    worktime: WorkTime | None = None  # hours a week, share of full time (compose.worktime)
    text: str = ""  # the message, folded (guidance.folding): the names it uses
    levels: frozenset[int] = frozenset()  # qualification levels it names (compose.levels)

    @property
    def who(self) -> frozenset[str]:
        """The learner's situations, "commuter" among them when they are one."""
        return self.situations | {"commuter"} if self.commuter else self.situations

    @property
    def specific(self) -> tuple[str, ...]:
        """What is asked, without "what is" and "is it true?": the kinds of fact that answer
        it."""
        return tuple(i for i in self.intents if i not in ("what", "verify"))

    @property
    def places(self) -> tuple[Place, ...]:
        return (self.place, *self.others)


def for_others(info: FactInfo, question: Question) -> bool:
    """A rule for disabled workers, to one who says nothing of a disability ("disabled workers
    get a €300 top-up" under "you get €800 without a CAP/BEP"); one for part-timers, to one
    who works full time; what holds everywhere for another group (`for_another_group`)."""
    return (
        "disabled" in info.situations - question.who
        or for_another_group(info, question)
        # (a rule for part-timers only, to one who works full time)
        or (info.situations == {"part_time"} and "full_time" in question.who)
    )


def for_another_group(info: FactInfo, question: Question) -> bool:
    """What holds everywhere for one group, to one not in it ("Europe, self-employed people:
    training-leave laws are for employees", to anyone but the self-employed): never shown."""
    everywhere = set(info.countries) <= set(GLOBAL)
    return everywhere and len(info.group) == 1 and not info.group & question.who


def for_providers(hit: Hit) -> bool:
    """Advice written for training providers ("For providers, ..."; the providers/ folder)."""
    source = str(hit.meta.get("source", ""))
    return source.startswith("providers/") or hit.body.casefold().startswith("for providers")


class Scorer:
    """How well each hit of one search answers one question."""

    def __init__(self, result: SearchResult, question: Question, facts: FactIndex | None):
        self.question, self.facts = question, facts
        self.rank = {h.id: i for i, h in enumerate(result.hits)}
        self.size = max(1, len(result.hits))
        self.floor = min((h.similarity for h in result.hits if h.similarity), default=0.0) - 0.005
        # A scheme of the whole country named, none of a region's ("Saarland ... der Betriebsrat
        # redet von Qualifizierungsgeld"): the region's own rules are not what is asked.
        self.national = facts is not None and facts.national_scheme(
            question.place.country, question.text
        )
        # documents whose scheme the message names by a name of its own ("curriculum europeo")
        sources = (str(h.meta.get("source", "")) for h in result.hits)
        self.named = facts.named_documents(question.text, sources) if facts is not None else []
        # "Is there something like the French CPF in Poland?": the model's country, whose facts
        # the name finds, is not the answer (`compose.alike`)
        place = question.place.country
        self.models: frozenset[str] = frozenset()
        if facts is not None and place and asks_for_alike(question.text):
            found = {str(h.meta.get("country", "")) for h in result.hits} - {place, *GLOBAL}
            self.models = frozenset(
                c
                for c in found
                if facts.names_scheme(c, question.text)
                or facts.names_scheme(c, question.text, regional=True)
                # (or by its short name: "CPF")
                or any(
                    h.meta.get("country") == c
                    and names_scheme(split_label(h.body)[0], question.text, facts.spelt)
                    for h in result.hits
                )
            )
        # A rule of the learner's place on time in the job that they do not meet yet: the one
        # they do meet answers "can I already?" ("after 3 months, 5 days" before "after 1 year").
        tenure = question.tenure
        needed = (
            (
                info.tenure
                for h in result.hits
                if (info := facts.info(h.id)) is not None and place in info.countries
            )
            if facts is not None and tenure is not None
            else ()
        )
        self.unmet = tenure is not None and any(n is not None and n > tenure.low for n in needed)

    def answers(self, hit: Hit) -> tuple[str, ...]:
        info = self.facts.info(hit.id) if self.facts is not None else None
        if info is None:
            return ()
        intents = info.intents
        q = self.question
        # "Self-employed people get €500 a year" says who qualifies; to "do I get it, and how
        # many hours?", "training gives up to 100 hours" says how many, not whether.
        if "gets" in intents and not QUANTITY & set(q.specific):
            intents = intents | {"eligible"}
        # "Which region's scheme is yours" answers "do I get it too?" of one who lives in one
        # place and works in another, where the fact's commuter works where they do.
        if commute(info, q.commuter, q.place) == 1:
            intents = intents | {"eligible"}
        # "How much do I have?" of a civil servant is answered by the hours of the rule for
        # the public sector ("25 hours a year, up to 150 hours"), not the euros of others.
        if QUANTITY & intents and q.who & info.group - {"employed", "full_time"}:
            intents = intents | (QUANTITY & set(q.specific))
        return tuple(i for i in self.question.specific if i in intents)

    def counted(self, hit: Hit) -> tuple[str, ...]:
        """What the hit answers that counts towards its score: "how many days" is one ask, not
        also "how many" (any figure answers that); "and how high does it go?" asks for more of
        what the lead's rule says: answered from its section (`ask_statements`), not a reason
        for another rule to lead ("up to 150 hours" of the public sector, to a cleaner asking
        how high her €800 a year goes)."""
        quantity = bool(QUANTITY & set(self.question.specific))
        return tuple(
            i for i in self.answers(hit) if i != "ceiling" and not (quantity and i == "number")
        )

    def __call__(self, hit: Hit) -> float:
        q, facts = self.question, self.facts
        score = (hit.similarity or self.floor) + RANK_BONUS * (
            1 - self.rank.get(hit.id, self.size) / self.size
        )
        # A summary touches on everything asked: it counts half (fully for "does it exist").
        weight = 0.5 if hit.meta.get("kind") == "summary" else 1.0
        for intent in self.counted(hit):
            bonus = FIRST_INTENT_BONUS if intent == q.specific[0] else INTENT_BONUS
            score += bonus if intent == "exists" else bonus * weight
        if facts is not None and (info := facts.info(hit.id)) is not None:
            fits = facts.specific(hit.id, q.place)
            score += (
                COUNTRY_BONUS
                if fits and self.national
                else {2: REGION_BONUS, 1: COUNTRY_BONUS}.get(fits, 0.0)
            )
            if q.eu and hit.meta.get("country") == "EU" and set(info.countries) <= set(GLOBAL):
                score += EU_BONUS
            if "help" in info.intents and "help" not in q.intents:
                score -= ASIDE_PENALTY
            if q.place.region and facts.elsewhere(hit.id, q.place):
                score -= ELSEWHERE_PENALTY
            # "typically 5 days", "in many Länder you can ...; check whether this applies in
            # Hesse": not the rule of a learner's region, whichever document says it.
            if q.place.region and HEDGED.search(hit.body.casefold()):
                score -= HEDGED_PENALTY
            if hit.meta.get("kind", "fact") == "fact" and GAP.search(hit.body):
                score -= GAP_PENALTY  # (a table row says what it lacks beside what it gives)
            not_in_force = NOT_IN_FORCE.search(hit.body) or (
                q.learner and WHOLE_SCHEME.search(hit.body)
            )
            if "exists" not in q.intents and (
                (QUANTITY & set(q.specific) and not_in_force)
                or (q.specific and HISTORY.search(hit.body))
            ):
                score -= NOT_IN_FORCE_PENALTY
            score -= LATER_PENALTY * min(info.position, 5)
            score -= LATER_SECTION_PENALTY * min(info.section, 5)
            if "ended" in info.intents and {"exists", "apply"} & set(q.intents):
                score += ENDED_BONUS
            # (Working full time is what most rules assume: it only rules out those for
            # part-timers.)
            # ("France, CPF, public sector: ...", to one who says nothing of the public sector)
            # (or whose section's heading does: "to get the higher €800 rate you must declare
            # your level", under "Employees without a basic qualification", to one who says
            # nothing of her diplomas)
            if (info.group | info.heading_group) - {"employed", "full_time"} - q.who:
                score -= GROUP_PENALTY
            if q.who & info.situations - {"full_time"}:
                score += SITUATION_BONUS
                # (twice for the rule of the learner's group: "..., graduates: you need 4 years")
                if q.who & info.group - {"full_time"}:
                    score += SITUATION_BONUS
            # ("half-time employees can use it only ...", to one who works full time)
            mine, theirs = q.who & OPPOSITE, info.situations & OPPOSITE
            if mine and theirs and not mine & theirs:
                score -= ELSEWHERE_PENALTY
            # (a summary names many groups in passing)
            if for_others(info, q) and hit.meta.get("kind") != "summary":
                score -= ELSEWHERE_PENALTY
            # ("if you live in Flanders but work in Brussels", to one who works in Flanders)
            if commute(info, q.commuter, q.place) < 0:
                score -= ELSEWHERE_PENALTY
            if info.ages:
                score += age_fit(info.ages, q.age, q.specific)
            if info.staff:
                score += staff_fit(info.staff, q.staff)
            if info.lasting and q.course is not None:
                score += course_fit(info.lasting, q.course, q.specific)
            score += level_fit(info.levels, q.levels)
            if self.unmet:
                score += tenure_fit(info.tenure, q.tenure, q.specific)
            if q.figures and same_figure(q.figures, info.figures):
                score += FIGURE_BONUS
            # (not in a comparison, where each place's facts are shown: "NRW" is a place there)
            label = split_label(hit.body)[0]
            named = names_scheme(label, q.text, facts.spelt) or (
                # (or by a name of its own, where the fact answers the first thing asked:
                # "curriculum europeo. Come si fa?": "the CV editor works without an account";
                # not "the 40 hours" the learner only compares an EU account with)
                # (an EU-wide tool, which the learner's own country's facts would crowd out)
                hit.meta.get("source") in self.named
                and hit.meta.get("country") in GLOBAL
                and bool(q.specific)
                and q.specific[0] in self.counted(hit)
            )
            if q.text and not q.others and named:
                score += SHORT_NAME_BONUS
        if self.models and facts is not None and (about := facts.info(hit.id)) is not None:
            # (the countries a fact is about, by its label: "France, privacy" of a help page)
            if set(about.countries) & self.models:
                score -= FOREIGN_PENALTY
            elif set(about.countries) <= set(GLOBAL):
                # (what the EU says of such accounts; more where it names the learner's country)
                mentioned = q.place.country in about.mentioned
                score += EU_BONUS + (COUNTRY_BONUS if mentioned else 0.0)
        # Advice written for training providers: less for a learner, a little more for a provider.
        if for_providers(hit):
            score += -PROVIDER_PENALTY if q.learner else PROVIDER_BONUS
        if hit.meta.get("kind") == "summary":
            # A summary says what a scheme is and whether it still exists; it answers
            # "how many days" less well than the fact that gives them.
            # ("is that true?" checks a claim: the fact closest to it, not an overview)
            general = not q.specific or q.specific[0] == "exists"
            score += SUMMARY_BONUS if general and "verify" not in q.intents else -SUMMARY_BONUS
        return score


def short_names(text: str) -> set[str]:
    """The acronyms a text names schemes by ("España, PIF", "(AWbG)")."""
    return set(_SHORT_NAME.findall(text))


def mentions(
    message: str, names: Iterable[str], spelt: Mapping[str, Iterable[str]] | None = None
) -> bool:
    """The (folded) message uses one of `names`, or writes one of those acronyms out as the
    knowledge base does (`spelt`: "permiso individual de formacion" for "PIF")."""
    names = set(names)
    written = {name for acronym in names for name in (spelt or {}).get(acronym, ())}
    return any(re.search(rf"\b{re.escape(name.lower())}\b", message) for name in names) or any(
        name in message for name in written
    )


def names_scheme(
    label: str, message: str, spelt: Mapping[str, Iterable[str]] | None = None
) -> bool:
    """The label's scheme has a short name (an acronym: "Spain, PIF", "France, CPF 2026") the
    (folded) message uses, or writes out as the knowledge base does (`spelt`: "permiso
    individual de formacion" for "PIF")."""
    # (a contract's short name is whom a rule is for, not a scheme: "PTP, permanent contract
    # (CDI)" is not what a CDI holder asking about the CPF names)
    names = short_names(label.split(", ", 1)[-1]) - {"CDI", "CDD"}
    # ... and a name made with a figure ("Italy, 150 ore": "ho diritto alle 150 ore?")
    names |= {part for part in label.split(", ")[1:] if _FIGURED.fullmatch(part)}
    return mentions(message, names, spelt)


def first_of_ties(pool: list[Hit], best: Hit, score: Scorer) -> Hit:
    """Of the statements of the best one's section that score as well as it (within `TIE`),
    the first: writers put the main rule before its details ("your employer cannot refuse your
    study leave", then "... can postpone the start by up to 6 months")."""
    section, top = best.meta.get("section"), score(best)
    ties = [h for h in pool if h.meta.get("section") == section and score(h) >= top - TIE]
    return min(ties, key=lambda h: int(h.meta.get("order", 0)))
