from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partners.filters import OrganisationFilter
from partners.models import Organisation, Partnership, ProgramSupport
from zen.cache import public_page

PAGE_SIZE = 50


@public_page
def directory(request: HttpRequest) -> HttpResponse:
    """Organisations taking part in a published Chantier, with their Chantiers and roles."""
    public = Partnership.objects.filter(chantier__is_published=True)
    organisation_filter = OrganisationFilter(
        request.GET, queryset=Organisation.objects.filter(pk__in=public.values("organisation"))
    )
    organisations = organisation_filter.qs if organisation_filter.is_valid() else Organisation.objects.none()
    organisations = organisations.prefetch_related(
        Prefetch(
            "partnerships",
            queryset=public.select_related("chantier").order_by("chantier__name"),
            to_attr="public_partnerships",
        )
    ).order_by("name")
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/directory.html",
        {
            "filter": organisation_filter,
            "page": page,
            "query": query.urlencode(),
            "supports": list(ProgramSupport.objects.select_related("organisation")),
        },
    )
