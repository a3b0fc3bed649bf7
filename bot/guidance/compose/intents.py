"""What a question asks; `fact_intents` reads which facts answer that kind of question.

A reply leads with the fact that answers what was asked: "how many days" wants a fact with a
number of days, "who pays" one about pay, "can my employer refuse" one about refusals. Questions
are read in the bot's eight languages (folded: lower case, no accents); facts in English, the
language of the knowledge base. Both sides name the same intents:

    days      how many days or hours, how long
    amount    how much money, what it costs
    number    how many (of anything: a fact with a figure)
    pay       paid or unpaid, who pays, salary
    notice    how early to ask, how many weeks before (a notice period)
    when      when, deadlines, from which date
    eligible  do I have a right, am I entitled, conditions
    ceiling   the most one can have or take ("and how high does it go?")
    age       am I too old or too young, the age limit
    covers    does it pay for this course or item, what it can be used for, what is excluded
    refuse    may the employer refuse or postpone
    apply     how to apply or ask, where to register
    exists    does it still exist, what changed, new rules
    ended     (facts only) the scheme has ended: said first, whatever was asked about it
    successor what replaced it, or what else there is ("is there a replacement?")
    binding   whether it is mandatory or only recommended
    verify    (questions only) "is that true?": a claim to check, not a summary's to answer
    scam      "is it legit?": whether a call, a text or an offer can be trusted
    help      who can help, where to get advice
    ratified  has the country ratified (signed) a convention
    findings  what an evaluation of a policy found
    what      what is it (a definition: the document's summary answers it best)
"""

from __future__ import annotations

import re

from bot.guidance.compose.money_patterns import MONEY
from bot.guidance.compose.patterns import any_of
from bot.guidance.compose.question_patterns import QUESTION_PATTERNS
from bot.guidance.folding import fold

# Where one ask ends and the next begins: "how much do I have, and can I use it for any course?"
# ("e" and "i", "and" in Italian, Portuguese and Polish, are "is" and "I" once folded: cut there
# only before a question word.)
_CLAUSE = any_of(
    r"[?!.;,:]", r"\b(?:and|but|und|aber|et|mais|en|maar|y|pero|oraz|ale)\b",
    r"\b(?:e|i) (?=(?:czy|jak|ile|kiedy|posso|se|quant[aeio]s?|come|como|quando)\b)",
)
_QUANTITY = {"days", "amount", "number"}
PAID = 12  # how close after "do I get" a word of pay makes it one ask: "do I get paid?"

# "How many weeks before must I ask?" asks for a notice period, not for a number of days off.
NOTICE = any_of(
    r"\bhow long (?:\w+ ){0,3}?(?:before|in advance|ahead)\b", r"\bwie lange? (?:\w+ )?vorher\b",
    r"\bcombien de temps (?:\w+ ){0,3}?(?:avant|a l'avance)\b",
    r"\bhoe lang (?:\w+ ){0,3}?(?:vooraf|van tevoren|op voorhand)\b",
    r"\bquanto tempo (?:\w+ ){0,3}?(?:prima|in anticipo)\b",
    r"\bcuanto tiempo (?:\w+ ){0,3}?(?:antes|de antelacion)\b",
    r"\bjak (?:dlugo|wczesnie) (?:\w+ ){0,3}?(?:wczesniej|przed)\b",
    r"\bquanto tempo (?:\w+ ){0,3}?(?:antes|de antecedencia)\b",
    r"\bhow many (?:\w+ ){0,2}(?:days|weeks|months) (?:\w+ ){0,4}?(?:before|in advance|ahead)\b",
    r"\bwie ?viele? (?:\w+ ){0,2}(?:tage|wochen|monate) (?:\w+ ){0,4}?(?:vorher|im voraus|vor)\b",
    r"\bcombien de (?:jours|semaines|mois) (?:\w+ ){0,4}?(?:avant|a l'avance)\b",
    r"\bhoeveel (?:dagen|weken|maanden) (?:\w+ ){0,4}?(?:vooraf|van tevoren|op voorhand|voor)\b",
    r"\bquant[ie] (?:giorni|settimane|mesi) (?:\w+ ){0,4}?(?:prima|in anticipo)\b",
    r"\bcuant[oa]s (?:dias|semanas|meses) (?:\w+ ){0,4}?(?:antes|de antelacion)\b",
    r"\bile (?:dni|tygodni|miesiecy) (?:\w+ ){0,4}?(?:wczesniej|przed)\b",
    r"\bquant[oa]s (?:dias|semanas|meses) (?:\w+ ){0,4}?(?:antes|de antecedencia)\b",
)

# "How long do we have to answer?", "combien de temps pour répondre ?": a deadline to answer,
# not a number of days off.
ANSWER_TIME = any_of(
    r"\bhow (?:long|much time) (?:\w+ ){0,4}(?:to|before we|before they) (?:answer|reply|respond"
    r"|decide)\b",
    r"\bcombien de temps (?:\w+ ){0,4}pour (?:repondre|decider|donner (?:une|notre|sa) reponse)\b",
    r"\bwie ?viel zeit (?:\w+ ){0,4}(?:fur die antwort|zu antworten|zu entscheiden)\b",
    r"\bwie lange? (?:\w+ ){0,4}(?:zeit )?(?:fur die antwort|zu antworten|um zu antworten)\b",
    r"\bhoe(?:veel tijd| lang) (?:\w+ ){0,4}(?:om te antwoorden|te reageren|om te beslissen)\b",
    r"\bquanto tempo (?:\w+ ){0,4}per (?:rispondere|decidere)\b",
    r"\bcuanto tiempo (?:\w+ ){0,4}para (?:responder|contestar|decidir)\b",
    r"\bile (?:\w+ ){0,2}czasu (?:\w+ ){0,2}na (?:odpowiedz|decyzje)\b",
    r"\bquanto tempo (?:\w+ ){0,4}para (?:responder|decidir)\b",
)

# Someone got in touch with the learner: a call, a text message, an e-mail.
CONTACTED = any_of(
    r"\b(?:call|calls|called|phoned|rang|texted|sms|texto|e-?mails?|mail|anruf|angerufen|gebeld"
    r"|belt|chiamat[oa]|telefonat[oa]|llamo|llamada|llamaron|dzwoni\w*|telefon\w*|ligou|ligaram"
    r"|appel\w*|mensagem|wiadomos\w*|nachricht)\b"
)

# "How long must I have worked there before I can take it?", "Wartezeit?": how long in the job
# the right needs, a condition of who may (not a number of days off).
WAITING = any_of(
    r"\bwaiting period\b", r"\bseniority\b",
    r"\bhow long (?:do|must|should|have|did) (?:i|you|we) (?:\w+ ){0,3}(?:work|worked|been"
    r"|employed|wait)\b",
    r"\bwartezeit\b", r"\bwie lange? (?:\w+ ){0,4}(?:im betrieb|beschaftigt|angestellt|arbeiten"
    r"|gearbeitet|warten)\b",
    r"\bapres combien de temps\b", r"\bcombien de temps (?:\w+ ){0,4}(?:dans l'? ?entreprise"
    r"|travaille|attendre)\b", r"\banciennete\b",
    r"\bwachttijd\b", r"\bhoe lang (?:\w+ ){0,4}(?:werken|gewerkt|in dienst|wachten)\b",
    r"\bquanto tempo (?:\w+ ){0,4}(?:lavorare|lavorato|in azienda|aspettare)\b",
    r"\bcuanto tiempo (?:\w+ ){0,4}(?:trabajar|trabajado|en la empresa|esperar)\b",
    r"\bjak dlugo (?:\w+ ){0,4}(?:pracowac|w firmie|czekac)\b", r"\bokres wyczekiwania\b",
    r"\bquanto tempo (?:\w+ ){0,4}(?:trabalhar|trabalhado|na empresa|esperar)\b",
)


# A kind of course named as what the leave or budget is for ("for a yoga course", "für einen
# Sprachkurs", "per un corso di cucina"): whether courses of that kind count, asked beside
# whether the learner may ("can I still get it for an HBO course, at 58?"), not instead.
KIND_OF_COURSE = any_of(
    r"\bfor (?:a|an|the|my|this) [\w-]+ (?:course|class|seminar|workshop)\b",
    r"\bf(?:u|ue)r (?:einen|eine|ein|den|das|meinen|meine|diesen|nen|ne|'nen) (?:\w+ )?\w*"
    r"(?:kurs|seminar|lehrgang)\b",
    r"\bvoor (?:een|de|het|mijn|deze) (?:\w+ )?\w+cursus\b",
    r"\bpour (?:un|le|mon|ce) (?:cours|stage) (?:de|d')",
    r"\bper (?:un|il|questo) corso (?:di|d')", r"\bpara (?:un|el|este) curso de\b",
    r"\bpara (?:um|o|este) curso de\b", r"\bna kurs (?!na\b)\w+",
)


# "Can I refuse?", of one who would say no (an employer): whether they may, not whether they
# are entitled to something.
MAY_REFUSE = any_of(
    r"\b(?:can|may|could) (?:i|we) (?:\w+ ){0,2}(?:refuse|say no|reject|postpone)\b",
    r"\b(?:kann|darf|konnen|durfen) (?:ich|wir) (?:\w+ ){0,4}(?:ablehnen|nein sagen|verweigern"
    r"|verschieben)\b",
    r"\b(?:je peux|puis-je|peut-on|nous pouvons|on peut|pouvons-nous) (?:\w+ ){0,2}(?:refuser"
    r"|dire non|reporter)\b", r"\bdroit de (?:refuser|dire non)\b",
    r"\b(?:kan|mag|mogen|kunnen) (?:ik|we|wij) (?:\w+ ){0,3}(?:weigeren|nee zeggen|uitstellen)\b",
    r"\b(?:posso|possiamo) (?:\w+ ){0,2}(?:rifiutare|dire di no|rinviare)\b",
    r"\b(?:puedo|podemos) (?:\w+ ){0,2}(?:negarme|negarnos|negar|rechazar|decir que no)\b",
    r"\b(?:moge|mozemy) (?:\w+ ){0,2}(?:odmowic|przesunac)\b",
    r"\b(?:posso|podemos) (?:\w+ ){0,2}(?:recusar|dizer que nao|adiar)\b",
)

# "Sind wir verpflichtet, das zu genehmigen?": whether the worker has a claim the employer must
# grant, not whether a text binds.
OBLIGED_TO_GRANT = any_of(
    r"\b(?:obliged|required|bound|have|has) to (?:grant|approve|allow|give)\b",
    r"\bverpflichtet\b.{0,40}\b(?:genehmigen|gewahren|freizustellen|freistellen|geben)\b",
    # "müssen wir das genehmigen?", "do we have to approve it?"
    r"\b(?:mussen|muss) (?:wir|ich|der arbeitgeber|die firma) (?:\w+ ){0,2}(?:genehmigen"
    r"|gewahren|freistellen)\b", r"\bdo (?:we|i) have to (?:grant|approve|allow)\b",
    r"\bmoeten (?:we|wij) (?:\w+ ){0,2}(?:goedkeuren|toestaan|toekennen)\b",
    r"\b(?:dobbiamo|devo) (?:\w+ ){0,2}(?:concedere|concederlo|concederla|autorizzare)\b",
    r"\b(?:tenemos|tengo) que (?:\w+ ){0,2}(?:conceder|concederlo|autorizar)\b",
    r"\bczy musimy (?:sie )?(?:zgodzic|udzielic)\b",
    r"\b(?:temos|tenho) (?:de|que) (?:\w+ ){0,2}(?:conceder|autorizar)\b",
    r"\b(?:oblige|obliges|obligee?s?|tenue?s?) (?:de |d')(?:l'|le |la )?(?:accorder|autoriser)\b",
    r"\bverplicht\b.{0,40}\b(?:goedkeuren|goed te keuren|toestaan|toe te staan|toekennen"
    r"|toe te kennen)\b",
    r"\bobbligat[oaie] a (?:concedere|concederlo|concederla|autorizzare)\b",
    r"\bobligad[oa]s? a (?:conceder|concederlo|concederselo|autorizar)\b",
    r"\b(?:zobowiazan\w*|musi\w*) (?:\w+ ){0,2}(?:udzielic|dac)\b",
    r"\bobrigad[oa]s? a (?:conceder|autorizar)\b",
)

# "Is there ...?": whether something exists, when the clause asks nothing more precise ("is
# there any way to keep getting paid?" asks about pay).
THERE_IS = any_of(
    r"\bis there\b", r"\bgibt es\b", r"\bexiste\b", r"\besiste\b", r"\bexisteert\b",
    r"\bhay (?:algun|algo)\b", r"\bistnieje\b", r"\bc'e (?:un|qualche)", r"\by a-t-il\b",
    r"\bil y a\b",
)


def question_intents(text: str) -> tuple[str, ...]:
    """What a learner's message asks, in any of the bot's languages, in the order it asks it
    ("how early do I ask, and who pays?" is ("notice", "pay"); "how many weeks before?" is a
    notice period: "notice" before "days"). "How many hours of paid leave do I get?" asks for a
    number only: a "paid" or a "do I get" in the clause of a "how many" is not a second ask."""
    folded = fold(text)
    asked = _question_spans(folded)
    # (read across a comma: "sind wir verpflichtet, das zu genehmigen?")
    grants = [m.start() for m in OBLIGED_TO_GRANT.finditer(folded)]
    found: list[tuple[float, str]] = []
    for clause in _clauses(folded):
        start, part = clause
        # What a sentence ending in "?" asks comes before what the story around it mentions
        # ("the boss says at most 3 a year. May he limit it?? I only want to know before I
        # apply": a question about refusals, then one about applying).
        if asked and not any(a <= start < b for a, b in asked):
            start += len(folded)
        here: dict[str, float] = {
            name: m.start() for name, p in QUESTION_PATTERNS.items() if (m := p.search(part))
        }
        if notice := NOTICE.search(part):
            here["notice"] = notice.start() - 0.5
        if not here and (there := THERE_IS.search(part)):
            here["exists"] = there.start()
        if "covers" in here:  # "can I use it for any course?": what it pays for
            here.pop("eligible", None)
        if "validation" in here:  # "how can I get my skills recognised?": that, not applying
            here.pop("eligible", None)
            here.pop("apply", None)
        if MONEY.search(part):  # "can I get money while I study?": whether it is paid
            here.pop("eligible", None)
        if "refuse" in here and (may := MAY_REFUSE.search(part)):
            # "est-ce que je peux refuser ?", "kann ich den Antrag ablehnen?": one ask
            here.pop("eligible", None)
            if may.start() <= here.get("apply", -1) < may.end():
                here.pop("apply")
            here["refuse"] = min(here["refuse"], may.start())
        # "do I get paid?", "bekomme ich Gehalt?": one ask, about pay
        if {"pay", "eligible"} <= here.keys() and 0 <= here["pay"] - here["eligible"] <= PAID:
            here.pop("eligible")
        granted = [at - clause[0] for at in grants if clause[0] <= at < clause[0] + len(part)]
        if granted:
            here.pop("binding", None)
            here["eligible"] = min(here.get("eligible", granted[0]), granted[0])
        if answer := ANSWER_TIME.search(part):
            here.pop("days", None)
            here.pop("number", None)
            here["when"] = answer.start()
        if waiting := WAITING.search(part):
            here.pop("days", None)
            here.pop("number", None)
            here["eligible"] = waiting.start()
        if here.get("amount", -1) == here.get("days"):  # "combien d'heures": hours, not money
            here.pop("amount")
        if _QUANTITY & here.keys():  # "how many hours of paid leave do I get?"
            here.pop("eligible", None)
            here.pop("pay", None)
        elif "covers" not in here and (kind := KIND_OF_COURSE.search(part)):
            here["covers"] = kind.start()
        found += [(start + at, name) for name, at in here.items()]
    first: dict[str, float] = {}
    for at, name in sorted(found):
        first.setdefault(name, at)
    # Whether to trust a call, a text or an e-mail is what such a story asks first ("un
    # conseiller CPF m'appelle: mes droits seront perdus si je ne donne pas le code, c legit ?")
    if "scam" in first and CONTACTED.search(folded):
        first["scam"] = -1
    return tuple(sorted(first, key=first.__getitem__))


def asks_entitlement(text: str) -> bool:
    """The message asks what the learner is entitled to ("how many days do I get?" too)."""
    return bool(QUESTION_PATTERNS["eligible"].search(fold(text)))


_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


# Words a question begins with, folded ("How many days do I get." is asked, without a "?").
_QUESTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        how what when who where which can could do does is are may should
        wie was wann wer wo welche kann darf muss gibt
        comment quand qui ou quel quelle combien est-ce puis peut
        hoe wat wanneer waar welke kan mag moet krijg heb
        come cosa quando chi dove quale quanto quanti posso puo
        como que cuando quien donde cual cuanto cuantos puedo
        jak co kiedy kto gdzie ktory ile czy
        quem onde qual quantos
        """,
    )
)


def _question_spans(folded: str) -> list[tuple[int, int]]:
    """Where the questions are: sentences that end in "?" or begin with a question word."""
    spans = []
    for m in _SENTENCE.finditer(folded):
        words = re.findall(r"[\w'-]+", m.group())
        if "?" in m.group() or (words and words[0] in _QUESTION_WORDS):
            spans.append((m.start(), m.end()))
    return spans


def _clauses(folded: str) -> list[tuple[int, str]]:
    """(offset, text) of each clause of a folded message."""
    clauses, start = [], 0
    for cut in _CLAUSE.finditer(folded):
        clauses.append((start, folded[start : cut.start()]))
        start = cut.end()
    clauses.append((start, folded[start:]))
    return [(at, part) for at, part in clauses if part.strip()]
