"""Closed word lists for names, titles, places and roles used by mention parsing.

These are general English-news vocabularies (nationality adjectives, honorifics, office titles). They are
deliberately small and readable; anything not listed is treated by shape (capitalisation, position).
"""

from __future__ import annotations

# Nationality adjective -> country, so "a senior French diplomat" is affiliated with France.
DEMONYMS = {
    "afghan": "Afghanistan",
    "african": "Africa",
    "algerian": "Algeria",
    "american": "United States",
    "argentine": "Argentina",
    "australian": "Australia",
    "austrian": "Austria",
    "belgian": "Belgium",
    "brazilian": "Brazil",
    "british": "Britain",
    "canadian": "Canada",
    "chinese": "China",
    "colombian": "Colombia",
    "cuban": "Cuba",
    "czech": "Czech Republic",
    "danish": "Denmark",
    "dutch": "Netherlands",
    "egyptian": "Egypt",
    "emirati": "United Arab Emirates",
    "ethiopian": "Ethiopia",
    "european": "European Union",
    "filipino": "Philippines",
    "finnish": "Finland",
    "french": "France",
    "german": "Germany",
    "greek": "Greece",
    "hungarian": "Hungary",
    "indian": "India",
    "indonesian": "Indonesia",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "irish": "Ireland",
    "israeli": "Israel",
    "italian": "Italy",
    "japanese": "Japan",
    "jordanian": "Jordan",
    "kenyan": "Kenya",
    "korean": "Korea",
    "kurdish": "Kurdistan",
    "lebanese": "Lebanon",
    "libyan": "Libya",
    "malian": "Mali",
    "mauritanian": "Mauritania",
    "mexican": "Mexico",
    "moroccan": "Morocco",
    "nigerian": "Nigeria",
    "nigerien": "Niger",
    "norwegian": "Norway",
    "pakistani": "Pakistan",
    "palestinian": "Palestine",
    "polish": "Poland",
    "portuguese": "Portugal",
    "qatari": "Qatar",
    "romanian": "Romania",
    "russian": "Russia",
    "saudi": "Saudi Arabia",
    "senegalese": "Senegal",
    "somali": "Somalia",
    "spanish": "Spain",
    "sudanese": "Sudan",
    "swedish": "Sweden",
    "swiss": "Switzerland",
    "syrian": "Syria",
    "taiwanese": "Taiwan",
    "tunisian": "Tunisia",
    "turkish": "Turkey",
    "ugandan": "Uganda",
    "ukrainian": "Ukraine",
    "venezuelan": "Venezuela",
    "vietnamese": "Vietnam",
    "yemeni": "Yemen",
}

# Abbreviations news uses for states and bodies, expanded for the affiliation field.
ABBREVIATION_EXPANSIONS = {
    "u.s.": "U.S.",
    "us": "U.S.",
    "u.s": "U.S.",
    "usa": "U.S.",
    "u.k.": "Britain",
    "uk": "Britain",
    "u.n.": "United Nations",
    "un": "United Nations",
    "e.u.": "European Union",
    "eu": "European Union",
}

COUNTRY_WORDS = frozenset(
    {"u.s.", "america", "britain", "france", "germany", "china", "russia", "algeria", "mali", "israel", "iran"}
    | set(ABBREVIATION_EXPANSIONS)
)

# US-style "<Department> Secretary" titles map to "<country> Department of <Department>".
DEPARTMENTS = frozenset(
    "defense state treasury energy commerce labor justice education agriculture interior transportation "
    "veterans homeland health".split()
)

HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame miss".split())

# Words that form titles before a name ("Rep. G.K. Butterfield", "Prime Minister Abdelmalek Sellal").
TITLE_WORDS = (
    frozenset(
        """
    president vice prime minister secretary sen. sen senator rep. rep representative gov. gov governor
    mayor judge justice attorney general director chief ambassador assistant deputy former chairman
    chairwoman chair speaker leader spokesman spokeswoman spokesperson commissioner adviser advisor
    lt. col. gen. adm. sgt. capt. maj. gen lt col sgt capt maj adm officer candidate nominee king queen
    prince princess pope cardinal bishop rev. rev reverend del. del state house senate foreign defense
    interior finance treasury homeland security national sheriff chancellor premier dean professor
    coach commander councilman councilwoman congressman congresswoman sec. first lady host anchor
    democratic republican democrat gop libertarian independent presidential vice-presidential
    majority minority whip press white
    economist analyst pollster strategist lawyer author historian activist scientist researcher expert
    consultant doctor farmer teacher student reporter journalist writer executive founder owner ceo manager
    """.split()
    )
    | HONORIFICS
)

# Capitalised words that make a run an organisation or place rather than a person.
ORG_WORDS = frozenset(
    """
    news times post journal party committee caucus council campaign group house senate congress
    university college institute foundation center centre association department ministry agency
    commission court bank company corp inc network times daily press office administration bureau
    organization organisation union league fund service network channel magazine radio tv television
    county city state states republic kingdom nations reuters ap cnn nbc cbs abc fox msnbc politifact
    """.split()
)

# Lower-case nouns that mark an organisation inside an anonymous description ("defense ministry source").
ORG_NOUNS = frozenset(
    "ministry department office agency embassy government administration campaign committee "
    "council commission military army police intelligence".split()
)

# Heads that name an office: a nationality adjective before them is the employer ("Algerian official"),
# whereas before "source" or "analyst" it only describes the person.
OFFICE_NOUNS = frozenset(
    "official officials diplomat diplomats minister ministers envoy envoys ambassador spokesman "
    "spokeswoman spokesperson officer officers negotiator negotiators lawmaker lawmakers legislator "
    "aide aides adviser advisers advisor advisors commander commanders".split()
)

DETERMINERS = frozenset(
    "a an the one two three four five some several many both all other another this that these those "
    "his her their its our".split()
)
ORDINALS = frozenset("first second third fourth fifth sixth another".split())

PRONOUNS = frozenset("he she they i we it".split())

# Words after which a capitalised run belongs to a description, not a person's name ("sources in France").
NAME_BLOCKERS = frozenset("in at of and or with from for on to by near".split())

# Plural or generic person nouns that start sentences as unnamed sources ("Historians say ...").
GROUP_NOUNS = frozenset(
    "historians diplomats officials sources analysts experts critics observers residents witnesses police "
    "authorities researchers scientists economists lawmakers legislators investigators prosecutors "
    "supporters opponents activists protesters voters democrats republicans aides advisers organizers "
    "officers doctors scholars pollsters strategists insiders staffers members leaders people".split()
)
