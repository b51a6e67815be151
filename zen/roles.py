"""The two staff roles, as Django groups with their model permissions.

Model permissions say what kind of row a role may touch; which Chantiers it
may touch is decided by chantiers.permissions.editable_chantiers.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from chantiers.permissions import COORDINATOR_GROUP, PROGRAM_STAFF_GROUP

# app label -> model -> actions
COORDINATOR_PERMISSIONS = {
    "chantiers": {
        "chantier": ["view", "change"],
        "phase": ["view", "add", "change", "delete"],
        "event": ["view", "add", "change", "delete"],
        "roadmapaction": ["view", "add", "change", "delete"],
        "theme": ["view"],
        "region": ["view"],
        "roadmapversion": ["view"],
    },
    "partners": {
        "organisation": ["view", "add"],
        "partnership": ["view", "add", "change", "delete"],
        "partnerapplication": ["view", "change"],
    },
}


def ensure_groups() -> tuple[Group, Group]:
    """Create or refresh both groups; safe to run any number of times."""
    coordinators, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    wanted = Q(pk__in=[])
    for app_label, models in COORDINATOR_PERMISSIONS.items():
        for model, actions in models.items():
            wanted |= Q(content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions])
    coordinators.permissions.set(Permission.objects.filter(wanted))

    staff, _ = Group.objects.get_or_create(name=PROGRAM_STAFF_GROUP)
    staff.permissions.set(Permission.objects.filter(content_type__app_label__in=["chantiers", "partners", "auth"]))
    return coordinators, staff
