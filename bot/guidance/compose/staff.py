"""How many people work where the learner works, against the firm sizes a rule is for.

"Wir sind 7 Leute ... muss meine Chefin das genehmigen?" is answered, in North Rhine-Westphalia,
by "in firms with fewer than 10 employees there is no legal claim": the rule for the learner's
firm, which a counsellor would say first. The firm's size is read from the message in the bot's
eight languages (folded: lower case, no accents), only where it is said of the workplace ("we
are 7", "a salon with 7 employees", "siamo in 7"), not of a family ("we are 4 at home" has no
word of work); the sizes a rule is for from an English fact ("fewer than 10 employees", "10 to
50 staff", "250 or more employees").
"""

from __future__ import annotations

import re

from bot.guidance.folding import fold

_N = r"(\d{1,5})"
# Words for the people of a workplace; "people" only where a workplace or "we are" says whose.
_STAFF_WORDS = (
    r"(?:employees|staff|workers|people|persons|colleagues"
    r"|mitarbeiter(?:innen|n)?|beschaftigten?|angestellten?|leuten?|personen|kolleg(?:en|innen)"
    r"|salaries|employes|personnes|collegues"
    r"|werknemers|medewerkers|mensen|personen|collega's|collegas"
    r"|dipendenti|persone|colleghi|lavoratori"
    r"|trabajadores|empleados|personas|companeros|trabalhadores|funcionarios|pessoas|colegas"
    r"|pracownikow|osob|osoby)"
)
# "we are 7", "wir sind 7 (Leute)", "nous sommes 7", "on est 7", "we zijn met 7", "siamo in 7",
# "somos 7", "jest nas 7"
_WE_ARE = re.compile(
    rf"\b(?:we are|we're|there are|wir sind|nous sommes|on est|nous etions|we zijn(?: met)?"
    rf"|siamo(?: in)?|somos|jest nas) (?:only |just |nur |seulement |maar |solo |apenas |tylko )?"
    rf"{_N}( {_STAFF_WORDS}\b)?"
)
# "a salon with 7 employees", "Betrieb mit 7 Mitarbeitern", "une PME de 8 salariés", "7 dipendenti"
_COUNTED = re.compile(rf"\b{_N} ({_STAFF_WORDS})\b")
# Words of a workplace or of working (German compounds too: "Friseursalon", "Familienbetrieb").
_WORKPLACE = re.compile(
    r"\b(?:company|firm|business|shop|salon|office|employer|team|workplace|work|working"
    r"|\w*(?:betrieb|firma|salon|laden|buro)|unternehmen|arbeite|entreprise|boite|societe|pme"
    r"|travaille|bedrijf|zaak|winkel|kantoor|werk|azienda|ditta|negozio|ufficio|lavoro|empresa"
    r"|tienda|oficina|trabajo|loja|escritorio|trabalho|firmie|zakladzie|sklepie|biurze"
    r"|pracuje)\b"
)
# staff words that could be anyone: counted only as "a firm of 7 people"
_ANYONE = {"people", "persons", "leute", "leuten", "personen", "personnes", "mensen", "persone"}
_ANYONE |= {"personas", "pessoas", "osob", "osoby"}
_OF = re.compile(r"\b(?:of|with|mit|von|de|van|met|da|di|con|com|z|ze) $")
# "3 colleagues got it" counts who did something, not the firm
_OTHERS = {"colleagues", "kollegen", "kolleginnen", "collegues", "collega's", "collegas"}
_OTHERS |= {"colleghi", "companeros", "colegas"}


def _at_work(folded: str, start: int, end: int) -> bool:
    return bool(_WORKPLACE.search(folded[max(0, start - 80) : end + 30]))


def learner_staff(text: str) -> int | None:
    """How many people the message says work at the learner's workplace, when it says it
    once."""
    folded = fold(text)
    found = set()
    for m in _WE_ARE.finditer(folded):
        word = (m.group(2) or "").strip()
        # "wir sind 7 Leute" beside a word of work; "we are 4 at home" is a family
        if (word and word not in _ANYONE) or _at_work(folded, m.start(), m.end()):
            found.add(int(m.group(1)))
    for m in _COUNTED.finditer(folded):
        word = m.group(2)
        if word in _OTHERS:
            continue
        before = folded[max(0, m.start() - 40) : m.start()]
        if word in _ANYONE and not (_OF.search(before) and _at_work(folded, m.start(), m.end())):
            continue
        found.add(int(m.group(1)))
    found = {n for n in found if 1 <= n <= 100_000}
    return found.pop() if len(found) == 1 else None


_EMPLOYEES = r"(?:employees|staff|workers|people)"
_FEWER = re.compile(rf"\b(?:fewer|less) than (\d[\d,]*) {_EMPLOYEES}\b")
_BETWEEN = re.compile(rf"\b(\d[\d,]*) to (\d[\d,]*) {_EMPLOYEES}\b")
_FROM = re.compile(
    rf"\b(?:(\d[\d,]*) or more|at least (\d[\d,]*)|more than (\d[\d,]*)) {_EMPLOYEES}\b"
)


def _int(number: str) -> int:
    return int(number.replace(",", ""))


def fact_staff(text: str) -> tuple[int, int] | None:
    """The firm sizes (first, last) an English fact is for, if it says."""
    lowered = text.lower()
    if found := _BETWEEN.search(lowered):
        return _int(found.group(1)), _int(found.group(2))
    if found := _FEWER.search(lowered):
        return 1, _int(found.group(1)) - 1
    if found := _FROM.search(lowered):
        at_least, more_than = found.group(1) or found.group(2), found.group(3)
        return (_int(at_least) if at_least else _int(more_than) + 1), 10**9
    return None
