"""The question side's patterns for money: what asks how much ("combien j'ai sur mon CPF ?"),
whether it is paid or who pays ("mi pagano?", "a gift, or must I pay it back?"), how high it goes
("jusqu'à combien ça monte ?"), folded (lower case, no accents), in the bot's eight languages.
`question_patterns.QUESTION_PATTERNS` holds them with the other intents'.
"""

from __future__ import annotations

from bot.guidance.compose.patterns import any_of

# "Can I get money from the state while I study?": whether it is paid, not whether one may.
MONEY = any_of(
    r"\b(?:get|receive) (?:any |some )?(?:money|income)\b(?! back)",
    r"\bgeld (?:bekommen|kriegen|krijgen)\b", r"\bkrijg (?:ik|je) (?:\w+ )?geld\b",
    r"\b(?:recevoir|toucher) (?:de l'argent|une aide)\b",
    r"\b(?:ricevere|avere|prendere) (?:dei |qualche )?soldi\b",
    r"\b(?:recibir|cobrar) (?:algo de |algun )?dinero\b", r"\breceber (?:algum )?dinheiro\b",
    r"\b(?:dostac|dostane|dostawac) (?:jakies )?pieniadze\b",
)

AMOUNT = any_of(
    r"\bhow much\b(?! time| leave)", r"\bwhat (?:does it|is the) cost", r"\bbalance\b",
    r"\bwie ?viel\b(?! zeit| urlaub| tage)", r"\bwas kostet\b", r"\bkosten\b", r"\bguthaben\b",
    r"\bcombien\b(?! de (?:jours|temps|semaines|heures)| d'heures)", r"\bcoute\b",
    r"\bsolde\b",
    r"\bhoeveel (?:geld|euro|kost)", r"\bwat kost\b", r"\bsaldo\b",
    # "droit à plus d'argent sur mon CPF que les autres ?": how much more
    r"\b(?:plus d'argent|more money|mehr geld|meer geld|piu soldi|mas dinero"
    r"|wiecej pieniedzy|mais dinheiro)\b",
    r"\bhoeveel (?:kan|krijg|mag|moet|betaal|leen)\w* (?:ik|je|we)\b",
    r"\bquant[oi] (?:costa|soldi|denaro|euro|ricev|mi spetta|prend)", r"\bcosto\b",
    r"\bcuanto (?:dinero|cuesta|euros|recib|me dan|cobr)", r"\bcuesta\b",
    r"\bile (?:pieniedzy|kosztuje|euro|dostan|zlotych|zl)\b", r"\bkwot[ay]\b",
    r"\bquanto (?:dinheiro|custa|recebo|euros)", r"\bcusta\b",
    r"\bcuanto (?:tengo|hay|me queda)\b", r"\bquanto (?:ho|mi resta|tenho)\b",
    r"\bcombien (?:j'ai|il me reste|ai-je)\b", r"\bwie ?viel (?:habe|hab) ich\b",
    r"\bile mam\b", r"\bhoeveel heb ik\b", r"\bhow much (?:do i have|is (?:on|in))\b",
    r"\bquanto\b(?! tempo| prima| anticipo)", r"\bcuanto\b(?! tiempo| antes)",
    r"\bile\b(?! (?:dni|godzin|tygodni|czasu|wczesniej))",
    # "what is the amount per day?", "wie hoch ist die Beihilfe?", "quel est le montant ?"
    r"\bwhat(?:'s| is| are) the (?:\w+ ){0,3}(?:amounts?|rates?|sums?)\b",
    r"\bwie hoch\b", r"\b(?:welcher|der) betrag\b", r"\bquel(?:le)? est le (?:montant|taux)\b",
    r"\bhet bedrag\b", r"\bl'importo\b", r"\b(?:el importe|la cuantia)\b",
    r"\bjaka (?:jest )?(?:kwota|stawka)\b", r"\bqual (?:e|é) o (?:valor|montante)\b",
)


# What pays for a course, not a person who is paid: the account, a budget, a voucher.
_PAYER = r"(?:the |my |your |a |an )?(?:cpf|account|learning account|budget|credit|voucher)"

PAY = any_of(
    # ("I paid 1,400 euros", "j'ai payé une formation": what happened, not an ask)
    # (not "to be paid with the CPF": what the account pays for)
    r"\bwho pays\b",
    r"(?<!\bi )(?<!\bwe )\b(?:un)?paid\b(?! (?:with|by|from|through) " + _PAYER + ")",
    r"\bsalary\b", r"\bwages?\b",
    r"\bpay (?:for|me)\b",
    r"\bwer (?:zahlt|bezahlt|tragt)", r"\bbezahlt\b", r"\bgehalt\b", r"\blohn\b",
    r"\bzahlt (?:der|die|mein|meine) (?:arbeitgeber|chef|chefin|firma)\b",
    r"\bqui (?:paie|paye|finance|prend en charge)",
    r"(?<!j'ai )(?<!on a )\bpaye(?:e|s|es)?\b",  # (not "pays": countries)
    r"\bremunere",
    r"\bsalaire\b", r"\bwie betaalt\b", r"\bbetaald\b", r"\bloon\b", r"\bsalaris\b",
    r"\bchi paga\b", r"\bpagat[oaie]\b", r"\bretribuit[oaie]\b", r"\bstipendio\b",
    # "me lo pagano?", "mi pagano i giorni?": whether they pay the learner
    r"\b(?:me|mi) (?:l[oa] |li )?pag(?:ano|a|heranno|hera)\b",
    r"\bquien paga\b", r"\bpagad[oa]s?\b", r"\bretribuid[oa]\b", r"\bsueldo\b",
    r"\bsalario\b", r"\bkto (?:placi|zaplaci|pokrywa)", r"\bplatn[yaeo]\b",
    r"\bwynagrodzeni", r"\bpensj", r"\bquem paga\b", r"\bpag[oa]\b", r"\bremunerad",
    r"\bsalario\b", r"\bordenado\b",
    # "is it actually free?", "tenho de pagar os 10%?"
    r"\b(?:is it|is this|it's|actually|completely|really) free\b",
    r"\bfree (?:for|of charge)\b", r"\bfor free\b",
    r"\b(?:have|need) to pay\b", r"\bkostenlos\b", r"\bumsonst\b", r"\bgratis\b",
    r"\b(?:muss|musste|soll) (?:ich|man) (?:\w+ ){0,3}(?:be)?zahlen\b", r"\bgratuite?s?\b",
    r"\b(?:dois-je|je dois|faut-il|il faut) (?:\w+ ){0,2}payer\b", r"\bgratuit[oa]s?\b",
    r"\bmoet(?:en)? (?:ik|we|je) (?:\w+ ){0,3}betalen\b", r"\bzelf betalen\b",
    # "moet mijn werkgever mijn opleiding betalen?", "does my employer have to pay for it?"
    r"\b(?:moet|muss|must|has to|have to|doit|doit-il|deve|debe|tiene que|musi|tem de|tem que)"
    r" (?:\w+ ){0,4}(?:betalen|bezahlen|zahlen|pay|payer|pagare|pagar|zaplacic|placic)\b",
    r"\b(?:devo|dobbiamo|bisogna) (?:\w+ ){0,2}pagare\b",
    r"\b(?:tengo|tienen|tiene|hay|tenho|tem|temos) (?:que|de) (?:me |lhe |nos )?pagar\b",
    r"\bbezplatn",
    r"\bdarmow", r"\bmusze (?:\w+ ){0,2}(?:za)?placic\b",
    r"\b(?:musi|ma) (?:mi )?(?:za)?placic\b", r"\bdofinansowan",
    MONEY.pattern,
    r"\b(?:any|some) funding\b", r"\bis there (?:any )?funding\b",
    # "mi pagano?", "¿cobro algo?", "muss der Chef mich dafür bezahlen?"
    r"\bmi pagan[oa]\b", r"\bcobr(?:o|ar)\b", r"\bmich (?:\w+ ){0,2}(?:be)?zahlen\b",
    # "why am I asked to pay 103 euros?"
    r"\bdemande(?:nt)? de payer\b", r"\bwhy (?:\w+ ){0,4}pay\b",
    r"\bpourquoi (?:\w+ ){0,4}payer\b",
    r"\bwarum (?:\w+ ){0,4}(?:be)?zahlen\b", r"\bperche (?:\w+ ){0,4}pagare\b",
    r"\bpor ?que (?:\w+ ){0,4}pagar\b", r"\bdlaczego (?:\w+ ){0,4}(?:za)?placic\b",
    r"\bwaarom (?:\w+ ){0,4}betalen\b",
    # "é preciso pagar licença?", "do we need to pay for a licence?"
    r"\b(?:e )?precis[oa](?:mos)? (?:de )?pagar\b", r"\bhay que pagar\b",
    r"\b(?:pay|zahlen|payer|betalen|pagare|pagar|placic)\b(?: \w+){0,3} licen[cszt]",
    # "is it a gift or must I pay it back?": a loan or a grant
    r"\b(?:pay|paying) (?:it |this |that |them )?back\b", r"\brepa(?:y|id)\b",
    r"\b(?:loan|grant) or (?:a )?(?:loan|grant|gift)\b", r"\bzuruck ?(?:be)?zahlen\b",
    r"\bterug ?(?:te )?betalen\b", r"\b(?:een )?gift of\b",
    r"\b(?:pret|prestito|prestamo|emprestimo|pozyczk[aie]|darlehen|kredit) o[du]?\b",
    # (with who must: "can the Bildungskonto give me back part of the costs?" asks what it
    # covers)
    r"\b(?:dois-je|je dois|faut-il|il faut) (?:le |la |les )?rembourser\b",
    r"\b(?:devo|bisogna) restituir", r"\b(?:hay|tengo|tienes|tenho|tem) (?:que|de) devolver",
    r"\bmusze (?:to )?(?:oddac|zwrocic)\b", r"\bsplaci", r"\bpagar de volta\b",
)


# "and how high does it go?": the most one can have or take
CEILING = any_of(
    r"\bup to how (?:much|many|long)\b", r"\bhow high\b", r"\b(?:the )?(?:maximum|ceiling)\b",
    # (not "at most", "höchstens": "the boss says at most 3 of us a year" is a story)
    r"\bbis zu wie ?viele?\b", r"\bhochst(?:betrag|grenze)\b",
    r"\bmaximal\b", r"\bobergrenze\b", r"\bjusqu'? ?a combien\b", r"\bplafond\b",
    r"\bau maximum\b", r"\btot hoeveel\b", r"\bmaximaal\b", r"\bfino a quant[oiae]\b",
    r"\b(?:al )?massimo\b", r"\btetto\b", r"\bhasta cuant[oa]s?\b", r"\b(?:como )?maximo\b",
    r"\btope\b", r"\bdo ilu\b", r"\bmaksymaln", r"\bpulap", r"\bate quant[oa]s?\b",
    r"\bteto\b",
)
