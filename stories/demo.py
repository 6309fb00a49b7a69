"""Demo content for the theme explainers and the factors they cover."""

from home.demo import sync_page

from .models import ContributingFactor, ThemePage

THEMES = {
    "the-evidence": {
        "title": "The Evidence",
        "intro": (
            "Forensic science carries the authority of the laboratory, yet some of it has never "
            "been shown to work, and sound methods can be overstated in court."
        ),
        "factors": ["false-or-misleading-forensic-evidence"],
    },
    "the-eyewitness": {
        "title": "The Eyewitness",
        "intro": (
            "A confident witness is powerful evidence, but memory is not a recording: it fades, "
            "fills gaps and is shaped by how police ask and what they show."
        ),
        "factors": ["mistaken-witness-identification"],
    },
    "the-prosecution": {
        "title": "The Prosecution",
        "intro": (
            "When investigators and prosecutors decide early who is guilty, evidence that points "
            "elsewhere can be ignored, hidden or explained away."
        ),
        "factors": ["official-misconduct", "perjury-or-false-accusation", "false-confession"],
    },
}


def build_themes(home, log):
    """The three theme explainers, with the demo's factor-to-theme mapping."""
    for slug, theme in THEMES.items():
        fields = {"title": theme["title"], "intro": theme["intro"]}
        page = sync_page(home, ThemePage, slug, fields, log)
        for factor in ContributingFactor.objects.filter(slug__in=theme["factors"]):
            if factor.theme_id != page.pk:
                factor.theme = page
                factor.save(update_fields=["theme"])
                log(f"Mapped “{factor.name}” to {page.title}.")
