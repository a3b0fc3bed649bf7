"""Editors' translations in Telegram: coverage, the file to translate, the filled file back."""

from __future__ import annotations

import polib
from editing import FileServer
from tg_factories import Learner

from ingest.translations import Translations

SPAIN = "Spain, Estatuto de los Trabajadores: after 1 year in the company"


async def test_translations_shows_each_language_and_kb_too(
    app, editor: Learner, request_: FileServer, tr
) -> None:  # type: ignore[no-untyped-def]
    await editor.command("translations")
    table, how = request_.texts()
    assert "de: 6/18 current; 0 stale, 12 missing" in table
    assert "fr: 5/18 current" in table
    assert how == tr("editor_translations_how")
    request_.clear()
    await editor.command("kb")
    (kb,) = request_.texts()
    assert "de: 6/18 current" in kb


async def test_a_language_comes_as_a_po_file_and_a_filled_one_is_imported(
    app, editor: Learner, request_: FileServer, desk, engine
) -> None:  # type: ignore[no-untyped-def]
    await editor.command("translations", "de")
    (sent,) = request_.sent("sendDocument")
    catalogue = polib.pofile(request_.uploaded["guidebot-de.po"].decode("utf-8"))
    assert catalogue.metadata["Language"] == "de"
    assert f": {len(catalogue)}." in sent["caption"]  # how many texts wait
    spanish = next(e for e in catalogue if e.msgid.startswith(SPAIN))
    spanish.msgstr = (
        "Spanien, Estatuto de los Trabajadores: Nach 1 Jahr im Betrieb haben Beschäftigte 20 "
        "Stunden bezahlte Freistellung pro Jahr, die sie über 5 Jahre ansparen können (100 "
        "Stunden)."
    )
    wrong = next(e for e in catalogue if e.msgid.startswith("France, CPF: jobseekers"))
    wrong.msgstr = "Frankreich, CPF: Arbeitsuchende zahlen 50 € weniger."
    request_.files["po1"] = str(catalogue).encode("utf-8")
    request_.clear()

    await editor.send_document("guidebot-de.po", "po1", None)

    (report,) = request_.texts()
    assert "de: 1 translation(s) saved in 1 file(s)" in report
    assert "the figures differ from the English: +50" in report
    # The running bot answers with the new text at once.
    texts = desk.services.engine.retriever.translations
    assert isinstance(texts, Translations)
    assert texts.get("de", "es/permiso.md", SPAIN_FULL) == spanish.msgstr


SPAIN_FULL = (
    "Spain, Estatuto de los Trabajadores: after 1 year in the company, an employee has 20 hours "
    "of paid training leave a year, which can be saved up over 5 years (100 hours)."
)


async def test_only_editors_get_the_files(  # type: ignore[no-untyped-def]
    app, request_: FileServer, tr
) -> None:
    stranger = Learner(app, user_id=4242)
    await stranger.command("translations", "de")
    assert request_.sent("sendDocument") == []
    assert request_.texts()[-1] == tr("editors_only")
