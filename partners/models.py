from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chantiers.models import Chantier
from zen.web.media import private_storage


class OrganisationKind(models.TextChoices):
    NONPROFIT = "nonprofit", _("OBNL")
    CITIZEN_GROUP = "citizen_group", _("Collectif citoyen")
    MUNICIPALITY = "municipality", _("Municipalité ou arrondissement")
    PUBLIC_BODY = "public_body", _("Organisme public")
    EDUCATION = "education", _("Établissement d’enseignement ou de recherche")
    BUSINESS = "business", _("Entreprise")
    COOPERATIVE = "cooperative", _("Coopérative")
    FOUNDATION = "foundation", _("Fondation")
    NETWORK = "network", _("Réseau ou regroupement")
    OTHER = "other", _("Autre")


class OrganisationQuerySet(models.QuerySet):
    def public(self) -> OrganisationQuerySet:
        """Named on the site: a public partner of a published Chantier, or a supporter of the programme."""
        return self.filter(
            Exists(Partnership.objects.public().filter(organisation=OuterRef("pk")))
            | Exists(ProgramSupport.objects.filter(organisation=OuterRef("pk")))
        )

    def partnering(self, chantiers) -> OrganisationQuerySet:
        """Partners (named publicly or not) of any of `chantiers`."""
        return self.filter(Exists(Partnership.objects.filter(organisation=OuterRef("pk"), chantier__in=chantiers)))

    def unattached(self) -> OrganisationQuerySet:
        """Neither a partner of any Chantier nor a supporter of the programme: just added, or no longer involved."""
        return self.exclude(Exists(Partnership.objects.filter(organisation=OuterRef("pk")))).exclude(
            Exists(ProgramSupport.objects.filter(organisation=OuterRef("pk")))
        )


class Organisation(models.Model):
    Kind = OrganisationKind

    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("sigle ou nom court"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.NONPROFIT)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/logos/", blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    # modeltranslation (partners/translation.py) patches this manager at run time and adds the
    # description's language columns, declared here for the type checker.
    objects = models.Manager.from_queryset(OrganisationQuerySet)()

    if TYPE_CHECKING:
        description_fr: str | None
        description_en: str | None

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_organisation_name_ci",
                violation_error_message=_("Une organisation porte déjà ce nom."),
            ),
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show it (zen/invalidation.py): those it partners, or leads an action of."""
        return set(
            Chantier.objects.filter(Q(partnerships__organisation=self) | Q(actions__lead_organisations=self))
            .values_list("slug", flat=True)
            .distinct()
        )


class PartnershipQuerySet(models.QuerySet):
    def public(self) -> PartnershipQuerySet:
        """Shown to the public: in a published Chantier, and the organisation agreed to be named."""
        return self.filter(is_public=True, chantier__is_published=True)

    def with_carrier_count(self) -> PartnershipQuerySet:
        """Annotate how many public carriers each partnership's Chantier has (for `Partnership.role_label`)."""
        carriers = (
            Partnership.objects.filter(chantier=OuterRef("chantier"), role=PartnershipRole.CO_PORTEUR, is_public=True)
            .order_by()
            .values("chantier")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(carrier_count=Subquery(carriers))


class PartnershipRole(models.TextChoices):
    CO_PORTEUR = "co_porteur", _("Co-porteur")
    INITIAL_PARTNER = "initial_partner", _("Partenaire initial")
    PARTNER = "partner", _("Partenaire")


class Partnership(models.Model):
    """The role an organisation plays in one Chantier."""

    Role = PartnershipRole

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("organisation")
    )
    chantier = models.ForeignKey(
        "chantiers.Chantier", on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("Chantier")
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role, default=Role.PARTNER)
    joined_on = models.DateField(_("partenaire depuis"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_public = models.BooleanField(
        _("nommée publiquement"),
        default=True,
        help_text=_("Décochez si l’organisation n’a pas consenti à être nommée sur le site."),
    )
    history = HistoricalRecords()

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["chantier", "role", "order", "organisation__name"]
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "chantier"],
                name="unique_partnership_per_chantier",
                violation_error_message=_("Cette organisation est déjà partenaire de ce Chantier."),
            ),
            models.CheckConstraint(condition=Q(role__in=PartnershipRole.values), name="partnership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.chantier} ({self.get_role_display()})"

    def shown_on_chantiers(self) -> set[str]:
        """The Chantiers whose pages show this row (zen/invalidation.py): its own."""
        return {self.chantier.slug}

    @property
    def role_label(self) -> str:
        """The role as pages say it: a Chantier's only carrier is its "Porteur", not a "Co-porteur".

        Reads `carrier_count` from `PartnershipQuerySet.with_carrier_count()`.
        """
        if self.role == PartnershipRole.CO_PORTEUR and getattr(self, "carrier_count", None) == 1:
            return str(_("Porteur"))
        return self.get_role_display()


class ProgramSupportRole(models.TextChoices):
    OPERATOR = "operator", _("Porteur du programme")
    FUNDER = "funder", _("Bailleur de fonds")
    NATIONAL_PARTNER = "national_partner", _("Partenaire national")


class ProgramSupport(models.Model):
    """An organisation behind the program as a whole (not one Chantier)."""

    Role = ProgramSupportRole

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="program_supports", verbose_name=_("organisation")
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["role", "order", "organisation__name"]
        verbose_name = _("soutien au programme")
        verbose_name_plural = _("soutiens au programme")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role"], name="unique_program_support"),
            models.CheckConstraint(condition=Q(role__in=ProgramSupportRole.values), name="program_support_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class PartnerApplication(models.Model):
    """What an organisation sent through the public form to join a Chantier.

    The contact fields are personal data: they are never shown publicly and are
    erased some time after a rejection.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        ACCEPTED = "accepted", _("Acceptée")
        REJECTED = "rejected", _("Refusée")

    chantier = models.ForeignKey(
        "chantiers.Chantier", on_delete=models.CASCADE, related_name="applications", verbose_name=_("Chantier")
    )
    organisation_name = models.CharField(_("nom de l’organisation"), max_length=200)
    organisation_kind = models.CharField(_("type d’organisation"), max_length=20, choices=Organisation.Kind)
    sector = models.CharField(_("secteur d’activité"), max_length=200, blank=True)
    website = models.URLField(_("site web"), blank=True)
    neq = models.CharField(_("NEQ"), max_length=10, blank=True, help_text=_("Numéro d’entreprise du Québec."))
    # Private until accepted: only the Chantier's reviewers see it (the admin streams it); accepting
    # the application copies it, as a thumbnail, to the organisation's public logo.
    logo = models.ImageField(_("logo"), upload_to="applications/logos/", storage=private_storage, blank=True)
    contact_name = models.CharField(_("personne-ressource"), max_length=200)
    contact_email = models.EmailField(_("courriel"))
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    motivation = models.TextField(_("motivation"))
    themes = models.ManyToManyField(
        "chantiers.Theme", blank=True, related_name="applications", verbose_name=_("thèmes d’intérêt")
    )
    consent_public_listing = models.BooleanField(_("accepte d’être nommée publiquement"), default=False)
    consent_privacy = models.BooleanField(_("accepte l’avis de confidentialité"), default=False)
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default="fr")
    status = models.CharField(_("statut"), max_length=20, choices=Status, default=Status.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décision prise par"),
    )
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decision_note = models.TextField(_("note de décision"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("organisation créée ou liée"),
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    personal_data_erased_at = models.DateTimeField(_("données personnelles effacées le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("candidature de partenaire")
        verbose_name_plural = _("candidatures de partenaires")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_privacy=True),
                name="application_privacy_consent_given",
                violation_error_message=_("Le consentement à l’avis de confidentialité est requis."),
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | Q(status__in=["accepted", "rejected"], decided_at__isnull=False),
                name="application_decision_dated",
                violation_error_message=_("Une décision doit être datée, et seulement une décision."),
            ),
            models.CheckConstraint(
                condition=Q(neq="") | Q(neq__regex=r"^[0-9]{10}$"),
                name="application_neq_ten_digits",
                violation_error_message=_("Le NEQ compte 10 chiffres."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} → {self.chantier}"
