"""Organisations verified through an OpenID Connect provider (GビズID) or by staff, and the
unverified ones that gave a verified organisation's 法人番号 (superseded). Reviewers may verify
by hand: the staff groups get the new permission from portal.roles."""

import django.db.models.deletion
from django.db import migrations, models

from portal.roles import apply_group_permissions


def grant(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0015_corporate_register'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='organisation',
            options={'permissions': [('verify_organisation', '組織の本人確認を行える')], 'verbose_name': '組織', 'verbose_name_plural': '組織'},
        ),
        migrations.AddField(
            model_name='organisation',
            name='superseded_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='重複が見つかった日時'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='superseded_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='superseded', to='portal.organisation', verbose_name='法人番号が重複する本人確認済みの組織'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='verification_note',
            field=models.TextField(blank=True, editable=False, verbose_name='本人確認の記録'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='verified_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='本人確認の日時'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='verified_by',
            field=models.CharField(blank=True, editable=False, help_text='oidc:<プロバイダー>（例: oidc:gbizid）または staff', max_length=40, verbose_name='本人確認の方法'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('verified_at__isnull', True), ('verified_by', '')), models.Q(('superseded_by__isnull', True), ('verified_at__isnull', False), models.Q(('verified_by', ''), _negated=True)), _connector='OR'), name='organisation_verified_has_method_and_is_not_superseded'),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
