import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from chantiers.models import Chantier, Coordinator
from chantiers.roles import ensure_groups
from partners.models import PartnerApplication
from zen.accounts import totp_activate
from zen.outbox import services
from zen.web.cache import recent_pages


@pytest.fixture(autouse=True)
def french_first():
    """Each test starts in French: a request to /en/ leaves English active in the thread."""
    translation.activate("fr")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    recent_pages.clear()
    services._broker_down_until = 0.0  # a test that took the broker down does not leak into the next


@pytest.fixture
def seeded(db):
    call_command("load_seed", "--examples", stdout=io.StringIO())


@pytest.fixture
def laval(seeded) -> Chantier:
    return Chantier.objects.get(slug="laval-zen")


@pytest.fixture
def lachine(seeded) -> Chantier:
    return Chantier.objects.get(slug="climaction-lachine")


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_totp(user):
    """Staff reach the admin only with a second factor; test accounts get one."""
    totp_activate(user=user, secret=TOTP_SECRET)
    return user


def make_coordinator(email: str, chantier: Chantier):
    coordinators, _ = ensure_groups()
    user = get_user_model().objects.create_user(username=email, email=email, password="password", is_staff=True)
    user.groups.add(coordinators)
    Coordinator.objects.create(user=user, chantier=chantier)
    return with_totp(user)


@pytest.fixture
def owner(laval):
    """Coordinates Laval ZéN."""
    return make_coordinator("owner@example.org", laval)


@pytest.fixture
def colleague(laval):
    """A second coordinator of Laval ZéN: may do everything the owner may."""
    return make_coordinator("colleague@example.org", laval)


@pytest.fixture(params=["owner", "colleague"])
def laval_coordinator(request):
    """Each coordinator of Laval ZéN in turn: what the owner may do, the colleague may too."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def outsider(lachine):
    """Coordinates ClimAction Lachine, and nothing of Laval."""
    return make_coordinator("outsider@example.org", lachine)


@pytest.fixture
def program_staff(db):
    return with_totp(
        get_user_model().objects.create_superuser(
            username="staff@example.org", email="staff@example.org", password="password"
        )
    )


def make_application(chantier: Chantier, **fields) -> PartnerApplication:
    """An application stored as `application_submit` would, without its emails."""
    values = {
        "organisation_name": "Vélo Québec",
        "organisation_kind": "nonprofit",
        "contact_name": "Camille",
        "contact_email": "camille@example.org",
        "motivation": "Aider.",
        "consent_privacy": True,
        "language": "fr",
    }
    return PartnerApplication.objects.create(chantier=chantier, **values | fields)
