"""Adding new stories in bulk: what treebeard's add_child and Wagtail's
save_revision do for each page, done for all of them in a few queries per
BATCH stories.

One at a time, each new story cost two saves (the page, then its revision),
and each save ran Wagtail's search and reference indexing at once: 33 stories
a second, so a 5,000-row file took two and a half minutes. Here the tree paths
are computed as treebeard would under the locked index, the pages, stories,
factors, first revisions and "edited" log entries are inserted together, and
the search and reference indexes are filled in one pass at the end. Nothing
else listens for a new draft: it is on no public page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from modelcluster.models import get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from core import rendercache
from stories.models import ExonereeStoryPage

BATCH = 500
STEP = ExonereeStoryPage.steplen


def taken_slugs(index, pages):
    """The slugs of `pages` another page took under `index` since they were
    checked (locking the index first, as add_child does, so that no page is
    added under it until the import commits)."""
    Page.objects.select_for_update().filter(pk=index.pk).first()
    slugs = [page.slug for page in pages]
    return set(Page.objects.child_of(index).filter(slug__in=slugs).values_list("slug", flat=True))


def add_drafts(index, pages, user):
    """Save `pages` (new ExonereeStoryPages, checked, their factors set in
    memory) as drafts under `index`, each with its first revision by `user`."""
    if not pages:
        return
    index.refresh_from_db(fields=["path", "depth", "numchild", "url_path", "locale"])
    last = index.get_last_child()
    first_step = ExonereeStoryPage._str2int(last.path[-STEP:]) if last else 0
    story_type = ContentType.objects.get_for_model(ExonereeStoryPage)
    children = [relation.get_accessor_name() for relation in get_all_child_relations(Page)]
    children += [r.get_accessor_name() for r in get_all_child_relations(ExonereeStoryPage)]
    factor_ids = []
    for step, page in enumerate(pages, start=first_step + 1):
        factor_ids.append([factor.pk for factor in page.factors.all()])
        # A new page has no comments, related stories or actions: said in
        # memory, its revision and references need no query to find none.
        for name in set(children):
            getattr(page, name).clear()
        page.path = ExonereeStoryPage._get_path(index.path, index.depth + 1, step)
        page.depth, page.numchild = index.depth + 1, 0
        page.url_path = f"{index.url_path}{page.slug}/"
        page.locale_id = page.locale_id or index.locale_id
        page.content_type = story_type
        page.draft_title = page.title
        page.years_lost = page.compute_years_lost()

    insert(pages)
    filed = ExonereeStoryPage.factors.through
    filed.objects.bulk_create(
        [
            filed(exonereestorypage_id=page.pk, contributingfactor_id=factor_id)
            for page, ids in zip(pages, factor_ids, strict=True)
            for factor_id in ids
        ],
        batch_size=BATCH,
    )
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
    index.numchild += len(pages)

    revisions = add_revisions(pages, user, story_type)
    log_edits(pages, revisions, user, story_type)
    index_pages(pages)
    rendercache.forget_everything()


def insert(pages):
    # Django's bulk_create refuses a model with a parent table (a page): the
    # page rows go in first, then the story rows with the pages' ids.
    page_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages],
        batch_size=BATCH,
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        page._state.adding, page._state.db = False, row._state.db
    story_fields = ExonereeStoryPage._meta.local_concrete_fields
    ExonereeStoryPage._base_manager.all()._batched_insert(pages, story_fields, BATCH)


def add_revisions(pages, user, story_type):
    """Each page's first revision, as save_revision makes it: the content as
    the page stands, then the page pointing to it."""
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=story_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                created_at=now,
                user=user,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ],
        batch_size=BATCH,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision, page.latest_revision_created_at = revision, now
    Page.objects.bulk_update(
        pages, ["latest_revision", "latest_revision_created_at"], batch_size=BATCH
    )
    return revisions


def log_edits(pages, revisions, user, story_type):
    """The history's "edited" entry of each page, as save_revision(log_action=True) logs it."""
    context = get_active_log_context()
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=story_type,
                label=page.get_admin_display_title(),
                action="wagtail.edit",
                timestamp=revision.created_at,
                data={},
                user=user or context.user,
                uuid=context.uuid,
                page_id=page.pk,
                revision=revision,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
        ],
        batch_size=BATCH,
    )


def index_pages(pages):
    """What Wagtail's post_save handlers do for each page: the search index,
    a batch at a time, and the reference index (the admin's usage counts)."""
    for backend in get_search_backends(with_auto_update=True):
        search_index = backend.get_index_for_model(ExonereeStoryPage)
        for start in range(0, len(pages), BATCH):
            ids = [page.pk for page in pages[start : start + BATCH]]
            batch = ExonereeStoryPage.get_indexed_objects().filter(pk__in=ids)
            search_index.add_items(ExonereeStoryPage, batch)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
