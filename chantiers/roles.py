"""The two staff roles, as Django groups with their model permissions.

Model permissions say what kind of row a role may touch; which Chantiers it
may touch is decided by chantiers.permissions.editable_chantiers. Each domain
app says in its AppConfig what coordinators may do with its models
(`coordinator_permissions`), so this module names no other app's models.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from chantiers.permissions import COORDINATOR_GROUP, PROGRAM_STAFF_GROUP

# Program staff also manage accounts and the email outbox.
PROGRAM_STAFF_ALSO = ("auth", "outbox")


def _domain_apps() -> list:
    return [config for config in apps.get_app_configs() if hasattr(config, "coordinator_permissions")]


def ensure_groups() -> tuple[Group, Group]:
    """Create or refresh both groups; safe to run any number of times."""
    coordinators, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    wanted = Q(pk__in=[])
    for config in _domain_apps():
        for model, actions in config.coordinator_permissions.items():
            wanted |= Q(content_type__app_label=config.label, codename__in=[f"{a}_{model}" for a in actions])
    coordinators.permissions.set(Permission.objects.filter(wanted))

    staff, _ = Group.objects.get_or_create(name=PROGRAM_STAFF_GROUP)
    labels = [config.label for config in _domain_apps()] + list(PROGRAM_STAFF_ALSO)
    staff.permissions.set(Permission.objects.filter(content_type__app_label__in=labels))
    return coordinators, staff
