"""Whether a message speaks for a training provider ("we are a small training company in Lyon:
how do we get our courses listed for the CPF?"), whatever role the sender's profile has: the
Telegram bot does not ask, so a provider is read from what they write, in the bot's eight
languages (folded: lower case, no accents). A learner's "our course" or "my school" is not
enough: the message must say what the sender's organisation is, or speak of its courses and
learners together.
"""

from __future__ import annotations

from bot.guidance.compose.patterns import any_of
from bot.guidance.folding import fold

_PROVIDER = any_of(
    # "we are a (small) training company / language school / adult-education centre"
    r"\bwe(?: are|'re) an? (?:[\w-]+ ){0,3}(?:training (?:company|provider|centre|center"
    r"|organi[sz]ation|institute|school)|language school|driving school|adult[- ]education"
    r"(?: centre| center| provider)?|college|academy|course provider)\b",
    r"\b(?:our|my) (?:training (?:company|centre|center|organi[sz]ation)|course catalogue"
    r"|trainees|course participants)\b",
    r"\bwe(?: are|'re) an? (?:[\w-]+ ){0,3}(?:provider|ngo|centre|center)\b",
    r"\bas an? (?:training |course )?provider\b", r"\bi'?m an? trainer\b",
    r"\bwe run (?:an? )?(?:[\w-]+ ){0,3}(?:classes|courses|centre|center|school|training)\b",
    r"\bi (?:manage|run|own) an? (?:[\w-]+ ){0,2}(?:training company|school"
    r"|training cent(?:re|er))\b",
    r"\bour (?:[\w-]+ )?(?:education centre|education center|training centre|centre|ngo)\b",
    # whether the sender's own course counts ("could our 8-week online course qualify?")
    r"\bour (?:[\w-]+ ){0,5}(?:course|courses|modules)\b.{0,60}"
    r"\b(?:qualify|count|eligible|listed|recogni[sz]ed)\b",
    r"\b(?:a learner|learners) (?:asked|ask|tells?|told|says?|said) us\b",
    # the sender's courses and their learners, together
    r"\bour (?:course|courses|modules)\b.{0,80}\blearners?\b",
    r"\blearners?\b.{0,80}\bour (?:course|courses|modules)\b",
    r"\bwir sind (?:ein|eine|ein kleines|eine kleine) (?:[\w-]+ ){0,2}(?:bildungstrager"
    r"|bildungsanbieter|bildungsinstitut|weiterbildungsinstitut|erwachsenenbildungsinstitut"
    r"|sprachschule|akademie|schulungsanbieter|seminaranbieter|volkshochschule)\b",
    r"\bunser(?:e|en)? (?:kursangebot|teilnehmenden|kursteilnehmer\w*|bildungseinrichtung)\b",
    r"\bnous sommes (?:un|une) (?:[\w-]+ ){0,2}(?:organisme de formation|centre de formation"
    r"|ecole de langues?|auto-ecole|of)\b",
    r"\bnotre organisme\b", r"\bnos (?:stagiaires|apprenants)\b",
    r"\bwij zijn (?:een|het) (?:[\w-]+ ){0,2}(?:opleidingscentrum|opleidingsbureau|opleider"
    r"|opleidingsinstituut|taalschool|rijschool|opleidingsbedrijf)\b",
    r"\bonze cursisten\b",
    r"\bsiamo (?:un|una|un') ?(?:[\w-]+ ){0,2}(?:ente di formazione|ente formativo"
    r"|centro di formazione|agenzia formativa|scuola di lingue|cooperativa sociale)\b",
    r"\bi nostri (?:corsisti|allievi)\b",
    r"\bcoordino (?:un|una) (?:[\w-]+ ){0,2}(?:ente|centro)\b",
    r"\bsomos (?:un|una) (?:[\w-]+ ){0,2}(?:centro de formacion|academia|entidad formadora"
    r"|empresa de formacion|escuela de idiomas|autoescuela)\b",
    r"\b(?:nuestros|mis) alumnos\b",
    r"\bjestesmy (?:[\w-]+ ){0,2}(?:firma szkoleniowa|osrodkiem szkoleniowym|szkola jezykowa"
    r"|szkola jezykow)\b",
    r"\bnaszych kursantow\b", r"\bkursantom\b",
    r"\bprowadzimy (?:[\w-]+ ){0,2}(?:szkole|firme szkoleniowa|osrodek|kursy)\b",
    r"\bsomos (?:um|uma) (?:[\w-]+ ){0,2}(?:entidade formadora|escola profissional"
    r"|centro de formacao|escola de linguas|associacao de educacao de adultos)\b",
    r"\bos nossos formandos\b",
    r"\bsou coordenador(?:a)? de (?:um|uma) (?:[\w-]+ ){0,2}(?:associacao|escola|centro"
    r"|entidade)\b",
)


def speaks_as_provider(text: str) -> bool:
    """The message speaks for a training provider."""
    return bool(_PROVIDER.search(fold(text)))
