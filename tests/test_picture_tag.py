"""The site's `picture` tag: Wagtail's, with each tag's filters parsed once
for every render of a compiled template."""

import pytest

from django.template import Context, Template

from wagtail.images.models import Filter

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

TAG = "{% picture photo format-{webp,jpeg} fill-{40x50,80x100} sizes='10rem' alt='A portrait' %}"


def test_it_renders_what_wagtail_s_own_tag_renders():
    photo = ImageFactory(file__width=80, file__height=100)
    ours = Template("{% load picture_tags %}" + TAG).render(Context({"photo": photo}))
    wagtail = Template("{% load wagtailimages_tags %}" + TAG).render(Context({"photo": photo}))
    assert ours == wagtail
    assert ours.count("<source") == 1 and "fill-80x100" in ours


@pytest.mark.parametrize(("library", "made"), [("picture_tags", 4), ("wagtailimages_tags", 12)])
def test_a_compiled_tag_makes_and_parses_its_filters_once(monkeypatch, library, made):
    photos = [ImageFactory(file__width=80, file__height=100) for _ in range(3)]
    template = Template(f"{{% load {library} %}}" + TAG)
    specs = []
    real = Filter.__init__

    def counted(self, spec=None):
        specs.append(spec)
        real(self, spec)

    monkeypatch.setattr(Filter, "__init__", counted)
    for photo in photos:
        template.render(Context({"photo": photo}))
    # Four renditions a render, three renders: Wagtail's own tag makes (and
    # parses) every filter again each time.
    assert len(specs) == made
