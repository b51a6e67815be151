from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chantiers.models import Chantier
from partners.models import Partnership, ProgramSupport


def home(request: HttpRequest) -> HttpResponse:
    carriers = Prefetch(
        "partnerships",
        queryset=Partnership.objects.carriers().select_related("organisation"),
        to_attr="carrier_partnerships",
    )
    chantiers = Chantier.objects.published().prefetch_related("regions", carriers)
    supports = ProgramSupport.objects.select_related("organisation")
    return render(
        request,
        "home.html",
        {
            "active_chantiers": [c for c in chantiers if c.status == Chantier.Status.ACTIVE],
            "candidate_chantiers": [c for c in chantiers if c.status == Chantier.Status.CANDIDATE],
            "operators": [s for s in supports if s.role == ProgramSupport.Role.OPERATOR],
            "funders": [s for s in supports if s.role == ProgramSupport.Role.FUNDER],
        },
    )
