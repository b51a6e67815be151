# The outbox became an app of its own (zen.outbox, label "outbox"): its table is
# renamed here and its model leaves this app's state; outbox's 0001 takes it over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('zen', '0002_email_rendered_by_the_worker'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable('outboxemail', 'outbox_outboxemail')],
            state_operations=[migrations.DeleteModel('outboxemail')],
        ),
    ]
