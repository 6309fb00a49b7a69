"""Story rows for import files, as staff would fill them in: shared by the
import tests, bench/story_import.py and the deploy and browser tests."""

import csv
import io

GOOD = {
    "slug": "marcus-reed",
    "person_name": "Marcus Reed",
    "summary": "Convicted on one mistaken identification, freed by DNA eleven years later.",
    "state": "TX",
    "county": "Harris County",
    "crimes_charged": "Robbery",
    "sentence": "25 years",
    "crime_year": "1994",
    "conviction_year": "1995",
    "exoneration_year": "2006",
    "factors": "mistaken-witness-identification; official-misconduct",
    "basis": "innocent",
}

STATES = ("TX", "IL", "NY", "CA", "OH", "FL", "PA", "LA")
FACTORS = (
    "mistaken-witness-identification",
    "false-confession",
    "official-misconduct",
    "perjury-or-false-accusation",
    "false-or-misleading-forensic-evidence",
    "inadequate-legal-defense",
)


def story(**changes):
    return {**GOOD, **changes}


def csv_text(rows, columns=None):
    columns = columns or list(dict.fromkeys(name for row in rows for name in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def story_rows(count):
    """`count` distinct good rows, each with a two-paragraph body, a content
    note and private consent columns, as a full file from staff has."""
    for number in range(count):
        conviction = 1970 + number % 30
        yield story(
            slug=f"imported-story-{number}",
            person_name=f"Person {number} Example",
            state=STATES[number % len(STATES)],
            county=f"County {number % 97}",
            crime_year=str(conviction - 1),
            conviction_year=str(conviction),
            exoneration_year=str(conviction + 3 + number % 20),
            factors="; ".join({FACTORS[number % 6]: 0, FACTORS[number * 7 % 6]: 0}),
            dna_based="yes" if number % 3 == 0 else "no",
            content_note="Describes violence." if number % 5 == 0 else "",
            consent_on_file="yes" if number % 2 else "no",
            consent_date="2024-03-15" if number % 2 else "",
            body=f"Story {number}, first paragraph.\n\nIt ends with a second one.",
        )


def story_file(count):
    """A UTF-8 import file of `count` stories, as bytes."""
    return csv_text(list(story_rows(count))).encode()
