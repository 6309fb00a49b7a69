"""A draft story from a case record: the Registry's facts filled in, the
person's own story left for staff to write. The draft is never published
by this: publishing still needs the person's consent on file (and the legal
review), as for any story."""

from django.db import transaction

from registry.models import CaseRecord

from .models import ContributingFactor, ExonereeStoryPage, Jurisdiction, StoryIndexPage

STATES_BY_NAME = {name.lower(): code for name, code in Jurisdiction.by_english_name().items()}


def jurisdiction_for(state):
    """(jurisdiction, other jurisdiction) for the Registry's state: a state
    by its name or code, “Fed-IL” and the like as Federal, anything else as
    Other, named."""
    name = state.strip()
    if name.lower().startswith("fed"):
        return Jurisdiction.FEDERAL, ""
    code = STATES_BY_NAME.get(name.lower(), name.upper())
    if code in Jurisdiction.values and code != Jurisdiction.OTHER:
        return code, ""
    return Jurisdiction.OTHER, name[:100]


def missing_facts(record):
    """What the record can't fill in that a story needs, for staff to add."""
    return [
        label
        for label, value in (
            ("the year of the crime", record.crime_year),
            ("the year of conviction", record.conviction_year),
            ("the year of exoneration", record.exoneration_year),
            ("what they were convicted of", record.worst_crime),
            ("the sentence", record.sentence),
        )
        if not value
    ]


@transaction.atomic
def draft_story_from(record: CaseRecord, user) -> ExonereeStoryPage:
    """A new draft story under the story index, linked to `record`, with
    the record's facts. Years the Registry doesn't give are 0, which the
    editor refuses until staff fill them in."""
    jurisdiction, other = jurisdiction_for(record.state)
    story = ExonereeStoryPage(
        title=record.name,  # the slug follows it, made unique by Wagtail
        person_name=record.name,
        case_record=record,
        jurisdiction=jurisdiction,
        other_jurisdiction=other,
        county=record.county,
        crimes_charged=record.worst_crime,
        sentence=record.sentence,
        death_row=record.sentence.strip().lower() == "death",
        crime_year=record.crime_year or 0,
        conviction_year=record.conviction_year or 0,
        exoneration_year=record.exoneration_year or 0,
        dna_based=record.dna,
        live=False,
        owner=user,
    )
    story.factors.set(ContributingFactor.objects.filter(registry_code__in=record.factor_codes))
    StoryIndexPage.objects.get().add_child(instance=story)
    story.save_revision(user=user, log_action=True, clean=False)
    return story
