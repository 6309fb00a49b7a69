import pytest

from django.template.loader import render_to_string

from stories.models import ExonereeStoryPage
from tests.factories import ExonereeStoryPageFactory, ImageFactory


@pytest.mark.parametrize(
    ("name", "initials"),
    [("Marcus Reed", "MR"), ("Ana María de la Cruz", "AC"), ("Prince", "P"), ("josé núñez", "JN")],
)
def test_initials_take_the_first_and_last_names(name, initials):
    assert ExonereeStoryPage(person_name=name).initials == initials


@pytest.mark.django_db
def test_a_story_without_a_photo_gets_a_monogram_not_a_silhouette():
    story = ExonereeStoryPageFactory.build(person_name="Marcus Reed", portrait=None)
    html = render_to_string("components/portrait.html", {"story": story, "size": "card"})
    assert "portrait--monogram" in html
    assert ">MR<" in html.replace(" ", "").replace("\n", "")
    assert "<img" not in html


@pytest.mark.django_db
def test_a_portrait_is_cropped_to_one_frame_and_credited_on_the_story_only():
    story = ExonereeStoryPageFactory.build(
        portrait=ImageFactory(file__width=1000, file__height=1000),
        portrait_alt="Marcus in his garden",
        portrait_credit="Photo: J. Doe",
    )
    page = render_to_string("components/portrait.html", {"story": story, "size": "page"})
    card = render_to_string("components/portrait.html", {"story": story, "size": "card"})
    assert 'alt="Marcus in his garden"' in page
    assert "Photo: J. Doe" in page
    assert "Photo: J. Doe" not in card
    # The same 4:5 crop at each size, so cards line up.
    assert 'width="320"' in page and 'height="400"' in page
    assert 'width="240"' in card and 'height="300"' in card
    assert 'loading="lazy"' in card
