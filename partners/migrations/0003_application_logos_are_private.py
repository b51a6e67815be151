from django.core.files.storage import storages
from django.db import migrations, models

import zen.web.media


def move_logos_to_private_storage(apps, schema_editor):
    """Logos already uploaded with an application leave the public media for the private storage."""
    public, private = storages["default"], storages["private"]
    PartnerApplication = apps.get_model("partners", "PartnerApplication")
    for application in PartnerApplication.objects.exclude(logo="").only("pk", "logo").iterator():
        name = application.logo.name
        if not public.exists(name):
            continue  # already private, or gone
        with public.open(name, "rb") as handle:
            stored = private.save(name, handle)
        public.delete(name)
        if stored != name:
            PartnerApplication.objects.filter(pk=application.pk).update(logo=stored)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_partnership_history"),
    ]

    operations = [
        migrations.AlterField(
            model_name="partnerapplication",
            name="logo",
            field=models.ImageField(
                blank=True, storage=zen.web.media.private_storage, upload_to="applications/logos/", verbose_name="logo"
            ),
        ),
        migrations.RunPython(move_logos_to_private_storage, migrations.RunPython.noop, elidable=True),
    ]
