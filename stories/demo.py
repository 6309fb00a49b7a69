"""Demo content for the stories: the theme explainers and the factors they
cover, the story index, and sample stories with generated portraits."""

import hashlib
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Collection

from core.demo import sync_page
from core.workflow import REVIEW_WORKFLOW, ensure_review_workflow

from .demo_images import initials, portrait_png
from .models import (
    CompensationStatus,
    ContributingFactor,
    ExonerationBasis,
    ExonereeStoryPage,
    Jurisdiction,
    StoryIndexPage,
    ThemePage,
)

# The three theme explainers: their intro, colour, the factors they cover
# (every factor has one: see stories.checks) and their body as raw StreamField
# data, with a source for every claim. Long texts, so kept as data.
THEMES = json.loads((Path(__file__).parent / "demo_content" / "themes.json").read_text("utf-8"))


STORY_INDEX = {
    "show_in_menus": True,
    "title": "Stories",
    "intro": (
        "Each of these people was convicted of a crime they did not commit. Filter their "
        "stories by what went wrong, where it happened and how the truth came out."
    ),
}

SAMPLE_COLLECTION = "Sample content"
PORTRAIT_CREDIT = "Generated illustration"
# Consent is on file and the legal review done because these people are
# invented: publishing requires both.
SAMPLE_CONSENT_DATE = date(2025, 1, 1)
SAMPLE_CONSENT_NOTE = "Sample content: an invented person, so no real consent is needed."

# The sample stories. Everything here is invented: the people, places, courts
# and sources. Counties are made-up names so no story can be mistaken for a
# real case; crimes are named plainly and never described in detail.
STORIES = [
    {
        "person_name": "Amara Quist",
        "summary": (
            "Amara Quist was a nursing assistant and a new mother when a pharmacy clerk picked "
            "her photo from an array. A fingerprint nobody compared at trial cleared her nine "
            "years later."
        ),
        "jurisdiction": Jurisdiction.OH,
        "county": "Larkfield County",
        "crimes_charged": "Aggravated robbery",
        "sentence": "12 years",
        "crime_year": 2004,
        "conviction_year": 2005,
        "exoneration_year": 2014,
        "years_lost_known": Decimal("9.5"),
        "dna_based": False,
        "factors": ["mistaken-witness-identification", "inadequate-legal-defense"],
        "basis": ExonerationBasis.CHARGES_DISMISSED,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.PENDING,
        "content_note": "",
        "paragraphs": [
            "Amara Quist had worked night shifts at a care home for three years and was raising "
            "a six-month-old son when police knocked on her door. A clerk at a pharmacy that had "
            "been robbed had picked her photo from an array of six.",
            "Her court-appointed lawyer met her twice before trial. He did not ask for the "
            "fingerprints lifted from the counter to be compared, and he called no witnesses to "
            "say where she had been that evening: at work, signed in on the care home’s register.",
        ],
        "quote": "I kept saying: check the register, check the prints. Nobody did, for nine years.",
        "timeline": [
            ("2004", "A pharmacy is robbed; a clerk picks Amara’s photo from an array."),
            ("2005", "Convicted on the identification alone and sentenced to 12 years."),
            (
                "2013",
                "A law clinic has the counter fingerprints compared; they match another woman.",
            ),
            ("2014", "The conviction is vacated and the charges are dismissed."),
        ],
        "closing": (
            "Amara now works as a hospice nurse. Her claim for compensation is still pending."
        ),
        "record": "Order dismissing the charges",
    },
    {
        "person_name": "Dorian Falk",
        "summary": (
            "At 17, Dorian Falk signed a confession after a night-long interrogation without a "
            "parent or lawyer. DNA testing 17 years later identified the man who really did it."
        ),
        "jurisdiction": Jurisdiction.TX,
        "county": "Stonebridge County",
        "crimes_charged": "Murder",
        "sentence": "Life in prison",
        "crime_year": 1991,
        "conviction_year": 1992,
        "exoneration_year": 2009,
        "years_lost_known": Decimal("17.5"),
        "dna_based": True,
        "factors": ["false-confession", "official-misconduct"],
        "basis": ExonerationBasis.DECLARED_INNOCENT,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.AWARDED,
        "content_note": "This story mentions a killing and a long police interrogation.",
        "paragraphs": [
            "Dorian Falk was a high-school junior who played trumpet in the marching band. After "
            "a neighbour was killed, detectives questioned him through the night without a parent "
            "or a lawyer present, and told him, falsely, that his fingerprints had been found.",
            "By morning he had signed a statement the detectives typed. Its details did not match "
            "the evidence, and the biological evidence from the scene was never tested.",
        ],
        "quote": "I thought if I signed, I could go home and explain it later.",
        "timeline": [
            ("1991", "Dorian, 17, is questioned overnight and signs a typed confession."),
            ("1992", "Convicted of murder on the confession and sentenced to life."),
            ("2008", "DNA testing excludes him and matches a man already in prison."),
            ("2009", "A court declares him innocent."),
        ],
        "closing": (
            "Dorian is now a welder and mentors teenagers leaving juvenile detention. "
            "He received state compensation in 2011."
        ),
        "record": "Declaration of actual innocence",
    },
    {
        "person_name": "Teodoro Brennick",
        "summary": (
            "Teodoro Brennick was convicted of setting the fire that destroyed his own home. "
            "Fire science had moved on by his retrial, and a jury acquitted him in under an hour."
        ),
        "jurisdiction": Jurisdiction.IL,
        "county": "Ridgewater County",
        "crimes_charged": "Aggravated arson",
        "sentence": "30 years",
        "crime_year": 1998,
        "conviction_year": 1999,
        "exoneration_year": 2012,
        "years_lost_known": None,
        "dna_based": False,
        "factors": ["false-or-misleading-forensic-evidence", "perjury-or-false-accusation"],
        "basis": ExonerationBasis.ACQUITTAL,
        "real_perpetrator_identified": False,
        "compensation": CompensationStatus.DENIED,
        "content_note": "",
        "paragraphs": [
            "Teodoro Brennick was a mechanic who played bass in a church band. When fire gutted "
            "his house one winter night, no one was hurt, but an investigator told the jury that "
            "burn patterns on the floor proved the fire had been set on purpose.",
            "A man who shared his jail cell before trial also testified that Teodoro had admitted "
            "it. The man was later shown to have been promised a shorter sentence.",
        ],
        "quote": "The fire took our house. The trial took the next thirteen years.",
        "timeline": [
            ("1998", "A fire destroys the Brennick family home; no one is hurt."),
            ("1999", "Convicted of arson on burn-pattern testimony and an informant’s account."),
            (
                "2010",
                "Fire scientists find the fire was most likely accidental; a retrial is ordered.",
            ),
            ("2012", "A jury acquits him at retrial."),
        ],
        "closing": (
            "Teodoro repairs cars again and still plays on Sundays. His claim for "
            "compensation was denied because the state did not find him innocent, only not guilty."
        ),
        "record": "Retrial verdict of acquittal",
    },
    {
        "person_name": "Lionel Ashcombe",
        "summary": (
            "Lionel Ashcombe spent 16 years on death row on the word of an informant whose deal "
            "with prosecutors was kept from the defense. He now teaches law students what it cost."
        ),
        "jurisdiction": Jurisdiction.OK,
        "county": "Pinehollow County",
        "crimes_charged": "Murder",
        "sentence": "Death",
        "death_row": True,
        "crime_year": 1987,
        "conviction_year": 1988,
        "exoneration_year": 2004,
        "years_lost_known": None,
        "dna_based": False,
        "factors": ["official-misconduct", "perjury-or-false-accusation"],
        "basis": ExonerationBasis.CHARGES_DISMISSED,
        "real_perpetrator_identified": False,
        "compensation": CompensationStatus.NOT_SOUGHT,
        "content_note": "This story mentions a killing and a death sentence.",
        "paragraphs": [
            "Lionel Ashcombe had left the army, where he worked as a cook, a year before his "
            "arrest. No physical evidence tied him to the killing he was charged with. The case "
            "rested on a jailhouse informant who said Lionel had confessed to him.",
            "Prosecutors did not tell the defense that the informant had been promised his own "
            "charges would be dropped. Lionel was sentenced to death and came within weeks of an "
            "execution date before the deal came to light.",
        ],
        "quote": "Every appeal, I wondered if this was the one that would be too late.",
        "timeline": [
            ("1988", "Convicted on an informant’s testimony and sentenced to death."),
            ("1999", "An execution date is set, then stayed pending appeal."),
            ("2003", "Letters showing the informant’s deal are found in the prosecution file."),
            ("2004", "The conviction is vacated and the charges are dismissed."),
        ],
        "closing": (
            "Lionel cooks at a community kitchen and speaks to law students about the duty "
            "to disclose evidence."
        ),
        "record": "Order vacating the conviction and dismissing the charges",
    },
    {
        "person_name": "Renata Voss",
        "summary": (
            "Renata Voss kept the books at a family hardware store until a co-worker accused her "
            "of theft to cover his own. She was pardoned after he admitted it."
        ),
        "jurisdiction": Jurisdiction.AZ,
        "county": "Westmere County",
        "crimes_charged": "Theft from an employer",
        "sentence": "6 years",
        "crime_year": 2010,
        "conviction_year": 2011,
        "exoneration_year": 2015,
        "years_lost_known": Decimal("3.5"),
        "dna_based": False,
        "factors": ["perjury-or-false-accusation", "inadequate-legal-defense"],
        "basis": ExonerationBasis.PARDON,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.NOT_SOUGHT,
        "content_note": "",
        "paragraphs": [
            "Renata Voss sang in her church choir and had kept the accounts of a small hardware "
            "store for eleven years. When money went missing, a co-worker told the owner, and "
            "then the police, that he had seen her altering the ledgers.",
            "Her lawyer did not hire an accountant to examine the records, which would have shown "
            "that the missing sums were moved on days she was not at work.",
        ],
        "quote": "I lost my job, my savings and three and a half years. I got back my name.",
        "timeline": [
            ("2010", "A co-worker accuses Renata of taking money from the store."),
            ("2011", "Convicted of theft and sentenced to six years."),
            ("2014", "The co-worker, charged in another fraud, admits he took the money."),
            ("2015", "The governor grants Renata a full pardon."),
        ],
        "closing": "Renata now keeps the books for a food bank.",
        "record": "Executive grant of pardon",
    },
    {
        "person_name": "Caleb Ondrick",
        "summary": (
            "Caleb Ondrick was a 20-year-old stock clerk when a mistaken identification and "
            "overstated hair evidence sent him to prison. DNA testing cleared him 23 years later."
        ),
        "jurisdiction": Jurisdiction.VA,
        "county": "Cedarvale County",
        "crimes_charged": "Sexual assault",
        "sentence": "40 years",
        "crime_year": 1983,
        "conviction_year": 1984,
        "exoneration_year": 2007,
        "years_lost_known": Decimal("21.5"),
        "dna_based": True,
        "factors": ["mistaken-witness-identification", "false-or-misleading-forensic-evidence"],
        "basis": ExonerationBasis.PARDON,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.AWARDED,
        "content_note": "This story mentions a sexual assault. It does not describe it.",
        "paragraphs": [
            "Caleb Ondrick stocked shelves at a grocery store and was saving for a car. He was "
            "arrested after a witness who had seen a stranger only briefly, in poor light, chose "
            "him from a line-up in which he was the only man wearing a jacket like the one "
            "described.",
            "A lab analyst told the jury that a hair from the scene was consistent with his, and "
            "implied it was rare. That claim went far beyond what hair comparison can show.",
        ],
        "quote": "I was paroled in 2005, but I wasn’t free until my name was cleared.",
        "timeline": [
            ("1984", "Convicted on an identification and hair comparison; sentenced to 40 years."),
            ("2005", "Released on parole, still a convicted man."),
            ("2006", "DNA testing of preserved evidence excludes him and identifies another man."),
            ("2007", "The governor grants an absolute pardon."),
        ],
        "closing": ("Caleb drives a city bus and coaches his grandson’s baseball team."),
        "record": "Absolute pardon and DNA laboratory report",
    },
    {
        "person_name": "Jerome Talwyn",
        "summary": (
            "Jerome Talwyn was a college student working nights at a bakery when two witnesses "
            "named him. Police reports pointing to someone else stayed in a drawer for 23 years."
        ),
        "jurisdiction": Jurisdiction.PA,
        "county": "Ashgrove County",
        "crimes_charged": "Murder",
        "sentence": "Life without parole",
        "crime_year": 1995,
        "conviction_year": 1996,
        "exoneration_year": 2019,
        "years_lost_known": None,
        "dna_based": False,
        "factors": ["mistaken-witness-identification", "official-misconduct"],
        "basis": ExonerationBasis.CHARGES_DISMISSED,
        "real_perpetrator_identified": False,
        "compensation": CompensationStatus.PENDING,
        "content_note": "This story mentions a fatal shooting.",
        "paragraphs": [
            "Jerome Talwyn was in his first year at community college and baked bread on the "
            "night shift. Two witnesses to a shooting, shown his photo alone rather than in an "
            "array, said he was the man they had seen run past.",
            "Detectives had interviewed three other people who described a different man. Those "
            "reports were never given to the defense.",
        ],
        "quote": "They showed the witnesses one photo. Mine. That was the whole investigation.",
        "timeline": [
            ("1995", "Two witnesses are shown a single photo of Jerome and identify him."),
            ("1996", "Convicted of murder and sentenced to life without parole."),
            ("2018", "A conviction integrity unit finds the undisclosed police reports."),
            ("2019", "The conviction is vacated and the charges are dismissed."),
        ],
        "closing": "Jerome opened a small bakery in 2021. His compensation claim is pending.",
        "record": "Conviction integrity unit report and order dismissing the charges",
    },
    {
        "person_name": "Isaiah Penrow",
        "summary": (
            "Isaiah Penrow had an alibi, a time-stamped receipt and a lawyer who used neither. "
            "DNA on a cap the robber left behind cleared him after 15 years."
        ),
        "jurisdiction": Jurisdiction.LA,
        "county": "Thornbury Parish",
        "crimes_charged": "Armed robbery",
        "sentence": "49 years without parole",
        "crime_year": 2001,
        "conviction_year": 2002,
        "exoneration_year": 2017,
        "years_lost_known": None,
        "dna_based": True,
        "factors": [
            "mistaken-witness-identification",
            "official-misconduct",
            "inadequate-legal-defense",
        ],
        "basis": ExonerationBasis.DECLARED_INNOCENT,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.AWARDED,
        "content_note": "This story mentions an armed robbery.",
        "paragraphs": [
            "Isaiah Penrow repaired air conditioners and was buying groceries across town when a "
            "convenience store was robbed. He kept the receipt. His lawyer never showed it to "
            "the jury.",
            "The cashier identified him after police told her they had “got the guy”. A cap the "
            "robber dropped was kept in evidence but never tested.",
        ],
        "quote": "The receipt was in my wallet the whole time. Nobody wanted to look at it.",
        "timeline": [
            (
                "2001",
                "A store is robbed; the cashier identifies Isaiah after a suggestive line-up.",
            ),
            ("2002", "Convicted and sentenced to 49 years without parole."),
            ("2016", "DNA from the robber’s cap matches another man."),
            ("2017", "A court declares Isaiah innocent."),
        ],
        "closing": (
            "Isaiah runs his own repair business and volunteers with a re-entry programme."
        ),
        "record": "Judgment declaring actual innocence",
    },
    {
        "person_name": "Malcolm Reddiford",
        "summary": (
            "An expert told the jury a mark could only have come from Malcolm Reddiford. Science "
            "says no one can know that; DNA later showed it was someone else."
        ),
        "jurisdiction": Jurisdiction.MI,
        "county": "Elmhaven County",
        "crimes_charged": "Murder",
        "sentence": "Life in prison",
        "crime_year": 1992,
        "conviction_year": 1993,
        "exoneration_year": 2008,
        "years_lost_known": Decimal("16.0"),
        "dna_based": True,
        "factors": ["false-or-misleading-forensic-evidence", "official-misconduct"],
        "basis": ExonerationBasis.ACQUITTAL,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.AWARDED,
        "content_note": "This story mentions a killing.",
        "paragraphs": [
            "Malcolm Reddiford was a carpenter and a father of two. The case against him rested "
            "on a forensic dentist who testified that a bite mark matched his teeth “to the "
            "exclusion of all others”, a claim bite-mark comparison cannot support.",
            "Investigators also left out of their reports a neighbour’s account of another man "
            "at the house that night.",
        ],
        "quote": "My daughters grew up visiting me through glass.",
        "timeline": [
            ("1992", "Malcolm is arrested on the strength of a bite-mark comparison."),
            ("1993", "Convicted of murder and sentenced to life."),
            ("2007", "DNA testing excludes him; a new trial is ordered."),
            ("2008", "A jury acquits him at retrial."),
        ],
        "closing": "Malcolm builds furniture and speaks about forensic reform.",
        "record": "Order granting a new trial and verdict of acquittal",
    },
    {
        "person_name": "Wesley Hartigan",
        "summary": (
            "Wesley Hartigan, who has a learning disability, agreed with everything detectives "
            "suggested about a break-in. The real burglar was caught doing the same thing again."
        ),
        "jurisdiction": Jurisdiction.WA,
        "county": "Redfern County",
        "crimes_charged": "Burglary",
        "sentence": "8 years",
        "crime_year": 2012,
        "conviction_year": 2013,
        "exoneration_year": 2018,
        "years_lost_known": Decimal("4.5"),
        "dna_based": False,
        "factors": ["false-confession", "inadequate-legal-defense"],
        "basis": ExonerationBasis.CHARGES_DISMISSED,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.PENDING,
        "content_note": "",
        "paragraphs": [
            "Wesley Hartigan worked in a recycling centre and loved fixing old radios. He has a "
            "learning disability and tends to agree with people in authority. Questioned for six "
            "hours, he agreed to a version of a break-in that detectives described to him.",
            "His lawyer did not ask an expert to explain to the jury how easily someone like "
            "Wesley can be led to confess.",
        ],
        "quote": "They kept asking until I said yes. I thought yes was the right answer.",
        "timeline": [
            ("2012", "Wesley is questioned for six hours and agrees to a confession."),
            ("2013", "Convicted of burglary and sentenced to eight years."),
            ("2017", "Another man, caught in a similar break-in, admits the earlier one."),
            ("2018", "The conviction is vacated and the charges are dismissed."),
        ],
        "closing": "Wesley is back at the recycling centre, and back to his radios.",
        "record": "Order vacating the conviction",
    },
    {
        "person_name": "Ezequiel Dunmore",
        "summary": (
            "Ezequiel Dunmore was coaching a youth football practice when a shooting happened "
            "across town. A witness and a man seeking leniency put him there anyway."
        ),
        "jurisdiction": Jurisdiction.CA,
        "county": "Millbrook County",
        "crimes_charged": "Attempted murder",
        "sentence": "25 years to life",
        "crime_year": 2000,
        "conviction_year": 2001,
        "exoneration_year": 2011,
        "years_lost_known": None,
        "dna_based": False,
        "factors": ["mistaken-witness-identification", "perjury-or-false-accusation"],
        "basis": ExonerationBasis.DECLARED_INNOCENT,
        "real_perpetrator_identified": True,
        "compensation": CompensationStatus.AWARDED,
        "content_note": "This story mentions a shooting in which a man was injured.",
        "paragraphs": [
            "Ezequiel Dunmore worked at a tyre shop and coached a youth football team on weekday "
            "evenings. A witness who saw the shooter for a few seconds from a moving car "
            "identified him months later.",
            "A man facing charges of his own then told police Ezequiel had bragged about it. "
            "A dozen parents who had watched practice that evening were never called to testify.",
        ],
        "quote": "Twelve families knew where I was. The jury never heard from one of them.",
        "timeline": [
            ("2000", "A man is injured in a shooting; a witness later picks Ezequiel’s photo."),
            ("2001", "Convicted and sentenced to 25 years to life."),
            ("2010", "The man who fired the shots admits it to a defense investigator."),
            ("2011", "A court finds Ezequiel factually innocent."),
        ],
        "closing": "Ezequiel coaches football again, at the same field.",
        "record": "Finding of factual innocence",
    },
    {
        "person_name": "Nathaniel Sorrell",
        "summary": (
            "Nathaniel Sorrell pleaded guilty to a drug charge he knew was false, because the "
            "alternative was decades in prison. The officer who arrested him was later charged."
        ),
        "jurisdiction": Jurisdiction.GA,
        "county": "Quarry County",
        "crimes_charged": "Possession of a controlled substance with intent to distribute",
        "sentence": "10 years",
        "crime_year": 2008,
        "conviction_year": 2009,
        "exoneration_year": 2016,
        "years_lost_known": Decimal("2.5"),
        "dna_based": False,
        "factors": ["official-misconduct", "perjury-or-false-accusation"],
        "basis": ExonerationBasis.CHARGES_DISMISSED,
        "real_perpetrator_identified": False,
        "compensation": CompensationStatus.DENIED,
        "content_note": "",
        "paragraphs": [
            "Nathaniel Sorrell drove a delivery van and was studying for an electrician’s "
            "licence. An officer stopped his van and reported finding drugs under the seat. "
            "Nathaniel said they were not his.",
            "Told he faced up to 30 years at trial, he accepted a plea deal. Years later, the same "
            "officer was found to have planted evidence in dozens of arrests.",
        ],
        "quote": "Pleading guilty to something I didn’t do was the hardest thing I’ve ever said.",
        "timeline": [
            ("2008", "An officer reports finding drugs in Nathaniel’s delivery van."),
            ("2009", "Facing decades at trial, he pleads guilty and is sentenced to ten years."),
            ("2015", "The officer is charged with planting evidence in other cases."),
            ("2016", "Nathaniel’s conviction is vacated and the charges are dismissed."),
        ],
        "closing": "Nathaniel is now a licensed electrician.",
        "record": "Order vacating the guilty plea and dismissing the charges",
    },
]


def build_themes(home, log):
    """The three theme explainers, with the demo's factor-to-theme mapping."""
    for slug, theme in THEMES.items():
        fields = {
            "title": theme["title"],
            "intro": theme["intro"],
            "look": theme["look"],
            "show_in_menus": True,
        }
        exists = ThemePage.objects.child_of(home).filter(slug=slug).exists()
        if not exists:
            fields["body"] = theme["body"]  # created whole, in one revision
        page = sync_page(home, ThemePage, slug, fields, log)
        if exists and body_differs(page, theme["body"]):
            page.body = theme["body"]
            page.save_revision().publish()
            log(f"Updated the theme explainer “{page.title}”: body.")
        for factor in ContributingFactor.objects.filter(slug__in=theme["factors"]):
            if factor.theme_id != page.pk:
                factor.theme = page
                factor.save(update_fields=["theme"])
                log(f"Mapped “{factor.name}” to {page.title}.")


def build_stories(home, log):
    """The story index and the sample stories, each with a generated portrait."""
    index = sync_page(home, StoryIndexPage, "stories", STORY_INDEX, log)
    if ensure_review_workflow(index):
        log(f"Stories go through the “{REVIEW_WORKFLOW}” workflow.")
    collection = sample_collection(log)
    for story in STORIES:
        sync_story(index, story, sample_portrait(story["person_name"], collection, log), log)
    return index


def sample_collection(log):
    collection = Collection.objects.filter(name=SAMPLE_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=SAMPLE_COLLECTION)
        log(f"Created the image collection “{SAMPLE_COLLECTION}”.")
    return collection


def sample_portrait(name, collection, log):
    """The generated portrait of `name`, uploaded once and then found by title."""
    Image = get_image_model()
    title = f"Sample portrait: {name}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = portrait_png(name)
        filename = f"sample-portrait-{slugify(name)}.png"
        image = Image(
            title=title,
            collection=collection,
            file=ImageFile(io.BytesIO(data), name=filename),
            file_size=len(data),
            # What Wagtail's own upload form records, so duplicate detection works.
            file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 (a content hash, not security)
        )
        image.save()
        log(f"Created the image “{title}”.")
    return image


def story_fields(story, portrait):
    """The story's plain field values, as `sync_page` compares and sets them."""
    dotted = " ".join(f"{letter}." for letter in initials(story["person_name"]))
    return {
        "title": story["person_name"],
        "person_name": story["person_name"],
        "summary": story["summary"],
        "content_note": story["content_note"],
        "portrait": portrait,
        "portrait_alt": f"Illustration with the initials {dotted} — sample content",
        "portrait_credit": PORTRAIT_CREDIT,
        "jurisdiction": story["jurisdiction"],
        "county": story["county"],
        "crimes_charged": story["crimes_charged"],
        "sentence": story["sentence"],
        "death_row": story.get("death_row", False),
        "crime_year": story["crime_year"],
        "conviction_year": story["conviction_year"],
        "exoneration_year": story["exoneration_year"],
        "years_lost_known": story["years_lost_known"],
        "dna_based": story["dna_based"],
        "basis": story["basis"],
        "real_perpetrator_identified": story["real_perpetrator_identified"],
        "compensation": story["compensation"],
        "is_sample": True,
        "consent_on_file": True,
        "consent_date": SAMPLE_CONSENT_DATE,
        "consent_note": SAMPLE_CONSENT_NOTE,
        "legal_review_done": True,
    }


def story_body(story):
    """The story's body as raw StreamField data: text, quote, timeline, text,
    then citations of clearly fictional sources."""
    slug = slugify(story["person_name"])
    source_url = f"https://example.org/sample-stories/{slug}"
    return [
        {"type": "text", "value": "".join(f"<p>{p}</p>" for p in story["paragraphs"])},
        {
            "type": "quote",
            "value": {"quote": story["quote"], "attribution": f"{story['person_name']}, exoneree"},
        },
        {
            "type": "timeline",
            "value": {
                "heading": "Case timeline",
                "events": [{"date": when, "event": what} for when, what in story["timeline"]],
            },
        },
        {"type": "text", "value": f"<h2>Life after exoneration</h2><p>{story['closing']}</p>"},
        {
            "type": "citation",
            "value": {
                "title": f"{story['record']} (fictional)",
                "publisher": f"Sample {story['county']} court record (fictional)",
                "url": f"{source_url}/court-record",
            },
        },
        {
            "type": "citation",
            "value": {
                "title": f"Sample registry entry for {story['person_name']} (fictional)",
                "publisher": "Sample exoneration registry (fictional)",
                "url": f"{source_url}/registry-entry",
            },
        },
    ]


def without_ids(data):
    """StreamField data minus block ids, which Wagtail makes up on every save."""
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data


def body_differs(page, body):
    """Whether `page`'s StreamField body differs from the raw `body`.

    Compared as the JSON it is stored as, without block ids: setting it
    unconditionally would make a new revision (and new ids) on every run.
    """
    stream_block = page.body.stream_block
    new = stream_block.get_prep_value(stream_block.to_python(body))
    return without_ids(page.body.get_prep_value()) != without_ids(new)


def sync_story(index, story, portrait, log):
    """Make `index` have the live sample `story`, changing only what differs.

    A missing story is created whole by `sync_page`, body and factors included,
    in one published revision. For an existing one, `sync_page` updates the
    plain fields; the body and the factors need their own comparison, so a
    changed body or factor set is published here as a further revision.

    The body is compared by `body_differs`. Factors are compared by the set
    of their slugs; a factor staff deleted is skipped rather than recreated.
    """
    slug = slugify(story["person_name"])
    fields = story_fields(story, portrait)
    body = story_body(story)
    factors = list(ContributingFactor.objects.filter(slug__in=story["factors"]))

    existing = ExonereeStoryPage.objects.child_of(index).filter(slug=slug).exists()
    if not existing:
        # Created whole, in a single published revision.
        return sync_page(
            index, ExonereeStoryPage, slug, {**fields, "body": body, "factors": factors}, log
        )

    page = sync_page(index, ExonereeStoryPage, slug, fields, log)
    changed = []
    if body_differs(page, body):
        page.body = body
        changed.append("body")
    if {factor.slug for factor in page.factors.all()} != {factor.slug for factor in factors}:
        page.factors.set(factors)
        changed.append("factors")
    if changed:
        page.save_revision().publish()
        log(f"Updated the exoneree story “{page.title}”: {', '.join(changed)}.")
    return page
