"""The six contributing factors of the National Registry of Exonerations.

Staff edit them, add others and map them to theme explainers in the admin;
this only gives a new site the Registry's standard set to start from.
"""

from django.db import migrations

FACTORS = [
    (
        "Mistaken witness identification",
        "mistaken-witness-identification",
        "A witness identified the wrong person. Memory is malleable, and suggestive line-ups, "
        "leading questions and cross-racial identification make mistakes more likely.",
    ),
    (
        "False confession",
        "false-confession",
        "The person admitted to a crime they did not commit, often after long interrogations, "
        "threats, promises of leniency or false claims about the evidence.",
    ),
    (
        "Perjury or false accusation",
        "perjury-or-false-accusation",
        "Someone lied under oath or falsely accused the person, such as a jailhouse informant "
        "testifying in exchange for a lighter sentence.",
    ),
    (
        "False or misleading forensic evidence",
        "false-or-misleading-forensic-evidence",
        "Forensic evidence was unreliable, mishandled or overstated in court, such as bite-mark "
        "comparison, hair microscopy or exaggerated lab testimony.",
    ),
    (
        "Official misconduct",
        "official-misconduct",
        "Police, prosecutors or other officials broke the rules: hiding evidence that pointed to "
        "innocence, coaching witnesses or pressing on despite doubts.",
    ),
    (
        "Inadequate legal defense",
        "inadequate-legal-defense",
        "The defense lawyer failed the person: no investigation, no expert, no challenge to weak "
        "evidence, often because public defenders carry impossible caseloads.",
    ),
]


def create_factors(apps, schema_editor):
    ContributingFactor = apps.get_model("stories", "ContributingFactor")
    for name, slug, description in FACTORS:
        ContributingFactor.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(create_factors, migrations.RunPython.noop)]
