"""Factories for the site's models (wagtail_factories and factory_boy)."""

from datetime import UTC, datetime, timedelta

import factory
import wagtail_factories

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils.text import slugify

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Collection, Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from actions.models import (
    ActionIndexPage,
    ConsentStatement,
    DonatePage,
    LetterPage,
    PetitionPage,
    Signature,
    SignUpFormField,
    SignUpPage,
)
from home.models import HomePage, InformationPage
from stories.models import (
    ContributingFactor,
    ExonerationBasis,
    ExonereeStoryPage,
    Jurisdiction,
    StoryIndexPage,
    ThemePage,
)


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection, where editors' permissions and the
    demo content put theirs (wagtail_factories makes a new root collection for
    each image, which an editor's chooser would not show). A PNG, as the site's
    uploads mostly are; pass `file__width`, `file__height` or `file__format`
    where a test needs a given size or format."""

    title = factory.Sequence(lambda n: f"Image {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(
        width=100, height=100, color="#445566", format="PNG", filename="image.png"
    )


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A court ruling as a PDF, in the root collection (see ImageFactory)."""

    title = "Ruling"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(data=b"%PDF-1.4 sample", filename="ruling.pdf")


class EmbedFactory(factory.django.DjangoModelFactory):
    """YouTube's oEmbed answer for a video, stored so that nothing asks YouTube
    to render it."""

    url = "https://www.youtube.com/watch?v=sample-interview"
    max_width = None
    hash = factory.LazyAttribute(lambda embed: get_embed_hash(embed.url))
    type = "video"
    html = (
        '<iframe width="200" height="113" src="https://www.youtube.com/embed/sample" '
        'title="Sam tells his story" allowfullscreen></iframe>'
    )
    title = "Sam tells his story"
    provider_name = "YouTube"
    width = 200
    height = 113

    class Meta:
        model = Embed


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Innocent, and still convicted"
    intro = "Read their stories, learn how it happens, and act."

    class Meta:
        model = HomePage


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Theme {n}")
    intro = "How this part of the system fails, and why it matters."

    class Meta:
        model = ThemePage


class ContributingFactorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Factor {n}")
    slug = factory.Sequence(lambda n: f"factor-{n}")
    description = "What this factor is and how it leads to wrongful convictions."

    class Meta:
        model = ContributingFactor


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories"
    slug = "stories"
    intro = "People convicted of crimes they did not commit."

    class Meta:
        model = StoryIndexPage


class ExonereeStoryPageFactory(wagtail_factories.PageFactory):
    """A published-ready story: consent on file, legal review done, valid
    dates, one text block."""

    title = factory.LazyAttribute(lambda story: f"The story of {story.person_name}")
    person_name = factory.Faker("name")
    # Faker repeats names often enough in a 40-story test to clash on a
    # title-derived slug; the sequence keeps every slug unique.
    slug = factory.LazyAttributeSequence(lambda story, n: f"{slugify(story.person_name)}-{n}")
    summary = "Convicted on a single mistaken identification, exonerated by DNA years later."
    jurisdiction = Jurisdiction.TX
    county = "Sample County"
    crimes_charged = "Robbery"
    sentence = "25 years"
    crime_year = factory.LazyAttribute(lambda story: story.conviction_year - 1)
    conviction_year = 1995
    exoneration_year = 2006
    basis = ExonerationBasis.DECLARED_INNOCENT
    consent_on_file = True
    legal_review_done = True
    body = factory.LazyFunction(
        lambda: [("text", RichText("<p>A sample story, written for tests.</p>"))]
    )

    # `factors=[...]` goes to the page's constructor: a ParentalManyToManyField
    # is held in memory and saved with the page, so each story is saved (and
    # indexed) once, not again after a post-generation hook.

    class Meta:
        model = ExonereeStoryPage


class InformationPageFactory(wagtail_factories.PageFactory):
    title = "Privacy"
    body = "<p>How we look after supporters’ data.</p>"

    class Meta:
        model = InformationPage


class ActionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Take action"
    slug = "act"

    class Meta:
        model = ActionIndexPage


class PetitionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Free them now {n}")
    teaser = "Ask the governor to review every conviction built on bite-mark evidence."
    target = "The Governor"
    statement = "We call on the Governor to order an independent review."
    goal = 100

    class Meta:
        model = PetitionPage


class LetterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Write to your senator {n}")
    teaser = "Ask your senator to back eyewitness identification reform."
    recipient_name = "Senator Maria Lopez"
    recipient_email = "senator@example.org"
    subject = "Please back eyewitness identification reform"
    letter = "Dear Senator,\n\nPlease back the eyewitness identification reform bill."

    class Meta:
        model = LetterPage


class DonatePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fund the fight {n}")
    teaser = "Pay for the DNA testing that frees innocent people."
    donation_url = "https://donate.example.org/innocence"

    class Meta:
        model = DonatePage


class SignUpPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Volunteer {n}")
    teaser = "Give a few hours a month to the campaign."

    class Meta:
        model = SignUpPage


class SignUpFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(SignUpPageFactory)
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"

    class Meta:
        model = SignUpFormField


class SignatureFactory(factory.django.DjangoModelFactory):
    action = factory.SubFactory(PetitionPageFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"supporter{n}@example.org")
    postcode = "10001"
    consent = factory.LazyFunction(ConsentStatement.current)

    class Meta:
        model = Signature


# Every kind of field a sign-up form offers, labelled as staff would:
# (label, field type, required, choices, help text).
VOLUNTEER_FIELDS = [
    ("Your name", "singleline", True, "", ""),
    ("Your email", "email", True, "", ""),
    ("How can you help?", "checkboxes", True, "Phone banking\nEvents\nWriting letters", ""),
    ("Your state", "dropdown", False, "Texas\nIllinois\nNew York", ""),
    ("How often?", "radio", True, "Weekly\nMonthly", ""),
    ("When can you start?", "date", False, "", ""),
    ("Anything else we should know?", "multiline", False, "", ""),
    ("Keep me posted", "checkbox", False, "", "About once a month."),
]


def volunteer_page(parent):
    """A sign-up page, "Volunteer with us", that asks every kind of field."""
    page = SignUpPageFactory(parent=parent, title="Volunteer with us")
    for sort_order, (label, field_type, required, choices, help_text) in enumerate(
        VOLUNTEER_FIELDS
    ):
        SignUpFormFieldFactory(
            page=page,
            sort_order=sort_order,
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text=help_text,
        )
    return page


def stories_to_filter(home, **fields):
    """What a reader filters, searches and reads: the Eyewitness theme with
    its "Suggestive line-up" factor, and the story index with Sam Rivera's
    story (that factor; `fields` change the rest) and Robin Vale's (from
    Illinois, without it). Returns Sam's story, whose parent is the index."""
    theme = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
    factor = ContributingFactorFactory(name="Suggestive line-up", theme=theme)
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(
        parent=index, person_name="Sam Rivera", factors=[factor], **fields
    )
    ExonereeStoryPageFactory(parent=index, person_name="Robin Vale", jurisdiction="IL")
    return story


# Sample themes, in the order the benchmarks and query-count tests use them.
THEMES = (
    ("The Evidence", "the-evidence"),
    ("The Eyewitness", "the-eyewitness"),
    ("The Prosecution", "the-prosecution"),
)
STATES = ["TX", "IL", "NY", "CA", "LA"]


def themes_sharing_the_factors(home, count):
    """The first `count` sample themes, with the factors the migrations made
    shared out among them in turn: (themes, factors)."""
    themes = [
        ThemePageFactory(parent=home, title=title, slug=slug) for title, slug in THEMES[:count]
    ]
    factors = list(ContributingFactor.objects.order_by("slug"))
    for n, factor in enumerate(factors):
        factor.theme = themes[n % count]
        factor.save()
    return themes, factors


# When the first sample story was published; each later one an hour after.
FIRST_PUBLISHED = datetime(2020, 1, 1, 12, tzinfo=UTC)
# Rows per INSERT when building stories in bulk.
BATCH = 500


def add_stories(index, numbers, image, factors):
    """Stories numbered `numbers` (named "Person 0001"), varied in state, DNA,
    dates and factors as a real listing is, all with the same portrait: live,
    published an hour apart, and in the search index.

    Built in bulk, in a few queries per thousand stories, where the factory
    (treebeard's add_child, one story at a time) took 88 s for 1,000: the tree
    paths are computed as treebeard would, the rows inserted together, and
    the search index filled in batches. Unlike the factory, this leaves the
    stories out of Wagtail's reference index (the admin's "usage" counts),
    which no public page reads."""
    numbers = list(numbers)
    index.refresh_from_db(fields=["path", "depth", "numchild", "url_path", "locale"])
    last = index.get_last_child()
    first_step = ExonereeStoryPage._str2int(last.path[-ExonereeStoryPage.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(ExonereeStoryPage)
    stories = []
    for step, n in enumerate(numbers, start=first_step + 1):
        slug = f"person-{n:04}"
        story = ExonereeStoryPageFactory.build(
            person_name=f"Person {n:04}",
            slug=slug,
            jurisdiction=STATES[n % len(STATES)],
            dna_based=n % 3 == 0,
            conviction_year=1980 + n % 30,
            exoneration_year=1990 + n % 30,
            portrait=image,
            portrait_alt="Sample illustration",
            # What add_child and publishing would have set.
            path=ExonereeStoryPage._get_path(index.path, index.depth + 1, step),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            locale_id=index.locale_id,
            content_type=content_type,
            live=True,
            first_published_at=FIRST_PUBLISHED + timedelta(hours=n),
            last_published_at=FIRST_PUBLISHED + timedelta(hours=n),
        )
        story.draft_title = story.title
        story.years_lost = story.compute_years_lost()
        stories.append(story)

    # Django's bulk_create refuses a model with a parent table (a page): the
    # page rows go in first, then the story rows with the pages' ids.
    page_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    pages = Page.objects.bulk_create(
        [Page(**{name: getattr(story, name) for name in page_fields}) for story in stories],
        batch_size=BATCH,
    )
    for story, page in zip(stories, pages, strict=True):
        story.id = story.page_ptr_id = page.pk
        story._state.adding, story._state.db = False, page._state.db
    story_fields = ExonereeStoryPage._meta.local_concrete_fields
    ExonereeStoryPage._base_manager.all()._batched_insert(stories, story_fields, BATCH)

    filed = ExonereeStoryPage.factors.through
    filed.objects.bulk_create(
        [
            filed(exonereestorypage_id=story.pk, contributingfactor_id=factor.pk)
            for n, story in zip(numbers, stories, strict=True)
            for factor in (factors[n % len(factors)], factors[(n + 1) % len(factors)])
        ],
        batch_size=BATCH,
    )
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(stories))
    index.numchild += len(stories)

    # What Wagtail's post_save handler does for each page, a batch at a time.
    for backend in get_search_backends(with_auto_update=True):
        search_index = backend.get_index_for_model(ExonereeStoryPage)
        for start in range(0, len(stories), BATCH):
            ids = [story.pk for story in stories[start : start + BATCH]]
            batch = ExonereeStoryPage.get_indexed_objects().filter(pk__in=ids)
            search_index.add_items(ExonereeStoryPage, batch)
    if connection.vendor == "postgresql":
        # What autovacuum would soon do: without fresh statistics, PostgreSQL
        # plans for an empty table and the pages time a plan no site runs.
        # (The small tables are analyzed as soon as they change: see
        # stories/migrations/0015; the benches don't wait for autovacuum.)
        tables = (Page, ExonereeStoryPage, filed, IndexEntry, ContributingFactor, ThemePage)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(model._meta.db_table for model in tables)}")
    return stories


def story_database(home):
    """What the benchmarks fill with stories (add_stories): an index, three
    themes sharing their factors, and one portrait for every story."""
    index = StoryIndexPageFactory(parent=home)
    themes, factors = themes_sharing_the_factors(home, 3)
    portrait = ImageFactory(title="Sample portrait", file__width=80, file__height=100)
    return index, themes, factors, portrait
