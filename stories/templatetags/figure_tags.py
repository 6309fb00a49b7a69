"""{% registry_figure %}: a national figure, drawn and linked (stories.figures).
A tag, not the block's own code, so that the blocks, which the models import,
need none of the models."""

from django import template

from stories.figures import chart_id, national_figures, shown_figure

register = template.Library()


@register.inclusion_tag("components/registry_figure.html", takes_context=True)
def registry_figure(context, kind, factor=None):
    request = context.get("request")
    figure = shown_figure(request, kind, factor or None, page=context.get("page"))
    return {"figure": figure, "chart_id": chart_id(request), "request": request}


@register.filter
def chart_svg(figure, chart_id):
    """The figure's chart as inline SVG, its ids starting with `chart_id`."""
    return figure.svg(chart_id)


@register.simple_tag(takes_context=True)
def national_totals(context):
    """The national figures of the request (their totals, as numbers)."""
    return national_figures(context.get("request"))
