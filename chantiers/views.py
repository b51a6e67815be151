from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from chantiers import events as calendars
from chantiers.cards import chantier_cards, roadmap_action_lists, theme_columns
from chantiers.diagnostic.views import chantier_section
from chantiers.filters import ChantierFilter, EventFilter
from chantiers.models import ActionStatus, Chantier, Event, Region, RoadmapAction, Theme, rounded_mean
from chantiers.roadmap import attach_lead_names, group_by_theme, overall_progress
from chantiers.search import search
from zen.web.cache import CHOICE, PAGE_NUMBER, SEARCH, public_page
from zen.web.pagination import paginate

PAGE_SIZE = 24
ACTION_HITS = 50
# The query parameters the list reads: its filters and the page number (zen/web/cache.py).
LIST_QUERY = {**dict.fromkeys(ChantierFilter.base_filters, CHOICE), "q": SEARCH, "page": PAGE_NUMBER}
EVENTS_QUERY = {**dict.fromkeys(EventFilter.base_filters, CHOICE), "page": PAGE_NUMBER}
# What a Chantier page shows of its actions (chantiers/_roadmap_actions.html).
ROADMAP_FIELDS = ("theme", "title", "description", "status", "progress", "is_example", "target_date")
THEME_PREVIEW = 3  # actions shown per Chantier on a theme page


@public_page(query=LIST_QUERY)
def chantier_list(request: HttpRequest) -> HttpResponse:
    """The Chantiers, filtered; with words to search, also the roadmap actions, best match first."""
    chantier_filter = ChantierFilter(request.GET, queryset=Chantier.objects.published())
    valid = chantier_filter.is_valid()
    matching: QuerySet[Chantier] = chantier_filter.qs if valid else Chantier.objects.none()
    words = chantier_filter.form.cleaned_data.get("q", "") if valid else ""
    results = search(words) if words else None
    action_hits = []
    if results is not None:
        # The actions found, in the Chantiers the other filters keep.
        allowed = set(matching.values_list("pk", flat=True))
        action_hits = [hit for hit in results.actions if hit.obj.chantier_id in allowed][:ACTION_HITS]
        ranks = {hit.obj.pk: (position, hit.reasons) for position, hit in enumerate(results.chantiers)}
        matching = matching.filter(pk__in=list(ranks))
    chantiers = list(Chantier.objects.filter(pk__in=matching.values("pk")).with_card_data())
    if results is not None:
        for chantier in chantiers:
            chantier.search_reasons = ranks[chantier.pk][1]
        chantiers.sort(key=lambda chantier: ranks[chantier.pk][0])
    else:
        # Sorted by the name people use (Chantier.sort_name), in Python: a few dozen rows at most.
        chantiers.sort(key=lambda chantier: (chantier.status, chantier.cohort, chantier.sort_name))
    page, query = paginate(request, chantiers, PAGE_SIZE)
    return render(
        request,
        "chantiers/list.html",
        {
            "filter": chantier_filter,
            "page": page,
            "cards": chantier_cards(list(page.object_list)),
            "query": query,
            "filtered": bool(query),
            "search": results,
            "action_hits": action_hits,
        },
        status=400 if chantier_filter.errors else 200,  # the page says which filter is wrong
    )


@public_page(owner="slug")
def chantier_detail(request: HttpRequest, slug: str) -> HttpResponse:
    chantier = get_object_or_404(
        Chantier.objects.published().with_last_public_change().prefetch_related("regions"), slug=slug
    )
    # Grouped by theme in Python (group_by_theme keeps the themes' order), so no join is needed.
    actions = attach_lead_names(
        list(
            RoadmapAction.objects.filter(chantier=chantier, is_published=True)
            .only(*ROADMAP_FIELDS)
            .order_by("order", "pk")
        )
    )
    partnerships = list(
        chantier.partnerships.filter(is_public=True)
        .select_related("organisation")
        .order_by("order", "organisation__name")
    )
    by_role: dict[str, list] = {}
    for partnership in partnerships:
        by_role.setdefault(partnership.role, []).append(partnership)
    roadmap = group_by_theme(list(Theme.objects.current()), actions, list(chantier.theme_estimates.all()))
    with_actions = [section for section in roadmap if section.actions]
    phases = list(chantier.phases.all())
    return render(
        request,
        "chantiers/detail.html",
        {
            "chantier": chantier,
            "phases": phases,
            # Given by default and not yet confirmed by the Chantier's coordinators: said so.
            "phases_proposed": any(phase.is_proposed for phase in phases),
            "events": list(Event.objects.filter(chantier=chantier, is_published=True).upcoming()),
            "has_past_events": Event.objects.filter(chantier=chantier, is_published=True).past().exists(),
            "carriers": by_role.get("co_porteur", []),
            "initial_partners": by_role.get("initial_partner", []),
            "partners": by_role.get("partner", []),
            "roadmap": roadmap,
            # Each theme with actions, and its actions' cards (kept as fragments: chantiers/cards.py).
            "roadmap_with_actions": zip(
                with_actions, roadmap_action_lists([section.actions for section in with_actions]), strict=True
            ),
            "has_estimates": any(section.estimate for section in roadmap),
            "action_count": len(actions),
            "progress": overall_progress(actions),
            "has_examples": any(action.is_example for action in actions),
            "last_change": chantier.last_change,
            "diagnostic": chantier_section(chantier),
        },
    )


@public_page(owner="slug")
def chantier_contact(request: HttpRequest, slug: str) -> HttpResponse:
    """The contact email, one click away from the Chantier page so scrapers do not find it there."""
    chantier = get_object_or_404(Chantier.objects.published().exclude(contact_email=""), slug=slug)
    return render(request, "chantiers/contact.html", {"chantier": chantier})


@public_page
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Each active Chantier's work in one theme, summarised: its count, progress and first actions.

    The full list is on each Chantier's own page (linked), so the page stays light
    however many Chantiers and actions there are.
    """
    theme = get_object_or_404(Theme.objects.current(), slug=slug)
    in_theme = Q(actions__theme=theme, actions__is_published=True)
    first_actions = RoadmapAction.objects.filter(theme=theme, is_published=True).only("chantier_id", "title")
    chantiers = list(
        Chantier.objects.published()
        .active()
        .only("name", "short_name", "slug")
        .annotate(
            theme_action_count=Count("actions", filter=in_theme),
            theme_progress=rounded_mean(
                "actions__progress", filter=in_theme & ~Q(actions__status=ActionStatus.ABANDONED)
            ),
        )
        .prefetch_related(
            Prefetch("regions", queryset=Region.objects.only("name")),
            Prefetch("actions", queryset=first_actions.order_by("order", "pk")[:THEME_PREVIEW], to_attr="first"),
        )
    )
    chantiers.sort(key=lambda chantier: chantier.sort_name)  # by the name people read
    return render(
        request,
        "chantiers/theme.html",
        {
            "theme": theme,
            "columns": theme_columns(theme, chantiers),
            "themes": list(Theme.objects.current()),
            "indicators": list(theme.indicators.all()),  # the diagnostic's, compared on their own page
        },
    )


@public_page
def chantier_map(request: HttpRequest) -> HttpResponse:
    chantiers = sorted(
        Chantier.objects.published().with_card_data(), key=lambda chantier: (chantier.status, chantier.sort_name)
    )
    points = [
        {
            "number": number,
            "name": chantier.display_name,
            "url": chantier.get_absolute_url(),
            "status": chantier.get_status_display(),
            "active": chantier.status == Chantier.Status.ACTIVE,
            "lat": float(chantier.latitude),
            "lng": float(chantier.longitude),
        }
        for number, chantier in enumerate(chantiers, start=1)
        if chantier.latitude is not None and chantier.longitude is not None
    ]
    return render(
        request,
        "chantiers/map.html",
        {"chantiers": chantiers, "points": points, "tile_url": settings.MAP_TILE_URL},
    )


def calendar_links(path: str) -> dict[str, str]:
    """A feed's address to download, and to subscribe with (webcal:)."""
    url = calendars.absolute(path)
    return {"ics_url": url, "webcal_url": calendars.webcal(url)}


@public_page(query=EVENTS_QUERY)
def event_list(request: HttpRequest) -> HttpResponse:
    """Every upcoming event of the published Chantiers, filterable by Chantier, region and theme."""
    event_filter = EventFilter(request.GET, queryset=Event.objects.published())
    matching: QuerySet[Event] = event_filter.qs if event_filter.is_valid() else Event.objects.none()
    events = Event.objects.filter(pk__in=matching.values("pk")).select_related("chantier").upcoming()
    page, query = paginate(request, events, PAGE_SIZE)
    return render(
        request,
        "chantiers/events.html",
        {
            "filter": event_filter,
            "page": page,
            "query": query,
            "filtered": bool(query),
            "chantiers": Chantier.objects.published().order_by("name"),
            **calendar_links(reverse("chantiers:events-ics")),
        },
        status=400 if event_filter.errors else 200,  # the page says which filter is wrong
    )


@public_page(owner="slug")
def chantier_events(request: HttpRequest, slug: str) -> HttpResponse:
    chantier = get_object_or_404(Chantier.objects.published(), slug=slug)
    events = Event.objects.filter(chantier=chantier, is_published=True).select_related("chantier")
    return render(
        request,
        "chantiers/chantier_events.html",
        {
            "chantier": chantier,
            "upcoming": list(events.upcoming()),
            "past": list(events.past()),
            **calendar_links(reverse("chantiers:chantier-events-ics", args=[chantier.slug])),
        },
    )


@public_page
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().select_related("chantier"), pk=pk)
    return render(
        request,
        "chantiers/event.html",
        {
            "event": event,
            "location": calendars.event_location(event),
            **calendar_links(reverse("chantiers:event-ics", args=[event.pk])),
        },
    )


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@public_page
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().select_related("chantier"), pk=pk)
    return ics_response(calendars.calendar([event], name=event.title), f"evenement-{event.pk}")


@public_page(owner="slug")
def chantier_events_ics(request: HttpRequest, slug: str) -> HttpResponse:
    chantier = get_object_or_404(Chantier.objects.published(), slug=slug)
    events = Event.objects.filter(chantier=chantier, is_published=True).select_related("chantier")
    name = _("Événements de %(chantier)s") % {"chantier": chantier.display_name}
    return ics_response(calendars.calendar(events, name=name), f"evenements-{chantier.slug}")


@public_page
def events_ics(request: HttpRequest) -> HttpResponse:
    events = Event.objects.published().select_related("chantier")
    return ics_response(calendars.calendar(events, name=_("Événements des Chantiers ZéN")), "evenements")
