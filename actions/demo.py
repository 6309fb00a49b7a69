"""Demo calls to action: a petition with sample signatures, a letter, a
donation appeal, a volunteer form, the privacy page that explains what
happens to supporters' data, and the site's action settings. Running it again
changes nothing."""

from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from core.demo import sync_page
from core.models import FooterLink, NavigationSettings
from core.workflow import REVIEW_WORKFLOW, ensure_review_workflow
from home.models import InformationPage
from stories.models import ContributingFactor, ExonereeStoryPage, ThemePage, ThemeRelatedAction

from .models import (
    ActionIndexPage,
    ActionSettings,
    ConsentStatement,
    DonatePage,
    GiftImpact,
    LetterPage,
    PetitionPage,
    Signature,
    SignUpFormField,
    SignUpPage,
)

# An address that can never receive money or mail: staff replace it with
# their own processor's page in Settings › Calls to action.
SAMPLE_DONATION_URL = "https://donate.example.org/wrongful-convictions"
SAMPLE_SIGNATURES = 137

PRIVACY = {
    "title": "Privacy: how we look after your data",
    "intro": "What we keep when you sign, write or sign up, why, for how long, and how to have it "
    "exported or erased.",
    "body": (
        "<h2>What we keep</h2>"
        "<p>When you sign a petition or pledge we keep your first and last name, email address, "
        "postcode or ZIP, any comment you add, whether you asked for updates, the exact wording "
        "you agreed to (each version of it is kept) and when you signed. We also note which page "
        "on this site brought you to the petition, so that we know which stories move people. "
        "We use no third-party tracking.</p>"
        "<p>When you write to an official we count that you did; the letter, your name and your "
        "town stay with you and your email program. Sign-up forms keep the answers you give.</p>"
        "<h2>Why, and who sees it</h2>"
        "<p>Signing a petition says something about your political views, so we treat it as "
        "sensitive. We deliver names and postcodes with a petition to the person it is addressed "
        "to. Inside our organisation, only the few staff trusted with supporters’ data can see "
        "names and emails; everyone else sees only counts. If you ask for updates we may pass "
        "your details to the system we send them from.</p>"
        "<h2>Updates are your choice</h2>"
        "<p>The box for updates is never ticked for you. You can stop them at any time by "
        "replying to any email from us.</p>"
        "<h2>How long we keep it</h2>"
        "<p>Once a petition has closed, we anonymise its signatures after two years: the count "
        "stays, but nothing says who signed.</p>"
        "<h2>See or erase your data</h2>"
        "<p>Email us and we will send you everything we hold about your email address, or erase "
        "it from every petition and form, within 30 days.</p>"
    ),
}

ACTION_INDEX = {
    "show_in_menus": True,
    "title": "Take action",
    "intro": "Reading their stories is the first step. Here is what you can do next.",
}

PETITION = {
    "title": "Review every conviction built on bite-mark evidence",
    "teaser": "Ask the Governor to order an independent review of every case that relied on "
    "bite-mark comparison.",
    "intro": "<p>Bite-mark comparison has no scientific basis, yet it has sent innocent people "
    "to prison for decades. Some of them are still there.</p>",
    "kind": PetitionPage.Kind.PETITION,
    "target": "The Governor",
    "statement": "We call on the Governor to establish an independent commission to review "
    "every conviction in this state that relied on bite-mark comparison, and to "
    "bar such testimony from our courts until it is proven valid.",
    "goal": 500,
    "share_text": "Bite-mark evidence has sent innocent people to prison. I signed: will you?",
}

LETTER = {
    "title": "Write to your state senator: fix police lineups",
    "teaser": "Ask your state senator to require double-blind, recorded lineups.",
    "intro": "<p>Mistaken identification plays a part in most wrongful convictions overturned "
    "by DNA. Simple rules for lineups prevent it.</p>",
    "recipient_name": "your state senator",
    "recipient_role": "Senate Judiciary Committee (sample)",
    "recipient_email": "senator@example.org",
    "recipient_phone": "+1 555 0100",
    "subject": "Please require double-blind, recorded police lineups",
    "letter": "Dear Senator,\n\nI am writing as your constituent to ask you to support a law "
    "requiring every police lineup to be run double-blind, recorded, and with the witness’s "
    "confidence written down at once.\n\nMistaken identification has sent innocent people "
    "to prison in our state. These rules cost little and protect victims and the accused "
    "alike.\n\nThank you for your time.",
    "call_script": "Hello, my name is ___ and I live in ___. I’m calling to ask the senator to "
    "support double-blind, recorded lineups. Thank you.",
}

DONATE = {
    "title": "Fund the next DNA test",
    "teaser": "A single DNA test can free an innocent person. Help pay for the next one.",
    "intro": "<p>Testing old evidence costs thousands of dollars per case. Every gift goes to "
    "the casework that proves innocence.</p>",
    "suggested_amounts": "25, 50, 100, 250",
    "monthly_amounts": "10, 25, 50",
    "monthly_parameter": "recurring=monthly",
}

# Sample figures: staff put in what their own casework costs.
GIFT_IMPACTS = [
    (25, "pays for a public records request"),
    (100, "pays for an investigator’s day tracking down a witness"),
    (1000, "pays for a DNA test on old evidence"),
]
TAX_STATUS = (
    "The Campaign is a 501(c)(3) nonprofit (sample): gifts are tax-deductible as the law allows."
)

VOLUNTEER = {
    "title": "Volunteer with the campaign",
    "teaser": "Give a few hours a month: events, letters, research or outreach.",
    "intro": "<p>Tell us a little about yourself and we will be in touch.</p>",
}

VOLUNTEER_FIELDS = [
    {"label": "Your name", "field_type": "singleline", "required": True},
    {"label": "Email", "field_type": "email", "required": True},
    {
        "label": "How would you like to help?",
        "field_type": "checkboxes",
        "required": False,
        "choices": "Events\nWriting letters\nResearch\nSpreading the word",
    },
    {"label": "Anything else we should know?", "field_type": "multiline", "required": False},
]

# What each action is about (factor and theme slugs): its “Why this matters”
# shows the stories behind it. The volunteer form is about no case in
# particular, so it shows none.
ACTION_TOPICS = {
    "petition": (["false-or-misleading-forensic-evidence"], []),
    "letter": (["mistaken-witness-identification"], []),
    "donate": ([], ["the-evidence"]),
}

# The explainer each theme ends with.
THEME_ACTIONS = {
    "the-evidence": "petition",
    "the-eyewitness": "letter",
    "the-prosecution": "donate",
}


def build_actions(home, log):
    privacy = sync_page(home, InformationPage, "privacy", PRIVACY, log)
    index = sync_page(home, ActionIndexPage, "act", ACTION_INDEX, log)
    if ensure_review_workflow(index):
        log(f"Calls to action go through the “{REVIEW_WORKFLOW}” workflow.")
    actions = {
        "petition": sync_page(index, PetitionPage, "bite-mark-review", PETITION, log),
        "letter": sync_page(index, LetterPage, "fix-police-lineups", LETTER, log),
        "donate": sync_page(index, DonatePage, "donate", DONATE, log),
        "volunteer": sync_page(index, SignUpPage, "volunteer", VOLUNTEER, log),
    }
    add_volunteer_fields(actions["volunteer"], log)
    add_gift_impacts(actions["donate"], log)
    add_sample_signatures(actions["petition"], log)
    configure(home, actions["petition"], privacy, log)
    add_short_link("/sign", actions["petition"], log)
    link_themes(home, actions, log)
    for key, (factors, themes) in ACTION_TOPICS.items():
        set_topics(actions[key], factors, themes, log)
    return actions


def set_topics(page, factor_slugs, theme_slugs, log):
    factors = list(ContributingFactor.objects.filter(slug__in=factor_slugs))
    themes = list(ThemePage.objects.filter(slug__in=theme_slugs))
    if set(page.factors.all()) == set(factors) and set(page.themes.all()) == set(themes):
        return
    page.factors = factors
    page.themes = themes
    page.save_revision().publish()
    log(f"Said what “{page.title}” is about.")


def add_volunteer_fields(page, log):
    if page.form_fields.exists():
        return
    page.form_fields = [
        SignUpFormField(sort_order=n, **field) for n, field in enumerate(VOLUNTEER_FIELDS)
    ]
    page.save_revision().publish()
    log(f"Added the form fields of “{page.title}”.")


def add_gift_impacts(page, log):
    if page.gift_impacts.exists():
        return
    page.gift_impacts = [
        GiftImpact(sort_order=n, amount=amount, description=description)
        for n, (amount, description) in enumerate(GIFT_IMPACTS)
    ]
    page.save_revision().publish()
    log(f"Said what gifts to “{page.title}” pay for.")


def add_sample_signatures(petition, log):
    """Sample signatures at example.org addresses, attributed to the stories."""
    if petition.signatures.exists():
        return
    consent = ConsentStatement.current()
    stories = list(ExonereeStoryPage.objects.live().order_by("pk")) or [None]
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            action=petition,
            first_name="Sample",
            last_name=f"Supporter {n}",
            email=f"sample-supporter-{n}@example.org",
            postcode=f"{10001 + n:05}",
            opt_in=n % 3 == 0,
            consent=consent,
            source_page=stories[n % len(stories)],
            created_at=now - timezone.timedelta(hours=5 * n),
        )
        for n in range(SAMPLE_SIGNATURES)
    )
    log(f"Added {SAMPLE_SIGNATURES} sample signatures to “{petition.title}”.")


def add_short_link(path, page, log):
    """A short address for print and radio, temporary so that staff can point it
    at the next petition (Settings › Redirects)."""
    if not Redirect.objects.filter(old_path=path).exists():
        Redirect.objects.create(old_path=path, redirect_page=page, is_permanent=False)
        log(f"Made {path} lead to “{page.title}”.")


def configure(home, default_action, privacy, log):
    site = Site.objects.get(root_page=home)
    settings = ActionSettings.for_site(site)
    wanted = {
        "default_action_id": default_action.pk,
        "privacy_page_id": privacy.pk,
        "donation_url": SAMPLE_DONATION_URL,
        "tax_status": TAX_STATUS,
    }
    changed = [field for field, value in wanted.items() if getattr(settings, field) != value]
    if changed:
        for field in changed:
            setattr(settings, field, wanted[field])
        settings.save()
        log("Set the default action, privacy page, donation address and tax status.")
    navigation = NavigationSettings.for_site(site)
    if not navigation.footer_links.exists():
        FooterLink.objects.create(setting=navigation, page=privacy, label="Privacy")
        log("Linked the privacy page from the footer.")


def link_themes(home, actions, log):
    for slug, key in THEME_ACTIONS.items():
        theme = ThemePage.objects.child_of(home).filter(slug=slug).first()
        if theme is None or theme.related_actions.exists():
            continue
        theme.related_actions = [ThemeRelatedAction(action=actions[key], sort_order=0)]
        theme.save_revision().publish()
        log(f"Linked {theme.title} to “{actions[key].title}”.")
