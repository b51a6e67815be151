"""The shared catalogue: the inventory's sectors and the indicators every Chantier may report.

Loaded by a migration (migrations/0002_catalogue.py) and again by `load_seed`, both through
`load_catalogue`. docs/decisions.md says why these indicators. Changing a row here changes
new databases only: an existing one gets the change from a new migration or the admin.
"""

TOTAL = "ges-total"
BY_SECTOR = "ges-secteur"
POPULATION = "population"

# Theme slugs (zen/seed.py) each theme measure belongs to.
INDICATOR_THEMES = {
    "deplacements-durables": ["transport-et-mobilite"],
    "matieres-eliminees": ["dechets-et-economie-circulaire"],
    "aires-protegees": ["territoires-et-biodiversite"],
}


SECTORS = [
    ("transport", "Transport", "Transportation", False),
    ("industrie", "Industrie", "Industry", False),
    (
        "residentiel-commercial-institutionnel",
        "Résidentiel, commercial et institutionnel",
        "Residential, commercial and institutional",
        False,
    ),
    ("agriculture", "Agriculture", "Agriculture", False),
    ("dechets", "Déchets", "Waste", False),
    ("electricite", "Électricité", "Electricity", False),
    ("utcatf", "Affectation des terres (UTCATF)", "Land use and forestry (LULUCF)", True),
]

# (code, French name, English name, French description, English description, unit, decimals,
#  direction, normalised by, has sectors)
INDICATORS = [
    (
        "ges-total",
        "Émissions totales de GES",
        "Total greenhouse-gas emissions",
        "Somme des secteurs de l’inventaire, hors affectation des terres (UTCATF), comme le total de "
        "l’inventaire québécois.",
        "Sum of the inventory’s sectors, land use and forestry (LULUCF) excluded, as in Québec’s inventory total.",
        "t_co2e",
        0,
        "down",
        "population",
        False,
    ),
    (
        "ges-secteur",
        "Émissions de GES par secteur",
        "Greenhouse-gas emissions by sector",
        "Les secteurs de l’Inventaire québécois des émissions de gaz à effet de serre.",
        "The sectors of Québec’s greenhouse-gas emissions inventory.",
        "t_co2e",
        0,
        "down",
        "population",
        True,
    ),
    (
        "population",
        "Population",
        "Population",
        "Nombre d’habitants du territoire ; sert aux chiffres par habitant de la même année.",
        "Number of inhabitants of the territory; used for per-capita figures of the same year.",
        "inhabitants",
        0,
        "none",
        None,
        False,
    ),
    (
        "deplacements-durables",
        "Déplacements domicile-travail en transport collectif ou actif",
        "Commutes by public transit, walking or cycling",
        "Part des personnes qui se rendent au travail en transport collectif, à pied ou à vélo (recensement).",
        "Share of people who commute by public transit, on foot or by bicycle (census).",
        "percent",
        1,
        "up",
        None,
        False,
    ),
    (
        "matieres-eliminees",
        "Matières résiduelles éliminées",
        "Residual materials disposed of",
        "Tonnes de matières résiduelles enfouies ou incinérées dans l’année.",
        "Tonnes of residual materials landfilled or incinerated in the year.",
        "tonnes",
        0,
        "down",
        "population",
        False,
    ),
    (
        "aires-protegees",
        "Part du territoire en aires protégées",
        "Share of the territory in protected areas",
        "Superficie des aires protégées inscrites au registre, en pourcentage du territoire.",
        "Area of the registered protected areas, as a percentage of the territory.",
        "percent",
        1,
        "up",
        None,
        False,
    ),
]


def load_catalogue(Sector, Indicator) -> None:
    """Create the sectors and indicators that are missing; leave those that exist as program staff left them.

    Called by the migration with its historical models and by `load_seed` with the app's,
    so a database emptied by a test or a restore gets the catalogue back.
    """
    for order, (code, name_fr, name_en, is_land_use) in enumerate(SECTORS, start=1):
        Sector.objects.get_or_create(
            code=code,
            defaults={
                "order": order,
                "name": name_fr,
                "name_fr": name_fr,
                "name_en": name_en,
                "is_land_use": is_land_use,
            },
        )
    created = {}
    for order, (code, name_fr, name_en, text_fr, text_en, unit, decimals, direction, _by, sectors) in enumerate(
        INDICATORS, start=1
    ):
        created[code], _ = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "order": order,
                "name": name_fr,
                "name_fr": name_fr,
                "name_en": name_en,
                "description": text_fr,
                "description_fr": text_fr,
                "description_en": text_en,
                "unit": unit,
                "decimals": decimals,
                "direction": direction,
                "has_sectors": sectors,
            },
        )
    for code, *_rest, by, _sectors in INDICATORS:
        if by and created[code].normalised_by_id is None:
            created[code].normalised_by = created[by]
            created[code].save(update_fields=["normalised_by"])
