from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowersConfig(AppConfig):
    name = "chantiers.followers"
    label = "followers"
    verbose_name = _("Abonnés aux nouvelles des Chantiers")

    def ready(self) -> None:
        from chantiers.followers import emails  # noqa: F401  (registers the email kinds)
