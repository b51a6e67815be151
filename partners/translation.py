"""Which texts of an organisation exist in French and English (see chantiers/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from partners.models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ("fr",)
