"""{% rendercache %}: a fragment of a page rendered once for every request
(core.rendercache), until anything a page shows changes."""

import hashlib

from django import template
from django.utils import translation

from core import rendercache

register = template.Library()


class RenderCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if not rendercache.applies(request):
            return self.nodelist.render(context)
        # By host too: a page's links to another site's pages are full URLs;
        # and by language: the fragment's own words are translated.
        parts = [
            self.name,
            request.get_host(),
            translation.get_language() or "",
            *(str(v.resolve(context)) for v in self.vary_on),
        ]
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
        key = f"rendercache:fragment:{digest}"
        fragment = rendercache.fetch(key, request)
        if fragment is None:
            fragment = rendercache.store(key, self.nodelist.render(context), request)
        return fragment


@register.tag(name="rendercache")
def rendercache_tag(parser, token):
    """{% rendercache "name" value... %}…{% endrendercache %}: the enclosed
    fragment, from the shared cache when it was rendered with the same name
    and values since the last change to what pages show; otherwise rendered
    and kept. Never around what differs per request or per visit (a form, a
    live count), and never in a preview. Name the page and its revision in
    the values: `page.pk page.live_revision_id`."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% rendercache %} needs a name.")
    nodelist = parser.parse(("endrendercache",))
    parser.delete_first_token()
    return RenderCacheNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]]
    )
