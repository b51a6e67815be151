"""Which organisations a user sees and changes in the admin, built on chantiers.permissions.

Organisations are shared between Chantiers, so they cannot be scoped to one the way
a Chantier's own rows are. A coordinator sees what the public sees (public partners
of published Chantiers, the programme's supporters), the partners of their own
Chantiers (named publicly or not), and organisations not attached to anything (one
they just added, before they link it). They change an organisation only when it
partners exactly one Chantier, theirs: what several Chantiers share, or what the
programme names, is program staff's to change (docs/decisions.md).
"""

from __future__ import annotations

from django.db.models import QuerySet

from chantiers.permissions import editable_chantiers, is_program_staff
from partners.models import Organisation


def visible_organisations(user) -> QuerySet[Organisation]:
    organisations = Organisation.objects.all()
    if is_program_staff(user):
        return organisations
    return organisations.public() | organisations.partnering(editable_chantiers(user)) | organisations.unattached()


def may_change_organisation(user, organisation: Organisation) -> bool:
    if is_program_staff(user):
        return True
    chantiers = list(organisation.partnerships.values_list("chantier_id", flat=True)[:2])
    return (
        len(chantiers) == 1
        and editable_chantiers(user).filter(pk=chantiers[0]).exists()
        and not organisation.program_supports.exists()
    )
