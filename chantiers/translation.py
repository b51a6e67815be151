"""Which texts of a Chantier exist in French and English (django-modeltranslation).

Each field listed here gets one column per language (`summary_fr`, `summary_en`);
the plain attribute (`chantier.summary`) reads the visitor's language and falls
back to French, the source (settings: MODELTRANSLATION_FALLBACK_LANGUAGES).
French is required wherever the field itself is required; English is optional.
Names (of Chantiers, regions, organisations) are proper names and stay as written.

The change history of Chantiers, phases, roadmap actions and events is registered here, after the
translated columns exist, so each historical record keeps both languages
(django-simple-history's documented way to work with modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from chantiers.models import Chantier, DefaultPhase, Event, Phase, RoadmapAction, Theme


class FrenchFirst(TranslationOptions):
    required_languages = ("fr",)


@register(Theme)
class ThemeTranslation(FrenchFirst):
    fields = ("name", "description")


@register(Chantier)
class ChantierTranslation(FrenchFirst):
    fields = ("summary", "description", "territory")


@register(Phase)
class PhaseTranslation(FrenchFirst):
    fields = ("name", "description")


@register(DefaultPhase)
class DefaultPhaseTranslation(FrenchFirst):
    fields = ("name", "description")


@register(RoadmapAction)
class RoadmapActionTranslation(FrenchFirst):
    fields = ("title", "description")


@register(Event)
class EventTranslation(FrenchFirst):
    fields = ("title", "description", "place")


simple_history.register(Chantier, excluded_fields=["created_at", "updated_at"])
simple_history.register(Phase)
simple_history.register(RoadmapAction, excluded_fields=["created_at", "updated_at"])
simple_history.register(Event, excluded_fields=["sequence", "updated_at"])
