"""The public application form: validation and normalisation only (it sends nothing)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from chantiers.models import Chantier, Theme
from partners.images import clean_logo
from partners.models import Organisation
from zen.web import antispam
from zen.web.antispam import HumanFormMixin

STARTED_SALT = "partners.apply.started"
PHONE_CHARACTERS = re.compile(r"^[0-9+().\-\s]*(?:(?:ext|poste|p\.|#)\.?\s*[0-9]{1,6})?$", re.IGNORECASE)


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.label

    def clean(self, value):
        if not value and not self.required:
            return []  # Django's answer would be an empty queryset, which costs a query compilation to test
        return super().clean(value)


def started_token() -> str:
    return antispam.started_token(STARTED_SALT)


def application_form(chantier: Chantier | None, *args, **kwargs) -> PartnerApplicationForm:
    """The form for `chantier`'s own page, or the general one where the applicant picks the Chantier."""
    if chantier is None:
        return ChantierChoiceApplicationForm(*args, **kwargs)
    return PartnerApplicationForm(*args, chantier=chantier, **kwargs)


class PartnerApplicationForm(HumanFormMixin, forms.Form):
    started_salt = STARTED_SALT
    min_seconds_setting = "APPLICATION_MIN_SECONDS"
    expired_message = _("Ce formulaire a expiré. Vos réponses sont conservées : vérifiez-les et envoyez de nouveau.")
    """Validates and normalises what an applicant to `chantier` typed; `application_submit` stores it.

    A plain Form rather than a ModelForm: the model's constraints are checked
    by the database, and this form already guarantees them, so it does not pay
    for the queries a ModelForm would make to check them again.
    """

    organisation_name = forms.CharField(max_length=200, label=_("Nom de l’organisation"))
    organisation_kind = forms.ChoiceField(
        choices=[("", _("Choisissez un type")), *Organisation.Kind.choices], label=_("Type d’organisation")
    )
    sector = forms.CharField(max_length=200, required=False, label=_("Secteur d’activité (facultatif)"))
    website = forms.URLField(max_length=200, required=False, label=_("Site web (facultatif)"), assume_scheme="https")
    neq = forms.CharField(
        required=False,
        max_length=20,  # spaces and dashes are allowed, then removed
        label=_("Numéro d’entreprise du Québec, NEQ (facultatif)"),
        help_text=_("10 chiffres, par exemple 1234567890."),
    )
    logo = forms.FileField(
        required=False,
        label=_("Logo (facultatif)"),
        help_text=_("PNG, JPEG ou WebP, 2 Mo et 4 000 × 4 000 pixels au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    contact_name = forms.CharField(max_length=200, label=_("Personne-ressource"))
    contact_email = forms.EmailField(max_length=254, label=_("Courriel"))
    contact_phone = forms.CharField(max_length=30, required=False, label=_("Téléphone (facultatif)"))
    motivation = forms.CharField(
        max_length=5000,
        label=_("Pourquoi voulez-vous devenir partenaire ?"),
        help_text=_("Ce que votre organisation apporterait au Chantier, en quelques phrases."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    themes = ThemeChoiceField(
        queryset=Theme.objects.current(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Thèmes qui vous intéressent"),
    )
    consent_public_listing = forms.BooleanField(
        required=False,
        label=_("Si notre demande est acceptée, le nom de notre organisation peut paraître sur la page du Chantier."),
    )
    consent_privacy = forms.BooleanField(
        required=True,
        label=_("J’ai lu l’avis de confidentialité et j’accepte que ces renseignements servent à traiter la demande."),
        error_messages={"required": _("Cochez cette case pour envoyer la demande : nous en avons besoin (Loi 25).")},
    )
    # Spam protection without third parties: a field people never see, and a
    # signed time stamp of when the form was shown.
    fax_number = forms.CharField(required=False, label=_("Ne remplissez pas ce champ"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, chantier: Chantier | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_chantier = chantier
        self.fields["website"].widget.attrs["placeholder"] = "https://"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["fax_number"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.is_bound:
            self.initial["started"] = started_token()

    def clean_organisation_name(self) -> str:
        return " ".join(self.cleaned_data["organisation_name"].split())

    def clean_contact_name(self) -> str:
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_neq(self) -> str:
        neq = re.sub(r"[\s-]", "", self.cleaned_data.get("neq", ""))
        if neq and not re.fullmatch(r"[0-9]{10}", neq):
            raise forms.ValidationError(_("Le NEQ compte exactement 10 chiffres."), code="neq")
        return neq

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data.get("contact_phone", "").strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE_CHARACTERS.match(phone) or not 10 <= len(digits) <= 18):
            raise forms.ValidationError(
                _("Entrez un numéro de téléphone, par exemple 514 555-0123 ou +1 418 555-0123 poste 12."),
                code="phone",
            )
        return phone

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return clean_logo(upload) if upload else None

    def submission(self) -> dict:
        """The cleaned answers, as `partners.services.application_submit` takes them."""
        skipped = {"chantier", "fax_number", "started"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skipped}

    @property
    def target_chantier(self) -> Chantier:
        assert self.fixed_chantier is not None  # application_form() builds this class only for one Chantier
        return self.fixed_chantier


class ChantierChoiceApplicationForm(PartnerApplicationForm):
    """The general form: the applicant picks the Chantier.

    A separate class rather than a field removed from every Chantier page's
    form: Django copies each declared field for every form built.
    """

    chantier = forms.ModelChoiceField(
        queryset=Chantier.objects.accepting_applications().order_by("name"),
        label=_("Chantier que vous voulez rejoindre"),
        empty_label=_("Choisissez un Chantier"),
    )
    field_order = ["chantier"]

    @property
    def target_chantier(self) -> Chantier:
        return self.cleaned_data["chantier"]
