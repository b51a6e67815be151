"""Search the Chantiers and their roadmap actions, the way people type.

What people type: "quebec" for "Québec", an acronym ("GRAME") that co-carries a
Chantier, a verb ("verdir") from an action's title, in French or in English. Both
languages' columns are searched whatever the page's language.

On PostgreSQL, full-text search with our `zen_french` and `zen_english` text
search configurations (French or English stemming after `unaccent`, created by
migration chantiers 0009): ranked by `ts_rank` over weighted fields, each hit
saying which fields matched. On SQLite (`make run`), `match_documents` does the
same in Python: accents and case folded, each word a prefix of a word of a field.
Either way, a fixed number of queries whatever the query and the number of hits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, OuterRef, QuerySet, StringAgg, Subquery, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from chantiers.models import Chantier, Region, RoadmapAction

MAX_LENGTH = 100
MAX_WORDS = 8
FRENCH = "zen_french"
ENGLISH = "zen_english"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchField:
    key: str
    label: StrOrPromise
    weight: str  # PostgreSQL's A (most) to D (least)


CHANTIER_FIELDS = [
    SearchField("name", _("nom"), "A"),
    SearchField("territory", _("territoire"), "B"),
    SearchField("region", _("région"), "B"),
    SearchField("carrier", _("porteurs"), "B"),
    SearchField("partner", _("partenaires"), "C"),
    SearchField("summary", _("résumé"), "D"),
]
ACTION_FIELDS = [
    SearchField("title", _("titre"), "A"),
    SearchField("description", _("description"), "C"),
]
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}  # PostgreSQL's default weights, used by the fallback too


@dataclass
class Hit[T]:
    obj: T
    rank: float
    fields: list[SearchField]

    @property
    def reasons(self) -> str:
        """Which fields matched, for the reader: "nom, région"."""
        return ", ".join(str(f.label) for f in self.fields)


@dataclass
class Results:
    query: str
    message: StrOrPromise = ""
    chantiers: list[Hit[Chantier]] = field(default_factory=list)
    actions: list[Hit[RoadmapAction]] = field(default_factory=list)


def query_words(raw: str) -> tuple[list[str], StrOrPromise]:
    """The words of a query, or none and the reason in the reader's language."""
    if len(raw) > MAX_LENGTH:
        return [], _("Cette recherche est trop longue : %(max)d caractères au plus.") % {"max": MAX_LENGTH}
    if CONTROL.search(raw):
        return [], _("Cette recherche contient des caractères invisibles : retapez-la.")
    words = WORD.findall(raw)
    if not words:
        return [], _("Cette recherche ne contient aucun mot : tapez un nom, un lieu ou une action.")
    return words[:MAX_WORDS], ""


def search(raw: str) -> Results:
    """Published Chantiers and published actions matching `raw`, best first."""
    words, message = query_words(raw)
    results = Results(query=raw, message=message)
    if not words:
        return results
    if connection.vendor == "postgresql":
        results.chantiers, results.actions = _search_postgresql(words)
    else:
        results.chantiers, results.actions = _search_python(words)
    return results


# PostgreSQL


def _tsquery(words: Sequence[str]) -> SearchQuery:
    """Every word, each as a prefix ("lach" finds "Lachine"), stemmed in French or in English."""
    raw = " & ".join(f"{word}:*" for word in words)  # \w+ only: nothing for to_tsquery to misread
    return SearchQuery(raw, config=FRENCH, search_type="raw") | SearchQuery(raw, config=ENGLISH, search_type="raw")


def _vector(french: Iterable[Any], english: Iterable[Any], weight: str) -> SearchVector:
    vectors = [SearchVector(column, config=FRENCH, weight=weight) for column in french]
    vectors += [SearchVector(column, config=ENGLISH, weight=weight) for column in english]
    combined: Any = vectors[0]  # SearchVector + SearchVector is SearchVectorCombinable's expression
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def _names(queryset: QuerySet, column: str) -> Subquery:
    """The related rows' `column` joined into one text, for one Chantier."""
    return Subquery(
        queryset.order_by()
        .values("chantier_key")
        .annotate(text=StringAgg(column, delimiter=Value(" ")))
        .values("text")[:1],
        output_field=TextField(),
    )


def _organisations(role: str | None) -> Subquery:
    partnership: Any = Chantier.partnerships.rel.related_model  # partners.Partnership, without importing it
    public = partnership._default_manager.filter(chantier=OuterRef("pk"), is_public=True)
    public = public.filter(role=role) if role else public.exclude(role="co_porteur")
    names = public.annotate(
        chantier_key=F("chantier"),
        label=Concat(F("organisation__name"), Value(" "), F("organisation__short_name"), output_field=TextField()),
    )
    return _names(names, "label")


def _chantier_vectors() -> dict[str, SearchVector]:
    regions = Region.objects.filter(chantiers=OuterRef("pk")).annotate(chantier_key=F("chantiers"))
    return {
        "name": _vector(["name", "short_name"], [], "A"),
        "territory": _vector(["territory_fr"], ["territory_en"], "B"),
        "region": _vector([_names(regions, "name")], [], "B"),
        "carrier": _vector([_organisations("co_porteur")], [], "B"),
        "partner": _vector([_organisations(None)], [], "C"),
        "summary": _vector(["summary_fr"], ["summary_en"], "D"),
    }


def _ranked(queryset: QuerySet, vectors: dict[str, SearchVector], query: SearchQuery) -> QuerySet:
    """`queryset` with `search_rank` and one `matched_<field>` boolean per field, matching rows only."""
    annotations: dict[str, Any] = {f"vector_{key}": vector for key, vector in vectors.items()}
    total = list(vectors.values())
    everything: Any = total[0]
    for vector in total[1:]:
        everything = everything + vector
    annotations["vector_all"] = everything
    matched = {
        f"matched_{key}": Case(When(**{f"vector_{key}": query}, then=Value(True)), default=Value(False))
        for key in vectors
    }
    return (
        queryset.annotate(**annotations)
        .filter(vector_all=query)
        .annotate(search_rank=SearchRank(F("vector_all"), query), **matched)
        .order_by("-search_rank", "pk")
    )


def _hits[T](rows: Iterable[T], fields: list[SearchField]) -> list[Hit[T]]:
    return [
        Hit(row, float(row.search_rank), [f for f in fields if getattr(row, f"matched_{f.key}")])  # type: ignore[attr-defined]
        for row in rows
    ]


def _search_postgresql(words: Sequence[str]) -> tuple[list[Hit[Chantier]], list[Hit[RoadmapAction]]]:
    query = _tsquery(words)
    chantiers = _ranked(Chantier.objects.published(), _chantier_vectors(), query)
    actions = _ranked(
        RoadmapAction.objects.published().select_related("chantier"),
        {
            "title": _vector(["title_fr"], ["title_en"], "A"),
            "description": _vector(["description_fr"], ["description_en"], "C"),
        },
        query,
    )
    return _hits(chantiers, CHANTIER_FIELDS), _hits(actions, ACTION_FIELDS)


# The fallback, in Python


def fold(text: str) -> str:
    """Accents and case folded: "Québec" and "QUEBEC" both read "quebec"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def match_documents[T](
    documents: Iterable[tuple[T, dict[str, str]]], words: Sequence[str], fields: list[SearchField]
) -> list[Hit[T]]:
    """The documents where every word starts a word of some field, best first.

    A document is an object and its texts by field key (both languages' texts joined).
    The score adds each matching field's weight, as PostgreSQL's ranking favours them.
    """
    wanted = [fold(word) for word in words]
    hits = []
    for order, (obj, texts) in enumerate(documents):
        words_of = {key: WORD.findall(fold(text)) for key, text in texts.items()}
        matched = [f for f in fields if any(w.startswith(want) for want in wanted for w in words_of.get(f.key, []))]
        every_word = all(any(w.startswith(want) for ws in words_of.values() for w in ws) for want in wanted)
        if every_word and matched:
            hits.append((-sum(WEIGHTS[f.weight] for f in matched), order, Hit(obj, 0.0, matched)))
    hits.sort(key=lambda item: item[:2])
    ranked = []
    for score, _order, hit in hits:
        hit.rank = -score
        ranked.append(hit)
    return ranked


def _search_python(words: Sequence[str]) -> tuple[list[Hit[Chantier]], list[Hit[RoadmapAction]]]:
    chantiers = Chantier.objects.published().prefetch_related("regions", "partnerships__organisation").order_by("pk")
    actions = RoadmapAction.objects.published().select_related("chantier").order_by("pk")

    def texts(*values: str | None) -> str:
        return " ".join(value for value in values if value)

    def organisations(chantier: Chantier, carriers: bool) -> str:
        public = [p for p in chantier.partnerships.all() if p.is_public and (p.role == "co_porteur") == carriers]
        return texts(*(texts(p.organisation.name, p.organisation.short_name) for p in public))

    def chantier_document(chantier: Chantier) -> dict[str, str]:
        return {
            "name": texts(chantier.name, chantier.short_name),
            "territory": texts(chantier.territory_fr, chantier.territory_en),
            "region": texts(*(region.name for region in chantier.regions.all())),
            "carrier": organisations(chantier, carriers=True),
            "partner": organisations(chantier, carriers=False),
            "summary": texts(chantier.summary_fr, chantier.summary_en),
        }

    chantier_hits = match_documents(((c, chantier_document(c)) for c in chantiers), words, CHANTIER_FIELDS)
    action_hits = match_documents(
        (
            (a, {"title": texts(a.title_fr, a.title_en), "description": texts(a.description_fr, a.description_en)})
            for a in actions
        ),
        words,
        ACTION_FIELDS,
    )
    return chantier_hits, action_hits
