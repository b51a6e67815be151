from django.db import migrations, models


class Migration(migrations.Migration):
    """The rules of the events described in 0007, once every existing row follows them.

    Apart from 0007 because PostgreSQL alters no table whose rows a transaction just updated.
    """

    dependencies = [
        ("chantiers", "0007_events_with_dates_places_and_status"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Un événement qui revient chaque année est un événement par année. Vide : l’année de son début.",
                verbose_name="année",
            ),
        ),
        migrations.AlterField(
            model_name="historicalevent",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Un événement qui revient chaque année est un événement par année. Vide : l’année de son début.",
                verbose_name="année",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("all_day", True), ("ends_at__isnull", True), ("starts_at__isnull", True)),
                    models.Q(("all_day", False), ("end_date__isnull", True), ("start_date__isnull", True)),
                    _connector="OR",
                ),
                name="event_all_day_has_dates_timed_has_times",
                violation_error_message="Un événement d’une journée entière a des dates ; un événement à heure fixe a des heures.",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end_date__isnull", True),
                    models.Q(("end_date__gte", models.F("start_date")), ("start_date__isnull", False)),
                    _connector="OR",
                ),
                name="event_ends_after_start",
                violation_error_message="La fin de l’événement doit suivre son début.",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_at__isnull", True),
                    models.Q(("ends_at__gte", models.F("starts_at")), ("starts_at__isnull", False)),
                    _connector="OR",
                ),
                name="event_timed_ends_after_start",
                violation_error_message="La fin de l’événement doit suivre son début.",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "confirmed"), _negated=True),
                    ("start_date__isnull", False),
                    ("starts_at__isnull", False),
                    _connector="OR",
                ),
                name="event_confirmed_is_dated",
                violation_error_message="Un événement confirmé a une date ; sinon, il est « à confirmer ».",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("attendance__in", ["in_person", "hybrid"]), _negated=True),
                    models.Q(("place_fr__isnull", False), models.Q(("place_fr", ""), _negated=True)),
                    _connector="OR",
                ),
                name="event_in_person_has_a_place",
                violation_error_message="Un événement en personne ou hybride a un lieu.",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("attendance__in", ["online", "hybrid"]), _negated=True),
                    models.Q(("online_url", ""), _negated=True),
                    _connector="OR",
                ),
                name="event_online_has_a_link",
                violation_error_message="Un événement en ligne ou hybride a un lien de participation.",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["confirmed", "tentative", "cancelled"])), name="event_status_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("attendance__in", ["", "in_person", "online", "hybrid"])),
                name="event_attendance_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000), ("year__lte", 2200)), name="event_year_plausible"
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.UniqueConstraint(
                fields=("chantier", "title_fr", "year"), name="unique_event_title_per_year"
            ),
        ),
        migrations.RemoveField(
            model_name="event",
            name="is_recurring_yearly",
        ),
    ]
