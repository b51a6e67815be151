from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partenaires")
    # What a Chantier's coordinators may do with these models (chantiers.roles).
    coordinator_permissions = {
        "organisation": ["view", "add", "change"],  # change: only one partnering their Chantier alone
        "partnership": ["view", "add", "change", "delete"],
        "partnerapplication": ["view", "change"],
    }
