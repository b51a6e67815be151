"""The diagnostic 360°: each Chantier's greenhouse-gas inventory and indicators.

A value that is not stored is not available ("n.d."): nothing here ever reads a
missing row as zero, nor carries a figure over from another year. Per-capita
figures are not stored; chantiers.diagnostic.reports computes them when read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chantiers.models import Chantier, Theme

FIRST_YEAR = 1990  # the Kyoto protocol's reference year, where Québec's inventory starts
LAST_YEAR = 2100  # targets reach 2050 and beyond


class Sector(models.Model):
    """A sector of Québec's greenhouse-gas inventory (Inventaire québécois des émissions de GES)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    name = models.CharField(_("nom"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    is_land_use = models.BooleanField(
        _("affectation des terres"),
        default=False,
        help_text=_(
            "UTCATF : peut être négatif (les forêts captent du carbone) et se déclare à part du total, "
            "comme le fait l’inventaire québécois."
        ),
    )

    objects: ClassVar[models.Manager[Sector]] = models.Manager()

    if TYPE_CHECKING:
        name_fr: str | None
        name_en: str | None
        description_fr: str | None
        description_en: str | None

    class Meta:
        ordering = ["order"]
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")

    def __str__(self) -> str:
        return self.name


class Unit(models.TextChoices):
    T_CO2E = "t_co2e", _("t éq. CO2")
    INHABITANTS = "inhabitants", _("habitants")
    PERCENT = "percent", _("%")
    TONNES = "tonnes", _("t")


PER_CAPITA_UNITS = {
    Unit.T_CO2E: _("t éq. CO2 par habitant"),
    Unit.TONNES: _("t par habitant"),
}


class Direction(models.TextChoices):
    DOWN = "down", _("à la baisse")
    UP = "up", _("à la hausse")
    NONE = "none", _("sans objectif")


class Indicator(models.Model):
    """One measure of the shared catalogue (docs/decisions.md says which and why)."""

    Direction = Direction
    Unit = Unit

    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unité"), max_length=20, choices=Unit)
    decimals = models.PositiveSmallIntegerField(_("décimales affichées"), default=0)
    direction = models.CharField(_("sens souhaité"), max_length=10, choices=Direction, default=Direction.NONE)
    normalised_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapporté à"),
        help_text=_("L’indicateur par lequel on le divise pour comparer les territoires (la population)."),
    )
    has_sectors = models.BooleanField(_("par secteur"), default=False)
    allows_negative = models.BooleanField(
        _("valeurs négatives permises"),
        default=False,
        help_text=_("Sinon, seul un secteur d’affectation des terres peut être négatif."),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="indicators", verbose_name=_("thèmes"))

    objects: ClassVar[models.Manager[Indicator]] = models.Manager()

    if TYPE_CHECKING:
        name_fr: str | None
        name_en: str | None
        description_fr: str | None
        description_en: str | None

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        constraints = [
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="indicator_unit_valid"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="indicator_direction_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def per_capita_unit(self) -> str:
        return str(PER_CAPITA_UNITS.get(Unit(self.unit), _("par habitant")))


class Source(models.Model):
    """Where figures come from: shown beside every figure the site publishes."""

    publisher = models.CharField(_("éditeur"), max_length=200)
    title = models.CharField(_("titre"), max_length=300)
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    published_on = models.DateField(_("publiée le"), null=True, blank=True)
    methodology = models.TextField(_("note de méthode"), blank=True)

    objects: ClassVar[models.Manager[Source]] = models.Manager()

    if TYPE_CHECKING:
        title_fr: str | None
        title_en: str | None
        methodology_fr: str | None
        methodology_en: str | None

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.publisher} – {self.title}"


class Kind(models.TextChoices):
    MEASURED = "measured", _("Mesure")
    TARGET = "target", _("Cible")
    ESTIMATE = "estimate", _("Estimation")


class ValueQuerySet(models.QuerySet["Value"]):
    def published(self) -> ValueQuerySet:
        return self.filter(chantier__is_published=True)


class Value(models.Model):
    """One figure: a Chantier's indicator for one year (and sector), measured, targeted or estimated."""

    Kind = Kind

    chantier = models.ForeignKey(
        Chantier, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("Chantier")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicateur")
    )
    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="values", verbose_name=_("secteur")
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind, default=Kind.MEASURED)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="values", verbose_name=_("source"))
    value = models.DecimalField(_("valeur"), max_digits=16, decimal_places=3)
    is_example = models.BooleanField(
        _("exemple"), default=False, help_text=_("Chiffre d’illustration, affiché avec la mention « Exemple ».")
    )
    created_at = models.DateTimeField(_("saisie le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = models.Manager.from_queryset(ValueQuerySet)()

    class Meta:
        ordering = ["chantier", "indicator__order", "year", "sector__order", "kind"]
        verbose_name = _("valeur d’indicateur")
        verbose_name_plural = _("valeurs d’indicateurs")
        constraints = [
            # One value per (indicator, Chantier, sector, year, kind, source), an empty sector
            # included. `nulls_distinct=False` would say it on PostgreSQL 15+ only: two partial
            # unique indexes say it on PostgreSQL and SQLite alike.
            models.UniqueConstraint(
                fields=["indicator", "chantier", "sector", "year", "kind", "source"],
                condition=Q(sector__isnull=False),
                name="one_value_per_sector",
                violation_error_message=_(
                    "Cette valeur existe déjà (même indicateur, secteur, année, nature et source)."
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "chantier", "year", "kind", "source"],
                condition=Q(sector__isnull=True),
                name="one_value_without_sector",
                violation_error_message=_("Cette valeur existe déjà (même indicateur, année, nature et source)."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="value_year_in_range",
                violation_error_message=_("L’année doit être comprise entre 1990 et 2100."),
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="value_kind_valid"),
        ]

    def __str__(self) -> str:
        sector = f" – {self.sector}" if self.sector_id else ""
        return f"{self.chantier} – {self.indicator}{sector} – {self.year}"

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show this value (zen/invalidation.py): its own (and the comparison, a list)."""
        return {self.chantier.slug}

    def clean(self) -> None:
        errors: dict[str, str] = {}
        indicator = self.indicator if self.indicator_id else None
        sector = self.sector if self.sector_id else None
        if indicator is not None:
            if sector is not None and not indicator.has_sectors:
                errors["sector"] = str(_("Cet indicateur ne se décompose pas par secteur : laissez le secteur vide."))
            elif sector is None and indicator.has_sectors:
                errors["sector"] = str(_("Cet indicateur se donne par secteur : choisissez le secteur."))
            if (
                self.value is not None
                and self.value < Decimal(0)
                and not indicator.allows_negative
                and not (sector is not None and sector.is_land_use)
            ):
                errors["value"] = str(_("Cet indicateur ne peut pas être négatif."))
        if errors:
            raise ValidationError(errors)
