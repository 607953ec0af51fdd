from django import template

from portal.lib.login_reasons import reason_for

register = template.Library()


@register.simple_tag
def login_reason_for(next_url):
    """{% login_reason_for redirect_field_value as reason %}: why logging in is asked (or None)."""
    return reason_for(next_url)
