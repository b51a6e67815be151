from __future__ import annotations

import functools
import re
import unicodedata
import zoneinfo
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Avg, Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Lower, Round, TruncDate
from django.db.models.lookups import GreaterThanOrEqual, IsNull, LessThan, LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from simple_history.manager import HistoryManager

# The models whose texts exist in French and English get one column per language from
# django-modeltranslation (chantiers/translation.py), and modeltranslation replaces their
# managers by classes it builds at run time. So that the type checker knows both, these
# models declare their managers as `Manager.from_queryset(...)()` (the same manager as
# `as_manager()`) and their language columns under TYPE_CHECKING.


_SORT_PREFIX = re.compile(r"^(chantier\s+(zén\s+)?((de\s+la|de\s+l’|de\s+l'|du|des|de|d’|d')\s*)?)", re.IGNORECASE)


def sort_key(name: str) -> str:
    """A name as a list sorts it: no "Chantier …" prefix, accents and case folded ("Région" with "region")."""
    bare = _SORT_PREFIX.sub("", name.strip())
    return unicodedata.normalize("NFKD", bare).encode("ascii", "ignore").decode().casefold()


class Region(models.Model):
    """One of Québec's 17 administrative regions."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class RoadmapVersionQuerySet(models.QuerySet["RoadmapVersion"]):
    def current(self) -> RoadmapVersion | None:
        return self.filter(is_current=True).first()


class RoadmapVersion(models.Model):
    """A version of the list of roadmap themes.

    Themes are data under a version so the program's official list can replace
    ours without a code change.
    """

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    is_current = models.BooleanField(_("version en vigueur"), default=False)
    adopted_on = models.DateField(_("adoptée le"), null=True, blank=True)

    objects = RoadmapVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version de la feuille de route")
        verbose_name_plural = _("versions de la feuille de route")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_roadmap_version",
                violation_error_message=_("Une seule version de la feuille de route peut être en vigueur."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ThemeQuerySet(models.QuerySet["Theme"]):
    def current(self) -> ThemeQuerySet:
        return self.filter(version__is_current=True)


class Theme(models.Model):
    version = models.ForeignKey(
        RoadmapVersion, on_delete=models.PROTECT, related_name="themes", verbose_name=_("version")
    )
    order = models.PositiveSmallIntegerField(_("ordre"))
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description courte"), blank=True)
    colour = models.CharField(
        _("couleur"),
        max_length=7,
        help_text=_("Couleur du thème, en hexadécimal (#1b6e3a). Elle doit contraster avec le blanc."),
    )
    icon = models.CharField(_("icône"), max_length=50, blank=True)
    is_confirmed = models.BooleanField(
        _("confirmé par le programme"),
        default=False,
        help_text=_(
            "Décoché, le thème est montré comme faisant partie de notre liste de travail, "
            "jusqu’à ce que l’équipe du programme confirme la liste officielle."
        ),
    )

    objects = models.Manager.from_queryset(ThemeQuerySet)()

    if TYPE_CHECKING:
        name_fr: str | None
        name_en: str | None
        description_fr: str | None
        description_en: str | None

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="unique_theme_slug_per_version"),
            models.UniqueConstraint(fields=["version", "order"], name="unique_theme_order_per_version"),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="theme_colour_is_hex",
                violation_error_message=_("La couleur doit être de la forme #rrggbb."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("chantiers:theme", args=[self.slug])

    @property
    def label(self) -> str:
        """The name in the visitor's language (French where no translation exists: chantiers/translation.py)."""
        return self.name

    @property
    def summary(self) -> str:
        return self.description


@functools.cache
def _history_models() -> tuple[Any, ...]:
    """The history tables a Chantier page's last change is read from (a history manager is costly to build)."""
    partnership: Any = Chantier.partnerships.rel.related_model  # partners.Partnership, without importing it
    return tuple(model.history.model for model in (Chantier, RoadmapAction, Phase, Event, partnership))


def rounded_mean(field: str, **extra: Any) -> Cast:
    """A mean percentage as a whole number, rounded half up like `chantiers.roadmap.mean_progress`."""
    return Cast(Round(Avg(field, **extra)), models.IntegerField())


# What a Chantier card, a list entry or a map point shows (ChantierQuerySet.with_card_data).
CARD_FIELDS = ("name", "short_name", "slug", "status", "cohort", "summary", "latitude", "longitude")


class ChantierQuerySet(models.QuerySet["Chantier"]):
    def published(self) -> ChantierQuerySet:
        return self.filter(is_published=True)

    def active(self) -> ChantierQuerySet:
        return self.filter(status=Chantier.Status.ACTIVE)

    def candidates(self) -> ChantierQuerySet:
        return self.filter(status=Chantier.Status.CANDIDATE)

    def accepting_applications(self) -> ChantierQuerySet:
        """Published and not closed; `Chantier.accepts_applications` says the same of one row."""
        return self.published().exclude(status=Chantier.Status.CLOSED)

    def with_last_public_change(self) -> ChantierQuerySet:
        """Annotate when a person last changed what each Chantier's page shows.

        Read from the history rows that name a user: loading the seed, a migration or a
        script is not news, and the page says nothing rather than that date.
        """
        own, actions, phases, events, partnerships = _history_models()

        def latest(history: Any, **filters: Any) -> Subquery:
            rows = history._default_manager.filter(history_user__isnull=False, **filters).order_by("-history_date")
            return Subquery(rows.values("history_date")[:1])

        chantier = OuterRef("pk")
        return self.annotate(
            last_own_change=latest(own, id=chantier),
            last_action_change=latest(actions, chantier_id=chantier, is_published=True),
            last_phase_change=latest(phases, chantier_id=chantier),
            last_event_change=latest(events, chantier_id=chantier, is_published=True),
            last_partner_change=latest(partnerships, chantier_id=chantier, is_public=True),
        )

    def with_card_data(self) -> ChantierQuerySet:
        """What a Chantier card shows, in a fixed number of queries whatever the size."""
        partnership = Chantier.partnerships.rel.related_model  # partners.Partnership, without importing it
        counted = Q(actions__is_published=True) & ~Q(actions__status=ActionStatus.ABANDONED)
        carriers = partnership._default_manager.filter(role="co_porteur", is_public=True).select_related("organisation")
        return (
            # Only the columns a card or the map shows (a description can be long).
            self.only(*CARD_FIELDS)
            .annotate(
                roadmap_progress=rounded_mean("actions__progress", filter=counted),
                action_count=Count("actions", filter=Q(actions__is_published=True), distinct=True),
            )
            .prefetch_related(
                Prefetch("regions", queryset=Region.objects.only("name")),
                Prefetch(
                    "phases",
                    queryset=Phase.objects.filter(status=PhaseStatus.CURRENT).only("chantier_id", "name"),
                    to_attr="current_phases",
                ),
                Prefetch(
                    "partnerships",
                    queryset=carriers.only("chantier_id", "organisation__name", "organisation__short_name"),
                    to_attr="carrier_partnerships",
                ),
            )
        )


class ChantierStatus(models.TextChoices):
    ACTIVE = "active", _("Actif")
    CANDIDATE = "candidate", _("Candidat")
    CLOSED = "closed", _("Terminé")


class Chantier(models.Model):
    """A territorial transition project toward net-zero emissions."""

    Status = ChantierStatus

    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(
        _("nom court"), max_length=80, blank=True, help_text=_("Utilisé sur les cartes et dans les listes.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status, default=Status.CANDIDATE)
    cohort = models.PositiveSmallIntegerField(
        _("année du projet"),
        default=1,
        help_text=_("Année de Collectivités ZéN où le Chantier a démarré ou est en lice."),
    )
    regions = models.ManyToManyField(Region, related_name="chantiers", verbose_name=_("régions"))
    territory = models.CharField(_("territoire"), max_length=200, blank=True)
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    cover_image = models.ImageField(_("image de couverture"), upload_to="chantiers/covers/", blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    is_published = models.BooleanField(_("publié"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = models.Manager.from_queryset(ChantierQuerySet)()

    if TYPE_CHECKING:
        summary_fr: str | None
        summary_en: str | None
        description_fr: str | None
        description_en: str | None
        territory_fr: str | None
        territory_en: str | None
        # The change history is registered in chantiers/translation.py, after the translated
        # columns exist, so the history keeps both languages.
        history: ClassVar[HistoryManager]

    # Set by ChantierQuerySet.with_card_data().
    action_count: int
    roadmap_progress: int | None
    search_reasons: str  # set by the list view on a search: which fields matched (chantiers.search)

    # Set by ChantierQuerySet.with_last_public_change().
    last_own_change: datetime | None
    last_action_change: datetime | None
    last_phase_change: datetime | None
    last_event_change: datetime | None
    last_partner_change: datetime | None

    class Meta:
        ordering = ["cohort", "name"]
        verbose_name = _("Chantier")
        verbose_name_plural = _("Chantiers")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_chantier_name_ci"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="chantier_map_point_valid",
                violation_error_message=_("Indiquez la latitude et la longitude ensemble, dans les limites valides."),
            ),
            models.CheckConstraint(condition=Q(cohort__gte=1), name="chantier_cohort_positive"),
            models.CheckConstraint(condition=Q(status__in=ChantierStatus.values), name="chantier_status_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chantiers:detail", args=[self.slug])

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show this row (zen/invalidation.py): itself."""
        return {self.slug}

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def titled_name(self) -> str:
        """The name as the object of "Chantier": "Chantier Outaouais", "Chantier ZéN de la région de Québec".

        French sentences say "contribuer au {{ name }}", never "à Le Grand dialogue…" or
        "à Outaouais": whatever its name, the article goes with "Chantier".
        """
        name = self.display_name
        if name.casefold().startswith("chantier"):
            return name
        return f"Chantier {name}"

    @property
    def sort_name(self) -> str:
        """The key lists sort by: the name people use, without a "Chantier (ZéN) de la …" prefix."""
        return sort_key(self.display_name)

    @property
    def accepts_applications(self) -> bool:
        """Organisations may apply to a published Chantier until it closes."""
        return self.is_published and self.status != ChantierStatus.CLOSED

    @property
    def current_phase(self) -> Phase | None:
        """From `with_card_data()`'s prefetch when there, else one query."""
        phases = getattr(self, "current_phases", None)
        if phases is None:
            phases = list(self.phases.filter(status=PhaseStatus.CURRENT))
        return phases[0] if phases else None

    @property
    def last_change(self) -> datetime | None:
        """When a person last changed the public page (None when nobody has yet).

        Needs `ChantierQuerySet.with_last_public_change()`.
        """
        moments = [
            self.last_own_change,
            self.last_action_change,
            self.last_phase_change,
            self.last_event_change,
            self.last_partner_change,
        ]
        return max((moment for moment in moments if moment is not None), default=None)

    def add_default_phases(self) -> None:
        """Give a Chantier that has none the program's default phases, marked as proposed."""
        if self.phases.exists():
            return
        Phase.objects.bulk_create(
            Phase(
                chantier=self,
                order=index,
                name_fr=default.name_fr,
                name_en=default.name_en,
                description_fr=default.description_fr,
                description_en=default.description_en,
                is_proposed=True,
            )
            for index, default in enumerate(DefaultPhase.objects.all(), start=1)
        )


class DefaultPhase(models.Model):
    """A phase every new Chantier starts with, proposed until its coordinators confirm or change it.

    Data that program staff edit in the admin, not a constant: the program may
    change its method. A migration seeds the four phases the program gives for Laval.
    """

    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects: ClassVar[models.Manager[DefaultPhase]] = models.Manager()

    if TYPE_CHECKING:
        name_fr: str | None
        name_en: str | None
        description_fr: str | None
        description_en: str | None

    class Meta:
        ordering = ["order"]
        verbose_name = _("phase proposée par défaut")
        verbose_name_plural = _("phases proposées par défaut")

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class PhaseStatus(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    CURRENT = "current", _("En cours")
    DONE = "done", _("Terminée")


class Phase(models.Model):
    Status = PhaseStatus

    chantier = models.ForeignKey(Chantier, on_delete=models.CASCADE, related_name="phases", verbose_name=_("Chantier"))
    order = models.PositiveSmallIntegerField(_("ordre"))
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status, default=Status.UPCOMING)
    is_proposed = models.BooleanField(
        _("proposée par le programme"),
        default=False,
        help_text=_(
            "Phase donnée par défaut, pas encore confirmée par la coordination du Chantier. "
            "Décochez pour la confirmer ; toute modification la confirme aussi."
        ),
    )

    objects: ClassVar[models.Manager[Phase]] = models.Manager()

    if TYPE_CHECKING:
        name_fr: str | None
        name_en: str | None
        description_fr: str | None
        description_en: str | None
        # The change history is registered in chantiers/translation.py, after the translated
        # columns exist, so the history keeps both languages.
        history: ClassVar[HistoryManager]

    class Meta:
        ordering = ["chantier", "order"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["chantier", "order"], name="unique_phase_order_per_chantier"),
            models.UniqueConstraint(
                fields=["chantier"],
                condition=Q(status="current"),
                name="one_current_phase_per_chantier",
                violation_error_message=_("Un Chantier ne peut avoir qu’une seule phase en cours."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="phase_ends_after_start",
                violation_error_message=_("La fin de la phase doit suivre son début."),
            ),
            models.CheckConstraint(condition=Q(status__in=PhaseStatus.values), name="phase_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show this row (zen/invalidation.py): its own."""
        return {self.chantier.slug}


class RoadmapActionQuerySet(models.QuerySet["RoadmapAction"]):
    def published(self) -> RoadmapActionQuerySet:
        return self.filter(is_published=True, chantier__is_published=True)


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposée")
    PLANNED = "planned", _("Planifiée")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Réalisée")
    ABANDONED = "abandoned", _("Abandonnée")


class RoadmapAction(models.Model):
    """One line of a Chantier's feuille de route."""

    Status = ActionStatus

    chantier = models.ForeignKey(Chantier, on_delete=models.CASCADE, related_name="actions", verbose_name=_("Chantier"))
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="actions", verbose_name=_("thème"))
    phase = models.ForeignKey(
        Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("phase")
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status, default=Status.PROPOSED)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0, validators=[MaxValueValidator(100)])
    lead_organisations = models.ManyToManyField(
        "partners.Organisation", blank=True, related_name="led_actions", verbose_name=_("organisations responsables")
    )
    target_date = models.DateField(_("échéance"), null=True, blank=True)
    order = models.PositiveIntegerField(_("ordre"), default=0)
    is_published = models.BooleanField(_("publiée"), default=False)
    is_example = models.BooleanField(
        _("exemple"), default=False, help_text=_("Action d’illustration, affichée avec la mention « Exemple ».")
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    objects = models.Manager.from_queryset(RoadmapActionQuerySet)()

    if TYPE_CHECKING:
        title_fr: str | None
        title_en: str | None
        description_fr: str | None
        description_en: str | None
        # The change history is registered in chantiers/translation.py, after the translated
        # columns exist, so the history keeps both languages.
        history: ClassVar[HistoryManager]

    lead_names: list[str]  # set by chantiers.roadmap.attach_lead_names(), with lead_slugs
    lead_slugs: list[str]

    class Meta:
        ordering = ["chantier", "theme__order", "order", "pk"]
        verbose_name = _("action de la feuille de route")
        verbose_name_plural = _("actions de la feuille de route")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="action_progress_0_100",
                violation_error_message=_("L’avancement doit être compris entre 0 et 100 %."),
            ),
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="action_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show this row (zen/invalidation.py): its own."""
        return {self.chantier.slug}

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.phase is not None and self.chantier_id and self.phase.chantier_id != self.chantier_id:
            raise ValidationError({"phase": _("Choisissez une phase de ce Chantier.")})


TORONTO = zoneinfo.ZoneInfo("America/Toronto")


class EventStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmé")
    TENTATIVE = "tentative", _("À confirmer")
    CANCELLED = "cancelled", _("Annulé")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("En personne")
    ONLINE = "online", _("En ligne")
    HYBRID = "hybrid", _("Hybride (en personne et en ligne)")


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(is_published=True, chantier__is_published=True)

    def with_days(self) -> EventQuerySet:
        """Annotate `first_day` and `last_day`, the event's dates in Québec whether it is all-day or timed."""
        first = Coalesce("start_date", TruncDate("starts_at", tzinfo=TORONTO))
        last = Coalesce("end_date", TruncDate("ends_at", tzinfo=TORONTO), first)
        return self.annotate(first_day=first, last_day=last)

    def upcoming(self, today: date | None = None) -> EventQuerySet:
        """Not over yet, or not dated yet (soonest first, the undated last)."""
        today = today or timezone.localdate()
        return (
            self.with_days()
            .filter(Q(GreaterThanOrEqual(F("last_day"), today)) | Q(IsNull(F("first_day"), True)))
            .order_by(F("first_day").asc(nulls_last=True), F("starts_at").asc(nulls_first=True), "pk")
        )

    def past(self, today: date | None = None) -> EventQuerySet:
        """Over (the latest first)."""
        today = today or timezone.localdate()
        return (
            self.with_days()
            .filter(LessThan(F("last_day"), today))
            .order_by(F("first_day").desc(), F("starts_at").desc(nulls_last=True), "-pk")
        )

    def starting_between(self, first: date, last: date) -> EventQuerySet:
        return self.with_days().filter(GreaterThanOrEqual(F("first_day"), first), LessThanOrEqual(F("first_day"), last))


class Event(models.Model):
    """A dated activity of a Chantier: all-day (dates) or timed (moments, shown in Québec's time).

    A yearly event is one row per year. The dates may be announced later: an event without
    them is listed as "dates à venir" and stays out of the calendars until they are set.
    `sequence` is the iCalendar SEQUENCE: it grows whenever the date, the place or the
    status changes, so a calendar that subscribed replaces its copy.
    """

    Status = EventStatus
    Attendance = AttendanceMode

    chantier = models.ForeignKey(Chantier, on_delete=models.CASCADE, related_name="events", verbose_name=_("Chantier"))
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("année"),
        blank=True,
        help_text=_("Un événement qui revient chaque année est un événement par année. Vide : l’année de son début."),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status, default=Status.TENTATIVE)
    all_day = models.BooleanField(
        _("toute la journée"),
        default=True,
        help_text=_("Coché : indiquez les dates de début et de fin. Décoché : les heures de début et de fin."),
    )
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True, help_text=_("Dernier jour, inclus."))
    starts_at = models.DateTimeField(_("commence à"), null=True, blank=True, help_text=_("Heure du Québec."))
    ends_at = models.DateTimeField(_("finit à"), null=True, blank=True)
    attendance = models.CharField(
        _("participation"),
        max_length=20,
        choices=Attendance,
        blank=True,
        help_text=_("Laissez vide tant que ce n’est pas décidé."),
    )
    place = models.CharField(_("lieu"), max_length=200, blank=True, help_text=_("Nom du lieu et adresse."))
    online_url = models.URLField(_("lien de participation en ligne"), blank=True)
    registration_url = models.URLField(_("lien d’inscription"), blank=True)
    registration_deadline = models.DateField(_("inscription jusqu’au"), null=True, blank=True)
    is_published = models.BooleanField(_("publié"), default=True)
    sequence = models.PositiveIntegerField(_("version du calendrier"), default=0, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = models.Manager.from_queryset(EventQuerySet)()

    # What a calendar must hear of again (SEQUENCE, RFC 5545 § 3.8.7.4).
    SCHEDULE_FIELDS = (
        "all_day",
        "start_date",
        "end_date",
        "starts_at",
        "ends_at",
        "attendance",
        "place_fr",
        "place_en",
        "online_url",
        "status",
    )

    if TYPE_CHECKING:
        title_fr: str | None
        title_en: str | None
        description_fr: str | None
        description_en: str | None
        place_fr: str | None
        place_en: str | None
        # The change history is registered in chantiers/translation.py, after the translated
        # columns exist, so the history keeps both languages.
        history: ClassVar[HistoryManager]
        # Set by EventQuerySet.with_days().
        first_day: date | None
        last_day: date | None

    class Meta:
        ordering = ["chantier", "start_date", "starts_at", "pk"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        constraints = [
            models.CheckConstraint(
                condition=Q(all_day=True, starts_at__isnull=True, ends_at__isnull=True)
                | Q(all_day=False, start_date__isnull=True, end_date__isnull=True),
                name="event_all_day_has_dates_timed_has_times",
                violation_error_message=_(
                    "Un événement d’une journée entière a des dates ; un événement à heure fixe a des heures."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=False, end_date__gte=F("start_date")),
                name="event_ends_after_start",
                violation_error_message=_("La fin de l’événement doit suivre son début."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=False, ends_at__gte=F("starts_at")),
                name="event_timed_ends_after_start",
                violation_error_message=_("La fin de l’événement doit suivre son début."),
            ),
            # A confirmed event has a date; "dates à venir" is tentative (or cancelled).
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(start_date__isnull=False) | Q(starts_at__isnull=False),
                name="event_confirmed_is_dated",
                violation_error_message=_("Un événement confirmé a une date ; sinon, il est « à confirmer »."),
            ),
            # On the French place, the source (`place_fr` is added by chantiers/translation.py).
            models.CheckConstraint(
                condition=~Q(attendance__in=["in_person", "hybrid"]) | (Q(place_fr__isnull=False) & ~Q(place_fr="")),
                name="event_in_person_has_a_place",
                violation_error_message=_("Un événement en personne ou hybride a un lieu."),
            ),
            models.CheckConstraint(
                condition=~Q(attendance__in=["online", "hybrid"]) | ~Q(online_url=""),
                name="event_online_has_a_link",
                violation_error_message=_("Un événement en ligne ou hybride a un lien de participation."),
            ),
            models.CheckConstraint(condition=Q(status__in=EventStatus.values), name="event_status_valid"),
            models.CheckConstraint(
                condition=Q(attendance__in=["", *AttendanceMode.values]), name="event_attendance_valid"
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2200), name="event_year_plausible"),
            # On the French title, the source (`title_fr` is added by chantiers/translation.py).
            models.UniqueConstraint(fields=["chantier", "title_fr", "year"], name="unique_event_title_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.year is None:
            start = self.start_date or (self.local_start.date() if self.local_start else None)
            self.year = start.year if start else timezone.localdate().year
        if self.pk is not None:
            before = Event.objects.filter(pk=self.pk).values(*self.SCHEDULE_FIELDS).first()
            if before is not None and any(getattr(self, name) != before[name] for name in self.SCHEDULE_FIELDS):
                self.sequence += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("chantiers:event", args=[self.pk])

    @property
    def is_dated(self) -> bool:
        return self.start_date is not None or self.starts_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_in_person(self) -> bool:
        return self.attendance in {AttendanceMode.IN_PERSON, AttendanceMode.HYBRID}

    @property
    def is_online(self) -> bool:
        return self.attendance in {AttendanceMode.ONLINE, AttendanceMode.HYBRID}

    @property
    def local_start(self) -> datetime | None:
        return self.starts_at.astimezone(TORONTO) if self.starts_at else None

    @property
    def local_end(self) -> datetime | None:
        return self.ends_at.astimezone(TORONTO) if self.ends_at else None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, Any] = {}
        if self.all_day and (self.starts_at or self.ends_at):
            errors["starts_at"] = _("Pour un événement d’une journée entière, indiquez des dates, sans heures.")
        if not self.all_day and (self.start_date or self.end_date):
            errors["start_date"] = _("Pour un événement à heure fixe, indiquez les heures, pas les dates.")
        if self.is_in_person and not (self.place_fr or "").strip():
            errors["place_fr"] = _("Indiquez le lieu d’un événement en personne ou hybride.")
        if self.is_online and not self.online_url:
            errors["online_url"] = _("Indiquez le lien d’un événement en ligne ou hybride.")
        if errors:
            raise ValidationError(errors)
        start = self.start_date or (self.local_start.date() if self.local_start else None)
        if start is not None and self.year is not None and start.year != self.year:
            raise ValidationError({"year": _("L’année doit être celle du début de l’événement.")})

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show this row (zen/invalidation.py): its own."""
        return {self.chantier.slug}


class ThemeProgress(models.Model):
    """Program staff's own estimate of a Chantier's progress in one theme.

    Shown beside the actions' average, never instead of it, where that average
    misleads (a theme with one small action done, or work not yet entered as actions).
    """

    chantier = models.ForeignKey(
        Chantier, on_delete=models.CASCADE, related_name="theme_estimates", verbose_name=_("Chantier")
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="estimates", verbose_name=_("thème"))
    progress = models.PositiveSmallIntegerField(_("avancement estimé (%)"), validators=[MaxValueValidator(100)])
    note = models.CharField(_("raison"), max_length=300, blank=True, help_text=_("Pourquoi cette estimation."))
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["chantier", "theme__order"]
        verbose_name = _("avancement estimé par l’équipe")
        verbose_name_plural = _("avancements estimés par l’équipe")
        constraints = [
            models.UniqueConstraint(fields=["chantier", "theme"], name="one_estimate_per_chantier_theme"),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="estimate_progress_0_100",
                violation_error_message=_("L’avancement doit être compris entre 0 et 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chantier} – {self.theme}"

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show this row (zen/invalidation.py): its own."""
        return {self.chantier.slug}


class Coordinator(models.Model):
    """A user who may edit one Chantier."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinations", verbose_name=_("personne")
    )
    chantier = models.ForeignKey(
        Chantier, on_delete=models.CASCADE, related_name="coordinators", verbose_name=_("Chantier")
    )
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("coordination")
        verbose_name_plural = _("coordinations")
        constraints = [
            models.UniqueConstraint(fields=["user", "chantier"], name="unique_coordinator_per_chantier"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.chantier}"
