"""The public forms' spam defences without third parties: a field people leave empty (the honeypot) and a
signed start time, refused when too old or too recent.

A form using `HumanFormMixin` declares the two fields (`fax_number`, `started` as a hidden input) and
sets `started_salt`, `min_seconds_setting` and `expired_message`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.core import signing
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STARTED_MAX_AGE = 24 * 3600  # a form left open for a day starts again


def started_token(salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(str(timezone.now().timestamp()))


class HumanFormMixin:
    started_salt: str
    min_seconds_setting: str  # the setting that says how long a person takes at least
    expired_message: Any
    data: Any
    cleaned_data: dict[str, Any]

    if TYPE_CHECKING:  # forms.Form's, which comes after this mixin

        def add_prefix(self, field_name: str) -> str: ...

    def clean_fax_number(self) -> str:
        if self.cleaned_data.get("fax_number"):
            raise forms.ValidationError(_("Laissez ce champ vide."), code="honeypot")
        return ""

    def clean_started(self) -> float:
        signer = signing.TimestampSigner(salt=self.started_salt)
        try:
            started = float(signer.unsign(self.cleaned_data["started"], max_age=STARTED_MAX_AGE))
        except (signing.BadSignature, ValueError):
            self._renew_started()
            raise forms.ValidationError(self.expired_message, code="expired") from None
        if timezone.now().timestamp() - started < getattr(settings, self.min_seconds_setting):
            self._renew_started()
            raise forms.ValidationError(
                _("Le formulaire a été envoyé très vite. Vérifiez vos réponses et envoyez de nouveau."),
                code="too_fast",
            )
        return started

    def _renew_started(self) -> None:
        """A fresh start time in the re-shown form, so that the person's next sending is accepted."""
        data = cast(QueryDict, self.data).copy()  # a bound form's data: the request's QueryDict
        data[self.add_prefix("started")] = started_token(self.started_salt)
        self.data = data
