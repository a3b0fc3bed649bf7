"""The question side's patterns: for each intent (see `intents`), what asks it in the bot's
eight languages, folded (lower case, no accents); those about money are in `money_patterns`.
`intents.question_intents` reads a message with them.
"""

from __future__ import annotations

import re

from bot.guidance.compose.money_patterns import AMOUNT, CEILING, PAY
from bot.guidance.compose.patterns import any_of

# "if I lose my job", "verlies ik loon?": not a question of whether something expires.
_A_JOB = (
    r" (?:\w+ )?(?:job|work|arbeit|stelle|emploi|travail|baan|werk|lavoro|posto|trabajo|empleo"
    r"|emprego|prace|pay|salary|wages|lohn|gehalt|salaire|loon|salaris|stipendio|salario|sueldo)\b"
)

# Folded question patterns (lower case, no accents), eight languages each.
# Conditions: a person's ("what are the conditions?": may I) or those a course must meet ("¿qué
# requisitos tiene que cumplir la formación?": what counts).
_CONDITIONS = (
    r"\b(?:requisit[oi]s?|voraussetzungen|voorwaarden|warunki|conditions?|condizioni"
    r"|condiciones|condicoes|requirements|anforderungen|kriterien|criteria|criteres|criteri"
    r"|criterios|kryteria|wymagania|exigences|eisen)\b"
)
_OF_A_COURSE = (
    r".{0,30}\b(?:formacion|curso|formazione|corso|formacao|kurs|schulung|lehrgang|opleiding"
    r"|cursus|training|course|szkoleni)"
)

_SIGNED = (
    r"\bsigned\b|\bunterzeichne\w*|\bsigne (?:la|le|cette)\b|\bondertek\w*|\bfirmat[oa]\b"
    r"|\bfirmo\b|\bfirmad[oa]\b|\bpodpisa\w*|\bassin(?:ou|ad[oa])\b"
)
_TO_ME = "".join(rf"(?<!\b{word} )" for word in ("me", "mi", "mir", "mij", "mnie"))
_PAPER = (
    r"(?:form|formulario|solicitud|pif|cif|antrag|formular|formulaire|demande|aanvraag"
    r"|contract|contrato|contrat|vertrag|umowe|wniosek|pedido|domanda|modulo|richiesta"
    r"|papers?|documents?|dokument\w*|documento)\b"
)

QUESTION_PATTERNS: dict[str, re.Pattern[str]] = {
    "days": any_of(
        r"\bhow many (?:\w+ ){0,3}(?:days?|hours?|weeks?)\b", r"\bhow long\b",
        r"\bwie ?viele? (?:\w+ ){0,2}(?:tage?|stunden|wochen)\b", r"\bwie lange?\b",
        r"\bcombien (?:de |d'|d)?(?:\w+ )?(?:jours?|heures?|semaines?)\b", r"\bcombien de temps\b",
        r"\bhoeveel (?:\w+ )?(?:dagen|uur|uren|weken)\b", r"\bhoe lang\b",
        r"\bquant[ie] (?:\w+ )?(?:giorni|ore|settimane)\b", r"\bper quanto tempo\b",
        r"\bcuant[oa]s (?:\w+ )?(?:dias|horas|semanas)\b", r"\bcuanto tiempo\b",
        r"\bile (?:\w+ )?(?:dni|godzin|tygodni)\b", r"\bjak dlugo\b", r"\bna ile dni\b",
        # "where do I get more hours?": a comparison of amounts of time
        r"\b(?:more|mas|plus d[e']|mehr|meer|piu|wiecej|mais) ?(?:paid )?(?:hours|horas|heures"
        r"|stunden|uren|ore|godzin|days|dias|jours|tage|dagen|giorni|dni)\b",
        r"\bquant[oa]s (?:\w+ )?(?:dias|horas|semanas)\b", r"\bquanto tempo\b",
        # "5 Tage oder weniger?"
        r"\b\d+ (?:days?|hours?|tage?|stunden|jours?|heures?|dagen|uur|giorni|ore|dias|horas|dni"
        r"|godzin) (?:oder|or|ou|of|o|czy|albo) (?:weniger|mehr|less|fewer|more|moins|plus"
        r"|minder|meer|meno|piu|menos|mais|mniej|wiecej)\b",
    ),
    "amount": AMOUNT,
    "number": any_of(
        r"\bhow many\b", r"\bwie ?viele\b", r"\bcombien\b", r"\bhoeveel\b", r"\bquant[ie]\b",
        r"\bcuant[oa]s\b", r"\bile\b", r"\bquant[oa]s\b",
        # (and how many of them: "where do I get more hours?")
        r"\b(?:more|mas|plus d[e']|mehr|meer|piu|wiecej|mais) ?(?:paid )?(?:hours|horas|heures"
        r"|stunden|uren|ore|godzin|days|dias|jours|tage|dagen|giorni|dni)\b",
    ),
    "pay": PAY,
    "notice": any_of(
        r"\bhow (?:early|far in advance|soon)\b", r"\bnotice\b", r"\bin advance\b",
        r"\bwie fruh\b", r"\bvorher\b", r"\brechtzeitig\b", r"\ba l'avance\b", r"\bhoe vroeg\b",
        r"\bvooraf\b", r"\bpreavviso\b", r"\bin anticipo\b", r"\bcon (?:cuanta )?antelacion\b",
        r"\bz (?:jakim )?wyprzedzeniem\b", r"\bantecedencia\b",
        # "how long before must I ask?"
        r"\bhow long before\b", r"\bcombien de temps (?:a l'|en )?avance\b", r"\bop voorhand\b",
        r"\bquanto (?:tempo )?prima\b", r"\bcon cuanto tiempo\b", r"\bcuanto antes\b",
        r"\bquanto tempo antes\b", r"\bile (?:dni |tygodni |czasu )?wczesniej\b",
        r"\bcon quanto anticipo\b",
    ),
    "when": any_of(
        # (not "when I go on study leave", "quand je pars", "wanneer ik ga": a clause)
        r"\bwhen\b(?! (?:i|i'm|im|we|you|he|she|they|my|it's)\b)", r"\bdeadline\b",
        r"\bwann\b", r"\bfrist\b", r"\bquand\b(?! (?:je|j'|on|il|elle|nous|tu)\b)",
        r"\bdelai\b", r"\bwanneer\b(?! (?:ik|je|jij|we|wij|hij|zij|ze)\b)",
        r"\btermijn\b", r"\bquando\b", r"\bscadenza\b", r"\bcuando\b",
        r"\bplazo\b", r"\bkiedy\b", r"\btermin\b",
        r"\bprazo\b", r"\bdate limite\b", r"\bstichtag\b",
        r"\buiterste datum\b", r"\bfecha limite\b", r"\bdata limite\b", r"\bentro quando\b",
        r"\bdo kiedy\b", r"\bab wann\b", r"\bvanaf wanneer\b", r"\ba partir de quand\b",
        r"\bdesde cuando\b", r"\bod kiedy\b", r"\ba partir de quando\b", r"\bda quando\b",
        # "until when?": a deadline
        r"\bjusqu'?\s?a quand\b", r"\bbis wann\b", r"\btot wanneer\b", r"\bfino a quando\b",
        r"\bhasta cuando\b", r"\bate quando\b", r"\buntil when\b",
    ),
    "eligible": any_of(
        r"\b(?:am i|are we) (?:eligible|entitled)\b", r"\bentitled\b", r"\bright to\b",
        r"\bqualif(?:y|ies)\b", r"\b(?:can|do|could|would) i (?:get|have|use|claim)\b",
        r"\bapply to me\b", r"\bdoes (?:it|this|that) apply\b",
        r"\banspruch\b", r"\bberechtigt\b", r"\b(?:habe|hab|hatte|bekomme|kriege?) ich\b",
        r"\bsteht mir\b", r"\bgilt (?:das|es) (?:auch )?fur mich\b",
        r"\bai-je droit\b", r"\bdroit (?:a|au|aux)\b", r"\beligible\b", r"\bai-je\b",
        r"\best[- ]ce que j'ai\b",
        # "have I been there long enough?", "ai-je assez d'ancienneté ?"
        r"\b(?:long|old) enough\b", r"\benough (?:time|years|months|service|seniority)\b",
        r"\b(?:lange|alt) genug\b", r"\bassez (?:d'anciennete|longtemps|d'annees)\b",
        r"\blang genoeg\b", r"\b(?:abbastanza|sufficiente) anzianita\b",
        r"\banzianita (?:sufficiente|necessaria)\b", r"\b(?:suficiente|bastante) antiguedad\b",
        r"\bantiguedad suficiente\b", r"\b(?:tempo|antiguidade) suficiente\b",
        r"\b(?:wystarczajacy|dosc dlugi) staz\b", r"\bpuis-je (?:avoir|beneficier|obtenir)\b",
        r"\b(?:heb|krijg) ik\b", r"\brecht op\b", r"\bin aanmerking\b",
        r"\bho diritto\b", r"\bmi spetta\b", r"\bspetta(?:no)?\b", r"\bposso (?:avere|usare)\b",
        r"\btengo derecho\b", r"\bme corresponde\b", r"\bpuedo (?:pedir|tener|usar)\b",
        r"\bprzysluguje\b", r"\bmam prawo\b", r"\bczy (?:moge|dostane|mam)\b",
        r"\bnalez\w* mi sie\b",
        # "quiero saber qué derechos tengo allí"
        r"\b(?:what rights do i|welche rechte habe ich|quels (?:sont mes )?droits|welke rechten"
        r" heb ik|quali diritti ho|que derechos tengo|jakie mam prawa|que direitos tenho)\b",
        r"\bmoge (?:go |ja |je )?(?:dostac|skorzystac|wziac)\b",
        r"\btenho direito\b", r"\bposso (?:ter|usar|pedir)\b",
        r"\bcan i (?:get|have|take|use|claim|ask)\b", r"\b(?:kann|darf) ich\b",
        r"\bstehen mir\b", r"\best-ce que je peux\b", r"\bje peux\b", r"\bpuis-je\b",
        r"\b(?:kan|mag) ik\b", r"\bposso\b", r"\bpuedo\b", r"\bczy (?:moge|moze|mi)\b",
        r"\bnaleza mi\b", r"\bmi (?:sie )?nalez", r"\btenho de\b",
        # "is that possible?", "geht das so?": whether the learner may do what they describe
        r"\bis (?:that|this|it) (?:even )?possible\b", r"\bgeht das(?: so| uberhaupt)?\b",
        r"\bist das (?:uberhaupt )?moglich\b", r"\b(?:c'est|est-ce) possible\b",
        r"\bkan dat\b", r"\bis dat mogelijk\b", r"\be possibile\b", r"\bse puede\b",
        r"\bes posible\b", r"\bczy to (?:jest )?mozliwe\b", r"\be possivel\b",
        # "does my boss have to give it to me?": am I entitled
        r"\b(?:does|do|must) (?:he|she|they|my (?:boss|employer|manager)) (?:have to )?"
        r"(?:give|grant|let|allow)\b", r"\bmuss (?:er|sie|der|mein \w+) (?:mir|mich)\b",
        r"\bdoit-il (?:me|m')\b", r"\best-(?:il|elle) oblige\w* de me\b",
        r"\bmoet (?:hij|zij|ze|mijn \w+) (?:mij|me)\b", r"\bdeve (?:darmi|concedermi|lasciarmi)\b",
        r"\btiene que (?:darme|concederme|dejarme)\b", r"\bmusi mi (?:dac|przyznac|udzielic)\b",
        # "does she have to approve it, or is it a right?"
        r"\b(?:is|isn't) (?:it|that|this) (?:a|my) right\b",
        r"\bist (?:das|es) (?:ein|mein) recht\b", r"\bc'est un droit\b", r"\best-ce un droit\b",
        r"\bis (?:dat|het) een recht\b", r"\be un diritto\b", r"\bes un derecho\b",
        r"\be um direito\b", r"\bczy to (?:moje )?prawo\b",
        r"\b(?:have|has) to (?:approve|agree|accept)\b",
        r"\bmuss \w+ \w+ (?:das |es )?(?:uberhaupt )?(?:genehmigen|zustimmen|erlauben)\b",
        r"\bdoit (?:accepter|autoriser|valider)\b",
        # "is that possible?": may I (do what the message describes)
        r"\b(?:is|would) (?:that|it|this) (?:be )?possible\b",
        r"\b(?:ist|ware) (?:das|es) (?:\w+ )?moglich\b", r"\bc'est possible\b",
        r"\best-ce (?:que c'est )?possible\b", r"\b(?:kan|mag) dat\b", r"\bis dat mogelijk\b",
        r"\be possibile\b", r"\bes posible\b", r"\bse puede\b", r"\be possivel\b",
        # "what are the conditions?", "who is it for?" (not those a course must meet)
        _CONDITIONS + f"(?!{_OF_A_COURSE})",
        r"\bwho is it for\b", r"\ba chi si rivolge\b", r"\bfur wen ist\b",
        # "my colleagues in Cologne get 5 days. Me too?"
        r"\bme too\b", r"\b(?:yo|ik|ich|moi|io|eu) (?:tambien|ook|auch|aussi|anche|tambem)\b",
        r"\bbei mir auch\b", r"\bpour moi aussi\b", r"\banche per me\b",
        r"\bpara mi tambien\b", r"\bpara mim tambem\b", r"\bczy (?:\w+ ){0,2}tez (?:mam|mi)\b",
        r"\bczy to (?:jest )?mozliwe\b", r"\btem de me (?:dar|conceder|deixar)\b",
        # "how many days does the law give me?", "they have to give me days, right?"
        r"\b(?:give|gives|owe|owes) me\b", r"\b(?:gibt|geben|schuldet) (?:er |sie |mir )?mir\b",
        r"\bme (?:donne|donnent|doit|doivent)\b", r"\b(?:geeft|geven) (?:mij|me)\b",
        r"\bmi (?:da|danno|deve|devono)\b", r"\bme (?:da|dan|debe|deben|tienen que dar)\b",
        r"\b(?:daje|dadza|musza dac) mi\b", r"\bme (?:da|dao|deve|devem|tem de dar|tem que dar)\b",
    ),
    # "and how high does it go?": the most one can have or take
    "ceiling": CEILING,
    "age": any_of(
        r"\btoo (?:old|young)\b", r"\bage limit\b", r"\bhow old\b", r"\bat my age\b",
        r"\bzu (?:alt|jung)\b", r"\baltersgrenze\b", r"\bin meinem alter\b",
        r"\btrop (?:age|vieux|vieille|jeune)\b", r"\blimite d'age\b", r"\ba mon age\b",
        r"\bte (?:oud|jong)\b", r"\bleeftijdsgrens\b", r"\bop mijn leeftijd\b",
        r"\btroppo (?:vecchi[oa]|anzian[oa]|giovane)\b", r"\blimite di eta\b",
        r"\balla mia eta\b", r"\bdemasiado (?:mayor|viej[oa]|joven)\b",
        r"\blimite de edad\b", r"\ba mi edad\b", r"\bza (?:stary|stara|mlody|mloda)\b",
        r"\blimit wieku\b", r"\bw moim wieku\b", r"\b(?:velh[oa]|nov[oa]) demais\b",
        r"\bdemasiado (?:velh[oa]|nov[oa])\b", r"\blimite de idade\b", r"\bna minha idade\b",
    ),
    # What it pays for ("does the Bildungskonto cover my driving licence?"); "who pays for
    # the course?" is a question about pay, not this.
    "covers": any_of(
        r"\bcover\b", r"\buse (?:it|them|my \w+) for\b", r"\bbe used for\b", r"\brefund",
        # "what must the course meet?", "contam?", "¿vale un curso 100% online?"
        _CONDITIONS + f"(?={_OF_A_COURSE})",
        r"\b(?:contam|cuentan|contano)\b",
        # "must the course last a minimum of hours?"
        r"\bminim(?:o|um|um number of|al|aal aantal|alna liczba|e) (?:de |d'|of )?"
        r"(?:horas|hours|heures|uren|godzin|ore)\b",
        r"\bmindest(?:dauer|stunden)\b", r"\bdurata minima\b",
        r"\bvalen? (?:un|el|este|una|la|esta) (?:curso|formacion)\b",
        # "le 150 ore valgono anche per un corso di inglese?", "sirven para un curso?"
        r"\bval(?:e|gono) (?:anche )?per (?:un|una|il|la|i|le|questo|questa|corsi)\b",
        r"\b(?:sirven?|valen?) (?:tambien )?para (?:un|una|el|la|los|las|este|esta|cursos)\b",
        r"\b(?:serve|servem|vale|valem) (?:tambem )?para (?:um|uma|o|a|os|as|este|esta|cursos)\b",
        r"\bvalable pour\b",
        r"\bgilt (?:das|es|er|sie|der|die) (?:auch )?f(?:u|ue)r (?:einen|eine|den|das|kurse)\b",
        r"\bgeldt (?:dat|het|die) (?:ook )?voor (?:een|de|het|cursussen)\b",
        # "est-ce que le CPF peut payer mon permis ?"
        r"\b(?:cpf|compte|il|elle|ca) peut (?:\w+ )?payer\b", r"\bpuede pagar(?:me)?\b",
        r"\bpaid (?:with|by|from|through) (?:the |my |your |a |an )?(?:cpf|account"
        r"|learning account|budget|credit|voucher)\b", r"\bpode pagar\b", r"\bpuo pagare\b",
        r"\breimburs", r"\bubernimmt\b", r"\berstatt",
        r"\bf(?:u|ue)r (?:[\w-]+ ){0,3}(?:nutzen|verwenden|einsetzen)\b",
        r"\brembours", r"\bprend(?:re)? en charge\b", r"\butiliser (?:\w+ ){0,2}pour\b",
        r"\bvergoed", r"\bgebruiken voor\b", r"\bcopr(?:e|ire)\b", r"\brimbors",
        r"\busar(?:lo|la)? per\b", r"\bcubr(?:e|ir)\b", r"\breembols", r"\busar(?:lo|la)? para\b",
        r"\bpokry", r"\bzwroc", r"\bzwrot", r"\bcobr(?:e|ir)\b", r"\busar (?:\w+ ){0,2}para\b",
        # "is the course recognised?", "does it count?" (not "where are recognised courses?")
        r"\b(?:is|are) (?:it|this|that|they|these|the course|my course) (?:\w+ )?recogni[sz]ed\b",
        r"\b(?:does|will) (?:it|this|that|the course) count\b",
        r"\b(?:ist|sind) (?:der kurs|das|er|es|sie|die kurse) (?:\w+ ){0,4}anerkannt\b",
        r"\b(?:der kurs|das|er|es) (?:ist|wird) (?:\w+ ){0,4}anerkannt\b",
        r"\bzahlt (?:das|der|die|es)\b(?! (?:\w*agentur|firma|arbeitgeber|staat)\b)",
        r"\best-(?:il|elle|ce) (?:\w+ )?reconnue?\b",
        r"\b(?:geht|gilt|zahlt) (?:\w+ ){0,4}als bildungs(?:urlaub|zeit)\b",
        r"\b(?:cours|formation|il|elle|ce|ca) (?:est|sera) (?:\w+ )?reconnue?\b",
        r"\bis (?:het|dit|die|deze|de opleiding) (?:\w+ )?erkend\b",
        r"\btelt (?:dat|het|die|deze)\b", r"\b(?:e|sono) (?:\w+ )?riconosciut[oaie]\b",
        r"\besta (?:\w+ )?reconocid[oa]\b", r"\be (?:\w+ )?reconhecid[oa]\b",
        r"\bczy (?:\w+ ){0,3}uznan[ya]\b",
    ),
    # getting what one can do recognised without a diploma ("farmi riconoscere quello che so
    # fare", "VAE", "EVC")
    "validation": any_of(
        r"\b(?:skills?|experience|competenc\w*) (?:\w+ ){0,2}recogni[sz]", r"\bvalidat\w*",
        r"\brecogni[sz]\w* (?:of )?(?:my|prior) (?:skills|experience|learning)",
        r"\banerkenn\w*\b.{0,40}\b(?:kompetenz|erfahrung|kenntnis|konnen)\w*",
        r"\b(?:kompetenz|erfahrung|kenntnis)\w*\b.{0,40}\banerkenn\w*",
        r"\breconna[iî]tre (?:mon|mes|ma) (?:experience|competences|savoir)", r"\bvae\b",
        r"\b(?:ervaring|competenties) (?:\w+ )?(?:laten )?erkennen\b", r"\bevc\b",
        r"\briconosc\w* (?:\w+ ){0,3}(?:competenze|quello che so fare|esperienza)",
        r"\bcertificazione delle competenze\b",
        r"\breconoc\w* (?:\w+ ){0,2}(?:experiencia|competencias)",
        r"\bacreditacion de (?:competencias|la experiencia)\b",
        r"\bpotwierdz\w* (?:\w+ )?(?:umiejetnosci|kompetencj\w*|kwalifikacj\w*)",
        r"\buzna\w* (?:\w+ )?(?:umiejetnosci|kwalifikacj\w*)",
        r"\breconhec\w* (?:\w+ ){0,3}(?:experiencia|competencias)", r"\brvcc\b",
        # "que me reconozcan lo que sé hacer", "what I can do recognised"
        r"\b(?:recogni[sz]|reconoc|reconoz|reconna[iî]t|anerkenn|erken|riconosc|uzna|reconhec)\w*"
        r"(?:,? \w+){0,3},? (?:lo que se|ce que je sais|was ich kann|wat ik kan|quello che so"
        r"|to,? co umiem|o que sei|what i (?:know|can do))\b",
        r"\bwhat i (?:know|can do) (?:\w+ )?recogni[sz]ed\b",
        # "como posso provar as minhas competências?": skills shown without a diploma
        r"\b(?:prove|show|demonstrate|prouver|demontrer|dimostrare|provare|demostrar|probar"
        r"|acreditar|udowodnic|wykazac|provar|comprovar|demonstrar) (?:\w+ ){0,2}(?:skills"
        r"|experience|competenc\w*|competenze|esperienza|experiencia|umiejetnosci|kompetencj\w*)",
        r"\b(?:kenntnisse|fahigkeiten|kompetenzen|vaardigheden|competenties|ervaring)"
        r" (?:\w+ ){0,2}(?:nachweisen|belegen|aantonen|bewijzen)",
    ),
    "refuse": any_of(
        r"\brefus", r"\bsay no\b", r"\bdeny\b", r"\breject", r"\bpostpone\b",
        r"\bablehn", r"\bverweiger", r"\bnein sag(?:en|t)\b", r"\bverschieben\b",
        r"\bdire non\b", r"\breporter\b", r"\bweiger", r"\bafwijz", r"\bnee zeggen\b",
        r"\brifiut", r"\bnegare\b", r"\bdire di no\b", r"\brinviare\b",
        r"\bnegar(?:me|se)?\b", r"\brechaz", r"\bdenegar\b", r"\bdecir que no\b",
        r"\bodmow", r"\bodmaw", r"\bodmowi", r"\bprzesunac\b",
        r"\brecusa", r"\bdizer que nao\b", r"\badiar\b",
        # "and if she says no, what happens?"
        r"\bsays? no\b", r"\bsagt nein\b", r"\b(?:dit|dis|dise) non\b", r"\bzegt nee\b",
        r"\bdice (?:di |que )?no\b", r"\bdisser que nao\b", r"\bpowie nie\b",
        # "can he force me to use my CPF on it?": what an employer may impose
        r"\b(?:force|oblige) (?:me|us)\b", r"\bmake me use\b", r"\bzwingen\b",
        r"\b(?:m'|nous )?(?:obliger|forcer)\b", r"\b(?:obbligar|costringer)(?:mi|ci)\b",
        r"\bobligar(?:me|nos)\b", r"\bobrigar\b", r"\bzmusi", r"\b(?:dwingen|verplichten)\b",
        r"\bdirmi di no\b", r"\bdirme que no\b", r"\bdizer-me que nao\b", r"\bme dire non\b",
        # "am I obliged to accept?" (the employer's offer to spend my account on a course)
        r"\b(?:am i|do i have to|must i) (?:\w+ )?(?:obliged to )?accept\b",
        r"\b(?:suis-je|je suis) obligee? (?:d'accepter|de dire oui)\b",
        r"\bmuss ich (?:\w+ ){0,2}(?:annehmen|akzeptieren|zustimmen)\b",
        r"\bben ik verplicht (?:\w+ ){0,2}(?:te )?(?:accepteren|aanvaarden)\b",
        r"\b(?:sono|devo) (?:obbligat[oa] (?:ad )?)?accettare\b",
        r"\b(?:estoy obligad[oa] a|tengo que) aceptar(?:lo|la)?\b",
        r"\b(?:sou obrigad[oa] a|tenho de|tenho que) aceitar\b",
        r"\bmusze (?:sie )?(?:zgodzic|przyjac|zaakceptowac)\b",
        # "must I use my holidays for the exams?": what the employer may impose
        r"\b(?:use|take) (?:my |our )?(?:holidays?|annual leave|vacation days)\b",
        r"\burlaub (?:\w+ )?nehmen\b", r"\b(?:prendre|poser|utiliser) (?:mes |des |nos )?conges\b",
        r"\b(?:vakantie|verlof)dagen (?:\w+ )?(?:op)?nemen\b", r"\busare (?:le )?ferie\b",
        r"\b(?:usar|gastar|coger) (?:mis )?vacaciones\b",
        r"\b(?:usar|gastar|tirar) (?:as )?ferias\b",
        r"\b(?:brac|wziac|wykorzystac) urlop wypoczynkowy\b",
        # "may he limit it to 3 people a year?"
        # ("is there a distance limit?" asks what counts, not whether they may refuse)
        r"\b(?:can|may|could|allowed to|right to|to) (?:\w+ ){0,2}limit\b",
        r"\blimit(?:s|ed|ing|er|are|ar|ieren)\b", r"\bbegrenz", r"\bbeschrank", r"\bbeperk",
        r"\bogranicz",
    ),
    "apply": any_of(
        r"\bhow (?:do|can|should) i (?:apply|ask|request|get|start|use|register|sign)",
        # "how do I check how much is on my CPF?": where to look, in each language
        r"\bhow (?:do|can|could) i (?:check|see|find out|look up)\b",
        r"\bcomment (?:voir|verifier|consulter|connaitre)\b",
        r"\bwie (?:sehe|prufe|erfahre) ich\b",
        r"\bhoe (?:zie|check|controleer) ik\b", r"\bcome (?:posso )?(?:vedere|controllare)\b",
        r"\bcomo (?:puedo )?(?:ver|consultar|comprobar)\b", r"\bjak (?:sprawdzic|zobaczyc)\b",
        r"\bcomo (?:posso )?(?:ver|consultar|verificar)\b",
        r"\bapply\b(?! to (?:me|us|my|him|her|them|people|workers)\b)", r"\bapplication\b",
        r"\brequest\b", r"\bsign up\b", r"\bwhere do i\b(?! get more\b)",
        # "where do I apply?" in the other languages
        r"\bgdzie (?:sie )?(?:to )?(?:sklada|zlozyc|skladac|zglosic)", r"\bwo (?:beantrag|bewerb)",
        r"\bou (?:faire|deposer|envoyer) (?:la |ma )?demande\b", r"\bwaar (?:vraag|moet) ik\b",
        r"\bdove (?:si fa|faccio|presento) (?:la )?domanda\b",
        r"\bdonde (?:se )?(?:pide|solicita)", r"\bonde (?:se )?(?:pede|faz o pedido|peco)\b",
        r"\bbeantrag", r"\bantrag\b", r"\banmelden\b", r"\bwie (?:komme|bekomme) ich\b",
        r"\bcomment (?:faire|demander|obtenir|utiliser|s'inscrire)", r"\bdemande\b(?! de payer)",
        r"\bcomment (?:je fais|on fait|fait-on) pour\b", r"\bcomment (?:je )?(?:le |la )?demande",
        r"\bcome (?:lo |la )?(?:chiedo|richiedo|ottengo|si chiede)\b",
        r"\bdemarche", r"\bs'inscrire\b", r"\baanvra", r"\bhoe (?:vraag|krijg|doe) ik\b",
        r"\binschrijven\b", r"\bcome (?:faccio|posso|si fa)\b", r"\brichiest", r"\bdomanda\b",
        r"\bcomo (?:pido|solicito|hago|puedo|se pide|peco|faco|posso)\b", r"\bsolicit",
        r"\bjak (?:to )?(?:zlozyc|mam|moge|sie|uzyskac|zalatwic)\b",
        # "who is responsible for it?", "do I need to tell him in writing?"
        r"\bzustandig\b", r"\bquem trata\b", r"\bwho (?:handles|deals with|is responsible)\b",
        r"\bdo i (?:need|have) to tell\b", r"\bwniosek\b", r"\bpedido\b",
        r"\bcandidatar\b", r"\brequer", r"\battiv(?:o|are|arlo|arla)\b",
        # "from when can one submit it?"
        r"\beinreich", r"\bindienen\b", r"\bsubmit\b", r"\bpresentar la\b",
        # "do I ask for it myself, or does the firm?"
        r"\b(?:lo |la )?tengo que pedir\b", r"\bquien (?:lo |la )?(?:pide|solicita)\b",
        r"\b(?:tenho|preciso) de (?:o |a )?pedir\b", r"\bquem (?:o |a )?pede\b",
        r"\bwho (?:applies|has to apply|must apply)\b", r"\bdo i (?:have|need) to apply\b",
        r"\bkto (?:sklada|wnioskuje)\b", r"\bchi (?:la )?(?:chiede|richiede)\b",
    ),
    # "is there a replacement?", "if not, what then?": what came after it, or what else there is
    "successor": any_of(
        r"\breplace", r"\bsuccessor\b", r"\binstead\b", r"\balternative",
        # "if not, what then?" (a clause of its own)
        r"^\s*(?:and |en |und |et |e |y |i )?(?:if not|zo niet|wenn nicht|sinon|se no|si no"
        r"|jesli nie|se nao)\s*$", r"\bother (?:help|options?|support|funding|schemes?)\b",
        r"\bersatz\b", r"\bnachfolge", r"\bstattdessen\b", r"\bersetzt\b",
        r"\bandere (?:hilfe|moglichkeit|forderung)",
        r"\bremplac", r"\ba la place\b", r"\bsuccesseur\b",
        r"\bautres? (?:aides?|possibilites?|solutions?|dispositifs?)\b",
        r"\bvervang", r"\bopvolger\b", r"\bin plaats\b", r"\balternatie",
        r"\bandere (?:hulp|mogelijkhe|regeling)",
        r"\bsostitu", r"\bal suo posto\b", r"\binvece\b", r"\baltr[ie] (?:aiut|possibilit)",
        r"\bsustitu", r"\breemplaz", r"\ben su lugar\b", r"\ben vez de\b",
        r"\botras? (?:ayudas?|opcion|posibilidad)",
        r"\bzastap", r"\bzamiast\b", r"\bnastepc", r"\balternatyw",
        r"\binn[aey] (?:pomoc|mozliwos|program)",
        r"\bsubstitu", r"\bem vez\b", r"\bno (?:seu )?lugar\b",
        r"\boutr[oa]s? (?:apoios?|ajudas?)",
    ),
    "exists": any_of(
        r"\bstill (?:exist|available|possible|there|valid)", r"\babolish", r"\bended\b",
        r"\breplaced\b", r"\bnew (?:rules?|law|scheme)\b", r"\bchanged?\b", r"\bin 20\d\d\b",
        r"\bgibt es (?:\S+ ){0,3}(?:noch|nicht mehr)\b", r"\babgeschafft\b", r"\bneu(?:e|es)? ",
        r"\bexiste(?:-t-il)? (?:encore|toujours)\b", r"\bsupprim", r"\bnouve(?:au|lle)s?\b",
        r"\bbestaat (?:\S+ ){0,3}(?:nog|niet meer)\b", r"\bafgeschaft\b", r"\bnieuwe?\b",
        r"\besiste ancora\b", r"\babolit", r"\bnuov[aoie]\b", r"\bcambiat",
        r"\btodavia existe\b", r"\bsigue (?:existiendo|vigente)\b", r"\bsuprimid",
        r"\beliminad", r"\bnuev[oa]s?\b", r"\bnadal (?:istnieje|jest)\b", r"\bzlikwidowan",
        r"\bnow[aey]\b", r"\bzmian", r"\bainda existe\b", r"\bacabou\b", r"\bextint",
        r"\bnov[oa]s?\b",
        # "what happened to it?", "c'est fini depuis cette année ?", "gibt's das jetzt?"
        r"\bwhat happened to\b", r"\bczy (?:\w+ ){0,3}(?:tez )?jest (?:taki|takie|jakis)\b",
        # "my sister got it in 2023": whether it is still there for me
        r"\b(?:colleague|co-?worker|friend|brother|sister|mother|mum|mom|father|dad|wife|husband"
        r"|brother-in-law|sister-in-law|kollegin|kollege|schwester|bruder|mutter|vater|freundin"
        r"|freund|schwager|schwagerin|collegue|amie?|soeur|frere|mere|pere|beau-frere"
        r"|belle-soeur|collega|amic[oa]|sorella|fratello|madre|padre|cognat[oa]|companer[oa]"
        r"|amig[oa]|herman[oa]|cunad[oa]|colega|irma|irmao|mae|pai|cunhad[oa]|kolega|kolezanka"
        r"|przyjaciel\w*|siostra|brat|matka|ojciec|szwagier|vriendin|vriend|zus|broer|moeder"
        r"|vader|zwager|schoonzus)\b.{0,60}?\b20(?:0\d|1\d|2[0-5])\b",
        r"\bgibt'?s (?:\w+ ){0,3}(?:jetzt|schon|endlich|noch)\b",
        r"\bgibt es (?:\w+ ){0,3}(?:jetzt|schon|endlich)\b",
        r"\b(?:si perd(?:e|ono)|se pierden?|perdem-se|se perd(?:ent)?)\b",
        # "did she lose it?", "will my credit expire?"
        r"\bexpir", r"\blose (?:it|them|my|her|his)\b(?!" + _A_JOB + ")", r"\blost\b",
        r"\bdisappear", r"\bverfall", r"\bverloren\b", r"\bperdu", r"\bvervall", r"\bkwijt\b",
        r"\bscadut", r"\bscade\b", r"\bpers[oa]\b", r"\bcaduc", r"\bperdid[oa]\b",
        r"\bwygas", r"\bprzepad", r"\bexpirou\b", r"\bperd(?:i|eu)\b",
        r"\blose (?:those|these|the|that|this)\b(?!" + _A_JOB + ")",
        r"\b(?:verlier(?:e|t)?|perds?|verlies|perd[oe]|pierd[oe]n?|perc[oa]|strac\w*)\b"
        r"(?!" + _A_JOB + ")",
    ),
    "help": any_of(
        r"\bwho can help\b", r"\bwhere (?:can|do) i (?:get|find) (?:help|advice)", r"\badvice\b",
        # "I want my money back" (from a provider that cancelled): who can help get it
        r"\bmoney back\b", r"\bmon argent\b", r"\bmein geld\b", r"\bmijn geld\b",
        r"\bi miei soldi\b", r"\bmi dinero\b", r"\bo meu dinheiro\b", r"\bmoje pieniadze\b",
        r"\bcounsell?(?:or|ing)\b", r"\bwer hilft\b", r"\bberatung\b", r"\bhilfe\b",
        # (not "un appel d'un conseiller CPF qui dit ...": who called)
        r"\bqui (?:peut|pourrait) m'aider\b", r"(?<!appel d'un )\bconseil", r"\baide\b(?!-)",
        r"\bwie kan (?:mij|me) helpen\b", r"\badvies\b", r"\bhulp\b",
        r"\bchi (?:mi )?(?:puo|puoi) aiutar", r"\bconsulen", r"\baiuto\b",
        r"\bquien (?:me )?puede ayudar", r"\basesor", r"\bayuda\b",
        r"\bkto (?:mi )?(?:moze )?pomo", r"\bdoradc", r"\bpomoc\b",
        r"\bquem (?:me )?pode ajudar", r"\baconselhamento\b", r"\bajuda\b",
    ),
    "findings": any_of(
        r"\bevaluat", r"\bwhat (?:did|does) (?:it|they|the \w+) (?:find|show|conclude)",
        r"\bwhat did (?:\w+ ){1,4}learn\b",
        r"\bfindings\b", r"\bimpact\b", r"\bevaluier", r"\bevaluation\b", r"\bevaluatie",
        r"\bvalutazion", r"\bevaluacion", r"\bewaluac", r"\bavaliac", r"\bwirkung\b",
    ),
    # "is it mandatory for Spain to create it?", "is the Recommendation binding?"
    "binding": any_of(
        r"\bbinding\b", r"\bmandatory\b", r"\bcompulsory\b", r"\bobligatoire\b",
        r"\bcontraignant", r"\bverbindlich", r"\bverpflichtend\b", r"\bpflicht\b",
        r"\bverplicht\b", r"\bbindend\b",
        r"\bobbligatori[oa]\b", r"\bvincolant[ei]\b", r"\bobligatori[oa]\b", r"\bvinculante\b",
        r"\bobrigatori[oa]\b", r"\bobowiazkow", r"\bwiazac",
        # "is Portugal obliged to create one?"
        r"\bobliged to\b", r"\bverpflichtet\b", r"\boblige de\b", r"\bverplicht om\b",
        r"\bobbligat[oa] a\b", r"\bobligad[oa] a\b", r"\bobrigad[oa] a\b", r"\bzobowiazan",
        # "is there an obligation for the States?"
        r"\b(?:an|une|eine|een|un|una|uma|any) (?:legal )?(?:obligation|verpflichtung|pflicht"
        r"|verplichting|obbligo|obligacion|obrigacao)\b", r"\bobowiazek\b",
    ),
    # "HR says I won't get the 21 days because it is postgraduate. Is that true?": a claim to
    # check, which the fact closest to it answers rather than a summary
    "verify": any_of(
        r"\bis (?:it|this|that) (?:really )?true\b", r"\bis that right\b",
        r"\bstimmt (?:das|es)\b", r"\bwas stimmt\b", r"\bist das (?:wahr|richtig)\b",
        r"\bc[' ]?est (?:vrai|exact)\b", r"\best-ce (?:vrai|exact)\b", r"\bklopt (?:dat|het)\b",
        r"\bis dat (?:waar|juist)\b", r"\be vero\b", r"\bdavvero\b", r"\bes (?:verdad|cierto)\b",
        r"\bczy to prawda\b", r"\bto prawda\b", r"\be verdade\b", r"\bisso e verdade\b",
    ),
    # "un conseiller m'appelle et veut le code reçu par SMS, c legit ou pas ?": whether a call,
    # a text or an offer can be trusted
    "scam": re.compile(
        r"\b(?:legit|scam|fraud|arnaque|escroquer|betrug|abzocke|oplicht|truffa|estafa|oszust)"
        r"|\b(?:timo|golpe|burla)\b"
    ),
    # "Which EU countries have learning accounts?": how many and which
    "countries": any_of(
        r"\b(?:which|what|how many) (?:eu |european |other )?(?:countries|member states)\b",
        r"\bquels (?:autres )?pays\b", r"\bwelche(?:n)? (?:eu-)?(?:lander|staaten)\b",
        r"\bwelke (?:eu-)?landen\b", r"\bquali (?:altri )?paesi\b", r"\bque (?:otros )?paises\b",
        r"\bquais (?:os )?(?:outros )?paises\b", r"\bktore (?:kraje|panstwa)\b",
    ),
    # (not a form signed for the learner: "mi jefe me firmó el PIF")
    "ratified": any_of(r"\bratif", rf"{_TO_ME}(?:{_SIGNED})(?!(?: \w+)?? {_PAPER})"),
    "what": re.compile(
        "(?:"
        + "|".join((
            r"\bwhat (?:is|are|does|'s)\b", r"\bwas (?:ist|sind|bedeutet)\b", r"\bc'est quoi\b",
            r"\bqu'est-ce (?:que|qu)\b", r"\bwat (?:is|zijn|betekent)\b", r"\bcos'e\b",
            r"\bche cos", r"\bque es\b", r"\bo que (?:e|sao)\b", r"\bhoe werkt\b", r"\bque son\b",
            r"\bqu[eé] significa\b", r"\bcosa sono\b", r"\bco to (?:jest|sa)\b", r"\bczym jest\b",
            r"\bjak to dziala\b",
            r"\bcome funziona\b", r"\bhow does (?:it|this|that) work\b", r"\bwie funktioniert\b",
            r"\bcomment (?:ca|cela) (?:marche|fonctionne)\b", r"\bcomo funciona\b",
        ))
        # "c'est quoi la date limite?" asks for a date, not what a scheme is.
        + r")(?! (?:\w+ )?(?:date|deadline|limit|frist|delai|termijn|termine|scadenza|plazo"
        r"|prazo|termin|amount|montant|betrag|bedrag|importo|cantidad|montante|kwota|difference"
        r"|unterschied|verschil|differenza|diferencia|diferenca|roznica|conditions?|requirements"
        r"|voraussetzungen|bedingungen|voorwaarden|condizioni|requisiti|requisitos|condiciones"
        r"|condicoes|warunki)\b)"
    ),
}  # fmt: skip
