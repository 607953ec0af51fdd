"""System checks of the portal's own settings (`manage.py check --deploy`)."""

from django.core.checks import Tags, Warning, register

from portal.lib.operator import site_operator


@register(Tags.security, deploy=True)
def operator_configured(app_configs, **kwargs):
    """A production site without an operator shows the demonstration notice on every page:
    allowed (a staging or training site), but never by accident."""
    operator = site_operator()
    if operator is None:
        return [
            Warning(
                "No operator is configured (OPERATOR_NAME is empty): every page says that this is "
                "a demonstration installation whose IDs are not valid for subsidy applications.",
                hint="Set OPERATOR_NAME, OPERATOR_EMAIL or OPERATOR_URL, OPERATOR_ADDRESS and the "
                "other OPERATOR_* variables (docs/deploy.md).",
                id="portal.W001",
            )
        ]
    missing = [
        variable
        for variable, present in (
            ("OPERATOR_EMAIL or OPERATOR_URL or OPERATOR_PHONE", operator.has_contact),
            ("OPERATOR_ADDRESS", operator.address),
            ("OPERATOR_PRIVACY_OFFICER", operator.privacy_officer),
            ("OPERATOR_COURT", operator.court),
        )
        if not present
    ]
    if missing:
        return [
            Warning(
                "The operator's details are incomplete: the about, terms and privacy pages cannot "
                "say " + ", ".join(missing) + ".",
                hint="Set the missing OPERATOR_* variables (docs/deploy.md).",
                id="portal.W002",
            )
        ]
    return []
