"""Searching the knowledge base for one message: the passages for the learner's place and for
each place compared, and the country a message in a one-country language is taken to be about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.guidance.compose import GLOBAL, FactIndex, Place, question_intents
from bot.guidance.folding import fold
from bot.guidance.retrieval import Hit, Retriever, SearchResult
from bot.guidance.types import Turn
from bot.guidance.understanding import Understanding

# Languages spoken nationally in only one of the countries the knowledge base covers: a message
# in one of them that names no place is answered for that country (and says so).
ONE_COUNTRY_LANGUAGES = {"pl": "PL", "it": "IT", "pt": "PT", "es": "ES"}
# ... unless the learner says they work abroad or came from elsewhere (folded text).
_ABROAD = re.compile(
    r"\b(?:abroad|overseas|another country|(?:came|moved) to europe|im ausland|ins ausland"
    r"|a l'etranger|dans un autre pays|in het buitenland|naar het buitenland|all'? ?estero"
    r"|in un altro paese|en el extranjero|otro pais|(?:me vine|llegue|vine) a europa"
    r"|za granica|w innym kraju|za granice|no estrangeiro|no exterior|outro pais"
    r"|(?:cheguei|vim) (?:a|para a) europa|changed countr(?:y|ies)|mudei de pais"
    r"|cambie de pais|ho cambiato paese|zmienil(?:em|am) kraj|ausgewandert|emigr\w+"
    # ... or that they come from a country where the language is spoken outside Europe ("soy
    # colombiano, llevo 2 años en una fábrica de aquí": "aquí" may be anywhere in Europe)
    r"|(?:soy|somos) (?:colombian|venezolan|ecuatorian|peruan|argentin|mexican|chilen"
    r"|bolivian|dominican|cuban|paraguay|uruguay|hondurena?|guatemaltec|salvadorena?"
    r"|nicaraguens|costarricens|panamena?|latin)\w*"
    r"|(?:sou|somos) (?:brasileir|angolan|cabo-?verdian|mocambican|guineens)\w*"
    r"|vengo de (?:colombia|venezuela|ecuador|peru|argentina|mexico|chile|bolivia|cuba|paraguay"
    r"|uruguay|honduras|guatemala|nicaragua|latinoamerica)"
    r"|venho d[oa] (?:brasil|angola|cabo verde|mocambique|guine))\b"
)
# How many of the first five passages found anywhere may be about other countries for the
# language's country to be assumed: "llevo 4 años y nunca usé las 20 horas" is about Spain;
# "¿hay dinero del estado para un máster?" could come from a Latin American anywhere in Europe.
ASSUMED_DOUBT = 3


def search_for(
    u: Understanding, query: str, vector: list[float], *, covered: bool, facts: FactIndex
) -> SearchResult:
    """The passages for the learner's place, and for each other place the message names
    (a comparison), the learner's own region and the EU's texts searched on their own too
    where the message's words would crowd them out."""
    retriever = u.retriever
    # For a region without rules of its own, what holds in its country is picked from a
    # wider search: the country's "typically 5 days" can rank low among other regions'.
    wide = not covered and facts.covers(Place(u.country))
    result = retriever.search(
        query,
        vector,
        country=u.country,
        region=u.region,
        k=40 if wide else 12,
        lang=u.language,
    )
    if u.region and covered and (u.others or _named_unfound(result, u.region)):
        # A comparison ("my colleagues in Cologne get 5 days; me too, in Munich?"): the
        # learner's own region is searched alone too, or the message's words about the
        # other place crowd out its rules. So too where the message names the region's scheme
        # but the country's texts crowd out its rules ("werk in Luik ... betaald educatief
        # verlof": the Belgian overview, not Wallonia's rules).
        own = retriever.search(
            query,
            vector,
            country=u.country,
            region=u.region,
            k=6,
            lang=u.language,
            only_region=True,
        )
        result = result.merged(own)
    if u.region and covered and not u.others and not _answered(u.text, result, facts):
        # "Kann mein Chef in Hessen den Bildungsurlaub ablehnen?": where the region's own
        # texts do not answer what is asked, the country's may ("an employer may refuse only
        # for the reasons in the Land law"); other regions' rules are left out when planning.
        national = retriever.search(
            query, vector, country=u.country, region="", k=6, lang=u.language, only_region=True
        )
        result = result.merged(national)
    for other in u.others:
        # A comparison: each place named gets its own search, so the place the message
        # dwells on ("my friend in Berlin gets ...") does not crowd out the learner's own.
        found = retriever.search(
            query, vector, country=other.country, region=other.region, k=6, lang=u.language
        )
        result = result.merged(found)
    if u.eu:
        # "l'Unione Europea dà a tutti un conto individuale": the EU's own texts are
        # searched too, or a long story about Naples finds only Italian ones.
        found = retriever.search(query, vector, country="EU", k=8, lang=u.language)
        result = result.merged(found)
    return _named_documents(u, query, vector, result, facts)


def _named_documents(
    u: Understanding, query: str, vector: list[float], result: SearchResult, facts: FactIndex
) -> SearchResult:
    """A scheme the message names whose names alone were found ("mio figlio dice che devo fare
    un curriculum europeo", in a long story about Naples): its own document is searched too."""
    aliases = (str(h.meta.get("source", "")) for h in result.hits if h.meta.get("kind") == "alias")
    for source in facts.named_documents(u.text, aliases):
        found = [h for h in result.hits if h.meta.get("source") == source]
        if any(h.meta.get("kind") != "alias" and h.similarity for h in found):
            continue
        result = result.merged(
            u.retriever.search(query, vector, source=source, k=16, lang=u.language)
        )
    return result


def answerable_place(u: Understanding, facts: FactIndex) -> bool:
    """The knowledge base has rules for the place asked about, or the message asks about the
    EU's own texts: "I live in Prague. What are the three steps of Upskilling Pathways?". One
    who asks about rights in a country it has no rules of, and what the EU gives too, is first
    told that we have no rules there ("Is there paid leave in Denmark, or an account like the
    CPF? Does the EU give anything?")."""
    if facts.covers(u.place) or national_question(u, facts):
        return True
    if not u.eu:
        return False
    own = u.place.country is not None and u.place.country not in GLOBAL
    return not (own and RIGHTS_ASKED & set(question_intents(u.text)))


def national_question(u: Understanding, facts: FactIndex) -> bool:
    """A question from a region without rules of its own, not named as where the learner
    works, that asks about no rights ("Ich wohne in Hannover ... gibt es eine Internetseite
    mit allen Kursen?"): its country's texts answer it, without a word on the region's rules.
    ("Altenheim in Hannover ... gilt das in Niedersachsen auch?" is about them.)"""
    region_lacks = bool(u.region) and not facts.covers(u.place)
    if not (region_lacks and facts.covers(Place(u.country))):
        return False
    # (the rights of a scheme of the whole country are the same in every region: "Thüringen
    # ... Qualifizierungsgeld: wieviel Geld bekomm ich?")
    if facts.national_scheme(u.country, u.text):
        return True
    rights = RIGHTS_ASKED & set(question_intents(u.text))
    return not rights and u.commuter is None


def nationwide_answer(u: Understanding, lead: Hit | None, facts: FactIndex) -> bool:
    """A message from a region without rules of its own that a scheme of its whole country
    answers first ("Zulieferer in Thüringen ... Zahlt die Arbeitsagentur in der Zeit den
    Lohn?": Qualifizierungsgeld), and that names no region's scheme ("Bildungsurlaub")."""
    return (
        lead is not None
        and facts.nationwide(lead)
        and facts.covers(Place(u.country))
        and not facts.names_scheme(u.country, u.text, True)
    )


# What a handover for these reasons shows first, whatever the message asks.
FIRST = {"escalate_reason_fraud": "scam"}


def handover_intents(reason: str, intents: tuple[str, ...], employer: bool) -> tuple[str, ...]:
    """What the facts shown before a handover answer first: in a dispute with an employer,
    what an employer may and may not do ("an employer may refuse only for the reasons in the
    Land law", before the 5 days of Hessen); after a fraud, what to do about such calls ("do
    not give your codes"); otherwise what the message asks."""
    first = "refuse" if reason == "escalate_reason_dispute" and employer else FIRST.get(reason)
    return intents if first is None else (first, *(i for i in intents if i != first))


# What a message asks about a country's rights, not only about the EU's texts.
RIGHTS_ASKED = frozenset(
    {"days", "pay", "eligible", "amount", "ratified", "refuse", "notice", "covers"}
)


def assumed_country(
    u: Understanding,
    query: str,
    vector: list[float],
    result: SearchResult,
    country_dependent: Callable[[str, SearchResult], bool],
) -> str | None:
    """The country a message that needs one but names none is taken to be about: that of
    its language, when only one country we serve speaks it, the learner does not say they
    work abroad, and the passages found anywhere are mostly not about other countries."""
    assumed = ONE_COUNTRY_LANGUAGES.get(u.language)
    if assumed is None or u.country is not None or _ABROAD.search(fold(u.text)):
        return None
    if not country_dependent(u.text, result):
        return None
    anywhere = u.retriever.search(query, vector, k=8, lang=u.language)
    found = [h.meta.get("country") for h in anywhere.hits if h.meta.get("kind") != "alias"]
    elsewhere = sum(1 for c in found[:5] if c not in (assumed, "EU", "INT", ""))
    return assumed if elsewhere < ASSUMED_DOUBT else None


def everywhere(result: SearchResult) -> SearchResult:
    """The passages of a search that hold everywhere: EU-wide and international ones."""
    return replace(result, hits=[h for h in result.hits if h.meta.get("country", "") in GLOBAL])


def query_with_context(text: str, history: Sequence[Turn]) -> str:
    """A short follow-up ("and in Belgium?") is searched together with the last question."""
    if len(text.split()) <= 5:
        previous = next((t.text for t in reversed(history) if t.role == "user"), "")
        if previous:
            return f"{previous}\n{text}"
    return text


def help_summary(retriever: Retriever, facts: FactIndex, country: str) -> Hit | None:
    """The summary of the country's "where to get help" document, if there is one."""
    chunk_id = facts.help_summary.get(country)
    found = retriever.chunk(chunk_id) if chunk_id else None
    return Hit(chunk_id, found[0], found[1], 0.0, 0.0) if chunk_id and found else None


def _answered(text: str, result: SearchResult, facts: FactIndex) -> bool:
    """Some passage found answers the first thing the message asks (or it asks nothing
    specific)."""
    asked = [i for i in question_intents(text) if i not in ("what", "verify")]
    if not asked:
        return True
    return any(
        (info := facts.info(h.id)) is not None and asked[0] in info.intents for h in result.hits
    )


def _named_unfound(result: SearchResult, region: str) -> bool:
    """The names of the region's scheme were found (its "also called" line), none of its
    statements."""
    found = [h for h in result.hits if h.meta.get("region") == region]
    return any(h.meta.get("kind") == "alias" for h in found) and not any(
        h.meta.get("kind", "fact") == "fact" for h in found
    )


def naming_place(
    retriever: Retriever, facts: FactIndex, place: Place, similarity: float
) -> SearchResult:
    """The facts anywhere in the index that name a place it has no rules of ("ILO Convention
    140: Czechia ratified it on 1 January 1993", "our sources have no solid facts on ...
    Czechia"): about the place whatever the question's wording, which a search in another
    language may not reach. They stand at `similarity`, the bar such facts are held to."""

    def build(r: Retriever) -> list[str]:
        return [
            chunk_id
            for chunk_id, _, meta in r.rows()
            if meta.get("kind") in ("fact", "row") and facts.names(chunk_id, place)
        ]

    ids = retriever.memo(f"naming:{place.region or place.country}", build)
    hits = []
    for chunk_id in ids:
        if (found := retriever.chunk(chunk_id)) is not None:
            hits.append(Hit(chunk_id, found[0], found[1], 0.0, similarity))
    return SearchResult(hits, [])
