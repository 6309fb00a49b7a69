"""The staff guide (docs/staff-guide.md) names what the admin shows.

Convention: under “## The blocks in a story or explainer”, each “### In a …”
section lists one block per item, its name in bold as the admin labels it:
“- **Quote**: …”. Each section stands for the body of one kind of page."""

import re
from pathlib import Path

from django.apps import apps

import wagtail.admin
from wagtail.fields import StreamField
from wagtail.models import Page

from stories.models import ExonereeStoryPage, NumbersPage, ThemePage

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "staff-guide.md"
SECTIONS = {
    "In a story": ExonereeStoryPage.body,
    "In an explainer": ThemePage.body,
    "In the numbers page": NumbersPage.figures,
}


def documented_blocks():
    """{section heading: [block names, in order]} from the guide's blocks section."""
    text = GUIDE.read_text()
    blocks = text.split("## The blocks in a story or explainer", 1)[1].split("\n## ", 1)[0]
    return {
        heading: re.findall(r"^- \*\*(.+?)\*\*", body, re.M)
        for heading, body in re.findall(r"^### (.+?)\n(.*?)(?=^### |\Z)", blocks, re.M | re.S)
    }


def offered_blocks(field):
    return [str(block.label) for block in field.field.stream_block.child_blocks.values()]


def test_the_guide_names_every_block_as_the_admin_labels_it_and_no_other():
    documented = documented_blocks()
    assert set(documented) == set(SECTIONS)
    for heading, field in SECTIONS.items():
        assert documented[heading] == offered_blocks(field), heading


def test_every_page_body_with_blocks_has_its_section_in_the_guide():
    bodies = {
        (model, field.name)
        for model in apps.get_models()
        if issubclass(model, Page)
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    }
    assert bodies == {(field.field.model, field.field.name) for field in SECTIONS.values()}


def test_the_guide_sends_staff_to_the_schedule_where_wagtail_puts_it():
    guide = GUIDE.read_text()
    assert "**Set schedule**" in guide and "ⓘ" in guide
    assert "Settings tab" not in guide  # where the schedule was before Wagtail 4
    # The installed Wagtail's own words, so that an upgrade that moves it fails here.
    status = Path(wagtail.admin.__file__).parent / "templates/wagtailadmin/shared/side_panels"
    assert "'Set schedule'" in (status / "includes/status/workflow.html").read_text()
