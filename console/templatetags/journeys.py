"""Where a service's page offers the next stage of the journey, read across services: the
composition layer decides it (console.home), the service's template only places it."""

from django import template

from console.home import declaration_offer

register = template.Library()


@register.inclusion_tag("home/includes/declaration_offer.html")
def declaration_offer_for(organisation, *, diagnosis_accepted: bool | None = None):
    """The declaration to make next (★, or ★★ over a ★) with what ★★ still needs; nothing once
    ★★ is held or asked for. `diagnosis_accepted`: whether the organisation has a result ★★
    accepts (a recent result's own page knows; elsewhere it is looked up)."""
    return {"offer": declaration_offer(organisation, diagnosis_accepted=diagnosis_accepted)}
