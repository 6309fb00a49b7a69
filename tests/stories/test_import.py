import io
from decimal import Decimal

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Revision

from core.models import ImportJob
from home.models import HomePage
from stories.importing import ImportFailed, StoryImporter, import_stories
from stories.models import ExonereeStoryPage
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory
from tests.stories.import_rows import GOOD, csv_text, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return StoryIndexPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def write(tmp_path):
    """Write a CSV file (text or rows) and return its path."""

    def write(content, encoding="utf-8"):
        if not isinstance(content, str):
            content = csv_text(content)
        path = tmp_path / "stories.csv"
        path.write_bytes(content.encode(encoding))
        return str(path)

    return write


def run(path, *args):
    out = io.StringIO()
    call_command("import_stories", path, *args, stdout=out)
    return out.getvalue()


def failure(path, *args):
    with pytest.raises(CommandError) as raised:
        run(path, *args)
    return str(raised.value)


def snapshot():
    """Everything an import could write."""
    return (
        list(ExonereeStoryPage.objects.order_by("pk").values()),
        list(ExonereeStoryPage.factors.through.objects.order_by("pk").values()),
        Revision.objects.count(),
    )


def test_a_good_file_creates_draft_stories_under_the_index_with_their_factors(index, write):
    path = write(
        [
            story(),
            story(
                slug="ana-lopez",
                person_name="Ana López",
                title="Ana’s twelve years",
                state="other",
                other_jurisdiction="Navajo Nation courts",
                factors="false-confession",
                basis="Pardon",
                dna_based="yes",
                compensation="awarded",
                years_lost_known="11.5",
                consent_on_file="TRUE",
                consent_date="2024-03-15",
            ),
        ]
    )

    output = run(path)

    assert "2 created, 0 updated (drafts)." in output
    marcus = ExonereeStoryPage.objects.get(slug="marcus-reed")
    ana = ExonereeStoryPage.objects.get(slug="ana-lopez")
    for page in (marcus, ana):
        assert page.get_parent().specific == index
        assert not page.live
        assert page.has_unpublished_changes
        assert page.first_published_at is None
        assert page.latest_revision is not None
    assert marcus.title == "The story of Marcus Reed"
    assert set(marcus.factors.values_list("slug", flat=True)) == {
        "mistaken-witness-identification",
        "official-misconduct",
    }
    assert marcus.years_lost == 11
    assert not marcus.dna_based
    assert marcus.compensation == "unknown"
    assert ana.title == "Ana’s twelve years"
    assert ana.jurisdiction == "OTHER"
    assert ana.basis == "pardon"
    assert ana.dna_based and ana.consent_on_file
    assert ana.years_lost == Decimal("11.5")
    assert str(ana.consent_date) == "2024-03-15"
    assert list(ana.latest_revision.as_object().factors.values_list("slug", flat=True)) == [
        "false-confession"
    ]


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(index, write):
    ExonereeStoryPageFactory(parent=index, slug="marcus-reed", person_name="Marcus Reed")
    before = snapshot()
    path = write(
        [
            story(summary="A changed summary that must not be saved."),  # line 2: fine
            story(slug="b", conviction_year="2001", exoneration_year="1999"),  # line 3
            story(slug="c", state="XX", crime_year="nineteen"),  # line 4
            story(slug="d", state="OTHER"),  # line 5
            story(slug="e", person_name="", consent_date="15/03/2024"),  # line 6
            story(slug="f"),  # line 7: fine
        ]
    )

    message = failure(path)

    assert message.splitlines() == [
        "Nothing was imported. Fix these 6 problems and try again:",
        "line 3: exoneration_year: The exoneration can’t come before the conviction.",
        "line 4: state: “XX” isn’t a state. Use a two-letter state code such as TX, "
        "or DC, FED or OTHER.",
        "line 4: crime_year: “nineteen” isn’t a year. Enter a four-digit year, e.g. 1994.",
        "line 5: other_jurisdiction: Name the court system when the state is “Other”.",
        "line 6: person_name: This column can’t be empty.",
        "line 6: consent_date: “15/03/2024” isn’t a date. Write it as YYYY-MM-DD, e.g. 2024-03-15.",
    ]
    assert snapshot() == before


def test_a_bom_and_mixed_case_headers_are_accepted(index, write):
    header = ",".join(f" {name.upper() if i % 2 else name.title()} " for i, name in enumerate(GOOD))
    values = ",".join(f'"{value}"' for value in GOOD.values())
    path = write(f"{header}\r\n{values}\r\n", encoding="utf-8-sig")

    output = run(path)

    assert "1 created, 0 updated (drafts)." in output
    page = ExonereeStoryPage.objects.get()
    assert page.slug == "marcus-reed"
    assert page.person_name == "Marcus Reed"


def test_reimporting_a_live_story_saves_a_new_draft_and_keeps_the_live_version(index, write):
    live = ExonereeStoryPageFactory(
        parent=index, slug="marcus-reed", person_name="Marcus Reed", summary="The old summary."
    )
    live.save_revision().publish()
    revisions = live.revisions.count()
    path = write(
        [
            story(
                summary="The new summary.",
                factors="false-confession",
                body="",
                years_lost_known="10.5",
                consent_date="2024-03-15",
            )
        ]
    )

    output = run(path)

    assert "0 created, 1 updated (drafts)." in output
    assert ExonereeStoryPage.objects.count() == 1
    live.refresh_from_db()
    assert live.live
    assert live.summary == "The old summary."
    assert live.has_unpublished_changes
    assert live.revisions.count() == revisions + 1
    draft = live.get_latest_revision_as_object()
    assert draft.summary == "The new summary."
    assert [factor.slug for factor in draft.factors.all()] == ["false-confession"]
    # An empty body cell keeps the story as written.
    assert draft.body[0].value.source == "<p>A sample story, written for tests.</p>"
    assert "0 created, 0 updated (drafts), 1 unchanged." in run(path)
    assert live.revisions.count() == revisions + 1


def test_reimporting_updates_drafts_in_place_and_never_duplicates(index, write):
    path = write([story(), story(slug="ana-lopez", person_name="Ana López")])
    run(path)

    assert "0 created, 0 updated (drafts), 2 unchanged." in run(path)
    assert Revision.objects.count() == 2

    path = write([story(sentence="Life"), story(slug="ana-lopez", person_name="Ana López")])
    output = run(path)

    assert "0 created, 1 updated (drafts), 1 unchanged." in output
    assert ExonereeStoryPage.objects.count() == 2
    page = ExonereeStoryPage.objects.get(slug="marcus-reed")
    assert page.sentence == "Life"
    assert not page.live
    assert page.revisions.count() == 2


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(index, write):
    ExonereeStoryPageFactory(parent=index, slug="marcus-reed", person_name="Marcus Reed")
    before = snapshot()
    path = write([story(sentence="Life"), story(slug="ana-lopez", person_name="Ana López")])

    output = run(path, "--dry-run")

    assert "line 2: would update “The story of Marcus Reed” (marcus-reed)" in output
    assert "line 3: would create “The story of Ana López” (ana-lopez)" in output
    assert "Dry run, nothing written: 1 would be created, 1 would be updated (drafts)." in output
    assert snapshot() == before


def test_a_dry_run_still_reports_bad_rows(index, write):
    message = failure(write([story(factors="")]), "--dry-run")

    assert "line 2: factors: Give at least one factor slug" in message


def test_an_unknown_factor_slug_is_named(index, write):
    message = failure(write([story(factors="false-confession; jailhouse-snitch")]))

    assert "line 2: factors: Unknown factor “jailhouse-snitch”." in message
    assert "false-confession, false-or-misleading-forensic-evidence" in message
    assert not ExonereeStoryPage.objects.exists()


def test_a_missing_required_column_gives_one_clear_error(index, write):
    rows = [{k: v for k, v in story().items() if k != "basis"}]

    message = failure(write(rows))

    assert message.splitlines() == [
        "Nothing was imported. Fix this problem and try again:",
        "line 1: The file is missing the required column “basis”.",
    ]


def test_a_misspelt_column_is_named(index, write):
    rows = [{**story(), "contnet_note": "Violence."}]

    message = failure(write(rows))

    assert "line 1: Unknown column “contnet_note”." in message


def test_a_file_that_is_not_utf8_gives_a_clear_error(index, write):
    path = write(csv_text([story(person_name="Ana López")]), encoding="latin-1")

    message = failure(path)

    assert "The file isn’t UTF-8 text (line 2 has a character that can’t be read)." in message
    assert not ExonereeStoryPage.objects.exists()


def test_a_nul_character_is_refused_before_anything_is_looked_up(index, write):
    # PostgreSQL refuses a NUL even in a query: it was a 500 there.
    message = failure(write(csv_text([story(slug="marcus\x00reed")])))

    assert "line 2 holds a NUL character" in message
    assert not ExonereeStoryPage.objects.exists()


def test_without_a_story_index_nothing_can_be_imported(write):
    message = failure(write([story()]))

    assert "There is no story index page to import into." in message


def test_a_slug_twice_in_the_file_is_refused(index, write):
    message = failure(write([story(), story(person_name="Someone else")]))

    assert "line 3: slug: “marcus-reed” is already used on line 2." in message


def test_the_body_becomes_escaped_paragraphs_and_lines_count_from_where_rows_start(index, write):
    body = "First <paragraph>\nsame paragraph.\n\nSecond & last."
    path = write([story(body=body), story(slug="b", basis="freed")])

    message = failure(path)

    # The first row's body spans lines 2 to 5, so the second row starts on line 6.
    assert "line 6: basis: “freed” isn’t a basis. Use one of: innocent, pardon," in message

    run(write([story(body=body)]))
    html = ExonereeStoryPage.objects.get().body[0].value.source
    assert html == "<p>First &lt;paragraph&gt;<br/>same paragraph.</p><p>Second &amp; last.</p>"


def test_a_locked_story_is_not_changed(index, write, django_user_model):
    page = ExonereeStoryPageFactory(parent=index, slug="marcus-reed", person_name="Marcus Reed")
    page.locked = True
    page.locked_by = django_user_model.objects.create_user("editor")
    page.save()

    message = failure(write([story()]))

    assert "line 2: slug: This story is locked in the admin. Unlock it first." in message


def test_a_missing_file_is_reported_without_a_traceback(tmp_path):
    message = failure(str(tmp_path / "nope.csv"))

    assert message.startswith("Can’t read ")


def test_the_importer_works_without_the_command(index):
    result = import_stories(csv_text([story()]).encode())

    assert (result.created, result.updated) == (1, 0)
    with pytest.raises(ImportFailed) as raised:
        import_stories(io.BytesIO(csv_text([story(crime_year="1996")]).encode()))
    [problem] = raised.value.problems
    assert (problem.line, problem.column) == (2, "conviction_year")


def test_the_importer_records_its_user_and_respects_their_permissions(index, django_user_model):
    data = csv_text([story()]).encode()
    outsider = django_user_model.objects.create_user("outsider")
    with pytest.raises(ImportFailed) as raised:
        import_stories(data, user=outsider)
    assert str(raised.value.problems[0]) == "line 2: You don’t have permission to add stories."

    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    import_stories(data, user=admin)

    page = ExonereeStoryPage.objects.get()
    assert page.owner == admin
    assert page.latest_revision.user == admin


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("dna_based", "maybe", "“maybe” isn’t yes or no. Use yes, no, true, false, 1 or 0."),
        ("crime_year", "1994.0", "“1994.0” isn’t a year. Enter a four-digit year, e.g. 1994."),
        ("years_lost_known", "11,5", "“11,5” isn’t a number of years. Enter e.g. 11.5, or"),
        ("years_lost_known", "-1", "This can’t be negative."),
        ("years_lost_known", "NaN", "“NaN” isn’t a number of years."),
        ("compensation", "paid", "“paid” isn’t a compensation status. Use one of: unknown,"),
        ("summary", "x" * 301, "Ensure this value has at most 300 characters (it has 301)."),
        ("person_name", " ", "This column can’t be empty."),
    ],
)
def test_each_cell_is_read_by_the_row_form_with_a_message_for_staff(index, column, cell, message):
    with pytest.raises(ImportFailed) as raised:
        import_stories(csv_text([story(**{column: cell})]))

    [problem] = raised.value.problems
    assert (problem.line, problem.column) == (2, column)
    assert problem.message.startswith(message)


def test_choices_by_their_label_and_factors_in_any_case_are_accepted(index):
    row = story(
        state="texas", basis="Declared innocent", factors="FALSE-Confession;false-confession"
    )

    import_stories(csv_text([row]))

    page = ExonereeStoryPage.objects.get()
    assert (page.jurisdiction, page.basis) == ("TX", "innocent")
    assert [factor.slug for factor in page.factors.all()] == ["false-confession"]


def test_the_command_records_its_import_like_an_upload(index, write):
    run(write([story()]))
    with pytest.raises(CommandError):
        run(write([story(state="ZZ")]))

    done, refused = ImportJob.objects.order_by("pk")
    assert (done.kind, done.status, done.file_name) == ("stories", "done", "stories.csv")
    assert done.counts == {"created": 1, "updated": 0, "unchanged": 0}
    assert done.started_by is None and done.upload is None
    assert refused.status == "done" and refused.summary.startswith("Nothing was imported.")
    [(line, message)] = refused.problems
    assert line == 2 and message.startswith("state: “ZZ” isn’t a state.")


def test_the_importer_reports_its_progress_row_by_row(index):
    seen = []
    rows = csv_text([story(), story(slug="ana-ortiz"), story(slug="sam-rivera")])
    StoryImporter(progress=lambda done, total: seen.append((done, total))).run(rows)

    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert seen == sorted(seen)  # never backwards
    assert (1, 3) in seen  # half way through checking and writing
