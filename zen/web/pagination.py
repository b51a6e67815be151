from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from zen.web.cache import keep_out_of_cache


def paginate[T](request: HttpRequest, items: QuerySet[Any, T] | Sequence[T], per_page: int) -> tuple[Page[T], str]:
    """The requested page (a bad number gives a valid page) and the query string without `page`."""
    requested = request.GET.get("page")
    page = Paginator(items, per_page).get_page(requested)
    if requested is not None and requested != str(page.number):  # past the last page, which it shows
        keep_out_of_cache(request)  # the last page is cached under its own number only
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
