"""Load the program's real content, idempotently.

A second run changes nothing and duplicates nothing: rows are matched on
natural keys (slugs, codes, pairs, French titles) and saved only when a value
differs. Translated texts are written by their column (`summary_fr`,
`summary_en`), so the result does not depend on the active language.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from chantiers.diagnostic import catalogue
from chantiers.diagnostic.models import Indicator, Sector, Source, Value
from chantiers.models import Chantier, Event, Phase, Region, RoadmapAction, RoadmapVersion, Theme
from partners.models import Organisation, Partnership, ProgramSupport
from zen import seed


class Command(BaseCommand):
    help = "Load the Collectivités ZéN program, its Chantiers and their partners (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--examples",
            action="store_true",
            help="Also add illustrative roadmap actions, flagged and labelled as examples.",
        )

    @transaction.atomic
    def handle(self, *args, examples: bool = False, **options):
        self.changed = 0
        regions = {
            code: self.upsert(Region, {"code": code}, name=name, slug=slugify(name)) for code, name in seed.REGIONS
        }
        version = self.upsert(RoadmapVersion, {"slug": seed.ROADMAP_VERSION["slug"]}, name=seed.ROADMAP_VERSION["name"])
        if not RoadmapVersion.objects.filter(is_current=True).exists():
            version.is_current = True
            version.save(update_fields=["is_current"])
            self.changed += 1
        themes = {
            slug: self.upsert(
                Theme,
                {"version": version, "slug": slug},
                order=order,
                name_fr=name,
                name_en=seed.THEMES_EN[slug][0],
                description_fr=text,
                description_en=seed.THEMES_EN[slug][1],
                colour=colour,
                icon=icon,
            )
            for order, (slug, name, colour, icon, text) in enumerate(seed.THEMES, start=1)
        }
        # Only ever confirms: a list program staff confirmed stays confirmed.
        self.changed += Theme.objects.filter(
            version=version, slug__in=seed.THEMES_NAMED_BY_PROGRAM, is_confirmed=False
        ).update(is_confirmed=True)
        organisations = {
            slug: self.upsert(Organisation, {"slug": slug}, name=name, short_name=short_name, kind=kind)
            for slug, (name, short_name, kind) in seed.ORGANISATIONS.items()
        }
        for role, slugs in seed.PROGRAM_SUPPORT.items():
            for order, slug in enumerate(slugs):
                self.upsert(ProgramSupport, {"organisation": organisations[slug], "role": role}, order=order)

        catalogue.load_catalogue(Sector, Indicator)
        for code, slugs in catalogue.INDICATOR_THEMES.items():
            self.set_m2m(Indicator.objects.get(code=code).themes, [themes[slug] for slug in slugs])

        for data in seed.CHANTIERS:
            chantier = self.load_chantier(data, regions, organisations)
            if examples and chantier.slug in seed.EXAMPLE_INVENTORIES:
                self.load_example_inventory(chantier, seed.EXAMPLE_INVENTORIES[chantier.slug])
            if examples:
                for order, (theme, title, title_en, status, progress, leads) in enumerate(
                    seed.EXAMPLE_ACTIONS.get(chantier.slug, [])
                ):
                    action = self.upsert(
                        RoadmapAction,
                        {"chantier": chantier, "title_fr": title},
                        title_en=title_en,
                        theme=themes[theme],
                        status=status,
                        progress=progress,
                        order=order,
                        is_published=True,
                        is_example=True,
                    )
                    self.set_m2m(action.lead_organisations, [organisations[slug] for slug in leads])

        verdict = f"{self.changed} row(s) created or updated" if self.changed else "already up to date"
        self.stdout.write(self.style.SUCCESS(f"Seed content loaded: {verdict}."))

    def load_chantier(self, data: dict, regions: dict, organisations: dict) -> Chantier:
        latitude, longitude = data["point"]
        chantier = self.upsert(
            Chantier,
            {"slug": data["slug"]},
            name=data["name"],
            short_name=data.get("short_name", ""),
            status=data["status"],
            cohort=data["cohort"],
            territory_fr=data["territory"],
            territory_en=data.get("territory_en", ""),
            summary_fr=data["summary"],
            summary_en=data.get("summary_en", ""),
            description_fr=data.get("description", ""),
            description_en=data.get("description_en", ""),
            contact_email=data.get("contact_email", ""),
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            is_published=True,
        )
        self.set_m2m(chantier.regions, [regions[code] for code in data["regions"]])
        for role, key in [
            (Partnership.Role.CO_PORTEUR, "co_porteurs"),
            (Partnership.Role.INITIAL_PARTNER, "initial_partners"),
        ]:
            for order, slug in enumerate(data.get(key, [])):
                self.upsert(
                    Partnership, {"organisation": organisations[slug], "chantier": chantier}, role=role, order=order
                )
        for order, (name, description, status, name_en, description_en) in enumerate(data.get("phases", []), start=1):
            self.upsert(
                Phase,
                {"chantier": chantier, "order": order},
                name_fr=name,
                description_fr=description,
                name_en=name_en,
                description_en=description_en,
                status=status,
                is_proposed=False,  # the program gives them for this Chantier
            )
        if not chantier.phases.exists():
            chantier.add_default_phases()
            self.changed += 1
        # The program names the events but not their dates: this year's edition, to be confirmed
        # (listed as "dates à venir", out of the calendars until a coordinator sets the dates).
        for title, description, title_en, description_en in data.get("events", []):
            self.upsert(
                Event,
                {"chantier": chantier, "title_fr": title, "year": timezone.localdate().year},
                title_en=title_en,
                description_fr=description,
                description_en=description_en,
                status=Event.Status.TENTATIVE,
            )
        return chantier

    def load_example_inventory(self, chantier: Chantier, data: dict) -> None:
        """An invented inventory, target and indicators, every value flagged as an example."""
        source = self.upsert(
            Source,
            {"title_fr": seed.EXAMPLE_SOURCE["title"]},
            publisher=seed.EXAMPLE_SOURCE["publisher"],
            title_en=seed.EXAMPLE_SOURCE["title_en"],
            methodology_fr=seed.EXAMPLE_SOURCE["methodology"],
            methodology_en=seed.EXAMPLE_SOURCE["methodology_en"],
        )
        indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
        sectors = {sector.code: sector for sector in Sector.objects.all()}

        def put(code: str, year: int, value: Decimal, sector: Sector | None = None, kind: str = "measured") -> None:
            lookup = {"chantier": chantier, "indicator": indicators[code], "sector": sector, "year": year}
            self.upsert(Value, lookup | {"kind": kind, "source": source}, value=value, is_example=True)

        first_total = Decimal(0)
        for step, year in enumerate(seed.EXAMPLE_YEARS):
            population = Decimal(data["population"][year])
            put(catalogue.POPULATION, year, population)
            factor = (1 - Decimal(data["yearly_change"])) ** (year - seed.EXAMPLE_YEARS[0])
            total = Decimal(0)
            for code, per_capita in data["per_capita"].items():
                emitted = (Decimal(per_capita) * population * factor).quantize(Decimal(1))
                put(catalogue.BY_SECTOR, year, emitted, sectors[code])
                if not sectors[code].is_land_use:
                    total += emitted
            put(catalogue.TOTAL, year, total)
            if step == 0:
                first_total = total
            if year in seed.EXAMPLE_WASTE_PER_CAPITA:
                put("matieres-eliminees", year, (seed.EXAMPLE_WASTE_PER_CAPITA[year] * population).quantize(Decimal(1)))
        for year, share in seed.EXAMPLE_TARGETS.items():
            put(catalogue.TOTAL, year, (first_total * share).quantize(Decimal(1)), kind="target")
        for code, by_year in data["indicators"].items():
            for year, value in by_year.items():
                put(code, year, Decimal(value))

    def upsert[M: models.Model](self, model: type[M], lookup: dict, **values) -> M:
        """Create the row, or update only the fields that differ (so timestamps stay put)."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            self.changed += 1
            return model._default_manager.create(**lookup, **values)
        stale = [field for field, value in values.items() if getattr(obj, field) != value]
        if stale:
            for field in stale:
                setattr(obj, field, values[field])
            obj.save(update_fields=[*stale, *self.originals(model, stale), *self.auto_now_fields(model)])
            self.changed += 1
        return obj

    def set_m2m(self, manager, wanted: list) -> None:
        if set(manager.all()) != set(wanted):
            manager.set(wanted)
            self.changed += 1

    @staticmethod
    def originals(model: type[models.Model], fields: list[str]) -> set[str]:
        """The plain columns behind translated ones (`summary` for `summary_fr`), kept in step with them."""
        translated = (getattr(model._meta.get_field(name), "translated_field", None) for name in fields)
        return {field.name for field in translated if field is not None}

    @staticmethod
    def auto_now_fields(model: type[models.Model]) -> list[str]:
        return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
