"""Codes of the shared catalogue, which a migration loads (migrations/0002_catalogue.py).

docs/decisions.md says why these indicators.
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
