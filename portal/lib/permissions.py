"""Granting staff groups the permissions of an app, from data migrations."""

from django.contrib.auth.management import create_permissions


def grant_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Give each group (created if missing) the named permissions of `app_label`.

    Permissions are normally created after all migrations ran; make sure the app's exist now.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
