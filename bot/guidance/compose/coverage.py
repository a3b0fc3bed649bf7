"""Which facts a reply shows for a place the knowledge base has no rules of: those that name
it, then what holds in its country (for a region) or EU-wide (for a country), never another
place's rules."""

from __future__ import annotations

from collections.abc import Sequence

from bot.guidance.compose.facts import GLOBAL, FactIndex, Place
from bot.guidance.compose.fit import commute
from bot.guidance.compose.repeats import similar
from bot.guidance.compose.score import Question, Scorer, for_providers
from bot.guidance.compose.select import NAMED_SLACK, Plan
from bot.guidance.compose.shown import not_for_learner
from bot.guidance.compose.statements import for_another, situation_statements
from bot.guidance.retrieval import Hit, SearchResult


def plan_coverage(
    result: SearchResult,
    place: Place,
    facts: FactIndex,
    intents: Sequence[str] = (),
    *,
    learner: bool = True,
    floor: float = 0.0,
    limit: int = 3,
    commuter: bool | None = None,
    situations: frozenset[str] = frozenset(),
) -> Plan:
    """For a place the index has no rules of: the facts that name it (its ratification of an
    ILO convention, the note that we lack its rules), then rules of its country as a whole
    (for a region) or EU-wide ones (for a country), best match first; all at least `floor`
    close to the question. To one who lives elsewhere than where they work (`commuter`), the
    rule that the workplace's rules apply counts as it does in an answer."""

    # Scored for the country: its "typically 5 days" is the best there is for a region without
    # rules of its own, not a hedge to pass over.
    question = Question(
        tuple(intents), Place(place.country), commuter=commuter, situations=situations
    )

    def shown(hit: Hit) -> bool:
        info = facts.info(hit.id)
        return (
            hit.meta.get("kind") in ("fact", "row")
            and not (learner and for_providers(hit))
            and not not_for_learner(hit, question, facts)
            # (of a few lines, none for a group the learner does not say they are in)
            and not (info is not None and for_another(info, question, None))
        )

    close = [h for h in result.hits if shown(h) and h.similarity >= floor]
    # A fact that names the place (its ratification of a convention, our note that we lack its
    # rules) is about it whatever the wording: a looser bar, for questions in other languages.
    named = [
        h
        for h in result.hits
        if shown(h)
        and h.similarity >= floor - NAMED_SLACK
        and facts.names(h.id, place)
        and facts.applies(h.id, place)
    ]
    # ... with what its document says in short, where found as close: after "Czechia ratified
    # ILO Convention 140", that the convention gives no one a right by itself.
    named += [
        summary
        for source in dict.fromkeys(str(h.meta.get("source", "")) for h in named)
        if (summary := facts.summary(source)) is not None
        and any(h.id == summary.id and h.similarity >= floor - NAMED_SLACK for h in result.hits)
    ]
    # A region's missing rules are filled by its country's, a country's by EU-wide ones.
    wider = {place.country} if place.region else set(GLOBAL)

    def whole_country(hit: Hit) -> bool:
        info = facts.info(hit.id)
        return info is None or not info.regions

    general = [
        h
        for h in close
        if h not in named
        and h.meta.get("country", "") in wider
        and facts.applies(h.id, place)
        and not facts.elsewhere(h.id, place)
        and whole_country(h)
    ]
    score = Scorer(result, question, facts)
    general.sort(key=score, reverse=True)
    # ("ich wohne in Mannheim, arbeite in Ludwigshafen": first the country's rule that the Land
    # where you work decides, from the documents found, though the search did not find it.)
    found = situation_statements(general, question, facts, score) if commuter else []
    commuting = [
        h
        for h in [*general, *found]
        if (info := facts.info(h.id)) and commute(info, commuter, place) > 0
    ][:1]
    # (the facts that name the place, best first, leave room for one that answers the question:
    # "the convention gives you no right by itself" beside "Romania took part in the 2023
    # mutual-learning programme on learning accounts")
    named.sort(key=score, reverse=True)
    if general:
        named = named[: max(1, limit - 1)]
    chosen: list[Hit] = []
    for hit in [*named, *commuting, *general]:
        if not any(similar(hit, c) or hit.id == c.id for c in chosen):
            chosen.append(hit)
        if len(chosen) >= limit + len(commuting):
            break
    return Plan(chosen[0], tuple(chosen[1:])) if chosen else Plan(None)
