from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate[T](request: HttpRequest, items: QuerySet[Any, T] | Sequence[T], per_page: int) -> tuple[Page[T], str]:
    """The requested page (a bad number gives a valid page) and the query string without `page`."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
