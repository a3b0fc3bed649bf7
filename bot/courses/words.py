"""The words the course finder listens for, in our eight languages; data, no logic.

Everything is written folded (lower case, no accents: "près" -> "pres", "ł" -> "l") and as
words separated by single spaces, the way `query.read_cues` sees a message ("j'ai" -> "j ai").
Entries may use regular-expression syntax (`\\w*`, groups); each is matched as whole words.
"""

from __future__ import annotations


def table(text: str) -> tuple[str, ...]:
    """`a|b` entries, over as many lines as needed, into a tuple."""
    return tuple(part.strip() for part in text.replace("\n", "|").split("|") if part.strip())


def word_set(text: str) -> frozenset[str]:
    return frozenset(table(text))


# Words for a course; a message must name one to be a course search.
COURSE_NOUNS = table("""
    course|courses|class|classes|training|trainings|workshop|workshops|lesson|lessons|seminar
    |seminars|bootcamp|programme|program
    kurs|kurse|kursen|kurses|lehrgang|lehrgange|seminare|weiterbildung|weiterbildungen
    |fortbildung|fortbildungen|schulung|schulungen|unterricht
    cours|formation|formations|atelier|ateliers
    cursus|cursussen|opleiding|opleidingen|lessen
    corso|corsi|formazione|lezione|lezioni
    curso|cursos|formacion|clase|clases|taller|talleres
    kursy|kursu|kursow|szkolenie|szkolenia|szkolen|zajecia|warsztaty
    formacao|formacoes|aula|aulas
""")
# Endings that make a compound a course ("Englischkurs", "taalcursus", "avondopleiding").
COMPOUND_NOUNS = ("kurse", "kurs", "cursus", "opleiding", "seminar", "schulung", "lehrgang",
                  "training", "unterricht")  # fmt: skip
# A course word next to one of these is about leave or money ("training leave", "compte
# formation", "permiso ... formación"), not a course to find.
NOT_A_COURSE = word_set("""
    leave|budget|account|fund|funds|voucher|vouchers|credit|allowance|grant|days|hours|conge
    |compte|cheque|cheques|verlof|congedo|permiso|urlop|konto|urlaub|karenz|beihilfe|geld
    |stunden|heures|uren|ore|horas|godzin|dias|giorni|tage|jours|dagen|provider|providers
    |anbieter|organisme|organismes|aanbieder|aanbieders|ente|enti|proveedor|proveedores
    |prestatore|prestatori|dostawca|organizator|entidade|entidades
""")

# Questions for the knowledge base, not searches: (reason, pattern).
GUIDANCE: tuple[tuple[str, str], ...] = (
    ("asks how much or how many", r"how (many|much|long|often|early|soon)|wie (viele?|lange"
     r"|oft|fruh)|wieviele?|combien|hoeveel|hoelang|quant[aeio]s?|cuant[ao]s?|ile|ilu"),
    ("asks about rights", r"entitle\w*|right to|my rights|allowed to|anspruch|recht auf"
     r"|zusteh\w*|droit (a|au|aux)|j ai droit|ai je droit|mes droits|recht op|rechten"
     r"|ho diritto|diritto (a|al|alla)|miei diritti|spett(a|ano)|tengo derecho|derecho a"
     r"|mis derechos|me corresponde\w*|prawo do|przysluguj\w*|tenho direito|direito a"
     # "hay cursos gratis q se llaman springboard, es pa mi tambien?"
     r"|(is it|is that|is this|es|est ce|c est|ist (das|es)|is (het|dat)|e|jest (to )?|vale)"
     r" (\w+ ){0,2}(pa|para|per|pour|for|fur|voor|dla) (mi|mim|me|moi|mich|mij|mnie)"),
    ("asks about pay or money", r"salary|wages?|paid leave|get paid|getting paid|keep my pay"
     r"|(free|my|the|get|much|enough|any|some) money|money (for|back|on)|refund\w*|my balance"
     r"|cpf balance|scam|gehalt|lohn|geld|erstatt\w*|salaire|argent|rembours\w*|arnaque"
     r"|salaris|loon|terugbetal\w*|stipendio|soldi|rimbors\w*|sueldo|salario|dinero"
     r"|reembols\w*|wynagrodz\w*|pieniadz\w*|pieniedzy|zwrot\w*|dinheiro"
     r"|co ?payment|reste a charge|participation forfaitaire|eigen(anteil|beitrag|bijdrage)"
     r"|zuzahlung|copago|contributo|wklad wlasny|comparticipacao"
     # who pays part of a course ("czy land dopłaca do kursów?"; not "a funded course")
     r"|doplac\w*|doplaty?|dofinansowuj\w*|fordert|subventionne\w*|subsidieert|subsidiert"
     r"|sovvenziona|subvenciona|financia|subsidi[sz]es?|co ?funds?|funds"
     # a loan for one's studies ("ik wil lenen voor mijn opleiding")
     r"|loans?|borrow\w*|lenen|lening|\w*krediet|\w*kredit|darlehen|(un|d un|le) pret"
     r"|emprunt\w*|prestit\w*"
     r"|prestamo\w*|pozyczk\w*|kredyt\w*|emprestimo\w*"
     # "est-ce que le CPF peut payer une formation en anglais ?"
     r"|(peut|peuvent|can|could|kann|kan|puo|puede|pode|moze) (\w+ ){0,3}(payer|pay for"
     r"|bezahlen|betalen|pagare|pagar|zaplacic|financer)"),
    ("is about the employer", r"employer|boss|arbeitgeber\w*|mein\w* chef|employeur"
     r"|mon patron|werkgever|mijn baas|datore|mio capo|empleador|mi jefe|pracodawc\w*"
     r"|szef\w*|empregador|meu chefe"),
    ("is a legal question", r"sue|lawyer|court case|labour court|klagen?|anwalt|tribunal"
     r"|avocat|advocaat|rechter|avvocato|abogado|prawnik|advogado"),
    ("asks for a database or website", r"database|website|web site|portal|official|datenbank"
     r"|webseite|offiziell\w*|base de donnees|site officiel|officiel\w*|databank|officiele"
     r"|banca dati|ufficial\w*|base de datos|oficial\w*|baza|bazy|oficjaln\w*|base de dados"
     # "gdzie szukać? jest jakaś strona po niemiecku?"
     r"|(jakas|jakies|jaka|jakiejs) stron\w*|stron\w* internetow\w*|webpage|site internet"
     r"|internetseite|sito internet|pagina web|sitio web|site na internet"),
    ("a provider speaks", r"our ([\w-]+ ){0,3}(course|courses|training|trainings|modules?"
     r"|learners|students|catalogue)|we offer|unser\w* (kurs\w*|seminar\w*|schulung\w*)"
     r"|nos formations|notre formation|onze (cursus\w*|opleiding\w*)|nostr[oi] cors[oi]"
     r"|nuestros? curso\w*|nasz\w* kurs\w*|nossos? curso\w*"),
    ("asks how to pay or apply", r"(how|who) (do|can|does|to|should|will) (\w+ ){0,3}(use|pay"
     r"|finance|fund|apply|claim|cover)\w*|who pays|what funding|comment (financer|utiliser|payer"
     r"|demander|obtenir)|qui paie|wie (nutze|nutzt|bezahle|finanziere|beantrage|funktioniert)"
     r"|wer (bezahlt|zahlt)|hoe (gebruik|betaal|financier|vraag|werkt)|wie betaalt"
     r"|come (funziona|uso|usare|pago|pagare|finanzio|chiedo)|chi paga|como (uso|usar|pago|pagar"
     r"|financio|solicito|funciona)|quien paga|jak (wykorzystac|uzyc|zaplacic|sfinansowac"
     r"|dziala)|kto placi|como (usar|pagar|funciona)|jak (\w+ ){0,2}(zlozyc|zalatwic|wnioskowac)"),
    ("asks whether something counts", r"(am|is|are|be|does|do|would|will|can) (\w+ ){0,6}"
     r"(eligible|covered|count|recogni[sz]ed|usable|be used)"),
    # "Ist ein Yogakurs als Bildungsurlaub erlaubt?", "ce cours est-il reconnu ?"
    ("asks whether a course is allowed or recognised", r"erlaubt|anerkannt|zulassig|reconnue?s?"
     r"|accepte(e|s)?|agree(e|s)?|erkend|toegestaan|riconosciut\w*|consentit\w*"
     r"|reconocid\w*|permitid\w*|uznawan\w*|uznan\w*|dozwolon\w*|reconhecid\w*"),
    # "Bestaat het STAP-budget nog? Ik wil een cursus Excel doen."
    ("asks whether a scheme still exists", r"(bestaat|bestaan|exist\w*|esiste\w*|istniej\w*"
     r"|gibt es|gibts)\b.{0,40}\b(nog|still|noch|encore|ancora|todavia|aun|jeszcze|ainda)\b"
     r"|\b(nog|still|noch|encore|ancora|todavia|aun|jeszcze|ainda) (exist\w*|bestaat|esiste"
     r"|istnieje|available|a thing|there)"),
)  # fmt: skip
# Yes-no questions about the learner ("can I use", "kann ich", "puis-je"): guidance, unless
# the message also asks to find something.
YES_NO = (
    r"(can|could|may|do|does|did|will|would|am|should|must|have) (i|we|my|our|it|this|that"
    r"|they)|is (this|it|that|my)|are (these|they|those|my)"
    r"|(kann|konnte|darf|muss|soll|habe|hab|bekomme|kriege|bin) ich|ich (muss|darf)"
    r"|(puis|peux|dois|ai|suis|vais|aurai) je|est ce que (je|j|mon|ma|mes)"
    r"|(heb|kan|mag|moet|krijg|ben) ik|posso|devo|puedo|debo|czy (moge|mam|musze)"
    r"|(peut|peuvent|doit|doivent) (il|ils|elle|elles|on)|(kann|muss|darf) (er|sie|man)"
    r"|(kan|moet|mag) (hij|zij|ze|men)|(puo|possono|deve|devono)|(puede|pueden|debe|deben)"
    r"|czy (moze|moga|musi|musza)|(pode|podem|tem de|tenho de|perco|perde)"
)
FIND_VERBS = (
    r"find|search|look for|looking for|finden|suchen|suche|sucht|trouver|chercher|cherche"
    r"|vinden|zoeken|zoek|trovare|cercare|cerco|encontrar|buscar|busco|znalezc|szukac|szukam"
    r"|achar|procurar|procuro"
)

# "Are there courses ...?": asking for courses in so many words, like "find".
ARE_THERE = table("""
    are there|is there|gibt es|y a t il|il y a|zijn er|is er|ci sono|c e|hay|czy sa|czy jest
    |ha|existem|existe
""")
# Words that make a course the object of something else ("leave for a course").
FOR_A = table("""
    for|a|an|fur|einen|eine|ein|pour|un|une|voor|een|per|uno|para|una|um|uma|dla|na
""")

# Words that ask to find something.
SEARCH = table(r"""
    find|finding|looking for|look for|search|searching|show me|recommend|suggest|are there
    |is there|do you have|do you know|i want|i d like|i would like|i need|sign up for|enrol in
    |suche|suchen|sucht|find\w*|zeig\w*|gibt es|ich mochte|ich will|ich brauche|empf[ie]\w*
    |wo kann ich
    |cherch\w*|recherch\w*|trouv\w*|montre\w*|y a t il|il y a|je voudrais|je veux|j aimerais
    |besoin d|conseill\w*|ou puis je|zoek\w*|vind\w*|toon|is er|zijn er|ik wil|ik zou graag
    |aanrad\w*|waar kan ik|cerco|cercando|cercare|cerchi\w*|trov\w*|mostra\w*|c e|ci sono
    |vorrei|voglio|consigli\w*
    |dove posso|ho bisogno|busc\w*|encontr\w*|muestra\w*|hay|quiero|quisiera|me gustaria
    |recom[ie]nd\w*|necesito|donde puedo|szuk\w*|znajdz\w*|znalezc|pokaz\w*|czy jest|czy sa
    |chce|chcialbym|chcialabym|potrzebuje|polec\w*|gdzie moge|procur\w*|mostr\w*|ha|existe
    |quero|gostaria|preciso|recomend\w*|onde posso
""")
NEAR_ME = table("""
    near me|nearby|close to me|close by|around me|around here|in my area|near my home
    |near where i live|in der nahe|in meiner nahe|hier in der nahe|bei mir|pres de chez moi
    |a proximite|pres d ici|autour de moi|in de buurt|bij mij in de buurt|dichtbij|vicino a me
    |qui vicino|nelle vicinanze|cerca de mi|cerca de aqui|cerca de casa|w poblizu|blisko mnie
    |perto de mim|perto de casa|aqui perto
""")
SCHEDULES: dict[str, tuple[str, ...]] = {
    "evening": table("""
        evening|evenings|in the evening|at night|night|nights|after work|abend|abends|am abend
        |feierabend|soir|soiree|soirees|du soir|le soir|avond|avonden|s avonds|sera|serale
        |serali|di sera|noche|noches|nocturno|de noche|por la noche|wieczor\\w*|noite|noturno
        |pos laboral"""),
    "daytime": table("""
        daytime|during the day|morning|mornings|afternoon|afternoons|tagsuber|vormittag\\w*
        |nachmittag\\w*|morgens|journee|en journee|matin|matinee|apres midi|overdag|ochtend
        |middag|di giorno|mattina|pomeriggio|diurno|manana|de dia|tarde|rano|w ciagu dnia
        |dzienn\\w*|durante o dia|manha"""),
    "weekend": table("""
        weekend|weekends|saturday|saturdays|sunday|sundays|wochenende|wochenenden|samstag\\w*
        |sonntag\\w*|week end|samedi|samedis|dimanche|zaterdag|zondag|fine settimana|sabato
        |domenica|fin de semana|fines de semana|sabado|domingo|weekendow\\w*|w weekendy|sobota
        |soboty|fim de semana|fins de semana|sabados"""),
    "self-paced": table("""
        self paced|own pace|my own pace|at my pace|anytime|any time|eigenen tempo
        |selbstlern\\w*|a mon rythme|a son rythme|a votre rythme|eigen tempo|al mio ritmo
        |a mi ritmo|a tu ritmo|we wlasnym tempie|ao meu ritmo|ao seu ritmo"""),
}
MODES: dict[str, tuple[str, ...]] = {
    "online": table("""
        online|on line|remote|remotely|distance learning|at a distance|e learning|elearning
        |virtual|from home|from anywhere|en ligne|a distance|fernkurs\\w*|fernunterricht
        |fernlehrgang|von zu hause|op afstand|a distanza|a distancia|en linea|zdalnie|zdaln\\w*
        |przez internet|remoto|em linha"""),
    "in person": table("""
        in person|face to face|classroom|on site|onsite|prasenz\\w*|vor ort|presentiel
        |en presentiel|en salle|fysiek|klassikaal|op locatie|in presenza|in aula|presencial
        |presencialmente|cara a cara|stacjonarn\\w*"""),
    "blended": table("blended|hybrid|hybride|ibrido|hibrido|hybrydow\\w*|mixed mode"),
}
# Prefixes of compounds that set a schedule or a mode ("Abendkurs", "Onlinekurs").
COMPOUND_PREFIXES = {"abend": ("schedule", "evening"), "avond": ("schedule", "evening"),
                     "wochenend": ("schedule", "weekend"), "online": ("mode", "online"),
                     "fern": ("mode", "online"), "prasenz": ("mode", "in person")}  # fmt: skip
FREE = table("""
    free|for free|free of charge|no cost|at no cost|kostenlos\\w*|kostenfrei\\w*|gratis
    |umsonst|gebuhrenfrei\\w*|gratuit|gratuite|gratuits|gratuites|sans frais|kosteloos
    |gratuito|gratuita|gratuiti|gratuitos|gratuitas|darmow\\w*|bezplatn\\w*|za darmo|sem custos
""")
# "Free time" is not a price.
FREE_TIME = table("""
    free time|spare time|freizeit|temps libre|vrije tijd|tempo libero|tiempo libre
    |wolnym czasie|tempo livre
""")
CURRENCIES = r"eur|euro|euros|gbp|pounds?|chf|zl|zloty|zlotych|pln|sek|kr|kronor"
# Words before a price that make it a most ("under 100", "bis 100 €") or a least ("over 100
# euros", "plus de 100 €"). A number after one of the first is a price even with no currency.
AT_MOST = table("""
    under|below|less than|max|maximum|up to|at most|no more than|cheaper than|bis|unter
    |hochstens|maximal|weniger als|billiger als|moins de|jusqu a|au plus|au maximum
    |pas plus de|en dessous de|onder|minder dan|maximaal|hoogstens|tot|goedkoper dan|sotto
    |meno di|fino a|al massimo|massimo|menos de|hasta|como maximo|maximo|por debajo de
    |ponizej|do|maksymalnie|mniej niz|najwyzej|ate|no maximo|abaixo de
""")
AT_LEAST = table("""
    over|above|more than|at least|min|minimum|from|ab|uber|mehr als|mindestens|plus de
    |au moins|au dessus de|a partir de|meer dan|minstens|boven|vanaf|piu di|almeno|oltre|sopra
    |da|mas de|al menos|por encima de|desde|powyzej|ponad|wiecej niz|co najmniej|od|mais de
    |pelo menos|acima de|a partir de
""")
# Units after a number that make it something other than a price ("under 20 hours").
NOT_MONEY = table(r"""
    km|kms|kilomet\w*|miles?|h|hrs?|hours?|stunden|std|heures|uren|ore|horas|godzin\w*|days?
    |tage\w*|jours?|dagen|giorni|dias|dni|weeks?|wochen|semaines?|weken|settimane|semanas?
    |tygodni\w*|months?|monate\w*|mois|maanden|mesi|meses|miesi\w*|minutes?|minuten|minuti
    |minutos|minut\w*|years?|jahre?n?|ans?|jaar|anni|anos|lat|people|personen|persons?
    |participants?|teilnehmer\w*|learners?|students?|uhr|uur|heure|pm|godz\w*
""")

# Languages of teaching: "in English", "auf Deutsch", "en français", "po polsku".
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "en": table("english|englisch|anglais|engels|inglese|ingles|angielski|angielsku"),
    "de": table("german|deutsch|allemand|duits|tedesco|aleman|niemiecki|niemiecku|alemao"),
    "fr": table("french|franzosisch|francais|frans|francese|frances|francuski|francusku"),
    "nl": table("""dutch|niederlandisch|neerlandais|nederlands|olandese|neerlandes|holenderski
        |niderlandzku|holandes"""),
    "it": table("italian|italienisch|italien|italiaans|italiano|wloski|wlosku"),
    "es": table("""spanish|spanisch|espagnol|spaans|spagnolo|espanol|hiszpanski|hiszpansku
        |espanhol"""),
    "pl": table("polish|polnisch|polonais|pools|polacco|polaco|polski|polsku"),
    "pt": table("""portuguese|portugiesisch|portugais|portugees|portoghese|portugues|portugalski
        |portugalsku"""),
}
TAUGHT_IN = r"taught in|given in|held in|in|auf|en|in het|em|po|na"
# Where each of our languages is spoken: a weak hint for towns of the same name ("Valence").
LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "en": ("IE", "GB", "MT"), "de": ("DE", "AT", "CH", "LI"), "fr": ("FR", "BE", "LU", "CH"),
    "nl": ("NL", "BE"), "it": ("IT", "CH"), "es": ("ES",), "pl": ("PL",), "pt": ("PT",),
}  # fmt: skip

# Funding schemes as learners write them -> the name the catalogue uses.
FUNDING_ALIASES: dict[str, str] = {
    "cpf": "CPF", "compte personnel de formation": "CPF", "mon compte formation": "CPF",
    "moncompteformation": "CPF", "bildungsurlaub": "Bildungsurlaub",
    "bildungsfreistellung": "Bildungsurlaub", "bildungszeit": "Bildungszeit",
    "bildungsgutschein": "Bildungsgutschein", "vov": "VOV", "vlaams opleidingsverlof": "VOV",
    "opleidingsverlof": "VOV", "opleidingscheques": "Opleidingscheques",
    "springboard": "Springboard+", "skillnet": "Skillnet", "kfs": "KFS",
    "krajowy fundusz szkoleniowy": "KFS", "cheque formacao": "Cheque-Formação",
    "fundae": "FUNDAE", "fondimpresa": "Fondimpresa",
    "conge education paye": "Congé-éducation payé",
    "betaald educatief verlof": "Congé-éducation payé",
}  # fmt: skip

# Words after which a capitalised word may be a town ("in Cork", "près de Lyon", "w Krakowie").
LOCATIVE = word_set("""
    in|near|around|at|to|nahe|bei|um|nach|a|pres|vers|autour|bij|nabij|rond|vicino|presso
    |cerca|en|junto|w|we|kolo|pod|niedaleko|blisko|em|perto|no|na|de|di|van|von|da|do
""")
# ... and after which even a word in lower case may be ("near cork").
NEAR = word_set("near|around|nahe|bei|pres|bij|nabij|vicino|cerca|perto|kolo|blisko")
# After "km", these put a place after them: "within 100 km of Cork", "30 km van Gent".
AFTER_KM = word_set("of|from|von|um|de|du|van|di|da|od|z|ze")

# Words that never carry the topic.
STOPWORDS = word_set("""
    a|an|the|and|or|of|to|in|on|at|for|with|from|by|about|near|around|me|my|i|im|we|us|you
    |your|it|is|are|be|there|here|some|any|please|pls|thanks|hi|hello|want|wanted|like|would
    |need|looking|look|find|search|show|can|could|do|does|where|which|what|who|how|when|good
    |best|course|courses|class|classes|week|weeks|month|months|day|days|hour|hours|under|below
    |less|than|max|maximum|up|cheaper|cheap|at|most|within|radius|km|only|just|also|new|start
    |starting|other|more|one|ones|that|this|these|those|its|it s|d|s|m|ll|t|ve|re|get|take
    |der|die|das|den|dem|des|ein|eine|einen|einem|einer|und|oder|von|zu|zum|zur|im|am|mit|fur
    |auf|bei|ich|mir|mich|mein|meine|suche|gibt|es|gern|gerne|bitte|unter|bis|hochstens|nur
    |umkreis|nahe|nahe|in der|wo|welche|welcher|kann|konnte|mochte|will|brauche|einen|neue
    |le|la|les|l|un|une|des|du|de|d|et|ou|a|au|aux|pour|avec|sur|dans|je|j|me|moi|mon|ma|mes
    |cherche|il|y|pres|chez|rayon|moins|max|jusqu|pas|plus|qui|que|quel|quelle|voudrais|veux
    |de|het|een|en|of|van|voor|met|op|in|ik|mij|mijn|zoek|er|graag|binnen|straal|onder|tot
    |il|lo|gli|i|uno|una|e|o|di|da|del|della|dei|per|con|su|a|al|alla|io|mi|mio|cerco|vorrei
    |entro|raggio|sotto|fino|meno|c|ci|sono|un|unos|unas|los|las|el|y|para|por|en|yo|mi|busco
    |quiero|hay|radio|menos|hasta|que|w|we|z|ze|i|do|na|po|dla|od|mnie|moj|szukam|chce|czy
    |jest|sa|promieniu|ponizej|o|os|as|um|uma|e|ou|para|com|em|no|na|eu|meu|minha|procuro
    |quero|raio|ate|abaixo|near|close|nearby|near me|then|instead|ok|okay|yes|no|too|please
    |dann|lieber|alors|plutot|dan|liever|allora|invece|entonces|mejor|wtedy|raczej|entao
    january|february|march|april|may|june|july|august|september|october|november|december
    |januar|februar|marz|mai|juni|juli|oktober|dezember|janvier|fevrier|mars|avril|juin
    |juillet|aout|septembre|octobre|novembre|decembre|januari|februari|maart|mei|augustus
    |gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre
    |enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|styczen
    |luty|kwiecien|czerwiec|lipiec|sierpien|wrzesien|pazdziernik|listopad|grudzien|janeiro
    |fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro
    eligible|recognised|recognized|approved|funded|anerkannt|anerkannte|anerkannter|fahig
    |financable|finance|finançable|erkend|erkende|riconosciuto|reconocido|reconhecido
""")
