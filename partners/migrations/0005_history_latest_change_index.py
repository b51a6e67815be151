"""The partnership history's index for a Chantier's latest attributed change (see chantiers 0010)."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [("partners", "0004_organisation_description_in_french_and_english")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddIndex(
                    model_name="historicalpartnership",
                    index=models.Index(
                        fields=["chantier", "-history_date"],
                        condition=Q(history_user__isnull=False),
                        name="hist_partnership_latest",
                    ),
                )
            ],
        )
    ]
