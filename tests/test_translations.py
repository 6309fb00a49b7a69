"""Everything a visitor reads goes through gettext: the Spanish catalogue is
complete and compiled, and the pages, forms, messages and email read in
Spanish when Spanish is the active language (translation.override: the
language's URLs are another change)."""

import datetime
import zoneinfo
from pathlib import Path

import pytest
from django_tasks_db.management.commands import db_worker

from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.test import override_settings
from django.utils import formats, translation

from actions.templatetags.action_tags import deadline
from core.management.commands.translations import compiled_catalog, msgfmt, statistics
from registry.figures import FigureKind, NationalFigures
from tests.actions.delivery.helpers import SIGNER, run_worker
from tests.actions.helpers import post_action
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
)
from tests.locale_factories import translate
from tests.registry_factories import CaseRecordFactory

PO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def test_every_spanish_message_is_translated_and_none_is_fuzzy():
    counts = statistics(PO)
    assert counts["translated"] > 200
    assert counts["untranslated"] == 0
    assert counts["fuzzy"] == 0


def test_the_committed_mo_is_the_compiled_po(tmp_path):
    fresh = tmp_path / "django.mo"
    msgfmt("-o", str(fresh), str(PO))
    assert compiled_catalog(PO.with_suffix(".mo")) == compiled_catalog(fresh)


def test_the_catalogue_says_which_voice_it_uses():
    assert "“usted”" in PO.read_text().split('msgid ""', 1)[0]


def test_a_petition_reads_in_spanish(client, petition):
    # The language is the address's: /es/ for the Spanish translation.
    html = client.get(translate(petition).url).content.decode()
    assert '<html lang="es">' in html
    assert "Ir al contenido principal" in html
    assert "Firme la petición" in html
    for label in ("Nombre", "Apellido", "Correo electrónico", "Código postal (ZIP)"):
        assert f">{label}</label>" in html
    assert "Envíenme novedades sobre esta campaña" in html
    assert "Skip to main content" not in html


def test_a_petition_s_errors_read_in_spanish(client, petition):
    with translation.override("es"):
        # The form says which language it was shown in; the answer follows it.
        response = post_action(
            client, petition, {**SIGNER, "first_name": "", "email": "x", "language": "es"}
        )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hay un problema" in html
    assert "Nombre: Este campo es necesario." in html
    assert "Introduzca una dirección de correo electrónico válida." in html


@override_settings(WAGTAIL_I18N_ENABLED=True)
def test_the_thank_you_page_and_email_read_in_spanish(
    client, petition, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker runs inside this test's transaction (see tests/actions/delivery).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    # The thank-you page is the petition's own, in the petition's language.
    petition = translate(petition, title="Libérenlos ya")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(client, petition, {**SIGNER, "language": "es"})
    thanks = client.get(response["Location"]).content.decode()
    run_worker()
    assert '<h1 id="thanks">Gracias</h1>' in thanks
    assert f"Usted sumó su voz a “{petition.title}”." in thanks
    assert "Pida a dos amistades que se sumen" in thanks
    (message,) = mail.outbox
    assert message.subject == f"Gracias por firmar: {petition.title}"
    assert message.body.startswith("Hola, Ana:")
    assert f"Gracias por sumar su nombre a “{petition.title}”." in message.body
    assert "Nos pidió recibir novedades sobre esta campaña." in message.body
    assert "Dear" not in message.body


def test_a_refused_form_says_why_in_spanish(client, petition):
    with translation.override("es"):
        response = post_action(client, petition, SIGNER, headers={"Sec-Fetch-Site": "cross-site"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Su formulario no se envió" in html
    assert "Este formulario solo se puede enviar desde este sitio web." in html


def test_a_story_reads_in_spanish(client, home):
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(
        parent=index, person_name="Ana Ruiz", years_lost_known="12.5", death_row=True
    )
    html = client.get(translate(story).url).content.decode()
    assert "<strong>12.5 años</strong> perdidos por una condena injusta" in html
    assert "El caso en breve" in html
    assert "Condena en 1995, exoneración en 2006" in html
    assert "(pena de muerte)" in html
    assert "Declaración de inocencia" in html
    assert "Sample County, Texas" in html


@override_settings(RENDER_CACHE_ENABLED=True)
def test_a_fragment_cached_in_one_language_is_not_served_in_the_other(db):
    # A page is in one language, but a fragment's key need not say which.
    fragment = Template(
        "{% load i18n rendercache_tags %}"
        '{% rendercache "test-fragment" 1 %}{% translate "Skip to main content" %}'
        "{% endrendercache %}"
    )
    with translation.override("es"):
        spanish = fragment.render(Context())
    english = fragment.render(Context())
    assert spanish == "Ir al contenido principal"
    assert english == "Skip to main content"


def test_spanish_numbers_are_written_as_us_readers_of_spanish_write_them():
    with translation.override("es"):
        assert formats.number_format(1234.5, decimal_pos=1, force_grouping=True) == "1,234.5"
        assert formats.date_format(datetime.date(2026, 12, 31)) == "31 de diciembre de 2026"


def test_a_deadline_is_written_as_each_language_writes_dates():
    moment = datetime.datetime(2026, 12, 31, 23, 59, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    assert deadline(moment) == "31 December 2026, 11:59 pm EST"
    with translation.override("es"):
        assert deadline(moment) == "31 de diciembre de 2026, 23:59 EST"


@pytest.mark.django_db
def test_the_national_figures_read_in_spanish():
    CaseRecordFactory.create_batch(2, dna=True, mistaken_identification=True)
    CaseRecordFactory(state="Fed-IL", exoneration_year=2003, conviction_year=1991)
    with translation.override("es"):
        figures = NationalFigures()
        per_year = figures.figure(FigureKind.PER_YEAR)
        states = figures.figure(FigureKind.STATES)
        dna = figures.figure(FigureKind.DNA)
        years = figures.figure(FigureKind.YEARS_LOST)
        svg = str(dna.svg("figure-1"))
        mistaken = figures.figure(FigureKind.FACTOR, "MWID")
    assert per_year.title == (
        "Las exoneraciones llegaron a su máximo en 2001, cuando se exoneró a 2 personas"
    )
    assert per_year.headers == ("Año", "Exoneraciones")
    assert [row.label for row in states.rows] == ["Illinois", "Tribunales federales"]
    assert states.rows[1].selects == ("state", "Federal courts")
    assert dna.title.startswith("Las pruebas de ADN fueron decisivas en el 67%")
    assert "ADN decisivo" in svg
    assert years.rows[0].label == "Menos de 5 años"
    assert "la mitad perdió 11 años o más" in years.title
    assert mistaken.title == (
        "Identificación errónea por parte de testigos influyó en el 67% de las exoneraciones"
    )


@pytest.fixture
def petition(home):
    return PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))
