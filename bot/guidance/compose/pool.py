"""The facts a reply may quote: those for the places asked about, close enough to the best one
(`candidates`); and the place a message that names two is about when it is no comparison
(`about_elsewhere`)."""

from __future__ import annotations

from bot.guidance.compose.alike import asks_for_alike
from bot.guidance.compose.facts import GLOBAL, FactIndex, Place
from bot.guidance.compose.score import Question, for_another_group, for_providers
from bot.guidance.retrieval import Hit, SearchResult

ANSWER_SLACK = 0.02  # how much further than the window a fact answering the first ask may be
# how much further from the question the best fact of the learner's own place may be than the
# best of another place named, for the own place still to lead
AWAY = 0.045


def candidates(
    result: SearchResult,
    facts: FactIndex | None,
    question: Question,
    *,
    window: float = 0.05,
) -> list[Hit]:
    """Quotable hits for the places asked about, close enough to the best one, national
    before EU-wide."""
    quotable = [
        h
        for rank, h in enumerate(result.hits)
        # lexical-only matches count when they rank near the top (a scheme name, a number)
        if h.meta.get("kind", "fact") != "alias" and (h.similarity > 0 or rank < 3)
    ]
    if facts is not None:
        quotable = [
            h
            for h in quotable
            if any(facts.applies(h.id, p) for p in question.places)
            and not ((info := facts.info(h.id)) and for_another_group(info, question))
        ]
    if question.learner:  # advice written for training providers, unless nothing else fits
        own = [h for h in quotable if not for_providers(h)]
        quotable = own or quotable
    if not any(h.similarity for h in quotable):
        # Words alone, with nothing close in meaning ("EU, Cedefop financing database: use it
        # for an overview" to "what support is there to train as a nurse?"): no answer.
        return []

    def place_of(hit: Hit) -> int:
        """Which of the places asked about a fact belongs to (a comparison keeps the best
        facts of each place, not only of the one the search ranks first)."""
        if facts is None or not question.others:
            return 0
        return next((i for i, p in enumerate(question.places) if facts.specific(hit.id, p)), 0)

    first = question.specific[:1]

    def answers_first(hit: Hit) -> bool:
        info = facts.info(hit.id) if facts is not None else None
        return bool(first and info is not None and first[0] in info.intents)

    best: dict[int, float] = {}
    for hit in quotable:
        best[place_of(hit)] = max(best.get(place_of(hit), 0.0), hit.similarity)
    countries = {p.country for p in question.places if p.country}
    national = [h.similarity for h in quotable if h.meta.get("country") in countries]
    answered = any(answers_first(h) for h in quotable if h.meta.get("country") in countries)
    kept = []
    own_region = facts is not None and bool(question.place.region)
    sources = [str(h.meta.get("source", "")) for h in quotable] if national else []
    named_sources = set(facts.named_documents(question.text, sources) if facts else ())
    for hit in quotable:
        # (The learner's own region's rules stay, however far: "no law in Bavaria" to a nurse
        # in Munich whose message dwells on colleagues in Cologne.)
        mine = own_region and facts is not None and facts.specific(hit.id, question.place) == 2
        # (A fact that answers what is asked first may be a little further: "an employer may
        # refuse only for the reasons in the Land law", to "can my boss in Hessen refuse?",
        # whose words are closer to everything the Hessen document says.)
        slack = ANSWER_SLACK if answers_first(hit) else 0.0
        if hit.similarity and hit.similarity < best[place_of(hit)] - window - slack and not mine:
            continue
        is_global = hit.meta.get("country", "") in GLOBAL
        # (EU-wide facts stand with national ones when the EU is what is asked about: "will I
        # get a right to the 'European learning account' in the Netherlands?", or when they
        # answer what is asked and no national one does: validation, to a carer in Bologna)
        eu_answer = answers_first(hit) and not answered
        # (nor when the message names the EU instrument itself: "un curriculum europeo")
        named = hit.meta.get("source") in named_sources
        if national and is_global and not (question.eu or eu_answer or named) and (
            hit.similarity < max(national)
        ):
            continue
        kept.append(hit)
    return kept


def about_elsewhere(pool: list[Hit], question: Question, facts: FactIndex | None) -> Place | None:
    """The other place a message names that it is about, not a comparison: what was found for
    the learner's own place is far from the question, another's close (a Singaporean in Dublin
    asking about his SkillsFuture credit before moving home)."""
    # (not one who asks for something like another place's scheme where they are: "is there
    # something like the French CPF in Italy?" is about Italy)
    if not question.others or facts is None or asks_for_alike(question.text):
        return None
    own = [h.similarity for h in pool if facts.specific(h.id, question.place)]
    for other in question.others:
        theirs = [h.similarity for h in pool if facts.specific(h.id, other)]
        if theirs and max(theirs) - AWAY > max(own, default=0.0):
            return other
    return None
