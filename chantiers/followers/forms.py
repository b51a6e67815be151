"""The follow form and the preferences form: validation and normalisation only (they send nothing).

The follow form has the application form's spam protection, without third parties:
a field people never see, and a signed time stamp of when the form was shown.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chantiers.followers.models import Frequency
from chantiers.models import Chantier
from zen.web import antispam
from zen.web.antispam import HumanFormMixin

STARTED_SALT = "followers.follow.started"

# The exact words a person agrees to; stored with their subscription (Loi 25, CASL).
CONSENT_TEXT = _(
    "J’accepte de recevoir par courriel les nouvelles de ce Chantier (résumé de ses changements publiés) de la part "
    "de Collectivités ZéN. Je peux me désabonner en un clic depuis chaque courriel."
)


def started_token() -> str:
    return antispam.started_token(STARTED_SALT)


class ChantierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Chantier) -> str:
        return obj.display_name


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Langue des courriels"), choices=settings.LANGUAGES)
    frequency = forms.ChoiceField(
        label=_("Fréquence"), choices=Frequency.choices, widget=forms.RadioSelect, initial=Frequency.WEEKLY
    )


class FollowForm(HumanFormMixin, PreferencesForm):
    started_salt = STARTED_SALT
    min_seconds_setting = "FOLLOW_MIN_SECONDS"
    expired_message = _("Ce formulaire a expiré. Vérifiez vos réponses et envoyez de nouveau.")
    email = forms.EmailField(max_length=254, label=_("Votre courriel"))
    consent = forms.BooleanField(
        required=True,
        label=CONSENT_TEXT,
        error_messages={"required": _("Cochez cette case pour vous abonner : sans votre accord, rien n’est envoyé.")},
    )
    fax_number = forms.CharField(required=False, label=_("Ne remplissez pas ce champ"))
    started = forms.CharField(widget=forms.HiddenInput)

    field_order = ["email", "frequency", "language", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["fax_number"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.is_bound or "started" not in self.data:
            self.initial["started"] = started_token()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()


class ChantierChoiceFollowForm(FollowForm):
    """From the events page: the visitor picks the Chantier."""

    chantier = ChantierChoiceField(
        queryset=Chantier.objects.published().order_by("name"),
        label=_("Chantier à suivre"),
        empty_label=_("Choisissez un Chantier"),
    )
    field_order = ["chantier", *FollowForm.field_order]
