"""Atom feeds of roadmap changes, read from the actions' change history."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chantiers.models import Chantier, RoadmapAction
from zen.web.cache import public_page

FEED_LENGTH = 50


class ActionChangesFeed(Feed):
    """What the feeds share: their items are changes to published actions, from the actions' history."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__)(request, *args, **kwargs)

    def records(self):
        return (
            RoadmapAction.history.filter(is_published=True, chantier__is_published=True)
            .select_related("chantier", "theme")
            .order_by("-history_date")
        )

    def item_title(self, item) -> str:
        # A historical record keeps each language's column; its plain `title` is whichever
        # language the change was saved in.
        title = (get_language() == "en" and item.title_en) or item.title_fr
        return f"{item.chantier.display_name} — {title}"

    def item_description(self, item) -> str:
        change = {"+": _("Nouvelle action"), "~": _("Action mise à jour"), "-": _("Action retirée")}[item.history_type]
        status = RoadmapAction.Status(item.status).label
        return _("%(change)s · %(theme)s · %(status)s · avancement %(progress)s %%") % {
            "change": change,
            "theme": item.theme.label,
            "status": status,
            "progress": item.progress,
        }

    def item_link(self, item) -> str:
        return f"{reverse('chantiers:detail', args=[item.chantier.slug])}#action-{item.id}"

    def item_guid(self, item) -> str:
        return f"urn:collectiviteszen:action-change:{item.history_id}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.history_date

    def item_pubdate(self, item):
        return item.history_date


class RoadmapFeed(ActionChangesFeed):
    def title(self) -> str:
        return _("Collectivités ZéN — feuilles de route")

    def subtitle(self) -> str:
        return _("Les changements aux feuilles de route de tous les Chantiers.")

    def link(self) -> str:
        return reverse("chantiers:list")

    def items(self):
        return self.records()[:FEED_LENGTH]


class ChantierRoadmapFeed(ActionChangesFeed):
    def get_object(self, request, slug: str) -> Chantier:
        return get_object_or_404(Chantier.objects.published(), slug=slug)

    def title(self, chantier: Chantier) -> str:
        return _("%(chantier)s — feuille de route") % {"chantier": chantier.display_name}

    def subtitle(self, chantier: Chantier) -> str:
        return _("Les changements à la feuille de route de %(chantier)s.") % {"chantier": chantier.name}

    def link(self, chantier: Chantier) -> str:
        return chantier.get_absolute_url()

    def items(self, chantier: Chantier):
        return self.records().filter(chantier_id=chantier.pk)[:FEED_LENGTH]
