from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "zen.outbox"
    label = "outbox"
    verbose_name = _("Courriels")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each app's emails.py registers the loaders of its kinds (`@email_loader`),
        # so a worker can render any email it is handed.
        autodiscover_modules("emails")
        # Registers the delivery task in every process, the web's included: the hand-over
        # names it (services.SEND_EMAILS_TASK) and Celery runs it in-process when eager.
        from zen.outbox import tasks  # noqa: F401
