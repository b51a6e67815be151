"""Create the demo accounts that `make run` prints: never on a production site.

Both accounts have a TOTP authenticator with a published secret, so the demo's
second factor works without a phone: `manage.py demo_accounts --code` prints
the current code (or add the secret to any authenticator app).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from chantiers.models import Chantier, Coordinator
from chantiers.roles import ensure_groups
from zen.accounts import totp_activate, totp_code

DEMO_PASSWORD = "demo-zen-2026"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
STAFF_EMAIL = "equipe@zen.example.org"
COORDINATOR_EMAIL = "coordination.laval@zen.example.org"


class Command(BaseCommand):
    help = "Create a program-staff account and a Laval ZéN coordinator for a local demo."

    def add_arguments(self, parser):
        parser.add_argument("--code", action="store_true", help="Print the demo accounts' current TOTP code.")

    def handle(self, *args, code: bool = False, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts have a published password: they are only created with DJANGO_DEBUG=1.")
        if code:
            self.stdout.write(totp_code(DEMO_TOTP_SECRET))
            return
        self.create()
        self.stdout.write(
            self.style.SUCCESS("\nDemo accounts (http://127.0.0.1:8000/admin/):\n")
            + f"  program staff       {STAFF_EMAIL} / {DEMO_PASSWORD}\n"
            + f"  Laval coordinator   {COORDINATOR_EMAIL} / {DEMO_PASSWORD}\n"
            + f"  second factor       the code `make code` prints (TOTP secret {DEMO_TOTP_SECRET})\n"
        )

    @transaction.atomic
    def create(self) -> None:
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

    def account(self, email: str, **fields):
        user, _ = get_user_model().objects.update_or_create(
            username=email, defaults={"email": email, "is_staff": True, "is_active": True, **fields}
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            totp_activate(user=user, secret=DEMO_TOTP_SECRET)
        return user
