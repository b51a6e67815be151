"""The admin site: Django's, with its "view on site" shortcut kept within what each user may see."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path


class AdminSite(admin.AdminSite):
    def get_urls(self) -> list[URLPattern | URLResolver]:
        scoped = path(
            "r/<int:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"
        )
        return [scoped if getattr(url, "name", None) == "view_on_site" else url for url in super().get_urls()]

    def view_on_site(self, request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
        """Django's redirect to an object's public page, for objects the user's admin shows them; else 404.

        Django's own shortcut redirects any staff member to any object's URL, so a
        coordinator could learn that another Chantier's unpublished draft exists, and its
        slug. Here the object is looked up through its ModelAdmin's queryset, the one that
        scopes every other admin page, and must be one the user may view.
        """
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        if model is None or not self.is_registered(model):
            raise Http404
        model_admin = self.get_model_admin(model)
        obj = model_admin.get_object(request, object_id)
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)
