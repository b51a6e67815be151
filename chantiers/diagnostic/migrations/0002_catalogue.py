from django.db import migrations

from chantiers.diagnostic.catalogue import load_catalogue

def load(apps, schema_editor):
    load_catalogue(apps.get_model("diagnostic", "Sector"), apps.get_model("diagnostic", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("diagnostic", "0001_inventory_and_indicators")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
