"""Atom feeds of roadmap changes, read from the actions' change history, showing the present."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from chantiers.diagnostic.feeds import NewValues, new_values
from chantiers.models import Chantier, RoadmapAction
from chantiers.roadmap import attach_lead_names
from zen.web.cache import public_page

FEED_LENGTH = 50


class ActionChangesFeed(Feed):
    """What the feeds share: their items are changes to published actions, from the actions' history."""

    feed_type = Atom1Feed
    page_owner: str | None = None  # the URL argument naming the Chantier whose feed this is (zen/web/cache.py)

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__, owner=self.page_owner)(request, *args, **kwargs)

    def records(self, chantier: Chantier | None = None):
        """Changes to the actions the public sees now, newest first, each with the state it changed from.

        Only history rows of actions that are published today, in a published Chantier,
        and that were published when the change was made: an action unpublished or
        deleted since, or of a Chantier unpublished since, leaves the feed at once.
        """
        live = RoadmapAction.objects.published()
        if chantier is not None:
            live = live.filter(chantier=chantier)
        previous = RoadmapAction.history.filter(
            id=OuterRef("id"), history_id__lt=OuterRef("history_id"), is_published=True
        ).order_by("-history_id")
        return (
            RoadmapAction.history.filter(is_published=True, id__in=live.values("pk"))
            .annotate(
                previous_status=Subquery(previous.values("status")[:1]),
                previous_progress=Subquery(previous.values("progress")[:1]),
            )
            .order_by("-history_date", "-history_id")
        )

    def entries(self, records) -> list:
        """The history rows, each with `action`: the action as it is now, with its public lead organisations."""
        rows = list(records[:FEED_LENGTH])
        actions = (
            RoadmapAction.objects.published().select_related("chantier", "theme").in_bulk({row.id for row in rows})
        )
        attach_lead_names(list(actions.values()))
        rows = [row for row in rows if row.id in actions]  # unpublished between the two queries
        for row in rows:
            row.action = actions[row.id]
        return rows

    def item_title(self, item) -> str:
        if isinstance(item, NewValues):
            return item.title
        # The action as it is now, in the reader's language (French where it has no English).
        title = f"{item.action.chantier.display_name} — {item.action.title}"
        return _("%(title)s (exemple)") % {"title": title} if item.action.is_example else title

    def item_description(self, item) -> str:
        if isinstance(item, NewValues):
            return item.description
        action = item.action
        parts = [_("Exemple")] if action.is_example else []
        parts += [
            _("Nouvelle action") if item.previous_status is None else _("Action mise à jour"),
            action.theme.label,
        ]
        status = RoadmapAction.Status(item.status).label
        if item.previous_status is None or item.previous_status == item.status:
            parts.append(_("statut : %(status)s") % {"status": status})
        else:
            before = RoadmapAction.Status(item.previous_status).label
            parts.append(_("statut : %(before)s → %(after)s") % {"before": before, "after": status})
        if item.previous_progress is None or item.previous_progress == item.progress:
            parts.append(_("avancement : %(progress)s %%") % {"progress": item.progress})
        else:
            parts.append(
                _("avancement : %(before)s %% → %(after)s %%")
                % {"before": item.previous_progress, "after": item.progress}
            )
        if action.lead_names:
            parts.append(_("responsables : %(names)s") % {"names": ", ".join(action.lead_names)})
        return " · ".join(parts)

    def item_categories(self, item) -> list[str]:
        if isinstance(item, NewValues):
            return [_("Exemple")] if item.is_example else []
        return [_("Exemple")] if item.action.is_example else []

    def item_link(self, item) -> str:
        if isinstance(item, NewValues):
            return item.link
        return f"{reverse('chantiers:detail', args=[item.action.chantier.slug])}#action-{item.id}"

    def item_guid(self, item) -> str:
        if isinstance(item, NewValues):
            return item.guid
        return f"urn:collectiviteszen:action-change:{item.history_id}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.date if isinstance(item, NewValues) else item.history_date

    def item_pubdate(self, item):
        return self.item_updateddate(item)


class RoadmapFeed(ActionChangesFeed):
    def title(self) -> str:
        return _("Collectivités ZéN — feuilles de route")

    def subtitle(self) -> str:
        return _("Les changements aux feuilles de route de tous les Chantiers.")

    def link(self) -> str:
        return reverse("chantiers:list")

    def items(self):
        return self.entries(self.records())


class ChantierRoadmapFeed(ActionChangesFeed):
    page_owner = "slug"

    def get_object(self, request, slug: str) -> Chantier:
        return get_object_or_404(Chantier.objects.published(), slug=slug)

    def title(self, chantier: Chantier) -> str:
        return _("%(chantier)s — feuille de route") % {"chantier": chantier.display_name}

    def subtitle(self, chantier: Chantier) -> str:
        return _(
            "Les changements à la feuille de route de %(chantier)s, et les nouvelles valeurs de son diagnostic."
        ) % {"chantier": chantier.name}

    def link(self, chantier: Chantier) -> str:
        return chantier.get_absolute_url()

    def items(self, chantier: Chantier):
        """Its roadmap's changes and its diagnostic's new values, newest first."""
        entries = self.entries(self.records(chantier)) + new_values(chantier, FEED_LENGTH)
        entries.sort(key=self.item_updateddate, reverse=True)
        return entries[:FEED_LENGTH]
