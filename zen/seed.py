"""The program's own facts, from its presentation text (shared/seed).

Names, organisations and contact emails are written exactly as the program
writes them in its lists, with only obvious typos fixed ("Ahunstic",
"GRND", "SaguenayLac-Saint-Jean"). Descriptions are ours, written from its facts.
The English texts (`*_en`) are our translation of these French texts, adding
nothing to them; the site says so on its English pages.
"""

from decimal import Decimal

REGIONS = [
    ("01", "Bas-Saint-Laurent"),
    ("02", "Saguenay–Lac-Saint-Jean"),
    ("03", "Capitale-Nationale"),
    ("04", "Mauricie"),
    ("05", "Estrie"),
    ("06", "Montréal"),
    ("07", "Outaouais"),
    ("08", "Abitibi-Témiscamingue"),
    ("09", "Côte-Nord"),
    ("10", "Nord-du-Québec"),
    ("11", "Gaspésie–Îles-de-la-Madeleine"),
    ("12", "Chaudière-Appalaches"),
    ("13", "Laval"),
    ("14", "Lanaudière"),
    ("15", "Laurentides"),
    ("16", "Montérégie"),
    ("17", "Centre-du-Québec"),
]

ROADMAP_VERSION = {
    "slug": "liste-de-travail-2026",
    "name": "Liste de travail des 14 thèmes (2026)",
}

# The themes the program's text names ("Territoires et biodiversité, Transport,
# Agriculture, Déchets, etc."); the other ten are our working list, shown as
# such until program staff confirm the official list.
THEMES_NAMED_BY_PROGRAM = {
    "territoires-et-biodiversite",
    "transport-et-mobilite",
    "agriculture-et-alimentation",
    "dechets-et-economie-circulaire",
}

# (slug, name, colour, icon, short description). Colours are dark enough for
# white text (WCAG AA); a test checks it. English names are in THEMES_EN.
THEMES = [
    (
        "territoires-et-biodiversite",
        "Territoires et biodiversité",
        "#2e7d32",
        "leaf",
        "Aménager le territoire, protéger les milieux naturels et la biodiversité.",
    ),
    (
        "transport-et-mobilite",
        "Transport et mobilité",
        "#0067a3",
        "bus",
        "Se déplacer autrement : transport collectif, actif et partagé.",
    ),
    (
        "batiment",
        "Bâtiment",
        "#8d4e1b",
        "building",
        "Construire et rénover des bâtiments sobres, sains et sans énergie fossile.",
    ),
    (
        "agriculture-et-alimentation",
        "Agriculture et alimentation",
        "#5f6f12",
        "wheat",
        "Nourrir le territoire par une agriculture durable et des circuits courts.",
    ),
    (
        "dechets-et-economie-circulaire",
        "Déchets et économie circulaire",
        "#6a4c9c",
        "recycle",
        "Réduire, réemployer, réparer et valoriser les matières.",
    ),
    (
        "energie",
        "Énergie",
        "#b04000",
        "bolt",
        "Sortir des énergies fossiles, économiser l’énergie et produire localement.",
    ),
    (
        "industrie-et-production",
        "Industrie et production",
        "#4e5b66",
        "factory",
        "Décarboner la production de biens et de services.",
    ),
    (
        "economie-et-consommation",
        "Économie et consommation",
        "#a4245e",
        "cart",
        "Une économie locale et sobre, au service des besoins réels.",
    ),
    (
        "finance-et-fiscalite",
        "Finance et fiscalité",
        "#00695c",
        "coins",
        "Orienter l’argent public et privé vers la transition.",
    ),
    (
        "travail-et-transition-juste",
        "Travail et transition juste",
        "#b3261e",
        "handshake",
        "Accompagner les travailleuses et travailleurs dans la transition.",
    ),
    ("education", "Éducation", "#3949ab", "book", "Apprendre, sensibiliser et former pour agir ensemble."),
    (
        "droits-de-la-personne-et-justice-sociale",
        "Droits de la personne et justice sociale",
        "#8e2c86",
        "scales",
        "Une transition qui réduit les inégalités et ne laisse personne de côté.",
    ),
    (
        "gouvernance-et-democratie-participative",
        "Gouvernance et démocratie participative",
        "#6d5b00",
        "people",
        "Décider ensemble : instances citoyennes, concertation, transparence.",
    ),
    (
        "premiers-peuples",
        "Premiers Peuples",
        "#7a3b2e",
        "feather",
        "Agir avec les Premières Nations et les Inuit, dans le respect de leurs droits.",
    ),
]

# slug -> (English name, English short description)
THEMES_EN = {
    "territoires-et-biodiversite": (
        "Land and biodiversity",
        "Plan land use and protect natural habitats and biodiversity.",
    ),
    "transport-et-mobilite": ("Transport and mobility", "Travel differently: public, active and shared transport."),
    "batiment": ("Buildings", "Build and renovate buildings that are frugal, healthy and free of fossil fuels."),
    "agriculture-et-alimentation": (
        "Agriculture and food",
        "Feed the territory through sustainable farming and short supply chains.",
    ),
    "dechets-et-economie-circulaire": ("Waste and circular economy", "Reduce, reuse, repair and recover materials."),
    "energie": ("Energy", "Leave fossil fuels behind, save energy and produce it locally."),
    "industrie-et-production": ("Industry and production", "Decarbonise the production of goods and services."),
    "economie-et-consommation": ("Economy and consumption", "A local, frugal economy that serves real needs."),
    "finance-et-fiscalite": ("Finance and taxation", "Steer public and private money toward the transition."),
    "travail-et-transition-juste": ("Work and just transition", "Support workers through the transition."),
    "education": ("Education", "Learn, raise awareness and train to act together."),
    "droits-de-la-personne-et-justice-sociale": (
        "Human rights and social justice",
        "A transition that reduces inequality and leaves no one behind.",
    ),
    "gouvernance-et-democratie-participative": (
        "Governance and participatory democracy",
        "Deciding together: citizen bodies, consultation, transparency.",
    ),
    "premiers-peuples": ("First Peoples", "Act with First Nations and Inuit, respecting their rights."),
}

# slug -> (name, short name, kind)
ORGANISATIONS = {
    "front-commun-pour-la-transition-energetique": (
        "Front commun pour la transition énergétique",
        "Front commun",
        "network",
    ),
    "caisse-deconomie-solidaire": ("Caisse d’économie solidaire", "", "cooperative"),
    "fondation-beati": ("Fondation Béati", "", "foundation"),
    "fondation-lucie-et-andre-chagnon": ("Fondation Lucie et André Chagnon", "", "foundation"),
    "fondation-familiale-trottier": ("Fondation familiale Trottier", "", "foundation"),
    # Laval ZéN
    "laval-en-transition": ("Laval en transition", "", "citizen_group"),
    "cre-de-laval": ("Conseil régional de l’environnement de Laval", "CRE de Laval", "nonprofit"),
    "canopee": ("CANOPÉE, le réseau des bois de Laval", "CANOPÉE", "network"),
    "ccil": ("Chambre de commerce et d’industrie de Laval", "CCIL", "network"),
    "laval-innov": ("Laval Innov", "", "nonprofit"),
    "udem-campus-laval": ("Université de Montréal – Campus de Laval", "", "education"),
    "ville-de-laval": ("Ville de Laval", "", "municipality"),
    # ClimAction Lachine
    "grame": ("Groupe de recommandations et d’actions pour un meilleur environnement", "GRAME", "nonprofit"),
    "imagine-lachine-est": ("Imagine Lachine Est", "", "citizen_group"),
    "cre-de-montreal": ("Conseil régional de l’environnement de Montréal", "CRE de Montréal", "nonprofit"),
    "concertaction-lachine": ("Concert’action Lachine", "", "network"),
    "arrondissement-de-lachine": ("Arrondissement de Lachine", "", "municipality"),
    # Chantier ZéN de la région de Québec
    "transition-capitale-nationale": ("Transition Capitale Nationale", "", "citizen_group"),
    "voix-citoyenne": ("Voix citoyenne", "", "citizen_group"),
    "nature-quebec": ("Nature Québec", "", "nonprofit"),
    "amies-de-la-terre-de-quebec": ("AmiEs de la Terre de Québec", "", "nonprofit"),
    "craque-bitume": ("Craque-Bitume", "", "nonprofit"),
    # Le Grand dialogue
    "grand-dialogue-slsj": (
        "Le Grand dialogue régional pour la transition socio-écologique du Saguenay–Lac-Saint-Jean",
        "Le Grand dialogue",
        "citizen_group",
    ),
}

PROGRAM_SUPPORT = {
    "operator": ["front-commun-pour-la-transition-energetique"],
    "funder": [
        "caisse-deconomie-solidaire",
        "fondation-beati",
        "fondation-lucie-et-andre-chagnon",
        "fondation-familiale-trottier",
    ],
}

CHANTIERS = [
    {
        "slug": "laval-zen",
        "name": "Laval ZéN",
        "short_name": "",
        "status": "active",
        "cohort": 1,
        "regions": ["13"],
        "territory": "Laval",
        "territory_en": "Laval",
        "contact_email": "lavalzen@pourlatransitionenergetique.org",
        "point": ("45.57000", "-73.72000"),
        "summary": "Mobiliser les forces vives et la population lavalloises autour d’un plan d’action "
        "collectif vers la carboneutralité.",
        "summary_en": "Mobilising Laval’s key players and residents around a collective action plan toward "
        "carbon neutrality.",
        "description": (
            "Laval ZéN réunit les grands acteurs régionaux de Laval pour concevoir et réaliser ensemble "
            "un plan d’action ambitieux et réaliste vers la carboneutralité.\n\n"
            "Le Conseil régional de l’environnement de Laval y apporte son expertise, sa connaissance fine "
            "du territoire et ses réseaux ; le mouvement citoyen Laval en transition porte la vulgarisation "
            "et la participation de la population.\n\n"
            "La démarche rejoint le Plan de lutte aux changements climatiques et le Plan d’adaptation de la "
            "Ville de Laval, les priorités de relance économique de Laval Innov et les priorités "
            "environnementales de la Chambre de commerce et d’industrie de Laval. Deux semaines d’actions "
            "climatiques participatives ont lieu chaque année."
        ),
        "description_en": (
            "Laval ZéN brings together Laval’s major regional players to design and carry out, together, an "
            "ambitious and realistic action plan toward carbon neutrality.\n\n"
            "The Conseil régional de l’environnement de Laval contributes its expertise, its close knowledge of "
            "the territory and its networks; the citizen movement Laval en transition leads public outreach and "
            "residents’ participation.\n\n"
            "The initiative is in line with the City of Laval’s plan to fight climate change and its adaptation "
            "plan, Laval Innov’s economic recovery priorities and the environmental priorities of the Chambre de "
            "commerce et d’industrie de Laval. Two weeks of participatory climate action take place every year."
        ),
        "co_porteurs": ["laval-en-transition", "cre-de-laval"],
        "initial_partners": ["canopee", "ccil", "laval-innov", "udem-campus-laval", "ville-de-laval"],
        # (name, description, status, English name, English description)
        "phases": [
            (
                "Rassembler les forces vives",
                "Réunir les forces vives du territoire dans une gouvernance partenariale collaborative.",
                "current",
                "Bring the territory’s key players together",
                "Gather the territory’s key players in a collaborative, partnership-based governance.",
            ),
            (
                "Diagnostic 360°",
                "Dresser un diagnostic 360° de l’action climatique et des émissions de GES sur le territoire.",
                "upcoming",
                "360° diagnostic",
                "Carry out a 360° diagnostic of climate action and greenhouse gas emissions in the territory.",
            ),
            (
                "Coconstruire le plan d’action",
                "Coconstruire entre partenaires un plan d’action vers la carboneutralité.",
                "upcoming",
                "Co-create the action plan",
                "Co-create, among partners, an action plan toward carbon neutrality.",
            ),
            (
                "Mettre en œuvre et suivre",
                "Mettre le plan en œuvre sur plusieurs années, avec un suivi et une évaluation en continu.",
                "upcoming",
                "Implement and monitor",
                "Implement the plan over several years, with ongoing monitoring and evaluation.",
            ),
        ],
        # (title, description, English title, English description)
        "events": [
            (
                "Première semaine d’actions climatiques participatives",
                "Une semaine où la population lavalloise passe à l’action pour le climat. Elle revient chaque "
                "année ; les dates sont annoncées par le Chantier.",
                "First week of participatory climate action",
                "A week when Laval residents take action for the climate. It comes back every year; the Chantier "
                "announces the dates.",
            ),
            (
                "Deuxième semaine d’actions climatiques participatives",
                "La seconde semaine d’actions climatiques participatives de l’année. Les dates sont annoncées "
                "par le Chantier.",
                "Second week of participatory climate action",
                "The year’s second week of participatory climate action. The Chantier announces the dates.",
            ),
        ],
    },
    {
        "slug": "climaction-lachine",
        "name": "ClimAction Lachine",
        "short_name": "",
        "status": "active",
        "cohort": 1,
        "regions": ["06"],
        "territory": "Arrondissement de Lachine, Montréal",
        "territory_en": "Borough of Lachine, Montréal",
        "contact_email": "climactionlachine@pourlatransitionenergetique.org",
        "point": ("45.44100", "-73.68900"),
        "summary": "Une démarche locale et structurée de transition juste vers la carboneutralité à Lachine.",
        "summary_en": "A local, structured approach to a just transition toward carbon neutrality in Lachine.",
        "description": (
            "ClimAction Lachine est porté par le GRAME et Imagine Lachine Est, avec des partenaires de "
            "plusieurs secteurs : l’Arrondissement de Lachine, Concert’action Lachine et le CRE de Montréal.\n\n"
            "Citoyennes et citoyens, entreprises, OBNL et institutions y travaillent de près pour une "
            "transition écologique porteuse d’équité sociale. Plusieurs projets locaux sont déjà lancés ; "
            "le Chantier leur donne une démarche commune pour que la communauté lachinoise prenne en main "
            "les transformations que l’urgence climatique exige."
        ),
        "description_en": (
            "ClimAction Lachine is led by GRAME and Imagine Lachine Est, with partners from several sectors: the "
            "Arrondissement de Lachine, Concert’action Lachine and the CRE de Montréal.\n\n"
            "Residents, businesses, non-profits and institutions work closely together on it for an ecological "
            "transition that brings social equity. Several local projects are already under way; the Chantier "
            "gives them a shared approach so that the Lachine community takes charge of the transformations the "
            "climate emergency demands."
        ),
        "co_porteurs": ["grame", "imagine-lachine-est"],
        "initial_partners": ["cre-de-montreal", "concertaction-lachine", "arrondissement-de-lachine"],
    },
    {
        "slug": "region-de-quebec",
        "name": "Chantier ZéN de la région de Québec",
        "short_name": "Région de Québec",
        "status": "active",
        "cohort": 1,
        "regions": ["03"],
        "territory": "Région de Québec",
        "territory_en": "Québec City region",
        "contact_email": "zen.regionquebec@gmail.com",
        "point": ("46.81300", "-71.20800"),
        "summary": "Une feuille de route régionale pour s’affranchir des énergies fossiles, accroître la "
        "résilience et réaliser une transition juste.",
        "summary_en": "A regional roadmap to break free from fossil fuels, build resilience and achieve a just "
        "transition.",
        "description": (
            "Depuis l’automne 2019, Transition Capitale Nationale et des organismes de la région de Québec "
            "se concertent pour cerner des problèmes communs et les résoudre ensemble.\n\n"
            "Des groupes ont coconstruit les grandes lignes d’un plan d’action et amorcé une feuille de route "
            "régionale, avec des actions ciblées selon les enjeux locaux. Une documentation partagée, "
            "organisée selon les 14 thèmes, est déjà alimentée par plusieurs personnes et organismes.\n\n"
            "À court terme, le Chantier veut rejoindre le plus grand nombre de groupes diversifiés pour "
            "coconstruire cette feuille de route."
        ),
        "description_en": (
            "Since autumn 2019, Transition Capitale Nationale and organisations of the Québec City region have "
            "been working together to identify common problems and solve them jointly.\n\n"
            "Groups have co-created the outline of an action plan and begun a regional roadmap, with actions "
            "targeted to local issues. Shared documentation, organised by the 14 themes, is already being fed by "
            "several people and organisations.\n\n"
            "In the short term, the Chantier wants to reach as many diverse groups as possible to co-create this "
            "roadmap."
        ),
        "co_porteurs": ["transition-capitale-nationale"],
        "initial_partners": ["voix-citoyenne", "nature-quebec", "amies-de-la-terre-de-quebec", "craque-bitume"],
    },
    {
        "slug": "grand-dialogue-saguenay-lac-saint-jean",
        "name": "Le Grand dialogue régional pour la transition socio-écologique du Saguenay–Lac-Saint-Jean",
        "short_name": "Le Grand dialogue régional",
        "status": "active",
        "cohort": 1,
        "regions": ["02"],
        "territory": "Saguenay–Lac-Saint-Jean, du nord du Lac jusqu’à Petit-Saguenay",
        "territory_en": "Saguenay–Lac-Saint-Jean, from the north of the Lake to Petit-Saguenay",
        "contact_email": "jasons@granddialogue-slsj.com",
        "point": ("48.42800", "-71.06800"),
        "summary": "Une initiative citoyenne pour coconstruire la feuille de route de la transition "
        "socioécologique du Saguenay–Lac-Saint-Jean.",
        "summary_en": "A citizen initiative to co-create the roadmap for the socio-ecological transition of "
        "Saguenay–Lac-Saint-Jean.",
        "description": (
            "Le Grand dialogue régional est une initiative citoyenne de transformation sociale et "
            "d’autodétermination.\n\n"
            "Il invite toutes les personnes intéressées à coconstruire une feuille de route pour la "
            "transition socioécologique de la région, du nord du Lac jusqu’à Petit-Saguenay, en animant un "
            "dialogue territorial sur ses défis, ses forces et ses aspirations."
        ),
        "description_en": (
            "Le Grand dialogue régional is a citizen initiative for social transformation and "
            "self-determination.\n\n"
            "It invites everyone interested to co-create a roadmap for the region’s socio-ecological transition, "
            "from the north of the Lake to Petit-Saguenay, by leading a territorial dialogue on the region’s "
            "challenges, strengths and aspirations."
        ),
        "co_porteurs": ["grand-dialogue-slsj"],
        "initial_partners": [],
    },
    {
        "slug": "outaouais",
        "name": "Outaouais",
        "status": "candidate",
        "cohort": 2,
        "regions": ["07"],
        "territory": "Outaouais",
        "territory_en": "Outaouais",
        "point": ("45.47700", "-75.70100"),
        "summary": "Chantier en lice pour l’année 2 de Collectivités ZéN.",
        "summary_en": "Candidate Chantier for year 2 of Collectivités ZéN.",
    },
    {
        "slug": "ahuntsic-cartierville",
        "name": "Ahuntsic-Cartierville",
        "status": "candidate",
        "cohort": 2,
        "regions": ["06"],
        "territory": "Arrondissement d’Ahuntsic-Cartierville, Montréal",
        "territory_en": "Borough of Ahuntsic-Cartierville, Montréal",
        "point": ("45.54800", "-73.67000"),
        "summary": "Chantier en lice pour l’année 2 de Collectivités ZéN.",
        "summary_en": "Candidate Chantier for year 2 of Collectivités ZéN.",
    },
    {
        "slug": "mrc-lassomption-dautray",
        "name": "MRC de L’Assomption et de D’Autray",
        "status": "candidate",
        "cohort": 2,
        "regions": ["14"],
        "territory": "MRC de L’Assomption et MRC de D’Autray",
        "territory_en": "L’Assomption RCM and D’Autray RCM",
        "point": ("45.90000", "-73.35000"),
        "summary": "Chantier en lice pour l’année 2 de Collectivités ZéN.",
        "summary_en": "Candidate Chantier for year 2 of Collectivités ZéN.",
    },
    {
        "slug": "monteregie",
        "name": "Montérégie",
        "status": "candidate",
        "cohort": 2,
        "regions": ["16"],
        "territory": "Montérégie",
        "territory_en": "Montérégie",
        "point": ("45.40000", "-73.00000"),
        "summary": "Chantier en lice pour l’année 2 de Collectivités ZéN.",
        "summary_en": "Candidate Chantier for year 2 of Collectivités ZéN.",
    },
]

# Illustrative roadmap actions, loaded only with `load_seed --examples` and
# labelled "Exemple" wherever shown. They are not the Chantiers' real plans.
# chantier slug -> [(theme slug, title, English title, status, progress, lead organisation slugs)]
EXAMPLE_ACTIONS = {
    "laval-zen": [
        (
            "gouvernance-et-democratie-participative",
            "Former le comité de pilotage partenarial",
            "Form the partnership steering committee",
            "in_progress",
            60,
            ["cre-de-laval", "laval-en-transition"],
        ),
        (
            "territoires-et-biodiversite",
            "Cartographier les bois et corridors écologiques à protéger",
            "Map the woods and ecological corridors to protect",
            "planned",
            10,
            ["canopee"],
        ),
        (
            "transport-et-mobilite",
            "Sonder la population sur ses déplacements quotidiens",
            "Survey residents on their daily travel",
            "proposed",
            0,
            ["laval-en-transition"],
        ),
        (
            "energie",
            "Inventorier les émissions de GES du territoire",
            "Inventory the territory’s greenhouse gas emissions",
            "planned",
            5,
            ["cre-de-laval"],
        ),
        (
            "economie-et-consommation",
            "Réunir les entreprises autour d’engagements climatiques",
            "Bring businesses together around climate commitments",
            "proposed",
            0,
            ["ccil", "laval-innov"],
        ),
        (
            "education",
            "Animer des ateliers climat avec le milieu scolaire",
            "Run climate workshops with schools",
            "proposed",
            0,
            ["udem-campus-laval"],
        ),
    ],
    "climaction-lachine": [
        (
            "gouvernance-et-democratie-participative",
            "Tenir un premier forum citoyen sur la transition",
            "Hold a first citizen forum on the transition",
            "done",
            100,
            ["grame", "imagine-lachine-est"],
        ),
        (
            "territoires-et-biodiversite",
            "Verdir les ruelles et les cours d’école",
            "Green the laneways and schoolyards",
            "in_progress",
            40,
            ["arrondissement-de-lachine"],
        ),
        (
            "transport-et-mobilite",
            "Proposer un réseau cyclable continu vers Lachine-Est",
            "Propose a continuous cycling network to Lachine-Est",
            "planned",
            15,
            ["imagine-lachine-est"],
        ),
        (
            "droits-de-la-personne-et-justice-sociale",
            "Évaluer les effets sociaux des projets de transition",
            "Assess the social effects of transition projects",
            "proposed",
            0,
            ["concertaction-lachine"],
        ),
    ],
    "region-de-quebec": [
        (
            "territoires-et-biodiversite",
            "Documenter les milieux naturels menacés de la région",
            "Document the region’s threatened natural habitats",
            "in_progress",
            50,
            ["nature-quebec"],
        ),
        (
            "transport-et-mobilite",
            "Documenter les besoins de transport collectif régional",
            "Document the region’s public transit needs",
            "in_progress",
            35,
            ["transition-capitale-nationale"],
        ),
        (
            "agriculture-et-alimentation",
            "Répertorier les initiatives d’agriculture urbaine",
            "List urban agriculture initiatives",
            "planned",
            20,
            ["craque-bitume"],
        ),
        (
            "dechets-et-economie-circulaire",
            "Recenser les lieux de réemploi et de réparation",
            "Survey places for reuse and repair",
            "proposed",
            0,
            ["amies-de-la-terre-de-quebec"],
        ),
    ],
    "grand-dialogue-saguenay-lac-saint-jean": [
        (
            "gouvernance-et-democratie-participative",
            "Animer des cercles de dialogue dans chaque MRC",
            "Run dialogue circles in each RCM",
            "in_progress",
            30,
            ["grand-dialogue-slsj"],
        ),
        (
            "agriculture-et-alimentation",
            "Cerner les forces agroalimentaires de la région",
            "Identify the region’s agri-food strengths",
            "proposed",
            0,
            ["grand-dialogue-slsj"],
        ),
        (
            "energie",
            "Explorer la production d’énergie renouvelable communautaire",
            "Explore community renewable energy production",
            "proposed",
            0,
            [],
        ),
    ],
}

# Illustrative inventories, loaded only with `load_seed --examples` and labelled
# "Exemple" wherever shown (pages, charts, tables, API, CSV, feeds). Invented,
# of a plausible size: emissions per inhabitant by sector (t CO2e) in the first
# year, falling by `yearly_change` a year, and population by year.
EXAMPLE_SOURCE = {
    "publisher": "Collectivités ZéN",
    "title": "Exemple : inventaire fictif, pour illustrer la plateforme",
    "title_en": "Example: an invented inventory, to show the platform",
    "methodology": "Chiffres inventés d’un ordre de grandeur plausible. Ce ne sont pas les émissions du territoire.",
    "methodology_en": "Invented figures of a plausible size. These are not the territory’s emissions.",
}
EXAMPLE_YEARS = [2015, 2018, 2021]
EXAMPLE_TARGETS = {2030: Decimal("0.60"), 2050: Decimal("0.10")}  # share of the first year's total
EXAMPLE_INVENTORIES = {
    "laval-zen": {
        "population": {2015: 425_000, 2018: 436_000, 2021: 438_000},
        "per_capita": {
            "transport": "2.40",
            "industrie": "0.80",
            "residentiel-commercial-institutionnel": "1.10",
            "agriculture": "0.05",
            "dechets": "0.35",
            "electricite": "0.01",
            "utcatf": "-0.04",
        },
        "yearly_change": "0.02",
        "indicators": {
            "deplacements-durables": {2016: "17.8", 2021: "15.2"},
            "aires-protegees": {2018: "4.1", 2021: "4.6"},
        },
    },
    "climaction-lachine": {
        "population": {2015: 44_500, 2018: 45_200, 2021: 46_000},
        "per_capita": {
            "transport": "1.90",
            "industrie": "1.30",
            "residentiel-commercial-institutionnel": "0.95",
            "agriculture": "0",
            "dechets": "0.30",
            "electricite": "0.01",
            "utcatf": "-0.01",
        },
        "yearly_change": "0.015",
        "indicators": {"deplacements-durables": {2016: "27.4", 2021: "24.9"}},
    },
    "region-de-quebec": {
        "population": {2015: 745_000, 2018: 760_000, 2021: 775_000},
        "per_capita": {
            "transport": "2.70",
            "industrie": "1.40",
            "residentiel-commercial-institutionnel": "1.00",
            "agriculture": "0.25",
            "dechets": "0.40",
            "electricite": "0.01",
            "utcatf": "-0.60",
        },
        "yearly_change": "0.01",
        "indicators": {
            "deplacements-durables": {2016: "21.0", 2021: "19.3"},
            "aires-protegees": {2018: "9.5", 2021: "11.2"},
        },
    },
    "grand-dialogue-saguenay-lac-saint-jean": {
        "population": {2015: 277_000, 2018: 278_000, 2021: 280_000},
        "per_capita": {
            "transport": "3.10",
            "industrie": "6.20",
            "residentiel-commercial-institutionnel": "0.90",
            "agriculture": "0.55",
            "dechets": "0.45",
            "electricite": "0.02",
            "utcatf": "-1.50",
        },
        "yearly_change": "0.025",
        "indicators": {
            "deplacements-durables": {2016: "6.1", 2021: "5.8"},
            "aires-protegees": {2018: "12.0", 2021: "12.0"},
        },
    },
}
EXAMPLE_WASTE_PER_CAPITA = {2018: Decimal("0.72"), 2021: Decimal("0.68")}  # t eliminated per inhabitant
