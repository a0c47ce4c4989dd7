"""`{% publishedcache %}`: a template fragment kept until something is published (core/published.py).

A page's rendered content changes only when an editor publishes (or moves, unpublishes, restricts)
something, which starts a new generation; so a fragment cached for the generation, the language
and the host serves every visitor until then. Previews are never cached: they show a draft.

    {% load published_tags %}
    {% publishedcache "content" page.pk only_if=page.cache_rendered_content %}…{% endpublishedcache %}

`only_if`, when given and false, renders the fragment afresh: for a template shared by pages whose
content also depends on the request (a query string, a form).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import published

register = template.Library()


class PublishedCacheNode(template.Node):
    def __init__(self, nodelist, name, parts, only_if=None):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts
        self.only_if = only_if

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)
            or (self.only_if is not None and not self.only_if.resolve(context))
        ):
            return self.nodelist.render(context)
        parts = [part.resolve(context) for part in self.parts]
        fragment = published.cached(
            f"fragment:{self.name.resolve(context)}",
            lambda: str(self.nodelist.render(context)),
            get_language(),
            request.get_host(),  # page links are relative or absolute depending on the site
            *parts,
        )
        return mark_safe(fragment)  # rendered by the template engine, which escaped it


@register.tag
def publishedcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a name and what the fragment depends on, e.g. page.pk"
        )
    only_if = None
    if bits[-1].startswith("only_if="):
        only_if = parser.compile_filter(bits.pop().removeprefix("only_if="))
    nodelist = parser.parse(("endpublishedcache",))
    parser.delete_first_token()
    name, parts = parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    return PublishedCacheNode(nodelist, name, parts, only_if)
