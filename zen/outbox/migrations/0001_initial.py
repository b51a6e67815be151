# Takes over the model and table that zen's 0003 gave up (the rows stay where they are).

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the permissions and admin history attached to the emails' content type."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='outbox', model='outboxemail').exists():
        ContentType.objects.filter(app_label='zen', model='outboxemail').update(app_label='outbox')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('zen', '0003_outbox_moves_to_its_own_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboxEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=60, verbose_name='type')),
                        ('to', models.EmailField(max_length=254, verbose_name='destinataire')),
                        ('language', models.CharField(max_length=8, verbose_name='langue')),
                        ('context', models.JSONField(blank=True, default=dict, verbose_name='contexte')),
                        ('subject', models.CharField(blank=True, max_length=255, verbose_name='objet')),
                        ('body_text', models.TextField(blank=True, verbose_name='texte')),
                        ('body_html', models.TextField(blank=True, verbose_name='HTML')),
                        ('reference', models.CharField(blank=True, db_index=True, max_length=100, verbose_name='référence')),
                        ('status', models.CharField(choices=[('pending', 'À envoyer'), ('sent', 'Envoyé'), ('failed', 'Échec')], default='pending', max_length=10, verbose_name='statut')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='tentatives')),
                        ('last_error', models.TextField(blank=True, verbose_name='dernière erreur')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='prochaine tentative')),
                        ('handed_over_at', models.DateTimeField(blank=True, null=True, verbose_name='confié à la file le')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='envoyé le')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='créé le')),
                    ],
                    options={
                        'verbose_name': 'courriel',
                        'verbose_name_plural': 'courriels',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='outbox_due')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['pending', 'sent', 'failed'])), name='outbox_status_valid'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='outbox_sent_is_dated')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
