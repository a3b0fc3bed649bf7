"""Whether two facts say the same: a supporting fact that repeats the lead or another one is
left out of a reply."""

from __future__ import annotations

import re

from bot.guidance.compose.facts import split_label
from bot.guidance.compose.numbers import numbers_in
from bot.guidance.retrieval import Hit


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", text.casefold()))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _words(split_label(text)[1])}


def similar(a: Hit, b: Hit) -> bool:
    """Two facts that say nearly the same: most words shared, or the same figures and many
    words ("in many Länder two years can be combined into 10 days" in the Hesse document and
    "... you can combine two years and take 10 days at once" in the national one)."""
    wa, wb = _words(a.body), _words(b.body)
    if len(wa & wb) > 0.8 * max(1, min(len(wa), len(wb))):
        return True
    # Their statements, labels aside ("Bavaria has no Bildungsurlaub law" under a summary
    # that says so in the document's words)
    sa, sb = _words(split_label(a.body)[1]), _words(split_label(b.body)[1])
    if min(len(sa), len(sb)) >= 4 and len(sa & sb) >= 0.9 * min(len(sa), len(sb)):
        return True
    figures = numbers_in(a.body)
    sa, sb = _stems(a.body), _stems(b.body)
    if not figures and not numbers_in(b.body):
        # The same advice in two documents, in other words here and there ("if you have a
        # problem with a provider ... keep all emails, receipts and dates" and "if a
        # CPF-funded course is cancelled ... keep all emails, receipts and dates")
        return len(sa & sb) >= max(10, 0.7 * min(len(sa), len(sb)))
    if figures != numbers_in(b.body):
        return False
    return len(sa & sb) >= 0.6 * max(1, min(len(sa), len(sb)))


def repeats(fact: Hit, lead: Hit) -> bool:
    """A supporting fact that only says again what the lead says: its figures are all in the
    lead, and they are several (a date, an amount and a duration) or most of its words are."""
    figures, led = numbers_in(fact.body), numbers_in(lead.body)
    if not figures:
        return False
    if not figures <= led:
        # Four figures of the lead and one more ("... at most 100 hours; older texts said 3
        # years" under a summary with the year, 20 hours, 5 years and 100 hours): the same
        # fact with a hedge, if most of its words are the lead's too.
        if len(figures & led) < 4 or len(figures - led) > 1:
            return False
    elif len(figures) >= 3:  # the same date, amount and duration: the same fact
        return True
    words = _words(split_label(fact.body)[1]) - _words(split_label(lead.body)[0])
    return len(words & _words(lead.body)) >= 0.4 * max(1, len(words))
