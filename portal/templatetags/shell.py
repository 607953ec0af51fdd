"""`{% kept %}`: a part of the page shell rendered once and kept in each process's memory.

    {% load shell %}
    {% kept "utility-bar" shell_key LANGUAGE_CODE text_size %} … {% endkept %}

Like Django's `{% cache %}`, keyed on the values after the name, but for parts that carry a
form: inside the block `{% csrf_token %}` renders a placeholder and `{{ here }}` (the current
path with its query, for a form's `next`) another, and both are put back for each request. So
the header's forms (switch organisation, log out, text size, language) can be kept per person
and state instead of being rendered on every page. The keys must name everything else the
block shows; the kept copies live in the "shell" cache (a deployment restarts the processes).
"""

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

TOKEN = "__kept_csrf_token__"
HERE = "__kept_here__"
KEPT_SECONDS = 3600


class KeptNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context) -> str:
        key = make_template_fragment_key(self.name, [value.resolve(context) for value in self.vary_on])
        store = caches["shell"]
        kept = store.get(key)
        if kept is None:
            with context.push(csrf_token=TOKEN, here=HERE):
                kept = self.nodelist.render(context)
            store.set(key, kept, KEPT_SECONDS)
        request = context.get("request")
        if HERE in kept:
            kept = kept.replace(HERE, escape(request.get_full_path()) if request is not None else "")
        if TOKEN in kept:
            token = str(context.get("csrf_token") or "NOTPROVIDED")
            if token == "NOTPROVIDED":  # no request context (an error page): no field, as {% csrf_token %} does
                kept = kept.replace(f'<input type="hidden" name="csrfmiddlewaretoken" value="{TOKEN}">', "")
            kept = kept.replace(TOKEN, token)
        return mark_safe(kept)  # noqa: S308 - rendered by the template engine, values escaped


@register.tag
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} needs a name")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return KeptNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
