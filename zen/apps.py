from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Rows that never show on a public page: saving them leaves the page cache alone.
PRIVATE_MODELS = {"partners.PartnerApplication", "chantiers.Coordinator"}


class ZenConfig(AppConfig):
    name = "zen"
    # The project package's only admin section holds the staff's second factors (zen.models.SecondFactor).
    verbose_name = _("Authentification à deux facteurs")

    def ready(self) -> None:
        from zen.web.cache import bump_content_version

        for model in apps.get_models():
            if model._meta.app_label in {"chantiers", "partners"} and model._meta.label not in PRIVATE_MODELS:
                post_save.connect(bump_content_version, sender=model, dispatch_uid=f"cache-{model._meta.label}-save")
                post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"cache-{model._meta.label}-del")
        m2m_changed.connect(bump_content_version, dispatch_uid="cache-m2m")
