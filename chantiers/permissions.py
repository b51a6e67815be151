"""Who may edit what: the one place that answers it.

Every admin queryset, foreign-key choice list and permission check calls
`editable_chantiers`, so the rule cannot drift between screens.
"""

from __future__ import annotations

from django.db.models import QuerySet

from chantiers.models import Chantier

PROGRAM_STAFF_GROUP = "Équipe du programme"
COORDINATOR_GROUP = "Coordination de Chantier"


def is_program_staff(user) -> bool:
    """Program staff of the Front commun: they see and edit every Chantier."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_zen_is_program_staff", None)
    if cached is None:
        cached = user.groups.filter(name=PROGRAM_STAFF_GROUP).exists()
        user._zen_is_program_staff = cached
    return cached


def editable_chantiers(user) -> QuerySet[Chantier]:
    """The Chantiers `user` may edit: all for program staff, else those they coordinate."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return Chantier.objects.none()
    if is_program_staff(user):
        return Chantier.objects.all()
    return Chantier.objects.filter(coordinators__user=user)
