"""Which texts of the diagnostic exist in French and English (django-modeltranslation).

Names and descriptions of sectors and indicators, and sources' titles and method
notes; a publisher is a proper name and stays as written (chantiers/translation.py).
"""

from modeltranslation.translator import TranslationOptions, register

from chantiers.diagnostic.models import Indicator, Sector, Source


class FrenchFirst(TranslationOptions):
    required_languages = ("fr",)


@register(Sector)
class SectorTranslation(FrenchFirst):
    fields = ("name", "description")


@register(Indicator)
class IndicatorTranslation(FrenchFirst):
    fields = ("name", "description")


@register(Source)
class SourceTranslation(FrenchFirst):
    fields = ("title", "methodology")
