"""How long the learner's course lasts, against the course lengths a rule is for.

"Je voudrais faire une formation de comptable de 10 mois. Combien de temps avant je dois
demander mon PTP ?" is answered by "if the training means an absence of 6 months or more, ask
at least 120 days before", not by the 60 days for a shorter absence: a counsellor reads the
length of the course off the message. The length is read in the bot's eight languages (folded:
lower case, no accents) only where it is said of the course ("a 3-year course", "la formation
dure 8 mois", "un corso di 3 mesi", "Ausbildung (1 Jahr Vollzeit)"), not of the job ("je
travaille ici depuis 3 ans"); the lengths a rule is for from an English fact ("an absence of 6
months or more", "shorter than 6 months", "the training must last at least 2 months").
"""

from __future__ import annotations

import math
import re

from bot.guidance.compose.tenure import YEARS_OR_MONTHS, in_months
from bot.guidance.folding import fold

_NUMBER = r"(\d{1,2}(?:[.,]5)?)"
# (a course is also counted in weeks or days: "an 8-week course", "5 Tage")
_UNIT = (
    rf"({YEARS_OR_MONTHS}|annees?|weeks?|wochen?|semaines?|weken|week|settimane?|semanas?"
    r"|tygodni|tygodnie|days?|tagen?|jours?|dagen|dag|giorni|dias|dni)"
)
_DAYS = frozenset(
    ["day", "days", "tag", "tage", "tagen", "jour", "jours", "dag", "dagen",
     "giorni", "dias", "dni"]  # fmt: skip
)
# What a course is called, in the eight languages.
_COURSE = (
    r"(?:course|training|programme|program|bootcamp|degree|diploma|apprenticeship"
    r"|formation|cursus|ausbildung|weiterbildung|umschulung|kurs|lehrgang|studium|fortbildung"
    r"|opleiding|studie|corso|formazione|master|laurea|curso|formacion|grado|ciclo"
    r"|szkolenie|studia|kursu|formacao)"
)
# "formation de 10 mois", "course of 3 years", "Ausbildung (1 Jahr Vollzeit)", "the course is 3
# years", "corso di 3 mesi", "opleiding van 2 jaar": the course, a few words, then its length
# (not "depuis 3 ans", "for 6 years", "seit 3 Jahren": time in a job).
_AFTER_COURSE = re.compile(rf"\b{_COURSE}\b[^.?!\d]{{0,40}}?\(?{_NUMBER} {_UNIT}\b")
# (nor "in 2 weeks", "dans 3 mois": when it starts)
_SINCE = re.compile(
    r"\b(?:depuis|since|for|seit|sinds|da|desde|hace|od|ha|faz|llevo"
    r"|in|dans|tra|fra|en|za|em|within|binnen|innerhalb|after|apres|nach|na|dopo|despues)"
    r"(?: about| environ| etwa| ongeveer| circa| unos| okolo| quase)? \(?$"
)
# "a 6 month bootcamp", "an 8-week course", "3-year course", "10-monatige Ausbildung"
_BEFORE_COURSE = re.compile(
    rf"\b{_NUMBER}[- ]{_UNIT}(?: (?!(?:the|my|a|an|le|la|les|der|die|das|het|de|il|el)\b)[\w-]+)"
    rf"{{0,4}}? {_COURSE}\b"
)
_GERMAN_ADJECTIVE = re.compile(rf"\b{_NUMBER}-?(jahrig|monatig|wochig)\w* (?:\w+ )?{_COURSE}\b")
# "la formation dure 8 mois", "it lasts 3 years", "dauert 1 Jahr", "dura 3 mesi", "trwa 2 lata"
_LASTS = re.compile(
    r"\b(?:dure|durera|lasts?|takes|dauert|duurt|dura|trwa|demora)"
    r" (?:about |around |environ |etwa |ongeveer |circa |unos |okolo |cerca de )?"
    rf"{_NUMBER} {_UNIT}\b"
)


def _months(number: str, unit: str) -> float:
    value = float(number.replace(",", "."))
    if unit in _DAYS:
        return value / 30
    if unit.startswith(("w", "se", "ty")):
        return value / 4.35  # weeks (week, woche, semaine, settimana, semana, tydzień)
    return in_months(number, unit)


def course_months(text: str) -> float | None:
    """How many months the message says the learner's course lasts, if it says one length."""
    folded = fold(text)
    found = {
        _months(m.group(1), m.group(2))
        for pattern in (_AFTER_COURSE, _BEFORE_COURSE, _LASTS)
        for m in pattern.finditer(folded)
        if not _SINCE.search(folded[: m.start(1)])
    }
    for m in _GERMAN_ADJECTIVE.finditer(folded):
        unit = {"jahrig": "jahre", "monatig": "monate", "wochig": "wochen"}[m.group(2)]
        found.add(_months(m.group(1), unit))
    return found.pop() if len(found) == 1 else None


# The lengths of training a rule is for, in an English fact.
_OR_MORE = re.compile(
    r"\b(?:absence|training|course)\b[^.;]{0,40}?\b(\d{1,2}) (months?|weeks?|years?) or "
    r"(?:more|longer)\b"
)
_SHORTER = re.compile(
    r"\b(?:absence|training|course)\b[^.;]{0,30}?\b(?:is )?(?:shorter|less) than (\d{1,2}) "
    r"(months?|weeks?|years?)\b"
)
_AT_LEAST = re.compile(
    r"\b(?:training|course) must last at least (\d{1,2}) (months?|weeks?|years?)\b"
)


def fact_lasting(fact: str) -> tuple[float, float] | None:
    """The course lengths (months, from and up to) an English fact is for: "an absence of 6
    months or more", (6, inf); "shorter than 6 months", (0, 6)."""
    low = fact.lower()
    if (m := _OR_MORE.search(low) or _AT_LEAST.search(low)) is not None:
        return (_months(m.group(1), m.group(2)), math.inf)
    if (m := _SHORTER.search(low)) is not None:
        return (0.0, _months(m.group(1), m.group(2)))
    return None


def fits(lasting: tuple[float, float], months: float) -> bool:
    """The course of `months` is one the rule is for ("shorter than 6" holds 5, not 6)."""
    first, last = lasting
    return first <= months and (months < last or math.isinf(last))
