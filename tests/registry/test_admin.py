"""Case records in the admin: listed, searched, filtered, exported and
inspected by any staff; imported only by Moderators and admins; turned into
a draft story that still needs consent to be published."""

import csv
import io

import openpyxl

from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import ImportJob
from registry.models import CaseRecord
from stories.from_registry import jurisdiction_for
from stories.models import ContributingFactor, ExonereeStoryPage
from tests.admin import StaffTestCase, sign_in, story_form
from tests.factories import ExonereeStoryPageFactory
from tests.imports import run_imports
from tests.registry.files import registry_rows, write_xlsx

LIST = "/admin/case_records/"
IMPORT = "/admin/case_records/import/"


def record(**fields):
    values = {
        "last_name": "Velmarek",
        "first_name": "Orrin",
        "state": "Illinois",
        "county": "Sample",
        "worst_crime": "Robbery",
        "sentence": "25 years",
        "crime_year": 1994,
        "conviction_year": 1995,
        "exoneration_year": 2006,
        "mistaken_identification": True,
        "official_misconduct": True,
        "dna": True,
        "tags": "CIU IO",
        "misconduct_tags": "WH",
    }
    return CaseRecord.objects.create(**{**values, **fields})


class CaseRecordAdminTests(StaffTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.orrin = record()
        cls.dasha = record(
            last_name="Holbarkor",
            first_name="Dasha",
            state="Texas",
            exoneration_year=2015,
            mistaken_identification=False,
            official_misconduct=False,
            false_confession=True,
            dna=False,
            tags="NC P",
            misconduct_tags="",
        )
        cls.jose = record(last_name="Núñez", first_name="José", state="Fed-IL", county="")

    def names(self, response):
        self.assertEqual(response.status_code, 200)
        return {item.last_name for item in response.context["object_list"]}

    def test_any_staff_lists_searches_and_inspects_but_cannot_change(self):
        for user in (self.editor, self.moderator, self.supporter_data):
            sign_in(self.client, user)
            response = self.client.get(LIST)
            self.assertContains(response, "they change only when a newer download")
            self.assertEqual(self.names(response), {"Velmarek", "Holbarkor", "Núñez"})
            self.assertEqual(self.names(self.client.get(LIST, {"q": "Holbar"})), {"Holbarkor"})
            inspect = self.client.get(f"{LIST}inspect/{self.orrin.pk}/")
            self.assertContains(inspect, "Conviction integrity unit (CIU)")
            self.assertContains(inspect, "Innocence organization (IO)")
            self.assertContains(inspect, "Mistaken witness identification")
            for url in (
                f"{LIST}new/",
                f"{LIST}edit/{self.orrin.pk}/",
                f"{LIST}delete/{self.orrin.pk}/",
            ):
                self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_the_filters(self):
        sign_in(self.client, self.editor)
        cases = [
            ({"state": "Texas"}, {"Holbarkor"}),
            ({"exoneration_year_min": "2010"}, {"Holbarkor"}),
            (
                {"exoneration_year_min": "2000", "exoneration_year_max": "2010"},
                {"Velmarek", "Núñez"},
            ),
            ({"false_confession": "true"}, {"Holbarkor"}),
            ({"mistaken_identification": "false"}, {"Holbarkor"}),
            ({"dna": "true"}, {"Velmarek", "Núñez"}),
            ({"tag": "P"}, {"Holbarkor"}),
            ({"tag": "CIU"}, {"Velmarek", "Núñez"}),
            ({"misconduct_tag": "WH"}, {"Velmarek", "Núñez"}),
            ({"misconduct_tag": "W"}, set()),
        ]
        for query, expected in cases:
            with self.subTest(query):
                self.assertEqual(self.names(self.client.get(LIST, query)), expected)

    def test_csv_export_opens_in_excel_and_follows_the_filters(self):
        sign_in(self.client, self.editor)
        response = self.client.get(LIST, {"export": "csv", "state": "Fed-IL"})
        body = b"".join(response.streaming_content)
        self.assertEqual(body[:3], b"\xef\xbb\xbf")
        (row,) = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
        self.assertEqual((row["Last name"], row["First name"]), ("Núñez", "José"))
        self.assertEqual(row["Tags"], "CIU IO")

    def test_xlsx_export(self):
        sign_in(self.client, self.editor)
        response = self.client.get(LIST, {"export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.values)
        self.assertEqual(rows[0][:2], ("Last name", "First name"))
        self.assertEqual(len(rows), 4)

    def test_only_moderators_and_admins_import(self):
        sign_in(self.client, self.editor)
        self.assertNotContains(self.client.get(LIST), IMPORT)
        self.assertRefused([IMPORT])
        self.client.post(IMPORT, {"file": SimpleUploadedFile("r.csv", b"x")})
        self.assertFalse(ImportJob.objects.exists())
        sign_in(self.client, self.moderator)
        self.assertContains(self.client.get(LIST), IMPORT)
        self.assertContains(self.client.get(IMPORT), "A bad row is skipped, not the whole file")

    def test_the_admin_import_is_stored_then_run_by_the_worker_with_counts_and_bad_rows(self):
        sign_in(self.client, self.moderator)
        rows = registry_rows(5)
        rows[2]["Age"] = "old"
        path = write_xlsx(io.BytesIO(), rows)

        response = self.client.post(
            IMPORT, {"file": SimpleUploadedFile("registry.xlsx", path.getvalue())}
        )

        job = ImportJob.objects.get()
        self.assertRedirects(response, f"/admin/imports/{job.pk}/", fetch_redirect_response=False)
        # The request only stored the file.
        self.assertEqual((job.status, CaseRecord.objects.count()), ("waiting", 3))
        run_imports()
        job.refresh_from_db()
        self.assertEqual(
            (job.kind, job.status, job.started_by), ("registry", "done", self.moderator)
        )
        page = self.client.get(response.url)
        self.assertContains(page, "4 created, 0 updated, 0 unchanged")
        self.assertContains(page, "Skipped: Age should be a number, not “old”.")
        self.assertContains(page, "/admin/case_records/")

    def test_a_file_that_cant_be_read_is_refused_with_one_message_before_anything_is_queued(
        self,
    ):
        sign_in(self.client, self.moderator)
        response = self.client.post(
            IMPORT, {"file": SimpleUploadedFile("registry.csv", b"Last Name,First Name\nA,B\n")}
        )
        self.assertContains(response, "Nothing was imported. The first row isn", status_code=400)
        self.assertEqual(CaseRecord.objects.count(), 3)
        self.assertFalse(ImportJob.objects.exists())


class StoryFromCaseRecordTests(StaffTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.record = record()

    def test_the_six_factors_carry_their_registry_codes(self):
        self.assertEqual(
            dict(ContributingFactor.objects.values_list("slug", "registry_code")),
            {
                "false-or-misleading-forensic-evidence": "F/MFE",
                "false-confession": "FC",
                "inadequate-legal-defense": "ILD",
                "perjury-or-false-accusation": "P/FA",
                "mistaken-witness-identification": "MWID",
                "official-misconduct": "OM",
            },
        )

    def test_a_story_links_to_its_case_record_in_the_editor(self):
        sign_in(self.client, self.editor)
        response = self.client.post(self.add_url(), story_form(case_record=str(self.record.pk)))
        self.assertEqual(response.status_code, 302)
        story = ExonereeStoryPage.objects.get(slug="sam-rivera")
        self.assertEqual(story.case_record, self.record)
        editor = self.client.get(f"/admin/pages/{story.pk}/edit/")
        self.assertContains(editor, "/admin/case_record_chooser/")
        self.record.delete()
        story.refresh_from_db()
        self.assertIsNone(story.case_record)

    def test_an_editor_makes_a_draft_story_with_the_facts_filled_in(self):
        sign_in(self.client, self.editor)
        inspect = self.client.get(f"{LIST}inspect/{self.record.pk}/")
        draft_url = f"/admin/case_records/{self.record.pk}/story/"
        self.assertContains(inspect, draft_url)
        self.assertContains(self.client.get(draft_url), "The draft is not published")

        response = self.client.post(draft_url)

        story = ExonereeStoryPage.objects.get(case_record=self.record)
        self.assertRedirects(response, f"/admin/pages/{story.pk}/edit/")
        self.assertFalse(story.live)
        self.assertEqual(story.get_parent().pk, self.index.pk)
        self.assertEqual(
            (story.person_name, story.jurisdiction, story.county, story.crimes_charged),
            ("Orrin Velmarek", "IL", "Sample", "Robbery"),
        )
        self.assertEqual(
            (story.crime_year, story.conviction_year, story.exoneration_year, story.dna_based),
            (1994, 1995, 2006, True),
        )
        self.assertEqual(set(story.factors.values_list("registry_code", flat=True)), {"MWID", "OM"})
        self.assertTrue(story.has_unpublished_changes and story.latest_revision)
        self.assertContains(
            self.client.get(f"{LIST}inspect/{self.record.pk}/"), "Story: Orrin Velmarek"
        )

    def test_a_draft_made_from_a_record_still_needs_consent_to_publish(self):
        sign_in(self.client, self.moderator)
        self.client.post(f"/admin/case_records/{self.record.pk}/story/")
        story = ExonereeStoryPage.objects.get(case_record=self.record)

        form = story_form(
            title=story.title,
            slug=story.slug,
            person_name=story.person_name,
            case_record=str(self.record.pk),
            consent_on_file="",
            **{"action-publish": "action-publish"},
        )
        self.client.post(f"/admin/pages/{story.pk}/edit/", form)

        story.refresh_from_db()
        self.assertFalse(story.live)

    def test_a_get_makes_nothing_and_staff_who_cant_add_stories_are_refused(self):
        sign_in(self.client, self.supporter_data)
        url = f"/admin/case_records/{self.record.pk}/story/"
        self.assertNotContains(self.client.get(f"{LIST}inspect/{self.record.pk}/"), url)
        self.assertRefused([url])
        self.client.post(url)
        self.assertFalse(ExonereeStoryPage.objects.exists())
        sign_in(self.client, self.editor)
        self.client.get(url)
        self.assertFalse(ExonereeStoryPage.objects.exists())

    def test_the_registrys_states_become_jurisdictions(self):
        self.assertEqual(jurisdiction_for("Illinois"), ("IL", ""))
        self.assertEqual(jurisdiction_for("new york"), ("NY", ""))
        self.assertEqual(jurisdiction_for("Fed-IL"), ("FED", ""))
        self.assertEqual(jurisdiction_for("TX"), ("TX", ""))
        self.assertEqual(jurisdiction_for("Guam"), ("OTHER", "Guam"))

    def test_the_chooser_finds_a_record_by_name(self):
        record(last_name="Sabtevulm", first_name="Nila", conviction_year=1999)
        sign_in(self.client, self.editor)
        response = self.client.get("/admin/case_record_chooser/results/", {"q": "Sabtev"})
        self.assertContains(response, "Nila Sabtevulm")
        self.assertNotContains(response, "Orrin Velmarek")

    def test_case_records_are_in_every_staff_members_menu(self):
        for user in (self.editor, self.supporter_data):
            sign_in(self.client, user)
            self.assertContains(self.client.get("/admin/"), LIST)


class LinkedRecordPrivacyTests(StaffTestCase):
    def test_a_published_story_shows_nothing_of_its_record(self):
        linked = record(race="Sample-race-9", sentence="Sample sentence 7", tags="CIU JI")
        story = ExonereeStoryPageFactory(
            parent=self.index, case_record=linked, sentence="25 years", live=True
        )
        for url in (story.url, "/stories.csv", "/stories.json", "/stories/feed/"):
            with self.subTest(url):
                response = self.client.get(url)
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                ).decode()
                self.assertEqual(response.status_code, 200)
                for registry_only in ("Sample-race-9", "Sample sentence 7", "Jailhouse informant"):
                    self.assertNotIn(registry_only, body)
                self.assertNotIn("case_record", body)
