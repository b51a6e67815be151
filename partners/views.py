from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chantiers.models import Chantier
from partners.filters import OrganisationFilter
from partners.forms import application_form
from partners.models import Organisation, Partnership, ProgramSupport
from partners.services import application_submit
from zen.web.cache import CHOICE, PAGE_NUMBER, SEARCH, public_page
from zen.web.pagination import paginate
from zen.web.ratelimit import allow, client_address

PAGE_SIZE = 50
# The query parameters the directory reads: its filters and the page number (zen/web/cache.py).
DIRECTORY_QUERY = {**dict.fromkeys(OrganisationFilter.base_filters, CHOICE), "q": SEARCH, "page": PAGE_NUMBER}
MAX_REQUEST_BYTES = 3 * 1024 * 1024  # a 2 MB logo plus the text fields, with room to spare


@public_page(query=DIRECTORY_QUERY)
def directory(request: HttpRequest) -> HttpResponse:
    """Organisations taking part in a published Chantier, with their Chantiers and roles."""
    public = Partnership.objects.public()
    organisation_filter = OrganisationFilter(
        request.GET, queryset=Organisation.objects.filter(pk__in=public.values("organisation"))
    )
    organisations = organisation_filter.qs if organisation_filter.is_valid() else Organisation.objects.none()
    organisations = organisations.prefetch_related(
        Prefetch(
            "partnerships",
            queryset=public.with_carrier_count().select_related("chantier"),
            to_attr="public_partnerships",
        )
    ).order_by("name")
    page, query = paginate(request, organisations, PAGE_SIZE)
    for organisation in page.object_list:
        # By the name people read (Chantier.sort_name), not by a "Chantier …" prefix.
        organisation.public_partnerships.sort(key=lambda partnership: partnership.chantier.sort_name)
    return render(
        request,
        "partners/directory.html",
        {
            "filter": organisation_filter,
            "page": page,
            "query": query,
            "supports": list(ProgramSupport.objects.select_related("organisation")),
        },
        status=400 if organisation_filter.errors else 200,  # the page says which filter is wrong
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The application form, for one Chantier or with a choice of Chantier."""
    chantier = None
    if slug is not None:
        chantier = get_object_or_404(Chantier, slug=slug)
        if not chantier.accepts_applications:
            raise Http404
    context: dict[str, Any] = {"chantier": chantier}
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
            context["form"] = application_form(chantier)
            context["error"] = _("L’envoi est trop lourd : le logo doit peser 2 Mo au plus. Remplissez de nouveau.")
            return render(request, "partners/apply.html", context, status=413)
        form = application_form(chantier, request.POST, request.FILES)
        context["form"] = form
        if not allow(
            "apply",
            client_address(request),
            limit=settings.APPLICATION_RATE_LIMIT,
            window=settings.APPLICATION_RATE_WINDOW,
        ):
            context["error"] = _(
                "Trop de demandes ont été envoyées depuis votre adresse. Réessayez dans une heure ; vos réponses "
                "sont conservées ci-dessous."
            )
            return render(request, "partners/apply.html", context, status=429)
        if form.is_valid():
            application_submit(chantier=form.target_chantier, language=get_language(), **form.submission())
            return redirect(f"{reverse('partners:thanks')}?chantier={form.target_chantier.slug}")
    else:
        context["form"] = application_form(chantier)
    return render(request, "partners/apply.html", context)


class ThanksQuery(forms.Form):
    chantier = forms.ModelChoiceField(
        queryset=Chantier.objects.accepting_applications(), to_field_name="slug", required=False
    )


def thanks(request: HttpRequest) -> HttpResponse:
    # The Chantier named after a submission; a value that names none just gives the general thanks.
    query = ThanksQuery(request.GET)
    chantier = query.cleaned_data["chantier"] if query.is_valid() else None
    return render(request, "partners/thanks.html", {"chantier": chantier})
