from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticConfig(AppConfig):
    name = "chantiers.diagnostic"
    label = "diagnostic"
    verbose_name = _("Diagnostic 360°")
    # What a Chantier's coordinators may do with these models (chantiers.roles); which
    # Chantiers' values they may touch is chantiers.permissions.editable_chantiers.
    coordinator_permissions = {
        "value": ["view", "add", "change", "delete"],
        "indicator": ["view"],
        "sector": ["view"],
        "source": ["view", "add", "change"],
    }
