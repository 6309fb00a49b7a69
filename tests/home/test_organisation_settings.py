"""Who runs the campaign, as staff set it: the name and logo in the header, the
contact address and social accounts in the footer, and the picture and words
shown when a page without its own is shared. Cached with the navigation."""

import pytest

from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core import seo
from core.models import OrganisationSettings, SocialLinkBlock, organisation_details
from tests.admin import sign_in
from tests.factories import ExonereeStoryPageFactory, ImageFactory, StoryIndexPageFactory
from tests.queries import PAGE_BUDGET, within_budget
from tests.test_seo import head

pytestmark = pytest.mark.django_db


def image(title="Logo", width=400, height=120):
    return ImageFactory(title=title, file__width=width, file__height=height)


def part(client, start, end, url="/"):
    """The HTML between `start` and `end`, its white space squeezed to single spaces."""
    html = client.get(url).content.decode()
    return " ".join(html.split(start, 1)[1].split(end, 1)[0].split())


def header(client, url="/"):
    return part(client, '<header class="site-header">', "</header>", url)


def footer(client, url="/"):
    return part(client, '<footer class="site-footer">', "</footer>", url)


@pytest.fixture
def organisation(home):
    return OrganisationSettings.for_site(home.get_site())


@pytest.fixture
def complete(organisation):
    """Every field filled, as a campaign that has set everything up."""
    organisation.organisation_name = "Justice Project"
    organisation.logo = image()
    organisation.contact_email = "hello@example.org"
    organisation.social_links = [
        ("link", {"platform": "bluesky", "url": "https://bsky.app/profile/example.org"}),
        ("link", {"platform": "mastodon", "url": "https://mastodon.social/@ex", "label": "Fedi"}),
        ("link", {"platform": "other", "url": "https://forum.example.org/", "label": "Forum"}),
    ]
    organisation.share_image = image("Share card", 1600, 1000)
    organisation.share_text = "We free the wrongly convicted."
    organisation.save()
    return organisation


# The header


def test_without_settings_the_header_shows_the_sites_name(client, home, settings):
    assert f'href="/"> {settings.WAGTAIL_SITE_NAME} </a>' in header(client)
    assert "<img" not in header(client)


def test_the_organisations_name_replaces_the_sites(client, organisation, settings):
    organisation.organisation_name = "Justice Project"
    organisation.save()

    assert "Justice Project" in header(client)
    assert settings.WAGTAIL_SITE_NAME not in header(client)
    assert '<p class="site-footer__name">Justice Project</p>' in footer(client)


def test_the_logo_is_shown_48_pixels_tall_named_by_its_alt_text(client, complete):
    logo = complete.logo.get_rendition("height-48")
    sharper = complete.logo.get_rendition("height-96")

    html = header(client)

    assert f'src="{logo.url}"' in html
    assert f'srcset="{sharper.url} 2x"' in html
    assert 'width="160"' in html
    assert 'height="48"' in html
    assert 'alt="Justice Project"' in html
    assert html.count("Justice Project") == 1  # the image names it, once


def test_a_small_logo_is_not_offered_at_twice_the_size(client, organisation):
    organisation.logo = image(width=100, height=48)
    organisation.save()

    assert "srcset" not in header(client)


def test_a_logo_whose_file_is_gone_gives_way_to_the_name(client, organisation):
    organisation.organisation_name = "Justice Project"
    organisation.logo = image()
    organisation.save()
    organisation.logo.file.storage.delete(organisation.logo.file.name)

    html = header(client)

    assert "<img" not in html
    assert "Justice Project" in html


# The footer


def test_the_footer_gives_the_contact_address_and_social_accounts(client, complete):
    html = footer(client)
    contact = html.split('<address class="site-footer__contact">', 1)[1].split("</address>")[0]

    assert '<a href="mailto:hello@example.org">hello@example.org</a>' in contact
    assert '<a href="https://bsky.app/profile/example.org" rel="me">Bluesky</a>' in contact
    assert '<a href="https://mastodon.social/@ex" rel="me">Fedi</a>' in contact
    assert '<a href="https://forum.example.org/" rel="me">Forum</a>' in contact
    assert contact.index("Bluesky") < contact.index("Fedi") < contact.index("Forum")
    # Plain links: nothing is loaded from the networks themselves.
    assert "<script" not in html
    assert "<img" not in html


def test_without_contact_details_the_footer_has_no_empty_address(client, home):
    assert "<address" not in footer(client)


def test_a_social_link_to_an_unlisted_network_needs_words():
    block = SocialLinkBlock()
    value = block.to_python({"platform": "other", "url": "https://example.org/", "label": ""})
    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(value)
    listed = block.to_python({"platform": "youtube", "url": "https://youtube.com/@x"})
    assert block.clean(listed).text() == "YouTube"


def test_the_social_link_block_previews_as_a_link():
    block = SocialLinkBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert html.strip() == '<a href="https://mastodon.social/@example" rel="me">Mastodon</a>'


# Link previews and search engines


def test_a_page_without_its_own_picture_or_words_shares_the_organisations(client, complete):
    meta = head(client, "/").meta
    rendition = complete.share_image.get_rendition(seo.SOCIAL_IMAGE_SPEC)

    assert meta["og:image"] == meta["twitter:image"] == f"http://testserver{rendition.url}"
    assert rendition.url.endswith(".jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Justice Project"
    assert meta["description"] == meta["og:description"] == "We free the wrongly convicted."


def test_the_share_images_description_is_its_alt_text(client, complete):
    complete.share_image.description = "Supporters outside the state capitol"
    complete.share_image.save()

    assert head(client, "/").meta["og:image:alt"] == "Supporters outside the state capitol"


def test_a_pages_own_picture_and_words_win(client, home, complete):
    story = ExonereeStoryPageFactory(
        parent=StoryIndexPageFactory(parent=home),
        summary="Sam spent 20 years in prison.",
        portrait=image("Portrait", 800, 1000),
        portrait_alt="Sam",
    )

    meta = head(client, story.url).meta

    portrait = story.portrait.get_rendition(seo.SOCIAL_IMAGE_SPEC)
    assert meta["og:image"] == f"http://testserver{portrait.url}"
    assert meta["og:image:alt"] == "Sam"
    assert meta["description"] == "Sam spent 20 years in prison."


def test_a_story_without_a_portrait_shares_the_organisations_picture(client, home, complete):
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    rendition = complete.share_image.get_rendition(seo.SOCIAL_IMAGE_SPEC)

    assert head(client, story.url).meta["og:image"] == f"http://testserver{rendition.url}"


def test_the_not_found_page_shares_the_organisations_picture_too(client, complete):
    meta = head(client, "/no-such-page/", status=404).meta

    assert meta["og:image"].endswith(".jpg")
    assert meta["description"] == "The page you were looking for is not here."


# Cached, and never stale


def test_a_change_shows_at_once(client, complete):
    assert "hello@example.org" in footer(client)  # now cached
    complete.contact_email = "press@example.org"
    complete.save()
    assert "press@example.org" in footer(client)

    complete.logo.delete()  # the setting is emptied without being saved
    assert "<img" not in header(client)
    assert "Justice Project" in header(client)

    complete.share_image.file.storage.delete(complete.share_image.file.name)
    complete.share_image.renditions.all().delete()
    assert head(client, "/").meta["og:image"] == "http://testserver/static/img/social-card.png"


def test_staff_set_it_up_in_the_admin(client, home, admin_user):
    sign_in(client, admin_user)
    logo = image()
    url = reverse("wagtailsettings:edit", args=["core", "organisationsettings", home.get_site().pk])
    data = nested_form_data(
        {
            "organisation_name": "Justice Project",
            "logo": logo.pk,
            "contact_email": "hello@example.org",
            "social_links": streamfield(
                [("link", {"platform": "x", "url": "https://x.com/example", "label": ""})]
            ),
            "share_image": "",
            "share_text": "",
            "wordings": inline_formset([]),
        }
    )

    assert client.get(url).status_code == 200
    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    assert 'alt="Justice Project"' in header(client)
    assert '<a href="https://x.com/example" rel="me">X</a>' in footer(client)


def test_the_organisation_costs_no_query_once_cached(client, home, complete):
    request = RequestFactory().get("/")
    organisation_details(request)
    request = RequestFactory().get("/")
    request._wagtail_site = home.get_site()
    with within_budget(0, "the cached organisation"):
        assert organisation_details(request)["name"] == "Justice Project"


def test_a_page_costs_no_more_queries_with_everything_set(client, home, organisation):
    def warm_queries():
        client.get("/")
        with within_budget(PAGE_BUDGET, "the home page") as queries:
            client.get("/")
        return len(queries)

    bare = warm_queries()
    organisation.organisation_name = "Justice Project"
    organisation.logo = image()
    organisation.contact_email = "hello@example.org"
    organisation.social_links = [("link", {"platform": "x", "url": "https://x.com/example"})]
    organisation.share_image = image("Share card", 1600, 1000)
    organisation.share_text = "We free the wrongly convicted."
    organisation.save()

    assert warm_queries() == bare
