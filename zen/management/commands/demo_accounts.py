"""Create the demo accounts that `make run` prints: never on a production site."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from chantiers.models import Chantier, Coordinator
from zen.roles import ensure_groups

DEMO_PASSWORD = "demo-zen-2026"
STAFF_EMAIL = "equipe@demo.collectiviteszen.org"
COORDINATOR_EMAIL = "coordination.laval@demo.collectiviteszen.org"


class Command(BaseCommand):
    help = "Create a program-staff account and a Laval ZéN coordinator for a local demo."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts have a published password: they are only created with DJANGO_DEBUG=1.")
        try:
            laval = Chantier.objects.get(slug="laval-zen")
        except Chantier.DoesNotExist:
            raise CommandError("Laval ZéN is missing: run `manage.py load_seed` first.") from None
        coordinators, staff_group = ensure_groups()

        staff = self.account(STAFF_EMAIL, first_name="Équipe", last_name="du programme", is_superuser=True)
        staff.groups.add(staff_group)
        coordinator = self.account(COORDINATOR_EMAIL, first_name="Coordination", last_name="Laval ZéN")
        coordinator.groups.add(coordinators)
        Coordinator.objects.get_or_create(user=coordinator, chantier=laval)

        self.stdout.write(
            self.style.SUCCESS("\nDemo accounts (http://127.0.0.1:8000/admin/):\n")
            + f"  program staff       {STAFF_EMAIL} / {DEMO_PASSWORD}\n"
            + f"  Laval coordinator   {COORDINATOR_EMAIL} / {DEMO_PASSWORD}\n"
        )

    def account(self, email: str, **fields):
        user, _ = get_user_model().objects.update_or_create(
            username=email, defaults={"email": email, "is_staff": True, "is_active": True, **fields}
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        return user
