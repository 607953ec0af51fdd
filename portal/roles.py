"""The staff groups and their permissions: the one place that says who may do what.

Applied by `apply_group_permissions`, idempotently, from a migration (so `migrate` alone
leaves the groups in place) and from `manage.py load_content` and `ensure_staff` (so a
change of this map reaches every database at the next setup or deploy). The map is
authoritative: a permission taken out of it is taken from the group too.

Permissions are named "app_label.codename" as strings: the core names other apps'
permissions without importing them.
"""

from django.apps import apps as live_apps
from django.contrib.auth.management import create_permissions

STAFF_GROUPS: dict[str, list[str]] = {
    # Portal staff who review declarations, presenters and certificate requests, and watch
    # the numbers and the audit log. They change no content.
    "reviewers": [
        "portal.view_organisation",
        "portal.view_membership",
        "portal.view_auditentry",
        "portal.view_outboxmessage",
        "portal.view_statistics",
        # Verify an organisation by hand, revoke a verification, and see 法人番号 collisions.
        "portal.verify_organisation",
        "declaration.review_declaration",
        "declaration.view_declaration",
        "declaration.view_reviewevent",
        "declaration.view_policy",
        "learning.revoke_certificate",
        "learning.view_certificate",
        "presenters.review_presenter",
        "presenters.view_presenter",
        "presenters.view_presenterevent",
        "presenters.view_activityreport",
    ],
    # Editors of the content, in both languages: lessons, quizzes, the questionnaire's texts
    # and the presenters' materials. They review nothing.
    "content editors": [
        "learning.view_theme",
        "learning.change_theme",
        "learning.view_question",
        "learning.change_question",
        "learning.view_choice",
        "learning.change_choice",
        "diagnosis.view_questionnaire",
        "diagnosis.change_questionnaire",
        "diagnosis.view_part",
        "diagnosis.change_part",
        "diagnosis.view_item",
        "diagnosis.change_item",
        "diagnosis.view_band",
        "diagnosis.change_band",
        "presenters.add_material",
        "presenters.change_material",
        "presenters.delete_material",
        "presenters.view_material",
    ],
}


def apply_group_permissions(apps=live_apps) -> None:
    """Give each staff group exactly the permissions of STAFF_GROUPS (creating the groups).

    Writes nothing when every group is already as the map says. `apps` is the migration's
    historical registry when a migration calls it.
    """
    if apps is not live_apps:
        # Permissions are normally created after all migrations ran; make sure they exist now.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, verbosity=0, apps=apps)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted_names = {name for names in STAFF_GROUPS.values() for name in names}
    labels = {name.split(".")[0] for name in wanted_names}
    ids = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.filter(
            content_type__app_label__in=labels
        ).values_list("pk", "content_type__app_label", "codename")
    }
    missing = sorted(wanted_names - ids.keys())
    if missing and apps is live_apps:
        raise LookupError(f"permissions named in portal.roles do not exist: {', '.join(missing)}")
    # An earlier migration runs before a later one created a permission of the map: that
    # later migration applies the map again (e.g. portal 0014 for verify_organisation).
    for group_name, names in STAFF_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        wanted = {ids[name] for name in names if name in ids}
        held = set(group.permissions.values_list("pk", flat=True))
        if wanted - held:
            group.permissions.add(*(wanted - held))
        if held - wanted:
            group.permissions.remove(*(held - wanted))
