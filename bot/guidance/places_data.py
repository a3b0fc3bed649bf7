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

# The countries we serve in our languages, with a few irregular inflected forms ("w Polsce",
# "in den Niederlanden", "Suomessa").
_COUNTRY_NAMES = """
AT: Austria|Österreich|Autriche|Oostenrijk|Áustria|Österrike|Itävalta|Itävallassa|Avstrija
    |Αυστρία
BE: Belgium|Belgien|Belgique|België|Belgio|Bélgica|Belgia|Belgija|Βέλγιο
BG: Bulgaria|Bulgarien|Bulgarie|Bulgarije|Bułgaria|Bulgária|Bolgarija|Βουλγαρία
HR: Croatia|Kroatien|Croatie|Kroatië|Croazia|Croacia|Chorwacja|Croácia|Kroatia|Hrvaška
    |Hrvatska|Κροατία
CY: Cyprus|Zypern|Chypre|Cipro|Chipre|Cypr|Cyprze|Cypern|Kypros|Ciper|Κύπρος
CZ: Czechia|Czech Republic|Tschechien|Tchéquie|République tchèque|Tsjechië|Cechia
    |Repubblica Ceca|Chequia|República Checa|Czechy|Tchéquia|Tjeckien|Tšekki|Češka|Τσεχία
DK: Denmark|Dänemark|Danemark|Denemarken|Danimarca|Dinamarca|Dania|Danmark|Tanska|Δανία
EE: Estonia|Estland|Estonie|Estônia|Estónia|Viro|Estonija|Εσθονία
FI: Finland|Finnland|Finlande|Finlandia|Finlândia|Suomi|Suomessa|Suomesta|Finska|Φινλανδία
FR: France|Frankreich|Frankrijk|Francia|Francja|França|Frankrike|Ranska|Francija|Γαλλία
DE: Germany|Deutschland|Allemagne|Duitsland|Germania|Alemania|Niemcy|Niemczech|Alemanha
    |Tyskland|Saksa|Nemčija|Γερμανία|BRD
GR: Greece|Griechenland|Grèce|Griekenland|Grecia|Grecja|Grécia|Grekland|Kreikka|Grčija
    |Ελλάδα|Hellas
HU: Hungary|Ungarn|Hongrie|Hongarije|Ungheria|Hungría|Węgry|Węgrzech|Hungria|Ungern|Unkari
    |Madžarska|Ουγγαρία
IE: Ireland|Irland|Irlande|Ierland|Irlanda|Irlandia|Irlanti|Irska|Éire|Eire|Ιρλανδία
IT: Italy|Italien|Italie|Italië|Italia|Włochy|Włoszech|Itália|Italija|Ιταλία
LV: Latvia|Lettland|Lettonie|Letland|Lettonia|Letonia|Łotwa|Letônia|Letónia|Latvija|Λετονία
LT: Lithuania|Litauen|Lituanie|Litouwen|Lituania|Litwa|Lituânia|Liettua|Litva|Λιθουανία
LU: Luxembourg|Luxemburg|Lussemburgo|Luxemburgo|Luksemburg|Λουξεμβούργο
MT: =Malta|Malcie|Malte|Μάλτα
NL: Netherlands|the Netherlands|Holland|Niederlande|Niederlanden|Pays-Bas|Nederland
    |Paesi Bassi|Países Bajos|Holandia|Niderlandy|Niderlandach|Países Baixos|Nederländerna
    |Alankomaat|Nizozemska|Κάτω Χώρες|Ολλανδία
PL: Poland|Polen|Pologne|Polonia|Polska|Polsce|Polônia|Polónia|Puola|Poljska|Πολωνία
PT: Portugal|Portogallo|Portugalia|Portugali|Portugalska|Πορτογαλία
RO: Romania|Rumänien|Roumanie|Roemenië|Rumanía|Rumunia|Romênia|Roménia|Romunija|Ρουμανία
SK: Slovakia|Slowakei|Slovaquie|Slowakije|Slovacchia|Eslovaquia|Słowacja|Eslováquia
    |Slovakien|Slovaška|Σλοβακία
SI: Slovenia|Slowenien|Slovénie|Slovenië|Eslovenia|Słowenia|Eslovênia|Eslovénia|Slovenien
    |Slovenija|Σλοβενία
ES: Spain|Spanien|Espagne|Spanje|Spagna|España|Espana|Hiszpania|Espanha|Espanja|Španija
    |Španska|Ισπανία
SE: Sweden|Schweden|Suède|Zweden|Svezia|Suecia|Szwecja|Suécia|Sverige|Ruotsi|Švedska|Σουηδία
IS: Iceland|=Island|Islande|IJsland|Islanda|Islandia|Islândia|Islanti|Islandija|Ισλανδία
LI: Liechtenstein|Lihtenštajn|Λιχτενστάιν
NO: Norway|Norwegen|Norvège|Noorwegen|Norvegia|Noruega|Norwegia|Norge|Norja|Norveška
    |Νορβηγία
GB: United Kingdom|=UK|Great Britain|Britain|England|Scotland|Wales|Northern Ireland
    |Vereinigtes Königreich|Großbritannien|Royaume-Uni|Grande-Bretagne|Angleterre
    |Verenigd Koninkrijk|Groot-Brittannië|Engeland|Regno Unito|Gran Bretagna|Inghilterra
    |Reino Unido|Gran Bretaña|Inglaterra|Wielka Brytania|Wielkiej Brytanii|Anglia
    |Grã-Bretanha|Storbritannien|Iso-Britannia|Združeno kraljestvo|Ηνωμένο Βασίλειο
CH: Switzerland|Schweiz|Suisse|Zwitserland|Svizzera|Suiza|Szwajcaria|Suíça|Sveitsi|Švica
    |Ελβετία
SG: Singapore|Singapur|Singapurze|Singapour|Singapura|Σιγκαπούρη
"""

# German Länder, Belgian regions and Austrian states in our languages.
_REGION_NAMES = """
DE-BW: Baden-Württemberg|Bade-Wurtemberg|Baden-Wurtemberg|Badenia-Wirtembergia|BaWü
DE-BY: Bayern|Bavaria|Bavière|Baviera|Beieren|Bawaria|Freistaat Bayern|Βαυαρία
DE-BE: Berlin|Berlino|Berlijn|Berlín|Berlim|Βερολίνο
DE-BB: Brandenburg|Brandebourg|Brandeburgo|Brandenburgia|Brandemburgo
DE-HB: Bremen|Brême|Brema
DE-HH: Hamburg|Hambourg|Amburgo|Hamburgo|Αμβούργο
DE-HE: Hessen|^Hesse|Assia|Hesja
DE-MV: Mecklenburg-Vorpommern|Mecklenburg-Western Pomerania|Mecklenburg
    |Mecklembourg-Poméranie-Occidentale|Meclemburgo-Pomerania Anteriore
    |Mecklemburgo-Pomerania Occidental|Meklemburgia-Pomorze Przednie
    |Meclemburgo-Pomerânia Ocidental|Mecklenburg-Voor-Pommeren
DE-NI: Niedersachsen|Lower Saxony|Basse-Saxe|Bassa Sassonia|Baja Sajonia|Dolna Saksonia
    |Baixa Saxónia|Baixa Saxônia|Nedersaksen
DE-NW: Nordrhein-Westfalen|NRW|North Rhine-Westphalia|Rhénanie-du-Nord-Westphalie
    |Noordrijn-Westfalen|Renania Settentrionale-Vestfalia|Renania del Norte-Westfalia
    |Nadrenia Północna-Westfalia|Renânia do Norte-Vestfália|Renânia do Norte-Vestefália
DE-RP: Rheinland-Pfalz|Rhineland-Palatinate|Rhénanie-Palatinat|Renania-Palatinato
    |Renania-Palatinado|Nadrenia-Palatynat|Renânia-Palatinado|Rijnland-Palts
DE-SL: Saarland|^Sarre|Saara
DE-SN: Sachsen|Saxony|^Saxe|Sassonia|Sajonia|Saksonia|Saxônia|Saxónia|Saksen
DE-ST: Sachsen-Anhalt|Saxony-Anhalt|Saxe-Anhalt|Sassonia-Anhalt|Sajonia-Anhalt
    |Saksonia-Anhalt|Saxônia-Anhalt|Saxónia-Anhalt|Saksen-Anhalt
DE-SH: Schleswig-Holstein|Szlezwik-Holsztyn|Sleeswijk-Holstein
DE-TH: Thüringen|Thuringia|Thuringe|Turingia|Turíngia|Turyngia
BE-VLG: Flanders|Vlaanderen|Flandre|Flandres|Fiandre|Flandes|Flandria|Flandern
    |Vlaams Gewest|Région flamande|Flemish Region|Φλάνδρα
BE-WAL: Wallonia|Wallonie|Wallonië|Vallonia|Valonia|Walonia|Valônia|Valónia|Wallonien
    |Région wallonne|Waals Gewest|Walloon Region|Βαλλονία
BE-BRU: Brussels|Bruxelles|Brussel|Brüssel|Bruselas|Bruxelas|Bruksela|Bryssel|Bruselj
    |Bruxelles-Capitale|Brussels-Capital|Brussels Hoofdstedelijk Gewest|Βρυξέλλες
AT-1: Burgenland
AT-2: Kärnten|Carinthia|Carinthie|Carinzia|Carintia|Karyntia|Caríntia|Karinthië
AT-3: Niederösterreich|Lower Austria|Basse-Autriche|Bassa Austria|Baja Austria
    |Dolna Austria|Baixa Áustria|Neder-Oostenrijk
AT-4: Oberösterreich|Upper Austria|Haute-Autriche|Alta Austria|Górna Austria|Alta Áustria
    |Opper-Oostenrijk
AT-5: Salzburg|Salzbourg|Salisburgo|Salzburgo
AT-6: Steiermark|Styria|Styrie|Stiria|Estiria|Estíria|Stiermarken
AT-7: Tirol|Tyrol|Tirolo
AT-8: Vorarlberg
AT-9: Wien|Vienna|^Vienne|Viena|Wiedeń|Wenen|Βιέννη
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
    |France Travail|Pôle emploi|France compétences
DE: Bildungsurlaub|Bildungszeit|Bildungsfreistellung|Qualifizierungsgeld|KURSNET
    |Aufstiegs-BAföG|Agentur für Arbeit|Bundesagentur für Arbeit|Bildungsgutschein
AT: Weiterbildungszeit|Weiterbildungsbeihilfe|Bildungskarenz|Bildungsteilzeit|=AMS
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
"""

# Nationality adjectives. Weak hints: they never beat a place, a country or a scheme.
_ADJECTIVES = """
AT: Austrian|autrichien|autrichienne|österreichisch|österreichische|österreichischen
    |österreichischer|Oostenrijks|Oostenrijkse|austriaco|austriaca|austríaco|austriacki
BE: Belgian|belge|belgisch|belgische|belgischen|belga|belgijski|belgijska
BG: Bulgarian
HR: Croatian
CY: Cypriot
CZ: Czech
DK: Danish
EE: Estonian
FI: Finnish
HU: Hungarian
LV: Latvian
LT: Lithuanian
MT: Maltese
RO: Romanian
SK: Slovak
SI: Slovenian|Slovene
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
    |luxemburgische|Luxemburgs|Luxemburgse
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
    rond da vicino presso en cerca desde em perto w we z ze kolo pod przy blisko do i fran nara
    till v iz pri blizu u στη στην στο στον απο
""")
# The same, for a lower-case name in a message typed all in lower case.
_STRONG_CUES = _words("""
    in near nach bei aus nahe pres bij uit naar nabij vicino presso cerca em perto w we v iz
    kolo blisko στη στην στο
""")
# After these, an inflected form ("Warszawie", "Ljubljani") is worth un-inflecting.
_SLAVIC_CUES = _words("w we z ze do na pod przy kolo v iz pri u blizu")
# Endings of Slavic locatives and genitives, and the endings of the base form they replace.
_SUFFIX_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iu", ("",)), ("ie", ("a", "", "e")), ("ach", ("e", "y", "i")), ("kem", ("ka",)),
    ("u", ("", "e", "o")), ("i", ("a", "", "ia", "e")), ("y", ("a", "")), ("a", ("",)),
    ("em", ("",)), ("e", ("a",)),
)  # fmt: skip

# Words that say the place is where the learner works, so it wins over where they live.
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
""")

# Words of living somewhere: a place after them is home, not work, whatever came before.
_LIVE_CUES = _words("""
    live lives living lived home wohne wohnen wohnt lebe habite habiter habitons vis woon woont
    vivo vive abito abita mieszkam mieszka moro mora bor asun
""")

# Place names that are also everyday words or first names in our languages: they need a
# capital letter, not at the start of a sentence, after a word like "in". Found by crossing
# geonames with frequent-word lists of our twelve languages, then reviewed by hand.
_COMMON_WORDS = _words("""
    achim alba alta ans arnold asti auch augusta baden barry bath bergen best bodo born boston
    bra bray brake bron buchen burg bury celle cento centro come como cork cuenca damme deal
    dole douglas edessa elk essen este faro feira florence forst gap god goes guarda haar hall
    halle hamilton heide hem hof hoorn huizen hull jona kallio kamen kampen kolo koper lage
    lagos leer lens leon lista lohne luce march martin massa milan mitte most much nancy nelson
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
""")
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
)
