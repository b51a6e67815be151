from django.db import migrations

# The four phases the program describes for Laval ZéN, proposed to every new Chantier.
FOUR_PHASES = [
    (
        "Rassembler les forces vives",
        "Réunir les acteurs du territoire dans une gouvernance partenariale et collaborative.",
    ),
    (
        "Diagnostic 360°",
        "Dresser le portrait de l’action climatique et des émissions de GES du territoire.",
    ),
    (
        "Coconstruire le plan d’action",
        "Élaborer entre partenaires un plan d’action vers la carboneutralité.",
    ),
    (
        "Mettre en œuvre et suivre",
        "Réaliser le plan sur plusieurs années, avec un suivi et une évaluation en continu.",
    ),
]


def seed_default_phases(apps, schema_editor):
    DefaultPhase = apps.get_model("chantiers", "DefaultPhase")
    Phase = apps.get_model("chantiers", "Phase")
    HistoricalPhase = apps.get_model("chantiers", "HistoricalPhase")
    if not DefaultPhase.objects.exists():
        DefaultPhase.objects.bulk_create(
            DefaultPhase(order=order, name=name, description=description)
            for order, (name, description) in enumerate(FOUR_PHASES, start=1)
        )
    # Phases given by default and never touched by a person are proposals, not facts.
    touched = HistoricalPhase.objects.filter(history_user__isnull=False).values("id")
    for name, description in FOUR_PHASES:
        Phase.objects.filter(name=name, description=description).exclude(pk__in=touched).update(is_proposed=True)


class Migration(migrations.Migration):
    dependencies = [("chantiers", "0004_history_estimates_default_phases_confirmations")]

    operations = [migrations.RunPython(seed_default_phases, migrations.RunPython.noop)]
