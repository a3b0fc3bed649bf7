"""Name tables of the place finder: countries, regions, schemes, cue words (data, not code).

Kept apart from `places.py` so the finder's logic reads on one screen; editing a table needs no
change there.
"""

from __future__ import annotations

from collections.abc import Mapping


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Name tables: one "KEY: name|name|..." line each, continued on lines that start with "|".
# A name written "=UK" must appear exactly so (acronyms, words in other languages); "^Vienne"
# must start with a capital. Written as spelt; folded when the finder is built.
# Country and region names come from pycountry (`place_names.py`); these two tables hold only
# what its catalogues lack, and the names that must be written so ("=Malta", "^Hesse").

# Countries: inflected forms ("w Polsce", "in den Niederlanden", "Suomessa"), short and old
# forms ("Holland", "BRD", "UK", "Hellas"), other spellings ("Tchéquia" in Brazil, "Češka",
# "Španska", "Listenstaine") and the United Kingdom's names that are not its ISO name
# ("Great Britain", "Angleterre"). Written exactly so: "Malta" (also a word in Portuguese and
# Spanish), "Island" (English), "Slovensko" and "Danska" (Slovene "Slovenian", Swedish
# "Danish").
_COUNTRY_NAMES = """
AT: Itävallassa
CY: Cyprze
CZ: Tchéquia|Češka
DE: Niemczech|BRD
FI: Suomessa|Suomesta
GR: Hellas
HU: Węgrzech
IT: Włoszech
IS: =Island
MT: =Malta|Malcie
NL: the Netherlands|Holland|Holanda|Niederlanden|Niderlandy|Niderlandach|Κάτω Χώρες
PL: Polsce
ES: Španska
SK: =Slovensko
DK: =Danska
GB: =UK|Great Britain|Britain|Großbritannien|Grande-Bretagne|Groot-Brittannië|Gran Bretagna
    |Gran Bretaña|Grã-Bretanha|Wielkiej Brytanii|Storbritannien|Iso-Britannia|Angleterre
    |Inghilterra|Inglaterra|Écosse|Scozia|Escocia|Pays de Galles|Galles|País de Gales
    |Irlande du Nord|Irlanda del Nord|Irlanda del Norte|Irlanda do Norte
SG: Singapurze
LI: Listenstaine
"""

# Regions: the names learners use that no pycountry catalogue has, mostly English, Spanish and
# Portuguese exonyms ("Lower Saxony"; "Cataluña" is there but not "Catalonia"), everyday
# names that are no ISO names ("Brussels", "NRW", "Salisburghese", "Mazowsze", "Alsace",
# "Südtirol"), inflected forms ("Saarę"), and names that are also words or other places, so
# need a capital ("^Hesse", "^Saxe", "^Vienne"). Cities stand for their Land only where they
# are one (Berlin, Hamburg, Bremen, Wien): see place_index.py.
_REGION_NAMES = """
DE-BW: Baden-Wurtemberg|BaWü
DE-BY: Freistaat Bayern|Βαυαρία
DE-BE: Berlim|Βερολίνο
DE-BB: Brandemburgo
DE-HH: Hamburgo|Αμβούργο
DE-HE: ^Hesse
DE-MV: Mecklenburg-Western Pomerania|Mecklenburg|Mecklemburgo-Pomerania Occidental
    |Meclemburgo-Pomerânia Ocidental|Mecklenburg-Voor-Pommeren
DE-NI: Lower Saxony|Baja Sajonia|Baixa Saxónia
DE-NW: NRW|North Rhine-Westphalia|Rhénanie-du-Nord-Westphalie|Noordrijn-Westfalen
    |Renania Settentrionale-Vestfalia|Renania del Norte-Westfalia|Renânia do Norte-Vestfália
    |Renânia do Norte-Vestefália
DE-RP: Rhineland-Palatinate|Renania-Palatinado|Rijnland-Palts
DE-SL: ^Sarre|Saarę
DE-SN: Saxony|^Saxe|Sassonia|Sajonia|Saxônia
DE-ST: Saxony-Anhalt|Sassonia-Anhalt|Sajonia-Anhalt|Saxônia-Anhalt|Saksen-Anhalt
DE-SH: Sleeswijk-Holstein
DE-TH: Thuringia|Thuringe
BE-VLG: Flanders|Vlaanderen|Flandre|Flandres|Flandes|Flandria|Flemish Region|Φλάνδρα
BE-WAL: Valonia|Walonia|Wallonien|Waals Gewest|Walloon Region|Βαλλονία
BE-BRU: Brussels|Bruxelles|Brussel|Bruselas|Bruxelas|Bruksela|Bryssel|Bruselj|Brussels-Capital
    |Βρυξέλλες
AT-2: Carinthia|Carinzia|Carintia
AT-3: Lower Austria|Bassa Austria|Baja Austria|Baixa Áustria
AT-4: Upper Austria|Alta Austria
AT-5: Salisburghese
AT-6: Estiria|Stiermarken
AT-9: Viena|^Vienne|Βιέννη
IT-21: Piedmont
IT-23: Aosta Valley|Aostatal|Vallée d'Aoste|Aostavallei|Valle de Aosta|Dolina Aosty
    |Vale de Aosta
IT-25: Lombardy
IT-32: Trentino-South Tyrol|South Tyrol|Südtirol|Alto Adige|Trentino
IT-36: Friuli|Friaul|Frioul|Friaul-Julisch Venetien|Frioul-Vénétie julienne
    |Friuli-Venecia Julia|Friul-Veneza Júlia
IT-52: Tuscany
IT-82: Sicily
IT-88: Sardinia|Sardenha
ES-AN: Andaluzia
ES-AR: Aragão
ES-CN: Canary Islands|Islas Canarias|Ilhas Canárias
ES-CL: Castile and León|Castela e Leão
ES-CM: Castile-La Mancha|Castela-La Mancha
ES-CT: Catalonia|Katalonien|Catalogne|Catalogna|Catalunha
ES-GA: Galicien|Galice|Galizia|Galiza
ES-IB: Balearic Islands|Îles Baléares|Isole Baleari|Ilhas Baleares|Baleares
ES-MD: Community of Madrid|Comunidade de Madrid
ES-MC: Region of Murcia
ES-NC: Navarre
ES-PV: Basque Country|Baskenland|Pays basque|Paesi Baschi|Kraj Basków|País Basco|Euskadi
ES-VC: Valencian Community|Comunitat Valenciana|Communauté valencienne|Comunità Valenciana
    |Comunidade Valenciana
FR-ARA: Rhône-Alpes|Auvergne
FR-BFC: Bourgogne|Burgundy|Burgund|Borgoña|Borgonha|Franche-Comté
FR-BRE: Brittany|Bretaña|Bretanha
FR-GES: Alsace|Elsass|Alsazia|Alsacia|Lothringen
FR-HDF: Picardie|Picardy|Nord-Pas-de-Calais
FR-IDF: Isla de Francia|Ilha de França
FR-NAQ: New Aquitaine|Neu-Aquitanien|Nueva Aquitania|Nova Aquitânia|Aquitaine
FR-20R: Córcega|Córsega
FR-NOR: Normandy
FR-OCC: Languedoc-Roussillon|Midi-Pyrénées
FR-PAC: =PACA|Provence|Provenza|Provença
FR-973: French Guiana|Guayana Francesa|Guiana Francesa
NL-NH: North Holland|Holanda Septentrional|Holanda do Norte
NL-ZH: South Holland|Holanda Meridional|Holanda do Sul
NL-NB: North Brabant|Brabante Septentrional|Brabante do Norte
PL-02: Lower Silesia|Baja Silesia|Baixa Silésia|Dolny Śląsk
PL-04: Kuyavia-Pomerania|Kujawien-Pommern
PL-12: Lesser Poland|Pequeña Polonia|Małopolska
PL-14: Masovian|Mazowsze
PL-18: Subcarpathia|Subcarpacia|Podkarpacie
PL-20: Podlasie
PL-22: Pomorze
PL-24: Silesia|Śląsk
PL-28: Warmia-Masuria|Ermland-Masuren|Warmia i Mazury|Mazury
PL-30: Greater Poland|Gran Polonia|Wielkopolska
PL-32: West Pomerania|Pomerania Occidental|Pomerânia Ocidental|Pomorze Zachodnie
PT-20: Azores|Azoren|Azzorre
CZ-20: Central Bohemia|Mittelböhmen
CZ-64: South Moravia|Südmähren
GR-M: Crete
"""

# Finnish cities in the cases learners use ("Asun Tampereella"), since Finnish inflects names
# with stem changes that simple suffix rules cannot undo.
_INFLECTED_CITIES = """
FI: Helsingissä|Helsingistä|Espoossa|Espoosta|Tampereella|Tampereelta|Vantaalla|Vantaalta
    |Oulussa|Oulusta|Turussa|Turusta|Jyväskylässä|Jyväskylästä|Lahdessa|Lahdesta|Kuopiossa
    |Kuopiosta|Porissa|Porista|Joensuussa|Vaasassa|Lappeenrannassa|Hämeenlinnassa
"""

# National schemes and the bodies that run them: "COUNTRY" or "COUNTRY/REGION".
_SCHEMES = """
FR: CPF|compte personnel de formation|compte formation|Mon Compte Formation
    |moncompteformation|=PTP|projet de transition professionnelle|Transitions Pro
    |congé de transition professionnelle|congé de transition|CPF de transition
    |France Travail|Pôle emploi|France compétences|=CIF|congé individuel de formation
    |bilan de compétences|=OPCO|=VAE|validation des acquis de l'expérience
DE: Bildungsurlaub|Bildungszeit|Bildungsfreistellung|Qualifizierungsgeld|KURSNET
    |Aufstiegs-BAföG|Agentur für Arbeit|Bundesagentur für Arbeit|Bildungsgutschein
AT: Weiterbildungszeit|Weiterbildungsbeihilfe|Bildungskarenz|Bildungsteilzeit|=AMS
    |Weiterbildungsgeld|Bildungsteilzeitgeld
AT/AT-4: Bildungskonto
AT/AT-9: waff
BE/BE-VLG: Vlaams opleidingsverlof|opleidingsverlof|VOV|opleidingscheques|VDAB
    |Vlaamse opleidingsincentives
BE/BE-WAL: =Forem
BE/BE-BRU: Actiris|Bruxelles Formation
BE: betaald educatief verlof|congé-éducation payé|congé éducation payé|congé-éducation
NL: =STAP|STAP-budget|levenlanglerenkrediet|UWV|leven lang ontwikkelen|=DUO
IE: =Springboard|Springboard+|=SOLAS|Skillnet
IT: congedo per la formazione|congedi per la formazione|congedo formativo|150 ore
    |diritto allo studio|Fondimpresa|fondi interprofessionali|=GOL
ES: permiso individual de formación|=PIF|FUNDAE|=SEPE|permiso retribuido para formación
PL: urlop szkoleniowy|urlopu szkoleniowego|urlopie szkoleniowym
    |Krajowy Fundusz Szkoleniowy|=KFS
PT: Cheque-Formação|IEFP|=Qualifica
SE: omställningsstudiestöd|studieledighet|=CSN|Arbetsförmedlingen|omställningsstöd
FI: aikuiskoulutustuki|opintovapaa|Työllisyysrahasto
SI: študijski dopust|ZDR-1
GR: =EOPPEP|ΕΟΠΠΕΠ
SG: SkillsFuture
"""
# Acronyms two countries use: the second wins when the message names it otherwise.
_SHARED_ACRONYMS: Mapping[str, tuple[str, str]] = {
    "CEP": ("FR", "BE"),  # conseil en évolution professionnelle / congé-éducation payé
}
# First parts of compounds ("Bildungsurlaubsantrag", "Bildungsurlaubs"), already folded.
_SCHEME_PREFIXES = """
DE: bildungsurlaub|bildungsfreistellung|qualifizierungsgeld
AT: weiterbildungsbeihilfe|weiterbildungszeit|bildungskarenz
BE/BE-VLG: opleidingsverlof
SE: omstallningsstudiestod|studieledighet
SG: skillsfuture
NL: levenlanglerenkrediet
FR: moncompteformation
"""

# The EU itself.
_EU_TERMS = """
EU: =EU|=UE|=ESCO|European Union|Union européenne|Europäische Union|Europese Unie
    |Unione europea|Unión Europea|Unia Europejska|União Europeia|Europeiska unionen
    |Euroopan unioni|Evropska unija|Ευρωπαϊκή Ένωση|European Commission
    |Commission européenne|Europäische Kommission|Europese Commissie|Upskilling Pathways
    |Europass|Skills Guarantee|Council Recommendation|Erasmus+|Erasmus|Cedefop|PartnerUP
    |Partner Up|=ILO|=OIT|=IAO|=MOP|=OIL|C140|C-140|=ILA|=ILAs|learning account recommendation
    |individual learning accounts|Upskilling|Europäischen Union|Europejskiej
    |European learning account|Europese leerrekening|compte européen|compte personnel européen
    |europäisches Lernkonto|europäische Lernkonto|conto europeo|cuenta europea
    |europejskie konto|conta europeia|European Year of Skills
    |recommandation européenne|EU-Empfehlung|Empfehlung der EU|Europese aanbeveling
    |raccomandazione europea|recomendación europea|zalecenie UE|recomendação europeia
    |EU recommendation|European recommendation|comptes individuels de formation
    |individuelle Lernkonten|individuele leerrekeningen|conti individuali di apprendimento
    |cuentas individuales de aprendizaje|indywidualne konta szkoleniowe
    |contas individuais de aprendizagem
"""

# Nationality adjectives. Weak hints: they never beat a place, a country or a scheme.
_ADJECTIVES = """
AT: Austrian|autrichien|autrichienne|österreichisch|österreichische|österreichischen
    |österreichischer|Oostenrijks|Oostenrijkse|austriaco|austriaca|austríaco|austriacki
BE: Belgian|belge|belgisch|belgische|belgischen|belga|belgijski|belgijska
BG: Bulgarian
HR: Croatian|croate|kroatisch|kroatische|kroatischen|kroatischer|Kroatische|croato|croata
    |chorwacki|chorwacka|chorwackiej|chorwackim
CY: Cypriot
CZ: Czech|tchèque|tschechisch|tschechische|tschechischen|tschechischer|Tsjechisch|Tsjechische
    |ceco|ceca|checo|checa|czeski|czeska|czeskiej|czeskim|tcheco|tcheca
DK: Danish|danois|danoise|dänisch|dänische|dänischen|dänischer|Deens|Deense|danese|danés
    |danesa|duński|duńska|duńskiej|duńskim|dinamarquês|dinamarquesa
EE: Estonian
FI: Finnish
HU: Hungarian|hongrois|hongroise|ungarisch|ungarische|ungarischen|ungarischer|Hongaars
    |Hongaarse|ungherese|húngaro|húngara|węgierski|węgierska|węgierskiej|węgierskim
LV: Latvian
LT: Lithuanian
MT: Maltese
RO: Romanian
SK: Slovak|slovaque|slowakisch|slowakische|slowakischen|slowakischer|Slowaaks|Slowaakse
    |slovacco|slovacca|eslovaco|eslovaca|słowacki|słowacka|słowackiej|słowackim
SI: Slovenian|Slovene|slovène|slowenisch|slowenische|slowenischen|slowenischer|Sloveens
    |Sloveense|sloveno|slovena|esloveno|eslovena|słoweński|słoweńska|słoweńskiej|słoweńskim
IS: Icelandic
NO: Norwegian
GR: Greek
IE: Irish
FR: French|français|française|französisch|französische|französischen|Frans|Franse
    |francese|francés|francesa|francuski|francuska|francês
DE: German|allemand|allemande|deutsch|deutsche|deutschen|deutscher|Duits|Duitse|tedesco
    |tedesca|alemán|alemana|niemiecki|niemiecka|alemão|alemã
IT: Italian|italien|italienne|italienisch|italienische|Italiaans|Italiaanse
LU: Luxembourgish|Luxembourger|luxembourgeois|luxembourgeoise|luxemburgisch
    |luxemburgische|luxemburgischen|luxemburgischer|Luxemburgs|Luxemburgse|lussemburghese
    |luxemburgués|luxemburguesa|luksemburski|luksemburska|luksemburskiej|luxemburguês
NL: Dutch|néerlandais|néerlandaise|niederländisch|niederländische|Nederlands|Nederlandse
    |olandese|neerlandés|holenderski|holandês
PL: Polish|polonais|polonaise|polnisch|polnische|Pools|Poolse|polacco|polaco
PT: Portuguese|portugais|portugaise|portugiesisch|portugiesische|Portugees|Portugese
    |portoghese|portugués|portuguesa|portugalski|português
ES: Spanish|espagnol|espagnole|spanisch|spanische|Spaans|Spaanse|spagnolo|español|española
    |hiszpański|espanhol
SE: Swedish|suédois|suédoise|schwedisch|schwedische|Zweeds|Zweedse|svedese|sueco
GB: British|Scottish|Welsh|britannique|britisch|britische|Brits|Britse|britannico
CH: Swiss|suisse|schweizerisch|schweizerische|Schweizer|Zwitsers|Zwitserse|svizzero
SG: Singaporean|singapourien|singapurisch
BE/BE-VLG: Flemish|flamand|flamande|flämisch|flämische|Vlaams|Vlaamse|fiammingo
BE/BE-WAL: Walloon|wallon|wallonne|wallonisch|wallonische|Waals|Waalse|vallone
DE/DE-BY: Bavarian|bavarois|bavaroise|bayerisch|bayerische|bayerischen|Beiers|Beierse
"""
# Words around an adjective that make it a language, not a country: "learn German".
_LANGUAGE_CONTEXT = _words("""
    speak speaks speaking learn learning learnt study studying course courses class classes
    lesson lessons language teacher level exam test in
    sprechen spreche lernen lerne kurs kurse sprachkurs unterricht sprache auf
    parler parle apprendre apprends cours langue en
    spreken spreek leren leer cursus les lessen taal
    parlare parlo imparare corso corsi lingua
    hablar hablo aprender curso cursos idioma lengua
    mowic mowie uczyc ucze nauka kurs jezyk jezyka po
    falar falo aprender curso lingua
""")

# Words that put a place name after them: "in Nice", "à Namur", "w Warszawie", "bei Essen".
_LOCATIVE_CUES = _words("""
    in near from at around outside nach aus bei nahe um von a pres vers bij uit naar nabij
    rond da vicino presso en cerca desde em na no nos nas perto w we z ze kolo pod przy blisko do
    i fran nara
    till to v iz pri blizu u στη στην στο στον απο
""")
# The same, for a lower-case name in a message typed all in lower case.
_STRONG_CUES = _words("""
    in near nach bei aus nahe pres bij uit naar nabij vicino presso cerca em perto w we v iz
    kolo blisko στη στην στο
""")
# After these, an inflected form ("Warszawie", "Ljubljani") is worth un-inflecting.
_SLAVIC_CUES = _words("w we z ze do na pod przy kolo v iz pri u blizu")
# After these, a voivodeship's adjective is, in any case ("województwie mazowieckim").
_REGION_WORDS = _words("wojewodztwo wojewodztwie wojewodztwa wojewodztwem woj")
# Endings of Slavic locatives and genitives, and the endings of the base form they replace
# ("Podkarpaciu" -> "Podkarpacie", "Małopolsce" -> "Małopolska", "mazowieckim" -> "-kie").
_SUFFIX_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (Polish locatives soften the last consonant: "we Frankfurcie", "w Dortmundzie")
    ("cie", ("t",)), ("dzie", ("d",)), ("rze", ("r",)),
    # (and a neuter's "-no", a dropped vowel: "w Dreźnie" (Drezno), "w Wiedniu" (Wiedeń))
    ("nie", ("no",)), ("dniu", ("den",)),
    ("iu", ("", "ie")), ("ie", ("a", "", "e")), ("ach", ("e", "y", "i")), ("kem", ("ka",)),
    ("kiego", ("kie",)), ("kiem", ("kie",)), ("kim", ("kie",)), ("sce", ("ska",)),
    ("u", ("", "e", "o")), ("i", ("a", "", "ia", "e")), ("y", ("a", "")), ("a", ("",)),
    ("em", ("",)), ("e", ("a",)),
)  # fmt: skip

# Words that say the place is where the learner works, so it wins over where they live
# ("as an employee in the Netherlands" too).
_WORK_CUES = _words("""
    work works working worked job employed employer company firm office
    arbeite arbeiten arbeitet beschaftigt tatig arbeitgeber firma job
    travaille travailler travaillons bosse employeur entreprise boulot
    werk werkt werken werkgever bedrijf baan
    lavoro lavora lavorare datore azienda ditta
    trabajo trabaja trabajar empresa
    pracuje pracuja pracowac pracodawca zatrudniony zatrudniona
    trabalho trabalha trabalhar empregador
    jobbar arbetar arbetsgivare foretag
    tyoskentelen tyonantaja toissa
    delam delodajalec zaposlen zaposlena
    commute commuting pendle pendele pendelt pendler pendel forens pendolare pendolo
    employee worker werknemer arbeitnehmer angestellt angestellte beschaftigte salarie salariee
    dipendente lavoratore lavoratrice empleado empleada trabajador trabajadora pracownik
    pracownica trabalhador trabalhadora empregado empregada
""")

# Where the learner comes from, not where they work or live: a word of coming or being before
# "from", "aus", "de", ... ("I moved from Manchester to Erfurt", "soy de Valencia y trabajo en
# Oulu", "Ich bin aus Polen"). Such a place counts like a nationality.
_ORIGIN_PREPOSITIONS = _words("from aus von de d uit van da di desde z ze do")
_ORIGIN_VERBS = _words("""
    moved move moving came come comes originally relocated emigrated am m im
    komme komm kam stamme stammt bin sind gezogen umgezogen zieh ziehe ziehen umziehen
    viens venu venue venus suis arrive arrivee demenage originaire
    kom kwam ben verhuisd verhuis verhuizen afkomstig
    vengo venuto venuta sono arrivato arrivata trasferito trasferita trasferisco originario
    originaria
    soy vengo vine venido mude mudado mudo llegue
    jestem pochodze przyjechalem przyjechalam przeprowadzilem przeprowadzilam przeprowadzam
    sou venho vim mudei cheguei natural
""")
# A job the learner had before ("my old employer in Bavaria", "mein früherer Arbeitgeber in
# Sachsen"): where they worked, not where their rules are now.
_PAST_WORDS = _words("""
    old former previous ex alten alter alte ehemaligen ehemaliger fruheren fruherer vorherigen
    ancien ancienne precedent precedente oude vroegere vorige vecchio vecchia precedente
    antiguo antigua anterior poprzedni poprzedniej poprzednim poprzedniego bylym byly antigo
    antiga
""")
_JOB_WORDS = _words("""
    employer job company firm boss work arbeitgeber arbeitgebers firma job stelle arbeit chef
    employeur boulot travail entreprise patron werkgever baan werk bedrijf baas datore lavoro
    azienda ditta capo empresa trabajo jefe pracodawca pracodawcy pracy firmie firma szef
    emprego trabalho patrao
""")

# Where a course, an exam or a holiday takes place ("a master's in Lund", "exams in Madrid",
# "we go to Tuscany for 3 weeks"), or where the learner will go back to ("vuelvo con mi familia
# a Madrid"): a place the learner goes to, not one whose rules they compare.
_DESTINATION_PREPOSITIONS = _words("in to into at naar nach in en a au aux al em no na para w do")
_DESTINATION_WORDS = _words("""
    go going goes trip holiday holidays vacation course courses master masters degree exam exams
    study studying fahren fahre reise reisen urlaub kurs kurse prufung prufungen studium
    voyage vacances cours examen examens etudes partir gaan ga reis vakantie cursus studie
    viaggio vacanza vacanze corso corsi esame esami studio studiare andiamo vado
    viaje vacaciones curso cursos examenes estudiar estudios vamos voy
    wyjazd wakacje kurs kursy egzamin egzaminy studia jedziemy jade
    viagem ferias exame exames estudar estudos vamos vou
    return returning back zuruck retourner rentre rentrer terug torno tornare ritorno
    vuelvo volver regreso regresar wracam wroce volto voltar regresso regressar
""")

# Words of living somewhere: a place after them is home, not work, whatever came before.
_LIVE_CUES = _words("""
    live lives living lived home wohne wohnen wohnt lebe habite habiter habitons vis woon woont
    vivo vive abito abita mieszkam mieszka moro mora bor asun
""")

# Place names that are also everyday words or first names in our languages: they need a
# capital letter, not at the start of a sentence, after a word like "in". Found by crossing
# geonames, then pycountry's region names, with frequent-word lists of our twelve languages
# (and Catalan), then reviewed by hand.
_COMMON_WORDS = _words("""
    achim alba alta ans arnold asti auch augusta baden barry bath bergen best bodo born boston
    bra bray brake bron buchen burg bury celle cento centro come como cork cuenca damme deal
    dole douglas edessa elk essen este faro feira florence forst gap god goes guarda haar hall
    halle hamilton heide hem hof hoorn huizen hull jona kallio kamen kampen kolo koper lage
    lagos leer lens leon lista lohne luce martin massa milan mitte most much nancy nelson
    nice nokia norden noto orange peine pila police porta porto putten reading reda roman ronda
    ruda sale salo salon salt sama sedan seen sete silla singen sitten sofia sola split springe
    stade stanley swords tata tienen time tomar tours universidad vari vienne vittoria waren
    washington weiden wels wil wola zug aguilas
    aika allo alter bajo barn cele center denen deras dort eras essa esse ferdinand fiume fore
    from gran granice joue juan julia kann kola krajowa lapi lewis lige luis marcin marek
    marian meren monte musta name namen never nikolai nima nivel opera paras pari pola portu
    pory puerto reka rene sanoa sele selon sina soder sole talla tarde tour usko vann verder
    viron vrata weil zena χωρα
    derby angers siegen erlangen worms leiden gouda prato latina potenza granada santander
    palma vitoria parla maia drama montana moss lincoln slough woodlands novena thomson
    macpherson perth russe sroda wrzesnia gotico albania limburg bassa ouro sena chester
    preston hastings dudley kingston newport cambridge oxford bologna lisbon copenhagen bruges
    riga osnabruck turin regio caller monster baza cologne
    marche marken marcas rousse valenciana wraca lovec sumen valga reunion pest pesta
    guadalupe jura viken harju madeira kampania corse est
""")
# Towns no learner means: a month ("a course in March" is not March, Cambridgeshire).
_NOT_PLACES = ("march",)
# Phrases naming places outside Europe that contain one of our names ("New York").
_FOREIGN_PHRASES = (
    "new york",
    "nueva york",
    "nowy jork",
    "nova iorque",
    "new jersey",
    "new england",
    "new south wales",
    "washington dc",
    # New Zealand, whose names contain the Dutch province of Zeeland in our languages
    "nieuw zeeland",
    "nouvelle zelande",
    "nuova zelanda",
    "nueva zelanda",
    "nowa zelandia",
    "nova zelandia",
    "nova zelandija",
)


# An employment contract's country ("contratto sloveno", "umowa czeska", "a Czech contract",
# "tschechischer Arbeitsvertrag"): a nationality word next to one of these names the country
# whose rules the learner works under.
_CONTRACT_WORDS = _words("""
    contract contracts contrat contrats contratto contrato contratos
    vertrag vertrages arbeitsvertrag arbeitsvertrages arbeidscontract arbeidsovereenkomst
    umowa umowe umowie umowy
""")
