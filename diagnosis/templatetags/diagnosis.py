from django import template

register = template.Library()


@register.filter
def field_for(form, item):
    """The bound field of one diagnosis item (q1 … q25)."""
    return form[item.field_name]
