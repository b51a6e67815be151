from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChantiersConfig(AppConfig):
    name = "chantiers"
    verbose_name = _("Chantiers")
    # What a Chantier's coordinators may do with these models (chantiers.roles).
    coordinator_permissions = {
        "chantier": ["view", "change"],
        "phase": ["view", "add", "change", "delete"],
        "event": ["view", "add", "change", "delete"],
        "roadmapaction": ["view", "add", "change", "delete"],
        "theme": ["view"],
        "region": ["view"],
        "roadmapversion": ["view"],
    }
