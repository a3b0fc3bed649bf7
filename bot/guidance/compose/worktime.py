"""The learner's working time, in hours a week or as a share of full time, against a rule that
asks for some: "from the 2025–26 school year you must have at least an 80% job AND work at
least 28 hours per week", to one who works 26 hours a week, is a "no" the reply says under the
rule ("Your working time: 26 hours a week. Needed: at least 28 hours a week. So you do not meet
this condition.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.guidance.folding import fold

_HOURS = r"(?:h|u|uur|uren|hours?|hrs|heures?|std|stunden|ore|horas|godzin|godz)"
_WEEK = r"(?:week|woche|semaine|settimana|semana|tydzien|tydz|wk)"
# "26u per week", "30 Stunden die Woche", "20h/semaine", "32 horas semanales",
# "30 Wochenstunden", "a 30-hour week"
_WEEKLY = re.compile(
    rf"\b(\d{{1,2}}(?:[.,]\d)?) ?{_HOURS}\.?(?: ?/ ?| (?:per|a|an|par|pro|die|in de|la|alla|por"
    rf"|a la|na|em|w|in|op|each|every|in the) ){_WEEK}\b"
    rf"|\b(\d{{1,2}}(?:[.,]\d)?) ?(?:{_HOURS} )?(?:semanales|settimanali|wochentlich"
    r"|tygodniowo|weekly|hebdomadaires|semanais)\b"
    r"|\b(\d{1,2})[- ]?(?:wochenstunden|stunden-woche|urenweek|uurs?week|-?hours? week)\b"
)
# "op een voltijds van 38u", "of a 40-hour full-time week", "sur un temps plein de 35 h"
_FULL = re.compile(
    rf"\b(?:voltijds?e?|full[- ]time|temps plein|vollzeit(?:stelle)?|tempo pieno"
    rf"|jornada completa|tempo inteiro|pelny etat|caly etat) (?:week )?(?:van|of|de|von|di|da"
    rf"|z|is|=) (\d{{2}}) ?{_HOURS}?\b"
)
# Courses counted in hours a week are not the learner's job: "a course of 12 hours a week".
_COURSE = re.compile(
    r"\b(?:course|kurs|cours|corso|curso|opleiding|formation|formazione|formacion|formacao"
    r"|ausbildung|lehrgang|training|studies|studium|szkolenie|lessons?|classes?|praesenz"
    r"|prasenz|lessen|unterricht|zajecia)\b|lehrgang\b"
)
# "4/5", "en 4/5 temps", "werk 4/5", said of work
_FRACTION = re.compile(r"\b([1-4])/([2-5])(?:e|de|eme|ste)?\b")
_PERCENT = re.compile(r"\b([1-9]\d) ?%")
_OF_WORK = re.compile(
    r"\b(?:temps|tijd|tijds|job|baan|werk\w*|work\w*|time|stelle|tempo|jornada|etat\w*"
    r"|contrat|contract|contratto|contrato|umow\w*|regime|horaire|aanstelling|teilzeit"
    r"|travail\w*|lavor\w*|trabaj\w*|trabalh\w*|prac\w*|arbeit\w*)\b"
)
_PAY = re.compile(
    r"^ ?(?:of|van|de|des|du|del|di|von|der|do|da|z)? ?(?:my|mijn|mon|ma|mein\w*|il mio|mi|moje\w*"
    r"|meu|the|het|le|la|das|o)? ?(?:pay|salary|loon|salaris|salaire|gehalt|lohn|stipendio"
    r"|sueldo|salario|pensj\w*|wynagrodzeni\w*|vencimento|brutto|netto|income)\b"
)
_HALF = re.compile(
    r"\b(?:halftijds|halftime|half[- ]time|mi-temps|mi temps|halbtags|halbe stelle|mezzo tempo"
    r"|media jornada|meia jornada|meio tempo|pol etatu|polowa etatu)\b"
)


@dataclass(frozen=True, slots=True)
class WorkTime:
    """How much a learner works: hours a week, and as a share of full time (0 to 1); None
    where the message does not say."""

    hours: float | None = None
    share: float | None = None


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def of_course(folded: str, start: int) -> bool:
    """What the message says at `start` is said of a course ("a course of 12 hours a week")."""
    clause = re.split(r"[.;!?:]", folded[max(0, start - 60) : start])[-1]
    return bool(_COURSE.search(clause))


def weekly_hours(folded: str) -> list[float]:
    """The hours a week a (folded) message says the learner works, not those of a course."""
    return [
        _number(next(g for g in m.groups() if g))
        for m in _WEEKLY.finditer(folded)
        if not of_course(folded, m.start())
    ]


def _shares(folded: str, hours: float | None) -> set[float]:
    found: set[float] = set()
    for m in _FRACTION.finditer(folded):
        # (next to a word of work, or "4/5de": not a date, "starts on 3/4 and I work")
        near = folded[max(0, m.start() - 12) : m.end() + 10]
        top, bottom = int(m.group(1)), int(m.group(2))
        if top < bottom and (m.group(0)[3:] or _OF_WORK.search(near)):
            found.add(round(top / bottom, 2))
    for m in _PERCENT.finditer(folded):
        near = folded[max(0, m.start() - 15) : m.end() + 15]
        if _OF_WORK.search(near) and not _PAY.search(folded[m.end() : m.end() + 30]):
            found.add(int(m.group(1)) / 100)
    if _HALF.search(folded):
        found.add(0.5)
    full = {int(m.group(1)) for m in _FULL.finditer(folded)}
    if hours is not None and len(full) == 1 and hours < (whole := full.pop()):
        found.add(round(hours / whole, 2))
    return found


def learner_worktime(text: str) -> WorkTime | None:
    """The learner's working time as the message says it ("26u per week op een voltijds van
    38u": 26 hours, 68%), each part only when said once."""
    folded = fold(text)
    hours = {h for h in weekly_hours(folded) if 4 <= h <= 60}
    hour = hours.pop() if len(hours) == 1 else None
    shares = _shares(folded, hour)
    share = shares.pop() if len(shares) == 1 else None
    return WorkTime(hour, share) if hour is not None or share is not None else None


# What a rule asks for, in an English fact about work (not "the training must be at least 20
# hours a week").
_RULE_HOURS = re.compile(r"\b(?:at least|below) (\d{1,2}) hours (?:a|per) week\b")
_RULE_SHARE = re.compile(
    r"\b(?:at least|below) (?:an? )?(?:(\d{2})%|([1-4])/([2-5]))"
    # (not "at least 10% permanent incapacity", "10% of staff")
    r"(?! ?(?:permanent )?(?:incapacity|disability|of (?:the )?(?:staff|employees|personnel)))"
)
# "worked at least half of the normal working time": 50%
_RULE_HALF = re.compile(
    r"\bat least half (?:of )?(?:the )?(?:normal |legal )?(?:working time|full[- ]time)"
)
_WORK_RULE = re.compile(r"\b(?:work|works|working|worked|job|employment|employees?|employed)\b")
_COURSE_RULE = re.compile(r"\b(?:training|course|programme|studies) must\b")


# Another way in than the working time ("at least 4/5, or on variable schedules"): no "no".
_ALTERNATIVE = re.compile(r",? or (?!below|under|less|more)\w")


def alternatives(fact: str) -> bool:
    """The rule lets people in another way than by their working time."""
    return bool(_ALTERNATIVE.search(fact.lower()))


def required_worktime(fact: str) -> WorkTime | None:
    """The working time an English fact asks for, if it is a rule about work."""
    lowered = fact.lower()
    if not _WORK_RULE.search(lowered) or _COURSE_RULE.search(lowered):
        return None
    hours = {int(n) for n in _RULE_HOURS.findall(lowered)}
    shares = {
        int(pct) / 100 if pct else round(int(top) / int(bottom), 2)
        for pct, top, bottom in _RULE_SHARE.findall(lowered)
    } | ({0.5} if _RULE_HALF.search(lowered) else set())
    if len(hours) > 1 or len(shares) > 1 or not (hours or shares):
        return None
    return WorkTime(hours.pop() if hours else None, shares.pop() if shares else None)


@dataclass(frozen=True, slots=True)
class WorkTimeCheck:
    """The learner's working time against a rule's: the parts compared, and whether they meet
    it. `have` and `need` hold the same parts."""

    have: WorkTime
    need: WorkTime
    meets: bool


def check_worktime(
    worktime: WorkTime | None, shown: Sequence[str], *unshown: Sequence[str]
) -> WorkTimeCheck | None:
    """The learner's working time against the rule the reply shows for its place, else the
    first of the `unshown` groups of statements that has one. A "no" when a part the learner
    gives falls short (only that part is said); a "yes" only when they give every part the
    rule asks for (not to one who says 30 hours, where 80% of full time is asked too)."""
    if worktime is None:
        return None
    rules: set[WorkTime] = set()
    other_ways = False
    for texts in (shown, *unshown):
        ruling = [text for text in texts if required_worktime(text)]
        rules = {rule for text in ruling if (rule := required_worktime(text))}
        if rules:
            other_ways = any(alternatives(text) for text in ruling)
            break
    hours = {r.hours for r in rules if r.hours is not None}
    shares = {r.share for r in rules if r.share is not None}
    if len(hours) > 1 or len(shares) > 1 or not (hours or shares):
        return None
    need = WorkTime(next(iter(hours), None), next(iter(shares), None))
    short_hours = _short(worktime.hours, need.hours)
    short_share = _short(worktime.share, need.share)
    if (short_hours or short_share) and other_ways:
        return None
    if short_hours or short_share:
        have = _parts(worktime, short_hours, short_share)
        return WorkTimeCheck(have, _parts(need, short_hours, short_share), False)
    if (need.hours is None or worktime.hours is not None) and (
        need.share is None or worktime.share is not None
    ):
        return WorkTimeCheck(
            _parts(worktime, need.hours is not None, need.share is not None), need, True
        )
    return None


def _short(have: float | None, need: float | None) -> bool:
    return have is not None and need is not None and have < need


def _parts(time: WorkTime, hours: bool, share: bool) -> WorkTime:
    return WorkTime(time.hours if hours else None, time.share if share else None)
