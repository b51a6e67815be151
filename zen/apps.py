from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZenConfig(AppConfig):
    name = "zen"
    # The project package's only admin section holds the staff's second factors (zen.models.SecondFactor).
    verbose_name = _("Authentification à deux facteurs")

    def ready(self) -> None:
        from zen import invalidation

        invalidation.connect()  # which cached pages each change cools
