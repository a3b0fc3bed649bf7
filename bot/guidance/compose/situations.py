"""Who the learner says they are, and which facts are about people like them.

"Estou desempregada ... tenho de pagar a participação?" is answered by "jobseekers do not pay
the co-payment", not by the rule for everyone. A learner's message is read in the bot's eight
languages (folded: lower case, no accents); facts in English, the language of the knowledge
base, label included ("France, PTP, temporary agency workers (intérim): ..."). Both sides name
the same situations:

    employed       has a job ("employed people: level 6 courses are free")
    jobseeker      unemployed, looking for work
    self_employed  self-employed, freelance, own business
    low_qualified  no diploma or qualification ("j'ai jamais eu de diplôme", "solo la terza media")
    full_time      full-time work (a rule for part-timers is not theirs)
    part_time      part-time work
    public_sector  civil servants and other public-sector staff
    parent         on parental leave, caring for a young child
    agency         temporary agency work
    fixed_term     a fixed-term contract
    permanent      a permanent (open-ended) contract ("en CDI", "unbefristet", "indefinido")
    graduate       holds a university degree
    postgraduate   in postgraduate studies ("studia podyplomowe")
    returner       back to work after years at home (homemakers, carers)
    apprentice     an apprentice or trainee in a dual apprenticeship ("Azubi", "apprenti")
    disabled       a disability (a rule for disabled workers is no answer to others); read
                   in a message by the triage's disability signal, not here
    commuter       lives in one place and works in another (read by the place finder, not
                   here: "ik woon in Aalst maar werk in Brussel")

and an age: the learner's ("tenho 23 anos", "my dad is 63") against the ages a fact is for
("employees under 25", "aged 27 to 62", "citizens aged 40 and over").
"""

from __future__ import annotations

import re

from bot.guidance.compose.patterns import any_of
from bot.guidance.compose.worktime import of_course, weekly_hours
from bot.guidance.folding import fold

# Folded message patterns, eight languages each.
LEARNER_PATTERNS: dict[str, re.Pattern[str]] = {
    "employed": any_of(
        r"(?<![\w-])employed\b", r"\b(?:have|got) a (?:\w+ )?job\b", r"\bi (?:work|am working)\b",
        r"\bi'm working\b", r"\bfull[- ]time\b", r"\bich arbeite\b", r"\bvollzeit\b",
        r"\bfestangestellt\b", r"\bunbefristet", r"\bje travaille\b", r"\btemps plein\b",
        r"\bcdi\b", r"\bik werk\b", r"\bvoltijds?\b", r"\bvast contract\b",
        # (the verb, not the noun: "ho perso il lavoro a marzo")
        r"(?<!il )(?<!mio )\blavoro (?:come|in|da|presso)\b", r"\btempo pieno\b",
        r"\btempo indeterminato\b", r"(?<!el )(?<!mi )\btrabajo (?:de|en|como)\b",
        r"\btiempo completo\b", r"\bindefinido\b", r"\bpracuje\b", r"\bpelny etat\b",
        r"\bumow[aey] o prace\b", r"(?<!o )(?<!meu )\btrabalho (?:num|numa|em|como|no|na)\b",
        r"\btempo inteiro\b",
    ),
    "jobseeker": any_of(
        r"\bunemployed\b", r"\bjob ?seeker", r"\bout of work\b", r"\bjobless\b",
        r"\barbeitslos", r"\barbeitssuchend", r"\berwerbslos",
        # (not short-time work: "chômage partiel" or "technique" keeps the job)
        r"\bchomage\b(?! (?:partiel|technique))", r"\bchomeu(?:r|se)\b",
        r"\bdemandeu(?:r|se) d'emploi\b",
        r"\bsans emploi\b", r"\bwerkloos\b", r"\bwerkzoekend", r"\bzonder werk\b",
        r"\bdisoccupat", r"\bsenza lavoro\b", r"\bin cerca di lavoro\b",
        r"\bdesemplead", r"\ben (?:el )?paro\b", r"\bsin trabajo\b",
        r"\bbezrobotn", r"\bbez pracy\b", r"\bdesempregad", r"\bsem emprego\b",
        # registered with the employment service ("inscrit à France Travail depuis janvier")
        r"\binscrite? (?:a|au|chez) (?:france travail|pole emploi)\b",
        r"\b(?:arbeitslos|arbeitssuchend) gemeldet\b",
        r"\bingeschreven (?:bij|als) (?:het )?(?:uwv|vdab|werkzoekende)\b",
        r"\biscritt[oa] al centro per l'impiego\b",
        r"\binscrit[oa] en el sepe\b", r"\bzarejestrowan\w* w urzedzie pracy\b",
        r"\binscrit[oa] no (?:iefp|centro de emprego)\b",
        # "I lost my job", "ho perso il lavoro" (not "can I be dismissed?": "gekündigt werden",
        # "ser despedido", "essere licenziato", "zostać zwolnionym")
        r"\b(?:lost|losing) my job\b", r"\b(?:job|arbeit|stelle) verloren\b",
        r"\bgekundigt\b(?! (?:werden|wird))",
        r"\bperdu mon (?:emploi|travail|boulot)\b", r"\bmijn (?:baan|werk) (?:kwijt|verloren)\b",
        r"\bontslagen\b(?! (?:worden|wordt))", r"\bperso il (?:mio )?(?:lavoro|posto)\b",
        r"(?<!essere )(?<!venire )\blicenziat[oa]\b",
        r"\bperdi (?:mi |el )?(?:trabajo|empleo)\b", r"\bperdido (?:mi |el )?(?:trabajo|empleo)\b",
        r"(?<!ser )\bdespedid[oa]\b", r"\bstracil(?:em|am) prac",
        r"(?<!zostac )(?<!byc )\bzwolnion[ya]\b",
        r"\bperdi o (?:meu )?emprego\b", r"\bfui despedid[oa]\b",
    ),
    "self_employed": any_of(
        r"\bself-? ?employed\b", r"\bfreelanc", r"\bmy own business\b", r"\bsole trader\b",
        r"\bselbst(?:st)?andig", r"\bfreiberuf", r"\b(?:auto|micro)-? ?entrepreneu",
        r"\bindependante?\b", r"\bzzp", r"\bzelfstandige?\b", r"\bpartita iva\b",
        r"\blibero professionista\b", r"\bautonom[oa]\b",
        # (working for oneself, not "vier por conta propria", coming on one's own initiative)
        r"\b(?:trabaj\w*|soy|estoy) por cuenta propia\b",
        r"\bsamozatrudni", r"\bdzialalnosc", r"\bjednoosobow",
        r"\b(?:trabalh\w*|sou|estou) por conta propria\b",
        r"\btrabalhador(?:a)? independente\b", r"\brecibos verdes\b", r"\bb2b\b",
    ),
    "low_qualified": any_of(
        r"\bno (?:qualifications?|diploma|degree)\b", r"\bleft school (?:at|when|with)\b",
        r"\bquit school\b", r"\b(?:pas|jamais eu|aucun) (?:de )?diplome\b", r"\bsans diplome\b",
        r"\bkein(?:en)? (?:schul)?abschluss\b", r"\bohne (?:schul)?abschluss\b",
        r"\bgeen diploma\b", r"\bzonder diploma\b", r"\bnessun (?:diploma|titolo)\b",
        r"\bsolo la (?:terza|licenza) media\b", r"\bsin (?:titulo|estudios|graduado)\b",
        r"\bbez (?:wyksztalcenia|dyplomu|matury)\b", r"\bsem (?:diploma|estudos)\b",
        # "nie mam żadnego dyplomu", "no tengo ningún título", "I don't have any diploma"
        r"\b(?:nie mam (?:zadnego )?(?:dyplomu|wyksztalcenia)|no tengo (?:ningun )?titulo"
        r"|non ho (?:nessun )?(?:diploma|titolo)|nao tenho (?:nenhum )?diploma"
        r"|(?:don'?t|do not) have (?:a|any) (?:diploma|degree|qualifications?))\b",
    ),
    "full_time": any_of(
        r"\bfull[- ]time\b", r"\bvollzeit", r"\btemps (?:plein|complet)\b", r"\bvoltijds?\b",
        r"\btempo pieno\b", r"\btiempo completo\b", r"\bjornada completa\b",
        r"\bpeln(?:y|ym) etat", r"\bcaly etat\b", r"\btempo (?:inteiro|integral)\b",
    ),
    "part_time": any_of(
        # (part-time work, not a part-time course: "a part time masters", "deeltijdse
        # hbo-opleiding", "Teilzeitstudium")
        r"\bpart-? ?time\b(?! (?:\w+ )?(?:masters?|degree|course|stud\w*|mba|program\w*))",
        r"\bteilzeit(?!stud|ausbildung)", r"\btemps partiel\b", r"\bmi-temps\b",
        r"\bdeeltijd(?!s?(?:opleiding|studie))\w*\b"
        r"(?! (?:\w+[- ])?(?:opleiding|studie|master|hbo))",
        r"\btempo parziale\b", r"\bmedia jornada\b", r"\btiempo parcial\b",
        r"\bjornada parcial\b", r"\bpol etatu\b", r"\bniepelny(?:m)? etat", r"\bczesc etatu\b",
        r"\btempo parcial\b", r"\bmeio (?:periodo|tempo)\b", r"\b4/5\b",
        r"\bhalf-? ?time\b", r"\bhalftijds?\b", r"\bhalbtags\b", r"\ba meta tempo\b",
    ),
    "public_sector": any_of(
        r"\bcivil servant", r"\bpublic (?:sector|service|hospital|administration)\b",
        r"\bbeamt(?:e|er|in)\b", r"\boffentlichen dienst", r"\bfonction publique\b",
        r"\bfonctionnaire", r"\bagent (?:public|territorial|hospitalier)",
        r"\bambtena(?:ar|ren)\b", r"\boverheid\b", r"\bpubblico impiego\b",
        r"\bdipendente pubblic", r"\bpubblica amministrazione\b", r"\bfuncionari[oa]\b",
        r"\badministracion publica\b", r"\bayuntamiento\b", r"\burzedni(?:k|czka)\b",
        r"\bsfer(?:a|ze) budzetow", r"\bfuncao publica\b", r"\bsetor publico\b",
        # a public school, hospital or town hall ("enseignante contractuelle dans un lycee
        # public", "impiegata in un comune")
        r"\b(?:state|public) (?:school|hospital)\b", r"\btown hall\b", r"\bcouncil worker\b",
        r"\b(?:lycee|college|ecole|hopital|etablissement) public\b", r"\bmairie\b",
        r"\boffentlichen? (?:schule|krankenhaus|verwaltung)\b", r"\bstadtverwaltung\b",
        r"\brathaus\b", r"\b(?:bij|op) de gemeente\b", r"\b(?:openbare|publieke) school\b",
        # (one's own job, not a cousin's "che lavora al comune")
        r"\b(?:lavoro|sono(?: \w+){1,3}) (?:in un|al|nel|per il|presso il|del|di un) comune\b",
        r"\b(?:dipendente|impiegat[oa]|lavoratore|lavoratrice) comunale\b",
        r"\b(?:scuola|ospedale|ente|azienda) pubblic[oa]\b", r"\bente locale\b",
        r"\b(?:escuela|hospital|colegio|instituto) public[oa]\b",
        r"\b(?:escola|hospital) public[oa]\b", r"\bcamara municipal\b",
        r"\b(?:szkol[ae]|szpital[ua]?) publiczn",
        r"(?<!zarejestrowany )(?<!zarejestrowana )\bw urzedzie\b",
    ),
    "parent": any_of(
        r"\bparental leave\b", r"\bmaternity\b", r"\bpaternity\b", r"\bmy (?:baby|toddler)\b",
        r"\bkarenz\b", r"\belternzeit\b", r"\bkinderbetreuungsgeld\b", r"\bmutterschutz\b",
        r"\bconge (?:parental|maternite|paternite)\b", r"\bouderschapsverlof\b",
        r"\bzwangerschapsverlof\b", r"\bcongedo (?:parentale|di maternita)\b",
        r"\bmaternita\b", r"\bbaja (?:de |por )?(?:maternidad|paternidad)\b",
        r"\bexcedencia\b", r"\burlop(?:ie)? (?:macierzynsk|rodzicielsk|wychowawcz)",
        r"\blicenca (?:parental|de maternidade)\b",
        # having children ("Hab 2 Kinder", "j'ai trois enfants", "mam of 3")
        r"\b(?:i have|i've got|hab|habe|ich habe|j'ai|ik heb|ho|tengo|tenho|mam) (?:\d|two|three"
        r"|four|zwei|drei|vier|deux|trois|quatre|twee|drie|vier|due|tre|quattro|dos|tres|cuatro"
        r"|dois|duas|dwoje|troje|czworo) (?:kids|children|kinder|kindern|enfants|kinderen|figli"
        r"|hijos|filhos|dzieci)\b", r"\b(?:mum|mam|mom|mother|father|dad) of \d\b",
    ),
    "agency": any_of(
        r"\b(?:temp|temporary|employment) agency\b", r"\bagency work", r"\binterimaire\b",
        r"\binterim\b", r"\bleiharbeit", r"\bzeitarbeit", r"\buitzend", r"\bsomministra(?:t|zion)",
        r"\binterinale\b", r"\bempresa de trabajo temporal\b", r"\bagencj\w* pracy tymczasowej\b",
        r"\btrabalho temporario\b",
    ),
    "fixed_term": any_of(
        r"\bfixed-? ?term\b", r"\btemporary contract\b", r"\bbefrist", r"\bcdd\b",
        r"\bduree determinee\b", r"\btijdelijk contract\b", r"\bbepaalde tijd\b",
        r"\btempo determinato\b", r"\bcontrato temporal\b", r"\bduracion determinada\b",
        r"\bczas okreslony\b", r"\bcontrato a (?:termo|prazo)\b",
        # a contract of a length: "contrato de 4 meses", "a 6-month contract", "umowa na rok"
        r"\b(?:contract of|contrat d(?:e|'un)|contratto di|contrato de|contract (?:van|voor)"
        r"|vertrag (?:uber|fur|auf)) (?:\d+ |un |une |uno |um |one |een |ein |einen )?(?:months?"
        r"|mois|mes(?:es|i)?|mese|meses|maanden?|monate?n?|an|ano|anno|jaar|jahr|year)\b",
        r"\b\d+[- ]months? contract\b", r"\bumow\w* na (?:\d+ miesi\w*|rok)\b",
    ),
    "permanent": any_of(
        r"\bcdi\b", r"\bduree indeterminee\b", r"\bpermanent (?:contract|job|position)\b",
        r"\bopen-ended contract\b", r"\bunbefristet", r"\bonbepaalde (?:tijd|duur)\b",
        r"\bvast(?:e)? (?:contract|baan|aanstelling)\b", r"\btempo indeterminato\b",
        r"\b(?:contrato )?indefinido\b", r"\bczas nieokreslony\b", r"\bumow\w* na stale\b",
        r"\bsem termo\b", r"\bcontrato (?:permanente|efetivo|fijo)\b",
    ),
    "apprentice": any_of(
        r"\bapprentice\b", r"\bmy apprenticeship\b", r"\bazubi\b", r"\bauszubildende[r]?\b",
        r"\blehrling\b",
        r"\bim \d\. lehrjahr\b", r"\bapprentie?\b", r"\ben apprentissage\b", r"\balternante?\b",
        r"\bapprendista\b", r"\bin apprendistato\b", r"\baprendiz\b",
        r"\bcontrato (?:de formacion|para la formacion)\b", r"\bmlodociany pracownik\b",
        r"\bpraktykant(?:ka)?\b",
    ),
    # studying after a degree ("studia podyplomowe": not the 21 days of a diploma thesis)
    "postgraduate": any_of(
        r"\bpost-?graduate\b", r"\bpostgradual", r"\baufbaustudium\b", r"\bpost-?master\b",
        r"\bpostgraduaat\b", r"\bpost-?laurea\b", r"\bmaster di (?:primo|secondo) livello\b",
        r"\bpos(?:t)?grado\b", r"\bpodyplomow", r"\bpos-?graduacao\b",
    ),
    "graduate": any_of(
        r"\bmaster'?s? degree\b", r"\bbachelor'?s?\b", r"\buniversity degree\b",
        r"\bi graduated\b", r"\bhochschulabschluss\b", r"\bstudium abgeschlossen\b",
        r"\babgeschlossene[sn]? studium\b", r"\bdiplome universitaire\b",
        r"\b(?:un|mon) master\b", r"\buniversitair diploma\b", r"\bmasterdiploma\b",
        r"\blaurea\b", r"\blaureat[oa]\b", r"\btitulo universitario\b",
        r"\blicenciad[oa]\b", r"\bgraduad[oa]\b", r"\bmagist(?:er|ra)\b", r"\blicencjat",
        r"\bwyzsze wyksztalcenie\b", r"\blicenciatura\b", r"\bmestrado\b",
    ),
    "returner": any_of(
        r"\bat home with (?:the|my|our) (?:kids|children)\b", r"\bstay[- ]at[- ]home\b",
        r"\b(?:minding|looking after|raising) (?:the|my|our) (?:kids|children)\b",
        r"\bhomemaker\b", r"\bhousewife\b", r"\bhousehusband\b", r"\breturn(?:ing)? to work\b",
        r"\b(?:get|go|going|come|coming) back to work\b",
        r"\bhausfrau\b", r"\bhausmann\b", r"\bwiedereinst", r"\bfemme au foyer\b",
        r"\bmere au foyer\b", r"\breprendre (?:un )?(?:travail|emploi)\b", r"\bhuisvrouw\b",
        r"\bhuisman\b", r"\bherintred", r"\bcasalinga\b", r"\btornare a lavorare\b",
        r"\bama de casa\b", r"\bvolver a trabajar\b", r"\bgospodyni domow",
        r"\bwrocic do pracy\b", r"\bdona de casa\b", r"\bvoltar a trabalhar\b",
    ),
}  # fmt: skip

# English fact patterns.
FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "employed": any_of(
        r"(?<![\w-])employed (?:people|persons|workers|learners)\b",
        r"\bpeople in (?:work|employment)\b",
    ),
    "jobseeker": any_of(r"(?<!not a )\bjob ?seekers?\b", r"\bunemployed\b", r"\bout of work\b"),
    "self_employed": any_of(
        r"(?<!formerly )(?<!previously )\bself-employed\b", r"\bfreelance",
        r"\bindependent (?:workers?|professionals?)\b",
        r"\b(?:auto|micro)-entrepreneurs?\b", r"\bliberal professions?\b",
    ),
    "low_qualified": any_of(
        r"\bno qualification\b",
        r"\bwithout (?:an? )?(?:basic |upper-secondary )?(?:vocational )?"
        r"(?:qualification|diploma)",
        r"\blow[- ]qualified\b", r"\blow (?:level of )?(?:basic )?skills\b", r"\bno diploma\b",
    ),
    "full_time": any_of(
        r"\bfull-time\b(?!(?:,? (?:or )?[\w-]+){0,5} (?:training|courses?|stud(?:y|ies)"
        r"|programmes?|education|degree)\b)",
    ),
    "part_time": any_of(
        r"\bfewer days a week\b",
        # (part-time work, not a part-time course: "or the training is part-time")
        r"(?<!training is )(?<!course is )\bpart-time\b"
        r"(?! (?:(?:or|and) (?:[\w-]+ ){0,4})?(?:training|courses?|stud(?:y|ies)|programmes?"
        r"|education|degree)\b)",
        r"\bin proportion to\b", r"\bpro rata\b", r"\bhalf-time\b",
        # a floor on the share of a full-time job ("a job of at least 80% and 28 hours a week")
        r"\bjob (?:of at least|below) \d+ ?%", r"\b4/5\b",
    ),
    "public_sector": any_of(
        r"\bpublic[- ](?:sector|administration|agents?|staff)\b", r"\bcivil servants?\b",
        r"\bfonction publique\b",
    ),
    "parent": any_of(r"\bparent", r"\bchildcare\b", r"\bmaternity\b", r"\bchildren\b"),
    "agency": any_of(r"\bagency workers?\b", r"\btemporary (?:agency|work)\b", r"\bintérim\b"),
    "fixed_term": any_of(r"\bfixed-term\b", r"\bcdd\b"),
    "permanent": any_of(r"\bcdi\b", r"\bpermanent contract\b", r"\bopen-ended\b"),
    "apprentice": any_of(r"\bapprentices?\b", r"\bapprenticeship\b"),
    "postgraduate": any_of(r"\bpostgraduate\b"),
    "graduate": any_of(
        r"\bgraduates?\b", r"\buniversity degree\b", r"\bmaster'?s\b", r"\bbachelor",
    ),
    "returner": any_of(r"\breturners?\b", r"\bhomemakers?\b"),
    "disabled": any_of(r"\bdisab", r"\bhandicap", r"\boeth\b"),
    # "if you live in Flanders but work in Brussels, ...", "where you work, not where you live"
    "commuter": any_of(
        r"\blives? in [\w-]+(?: or [\w-]+)? but (?:mainly )?works?\b", r"\bnot where you live\b",
        r"\bwhere you (?:mainly )?work (?:applies|counts|decides)\b",
    ),
}


# Words that put a situation in the past: "when I was unemployed", "quand j'étais au chômage",
# "avant j'ai fait 3 ans d'intérim".
# "même si je suis pas en CDI", "I don't have a permanent contract": not the learner's
_NEGATED = re.compile(
    r"(?:\b(?:pas|not|never|kein\w*|nicht|geen|niet|non|no|nie|nao|sans|without|ohne|zonder"
    r"|senza|sin|bez|sem)|n't)(?:\s+\S+){0,2}\s*$"
)
_PAST = re.compile(
    r"\b(?:was|were|used to be|had been|etais|etait|ai ete|war|waren|gewesen|toen|was ik"
    r"|ero|eravamo|sono stat[oa]|era|estaba|estuve|fui|bylem|bylam|estava|estive|antes"
    r"|before that|previously|formerly|avant|auparavant|vorher|zuvor|davor|fruher|voorheen"
    r"|daarvoor|vroeger|prima|in passato|anteriormente|wczesniej|przedtem)\b"
    r"[^.!?;,]{0,25}$"
)


# Someone else's situation, in the same clause: "mon mari est plombier auto-entrepreneur",
# "my sister is unemployed", "mi marido es autónomo".
_SOMEONE_ELSE = re.compile(
    r"\b(?:my|mon|ma|mes|mein|meine|meinen|mijn|mio|mia|mi|mis|meu|minha|moj|moja|moi)"
    r" (?:husband|wife|partner|son|daughter|sister|brother|mother|mum|mom|father|dad|friend"
    r"|colleague|mari|femme|fils|fille|soeur|frere|mere|pere|amie?|collegue|mann|frau|sohn"
    r"|tochter|schwester|bruder|mutter|vater|freund|freundin|kollegin|kollege|man|vrouw|zoon"
    r"|dochter|zus|broer|moeder|vader|vriend|vriendin|collega|marito|moglie|figli[oa]|sorella"
    r"|fratello|madre|padre|amic[oa]|marido|esposa|hij[oa]|herman[oa]|amig[oa]|companer[oa]"
    r"|mulher|filh[oa]|irma|irmao|mae|pai|colega|maz|zona|syn|corka|siostra|brat|matka"
    r"|ojciec|kolega|kolezanka)\b"
    # (unless the learner speaks of themself after: "my sister is unemployed and I work")
    r"(?:(?!\b(?:i|je|j'|ich|ik|io|yo|eu|ja)\b)[^.!?;]){0,60}$"
)


# A group the learner asks about, not one they say they are in: "is it free for people who are
# working or only for unemployed?", "seulement pour les chômeurs ?"
_GROUP_ASKED = re.compile(
    r"\b(?:only (?:for|if you(?:r|'re| are)?)|or (?:only )?for|(?:people|those) who are"
    r"|(?:seulement|uniquement|que|juste) pour(?: les)?|nur fur|alleen voor|solo per"
    r"|solo para(?: los)?|(?:just|also) for"
    r"|tylko dla|apenas para(?: os)?)\s+(?:the\s+|les\s+|die\s+|de\s+)?$"
)


# Hours worked a week, under what is full time anywhere ("30u per week", "20h/semaine",
# "26 Stunden die Woche"), or days a week under five ("nur 3 Tage die Woche", "4 jours par
# semaine"): part-time work, when said of the job and not of a course.
PART_TIME_HOURS = 32
_WEEKLY_DAYS = re.compile(
    r"\b[1-4](?:[,.]5)? ?(?:days?|tage?n?|jours?|dagen|giorni|dias|dni) (?:a|per|par|pro|die|in de"
    r"|alla|a la|por|na|em|w) (?:week|woche|semaine|settimana|semana|tydzien)\b"
    r"|\b[1-4][- ](?:day|tage|dagen)[- ]?(?:week|woche)\b"
)


def _works_part_time(folded: str) -> bool:
    # (hours or days of a course are not the learner's working time)
    if any(hours <= PART_TIME_HOURS for hours in weekly_hours(folded)):
        return True
    return any(not of_course(folded, m.start()) for m in _WEEKLY_DAYS.finditer(folded))


def learner_situations(text: str) -> frozenset[str]:
    """The situations a learner's message says they are in now, in any of the bot's
    languages ("quand j'étais au chômage" is not one, nor "mon mari est auto-entrepreneur", nor
    "or only for the unemployed?")."""
    folded = fold(text)

    def theirs(start: int) -> bool:
        before = folded[max(0, start - 80) : start]
        return (
            not _PAST.search(before[-40:])
            and not _NEGATED.search(before[-30:])
            and not _SOMEONE_ELSE.search(before)
            and not _GROUP_ASKED.search(before[-40:])
        )

    found = {
        name
        for name, pattern in LEARNER_PATTERNS.items()
        if any(theirs(m.start()) for m in pattern.finditer(folded))
    }
    if _works_part_time(folded):  # (the hours said outweigh "op een voltijds van 38u")
        found = (found - {"full_time"}) | {"part_time"}
    return frozenset(found)


def fact_situations(text: str) -> frozenset[str]:
    """The situations an English fact is about."""
    lowered = text.lower()
    return frozenset(name for name, p in FACT_PATTERNS.items() if p.search(lowered))


# A learner's age, folded: "I'm 23", "ich bin 38", "bin 23, arbeite", "Ich (34)", "j'ai 46
# ans", "tenho 23 anos", "my dad is 63" (whoever the message asks for).
_LEARNER_AGE = re.compile(
    r"\b(?:i'?m|i am|(?:he|she)(?:'s| is)|(?:dad|mum|mom|father|mother|husband|wife) is"
    r"|ich bin|ik ben|aged?)\s(\d{2})\b(?! ?(?:%|h\b|hours|uur|stunden|days|tage|dagen|weeks"
    r"|wochen|weken|months|monate|maanden|euros?|€))"
    r"|\b(\d{2}) (?:years? old|jahre alt|jaar oud|yo)\b"
    r"|\b(?:j'?\s?ai|ho|tengo|tenho|mam) (\d{2}) (?:ans|anni|anos|lat|lata)\b"
    # "bin 23, arbeite ...", "Ich (34) arbeite ..."
    r"|\bbin (\d{2})(?= ?(?:[,.;!]|und\b|jahre\b|$))"
    r"|\b(?:ich|je|i|io|yo|ik|ja|eu) \((\d{2})\)"
    # an age set apart: "Lehrerin in Berlin, 45 Jahre.", "(34 ans)"
    r"|(?:^|[,(]) ?(\d{2}) (?:jahre|ans|anni|anos|lat|jaar|years)(?= ?(?:[.,;)!?]|$))"
)
# The ages a fact is for (English).
_AGED_RANGE = re.compile(r"\baged (\d{2}) (?:to|and|-|–) (\d{2})\b")
_AGED_FROM = re.compile(r"\baged? (\d{2})(?:\+| (?:and|or) (?:over|older|above))")
_AGED_UNDER = re.compile(
    r"\b(?:aged|age limit is|people|persons|citizens|workers|employees|adults|anyone|those)"
    r" (?:\w+ )?(?:under|younger than|below) (?:the age of )?(\d{2})\b"
)


def learner_age(text: str) -> int | None:
    """The age a message gives (16 to 99), if any."""
    found = _LEARNER_AGE.search(fold(text))
    if found is None:
        return None
    age = int(next(group for group in found.groups() if group))
    return age if 16 <= age <= 99 else None


def fact_ages(text: str) -> tuple[int, int] | None:
    """The ages (first, last) an English fact is for, if it says."""
    lowered = text.lower()
    if found := _AGED_RANGE.search(lowered):
        return int(found.group(1)), int(found.group(2))
    if found := _AGED_FROM.search(lowered):
        return int(found.group(1)), 120
    if found := _AGED_UNDER.search(lowered):
        return 0, int(found.group(1)) - 1
    return None
