"""`manage.py translations`: bring locale/<language>/LC_MESSAGES/django.po in
line with the code (makemessages) and compile its .mo (compilemessages).

`manage.py translations --check` changes nothing and fails (bin/test runs it
after the linters) when:
- a string marked for translation in the code or a template is missing from
  the .po, or the .po holds one the code no longer has: run the command
  without --check and translate what it adds;
- a message has no translation, or a fuzzy one (msgfmt --statistics);
- the committed .mo is not the compiled .po: run the command without --check.

The .mo is committed, not built at deploy: Heroku-style buildpacks run
collectstatic but not compilemessages, their images need not have gettext,
and a release step's files are thrown away. See docs/deploy.md."""

import gettext
import re
import shutil
import subprocess
import tempfile
from contextlib import chdir
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ["es"]
# The folders whose Python files and templates hold the site's strings;
# tests, benchmarks and installed packages hold none a visitor reads.
SOURCES = ["actions", "campaign", "core", "home", "impact", "registry", "stories"]
MAKEMESSAGES_OPTIONS = {
    # File names without line numbers: an edit that moves a line doesn't
    # change the .po, so the check fails only when a message changes.
    "add_location": "file",
    "no_obsolete": True,
    "ignore_patterns": ["__pycache__", "migrations"],
    "verbosity": 0,
}
STATISTICS = re.compile(r"(\d+) (translated|fuzzy|untranslated)")


def po_path(locale_dir, language):
    return Path(locale_dir) / language / "LC_MESSAGES" / "django.po"


def messages(po_text):
    """The (context, singular, plural) of each message in a .po, obsolete ones
    and the header left out."""
    found = set()
    for entry in re.split(r"\n\s*\n", po_text):
        fields, current = {}, None
        for line in entry.splitlines():
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
            if match:
                current = match.group(1)
                fields[current] = _unquote(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += _unquote(line)
        if fields.get("msgid"):
            found.add((fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural")))
    return found


def _unquote(quoted):
    return quoted[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def msgfmt(*args):
    """gettext's msgfmt, run on the project's own files."""
    program = shutil.which("msgfmt")
    if program is None:
        raise CommandError(
            "gettext's msgfmt is needed (Debian/Ubuntu: sudo apt-get install gettext)."
        )
    return subprocess.run(  # noqa: S603 - our own program and files, no shell
        [program, *args], capture_output=True, text=True, check=False
    )


def statistics(po):
    """msgfmt's counts of translated, fuzzy and untranslated messages."""
    result = msgfmt("--check", "--statistics", "-o", "/dev/null", str(po))
    if result.returncode:
        raise CommandError(f"msgfmt --check refuses {po}:\n{result.stderr}")
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in STATISTICS.findall(result.stderr):
        counts[kind] = int(number)
    return counts


def compiled_catalog(mo):
    with open(mo, "rb") as file:
        return gettext.GNUTranslations(file)._catalog


class Command(BaseCommand):
    help = (
        "Update the .po files from the code and compile them; with --check, "
        "fail if they are out of date or incomplete."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail if a .po or .mo is out of date, or a message is "
            "untranslated.",
        )

    def handle(self, *args, check=False, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        msgfmt("--version")  # fails early, saying how to install it
        if not check:
            with chdir(settings.BASE_DIR):
                call_command("makemessages", locale=LANGUAGES, **makemessages_options())
                call_command("compilemessages", locale=LANGUAGES, verbosity=0)
            self.stdout.write("Updated and compiled: translate what is new, then run this again.")
            return
        problems = []
        for language in LANGUAGES:
            problems += self._check(locale_dir, language)
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write("Translations are complete and up to date.")

    def _check(self, locale_dir, language):
        po = po_path(locale_dir, language)
        if not po.exists():
            return [f"{po} is missing: run `manage.py translations`."]
        problems = []
        expected = self._extracted(locale_dir, language)
        committed = messages(po.read_text())
        missing, extra = expected - committed, committed - expected
        if missing or extra:
            problems.append(
                f"{po} is out of date with the code: run `manage.py translations`, then "
                "translate what it adds."
                + "".join(
                    f"\n  not in the .po: {msgid!r}"
                    for _ctx, msgid, _pl in sorted(missing, key=str)
                )
                + "".join(
                    f"\n  no longer used: {msgid!r}" for _ctx, msgid, _pl in sorted(extra, key=str)
                )
            )
        counts = statistics(po)
        if counts["untranslated"] or counts["fuzzy"]:
            problems.append(
                f"{po}: {counts['untranslated']} untranslated and {counts['fuzzy']} fuzzy "
                "messages; every message needs a checked translation."
            )
        mo = po.with_suffix(".mo")
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "django.mo"
            msgfmt("-o", str(fresh), str(po))
            if not mo.exists() or compiled_catalog(mo) != compiled_catalog(fresh):
                problems.append(f"{mo} is not the compiled .po: run `manage.py translations`.")
        return problems

    def _extracted(self, locale_dir, language):
        """The messages makemessages finds in the code, merged into a copy of
        the .po in a scratch folder, so that the real one is not touched."""
        with tempfile.TemporaryDirectory() as tmp:
            for source in SOURCES:
                shutil.copytree(
                    Path(settings.BASE_DIR) / source,
                    Path(tmp) / source,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                )
            shutil.copytree(locale_dir, Path(tmp) / "locale")
            with chdir(tmp):
                call_command("makemessages", locale=[language], **makemessages_options())
            return messages(po_path(Path(tmp) / "locale", language).read_text())


def makemessages_options():
    """The options, with everything at the top of the project that is not a
    source folder left out (node_modules, tests, .venv…)."""
    ignored = [
        entry.name
        for entry in Path(settings.BASE_DIR).iterdir()
        if entry.is_dir() and entry.name not in {*SOURCES, "locale"}
    ]
    return {
        **MAKEMESSAGES_OPTIONS,
        "ignore_patterns": [*MAKEMESSAGES_OPTIONS["ignore_patterns"], *ignored],
    }
