"""How long the learner has been in their job, against how long a rule asks for.

"Llevo 10 meses en una empresa ... ¿tengo 20 horas?" is answered by "you need at least 1 year
in the company", and a counsellor would add: 10 months, so not yet. The learner's time in the
job is read from their message in the bot's eight languages (folded: lower case, no accents),
only where it is said of the job ("je travaille dans un hôtel depuis 4 ans", not "installée à
Vienne depuis 5 ans"); the time a rule asks for from an English fact ("you need 12 months of
employment", "after 1 year with the same employer"). Only a single requirement with the
current employer is compared: "24 months as an employee, including 12 with your employer" or
"12 months in total in the last 2 years" count earlier jobs, which the message may not tell.
A year the learner started in ("seit 2022 in Vollzeit", "depuis 2021") gives a range of months
as of today: a verdict only where the whole range is on one side of the rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.guidance.folding import fold

_ONE = r"a|an|one|ein|einem|einen|un|une|een|uno|um|uma|jeden|jednego"
_NUMBER = rf"(\d{{1,2}}(?:[.,]5)?|{_ONE})"
_HALF = r"(?: and a half| ?einhalb| et demi| en een half| e mezzo| y medio| e meio| i pol)?"
# A year or a month in the bot's eight languages (folded); every word for a month starts with "m".
YEARS_OR_MONTHS = (
    r"years?|months?|jahr(?:e|en)?|monat(?:e|en)?|ans?|mois|jaar|maand(?:en)?|anni|anno|mesi|mese"
    r"|anos?|mes(?:es)?"
    r"|lat|lata|roku|rok|miesiecy|miesiace|miesiaca|miesiac"
)
_UNIT = rf"({YEARS_OR_MONTHS})"
_APPROX = r"(?:(?:about|almost|nearly|over|like|around|etwa|fast|knapp|uber|ca|environ|presque"
_APPROX += r"|plus de|bientot|ongeveer|bijna|circa|quasi|casi|unos|unas|prawie|okolo|quase"
_APPROX += r"|cerca de) )?"
# What comes just before a length of time in the job: "for", "seit", "depuis", "da", ...
_SINCE = (
    r"\b(?:for|since|been (?:there|here)|seit|depuis|(?:ca|ça|cela) fait|sinds|al|da|llevo"
    r"|desde hace|hace|od|ha|faz|desde ha)"
)
_LEARNER = re.compile(rf"{_SINCE} {_APPROX}{_NUMBER}{_HALF} {_UNIT}{_HALF}\b")
_AGO = re.compile(rf"\bstarted {_APPROX}{_NUMBER}{_HALF} {_UNIT} ago\b")
# "since 2021", "seit März 2022", "desde septiembre de 2019", "od stycznia 2020", "dal 2015"
_SINCE_YEAR = re.compile(
    r"\b(?:since|seit|depuis|sinds|dal|dall'|desde|od|vanaf)"
    r" (?:(?:[a-z]+|\d{1,2}[./]?) (?:de |del )?)?((?:19|20)\d\d)\b"
)

_WORK = frozenset(
    """
    work works working worked job employed employer company firm contract started full part
    arbeite arbeitet beschaftigt betrieb firma job dabei angestellt vollzeit teilzeit
    travaille bosse employeur entreprise boulot cdi poste interimaire salarie salariee
    werk werkt werkgever bedrijf baan dienst voltijd deeltijd
    lavoro lavora azienda ditta contratto
    trabajo trabaja empresa contrato llevo jornada
    pracuje firmie pracy etat
    trabalho trabalha empresa empregador contrato
    """.split()  # noqa: SIM905 (word lists read better as text)
)
_LIVE = frozenset(
    """
    live lives living wohne wohnt lebe habite installee installe vis woon woont
    vivo vive abito abita mieszkam mieszka moro mora
    """.split()  # noqa: SIM905 (word lists read better as text)
)

def in_months(number: str, unit: str, half: bool = False) -> float:
    """ "3 years", "1,5 Jahre", "a month and a half" ("one" as a word) in months."""
    value = 1.0 if not number[0].isdigit() else float(number.replace(",", "."))
    # every word for a month starts with "m" in these languages; the rest are years
    return (value + (0.5 if half else 0.0)) * (1 if unit.startswith("m") else 12)


@dataclass(frozen=True, slots=True)
class Tenure:
    """The learner's time in the job, in months: `low` to `high` (the same when the message
    gives a length; a range when it gives the year they started, `since`)."""

    low: float
    high: float
    since: int | None = None

    @classmethod
    def months(cls, months: float) -> Tenure:
        return cls(months, months)


def _of_the_job(folded: str, match: re.Match[str]) -> bool:
    """The nearest word of working or living before a length of time (else just after:
    "llevo 10 meses en una empresa") is one of working."""
    before = re.findall(r"[\w']+", folded[max(0, match.start() - 80) : match.start()])
    after = re.findall(r"[\w']+", folded[match.start() : match.end() + 40])
    cue = next((w for w in (*reversed(before), *after) if w in _WORK or w in _LIVE), None)
    return cue is not None and cue not in _LIVE


def learner_tenure(text: str, today: date | None = None) -> Tenure | None:
    """How long the message says the learner has been in their job, if it says so once, of
    the job: a length ("depuis 4 ans"), or, given `today`, a year ("seit 2022")."""
    folded = fold(text)
    found = []
    for match in (*_LEARNER.finditer(folded), *_AGO.finditer(folded)):
        if _of_the_job(folded, match):
            half = bool(re.search(r"half|einhalb|demi|mezzo|medio|meio|pol", match.group(0)))
            found.append(Tenure.months(in_months(match.group(1), match.group(2), half)))
    # A length said outweighs a year ("od 2 lat pracuję ... od sierpnia 2026 chcę iść na kurs").
    if today is not None and not found:
        for match in _SINCE_YEAR.finditer(folded):
            year = int(match.group(1))
            if year <= today.year and _of_the_job(folded, match):
                # started in December of that year at the latest, in January at the earliest
                low = max(0, (today.year - year - 1) * 12 + today.month)
                found.append(Tenure(low, (today.year - year) * 12 + today.month - 1, year))
    return found[0] if len(set(found)) == 1 else None


# What a rule asks for, in an English fact.
_REQUIRED = re.compile(
    r"\b(\d{1,2}) (years?|months?) (?:in the company|(?:with|for) the same employer|(?:with|for) "
    r"(?:your )?(?:current )?employer|(?:with|for) the employer|of employment|of service"
    r"|of seniority|in the job|in your job)\b"
    # "if you have worked for your employer for the last 6 months"
    r"|\bworked (?:for|with) (?:your|the same|the) employer (?:for )?(?:the last |at least )?"
    r"(\d{1,2}) (years?|months?)\b"
)
# ... and what counts earlier jobs too, which a message may not tell ("or 12 months in total
# in the last 2 years": no "not yet" beside it either).
_EARLIER = re.compile(r"\bas an employee\b|\bin total\b|\binsured employment\b|\bin the last\b")
# (A hedge, "usually 6 months in the job", is not the rule of the learner's place.)
_ELSEWHERE = re.compile(rf"{_EARLIER.pattern}|\busual|\btypical|\bin most\b")
_LENGTH = re.compile(r"\b\d{1,2} (?:years?|months?)\b")
_WORKED = re.compile(r"\b(?:worked|working for|employ\w*|service|insured|as an employee)\b")


def required_tenure(fact: str) -> float | None:
    """The months of service with the employer an English fact asks for, when it asks for
    exactly that."""
    if _ELSEWHERE.search(fact.lower()):
        return None
    found = {
        in_months(n or m, unit or unit2) for n, unit, m, unit2 in _REQUIRED.findall(fact.lower())
    }
    return found.pop() if len(found) == 1 else None


TENURE_BONUS = 0.01  # a rule whose time in the job the learner has, to "can I take it?"


def tenure_fit(required: float | None, tenure: Tenure | None, asked: Sequence[str]) -> float:
    """To "can I already take it?" of one 4 months in the job, the rule they meet ("after 3
    months, up to 5 days") before the one they do not yet ("after 1 year, up to 2 years"); the
    rule they do not meet is not held back (its "not yet" is an answer too)."""
    if required is None or tenure is None or "eligible" not in asked:
        return 0.0
    return TENURE_BONUS if tenure.low >= required else 0.0


@dataclass(frozen=True, slots=True)
class TenureCheck:
    """The learner's time in the job against a rule's: `meets` or not."""

    have: Tenure
    need: float
    meets: bool


def check_tenure(
    tenure: Tenure | None, shown: Sequence[str], found: Sequence[str], *unshown: Sequence[str]
) -> TenureCheck | None:
    """The learner's time in the job against the rule on time with the employer among the
    statements a reply shows for its place (not Spain's year in the company, shown beside
    Ireland's rules), else the first of the `unshown` groups of statements that has one (the
    lead's section, then its document: the congedo's 5 years, under a lead on its 11 months).
    Where a statement found for that place asks for another length, a verdict only holds for
    both: where the law asks 5 years and the commerce agreement 4, a learner of 4½ years gets
    no "not yet", one of 7 years is told 5 suffice, one of 3 years that 5 are needed."""
    if tenure is None:
        return None
    said: set[float] = set()
    for texts in (shown, *unshown):
        said = {n for text in texts if (n := required_tenure(text))}
        if said:
            break
    else:
        return None
    alike = said | {n for text in found if (n := required_tenure(text))}
    if tenure.low >= max(alike):
        return TenureCheck(tenure, max(said), True)
    # (no "not yet" where time in total counts too: "or 12 months in the last 2 years")
    texts = (*shown, *found, *(text for group in unshown for text in group))
    # (of time worked: not "up to 11 months in total over your working life" of leave)
    others = any(
        _EARLIER.search(t.lower()) and _LENGTH.search(t) and _WORKED.search(t.lower())
        for t in texts
    )
    if tenure.high < min(alike) and not others:
        # (short of every length asked: the one asked, or the lead's own as it says it: 3
        # years, to the law's 5 shown beside the commerce agreement's 4)
        own = required_tenure(shown[0]) if shown else None
        if own is not None or len(said) == 1:
            return TenureCheck(tenure, own or min(said), False)
    return None


def _plural(n: int, forms: list[str], lang: str) -> str:
    if lang == "pl" and len(forms) == 3:
        if n == 1:
            return forms[0]
        few = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
        return forms[1] if few else forms[2]
    return forms[0] if n == 1 else forms[-1]


def duration(months: float, lang: str, unit_forms: dict[str, str]) -> str:
    """ "10 months", "1 year", "3 lata" in `lang`; `unit_forms` has "month" and "year", each
    "singular|plural" (Polish: "one|few|many")."""
    if months >= 12 and months % 12 == 0:
        n, unit = int(months // 12), "year"
    else:
        n, unit = round(months), "month"
    return f"{n} {_plural(n, unit_forms[unit].split('|'), lang)}"
