"""A full site: every kind of page and block, filled as campaign staff would
fill them, with the settings that show in every page's header and footer."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Site

from actions.models import ActionSettings, GiftImpact, PetitionPage
from core.models import FooterLink, NavigationSettings, OrganisationSettings
from home.models import FeaturedStory, HomePage
from registry.models import CaseRecord
from registry.samples import sample_records
from stories.models import (
    ContributingFactor,
    ExonereeStoryPage,
    Jurisdiction,
    RelatedStory,
    StoryRelatedAction,
    ThemeRelatedAction,
)
from tests.factories import (
    ActionIndexPageFactory,
    DocumentFactory,
    DonatePageFactory,
    EmbedFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    InformationPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
    volunteer_page,
)
from tests.registry_factories import NumbersPageFactory, figure_block

VIDEO_URL = "https://www.youtube.com/watch?v=sample-interview"


def rich_story_body(image, document):
    """A story body with every kind of block the story editor offers."""
    return [
        {
            "type": "text",
            "value": "<h2>The arrest</h2><p>Sam worked <b>nights</b> at a bakery. "
            '<a href="https://example.org/report">A report</a> says so.</p>'
            "<ul><li>One witness</li><li>No physical evidence</li></ul>",
        },
        {
            "type": "quote",
            "value": {"quote": "Nobody checked the register.", "attribution": "Sam, exoneree"},
        },
        {
            "type": "timeline",
            "value": {
                "heading": "Case timeline",
                "events": [
                    {"date": "1994", "event": "A robbery; a witness picks a photo."},
                    {"date": "2006", "event": "DNA testing excludes Sam."},
                ],
            },
        },
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "The courthouse steps",
                    "decorative": False,
                },
                "caption": "The courthouse where Sam was tried.",
                "credit": "Photo: Sample Photographer",
            },
        },
        {"type": "video", "value": {"video": VIDEO_URL, "caption": "Sam tells his story."}},
        {"type": "document", "value": {"document": document.pk, "description": "Court ruling"}},
        {
            "type": "citation",
            "value": {
                "title": "Order vacating the conviction",
                "publisher": "Sample County court",
                "url": "https://example.org/ruling",
            },
        },
        {"type": "citation", "value": {"title": "Registry entry", "publisher": "", "url": ""}},
    ]


THEME_BODY = [
    {
        "type": "section",
        "value": {"heading": "Why memory fails", "text": "<p>Memory is <i>rebuilt</i>.</p>"},
    },
    {
        "type": "statistic",
        "value": {
            "figure": "69%",
            "label": "of DNA exonerations involved eyewitness error",
            "source_title": "Sample registry",
            "source_url": "https://example.org/registry",
        },
    },
    {
        "type": "statistic",
        "value": {"figure": "1 in 4", "label": "cases", "source_title": "A report"},
    },
    {"type": "quote", "value": {"quote": "I was sure.", "attribution": "A witness"}},
    figure_block("factor", "MWID"),
    figure_block("per_year"),
    {"type": "steps", "value": {"heading": "How it goes wrong", "steps": ["Glimpse.", "Line-up."]}},
    {
        "type": "reforms",
        "value": {
            "heading": "The reforms that fix it",
            "reforms": [{"reform": "Double-blind line-ups", "explanation": "No cues."}],
        },
    },
]


def build_full_site():
    """A small site with every kind of page and block, as staff would fill it:
    the pages by name."""
    home = HomePage.objects.get()
    portrait = ImageFactory(title="Portrait", file__width=400, file__height=500)
    photo = ImageFactory(title="Courthouse", file__width=1200, file__height=800)
    document = DocumentFactory()
    # The video's oEmbed answer in full, as YouTube gives it.
    EmbedFactory(
        url=VIDEO_URL,
        html='<iframe width="200" height="113" '
        'src="https://www.youtube.com/embed/sample?feature=oembed" frameborder="0" '
        'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
        'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" '
        'allowfullscreen title="Sam tells his story"></iframe>',
    )

    theme = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
    theme.body = THEME_BODY
    theme.save_revision().publish()
    factors = list(ContributingFactor.objects.order_by("slug"))
    for factor in factors:
        factor.theme = theme
        factor.save()

    index = StoryIndexPageFactory(parent=home, show_in_menus=True)
    stories = [
        ExonereeStoryPageFactory(
            parent=index,
            person_name=name,
            jurisdiction=state,
            dna_based=n % 2 == 0,
            portrait=portrait,
            portrait_alt=f"Portrait of {name}",
            portrait_credit="Photo: family",
            content_note="This story mentions a robbery." if n == 0 else "",
            factors=factors[n : n + 2],
        )
        for n, (name, state) in enumerate(
            [
                ("Sam Rivera", Jurisdiction.TX),
                ("Ana Ruiz", Jurisdiction.TX),
                ("Lee Park", Jurisdiction.IL),
                ("Jo March", Jurisdiction.OH),
            ]
        )
    ]
    story = stories[0]
    story.body = rich_story_body(photo, document)
    story.years_lost_known = 11
    story.related_stories = [RelatedStory(story=stories[1])]
    story.save_revision().publish()

    home.hero_action_label = "Read their stories"
    home.hero_action_page = index
    home.featured_stories = [FeaturedStory(story=s) for s in stories[:3]]
    home.save_revision().publish()

    actions = ActionIndexPageFactory(parent=home, intro="Act today.", show_in_menus=True)
    petition = PetitionPageFactory(
        parent=actions, title="Review bite-mark convictions", allow_comment=True
    )
    SignatureFactory.create_batch(3, action=petition, source_page=story)
    letter = LetterPageFactory(
        parent=actions,
        recipient_role="State Senator",
        recipient_phone="+1 555 0100",
        call_script="Say who you are and where you live.",
    )
    closed = PetitionPageFactory(
        parent=actions,
        kind=PetitionPage.Kind.PLEDGE,
        deadline=timezone.now() - timedelta(days=1),
    )
    donate = DonatePageFactory(
        parent=actions, monthly_amounts="10, 25", monthly_parameter="recurring=monthly"
    )
    GiftImpact.objects.create(page=donate, amount=25, description="pays for a records request")
    not_open = DonatePageFactory(parent=actions, donation_url="")
    sign_up = volunteer_page(actions)
    StoryRelatedAction(page=story, action=petition, sort_order=0).save()
    StoryRelatedAction(page=story, action=letter, sort_order=1).save()
    ThemeRelatedAction(page=theme, action=letter, sort_order=0).save()
    privacy = InformationPageFactory(parent=home, slug="privacy")
    # The national figures, from fictional records: every figure has data.
    CaseRecord.objects.bulk_create(sample_records(200))
    numbers = NumbersPageFactory(parent=home)
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings(site=site, footer_text="Run by a sample campaign.")
    navigation.footer_links = [
        FooterLink(page=privacy),
        FooterLink(url="https://example.org/press", label="Press"),
    ]
    navigation.save()
    ActionSettings.objects.create(
        site=site,
        default_action=petition,
        privacy_page=privacy,
        tax_status="The Campaign is a 501(c)(3) nonprofit.",
    )
    OrganisationSettings.objects.create(
        site=site,
        organisation_name="Sample Justice Project",
        logo=ImageFactory(title="Logo", file__width=400, file__height=120),
        contact_email="hello@example.org",
        social_links=[
            ("link", {"platform": "bluesky", "url": "https://bsky.app/profile/example.org"}),
            ("link", {"platform": "other", "url": "https://forum.example.org/", "label": "Forum"}),
        ],
        share_image=photo,
        share_text="A sample campaign to free the wrongly convicted.",
    )
    return {
        "home": home,
        "index": index,
        "story": ExonereeStoryPage.objects.get(pk=story.pk),
        "theme": theme,
        "actions": actions,
        "petition": petition,
        "letter": letter,
        "closed": closed,
        "donate": donate,
        "not_open": not_open,
        "sign_up": sign_up,
        "privacy": privacy,
        "numbers": numbers,
    }
