"""/start, language, country and region choices, /settings shortcuts, the command menu."""

from __future__ import annotations

from tg_factories import Learner, RecordingRequest, Texts, button_data, buttons

from bot.guidance.language import Strings
from bot.store import Store


async def test_start_greets_in_telegram_language_and_asks_for_language(
    app, request_: RecordingRequest, tr: Texts, strings: Strings
) -> None:
    await Learner(app, language_code="fr").command("start")

    texts = request_.texts()
    assert texts[0] == tr("welcome", "fr")
    assert texts[1].startswith(tr("privacy_notice", "fr", days=30))
    assert texts[2] == tr("choose_language", "fr")
    picker = request_.sent()[2]
    assert button_data(picker) == [f"lang:{code}:c" for code in strings.languages()]
    assert button_data(picker)[:4] == ["lang:en:c", "lang:de:c", "lang:es:c", "lang:fr:c"]
    assert [b["text"] for b in buttons(picker)][:4] == [
        "English",
        "Deutsch",
        "Español",
        "Français",
    ]


async def test_start_falls_back_to_english_for_an_unknown_language(
    app, request_: RecordingRequest, tr: Texts
) -> None:
    await Learner(app, user_id=1, language_code="sv-se").command("start")  # no Swedish texts
    await Learner(app, user_id=2, language_code="pt-br").command("start")  # Portuguese ones

    assert request_.texts_in(1)[0] == tr("welcome", "en")
    assert request_.texts_in(2)[0] == tr("welcome", "pt")
    assert tr("welcome", "pt") != tr("welcome", "en")


async def test_start_registers_the_command_menu_per_language_once(
    app, request_: RecordingRequest, strings: Strings
) -> None:
    await Learner(app, user_id=1, language_code="de").command("start")
    await Learner(app, user_id=2, language_code="de").command("start")

    menus = request_.sent("setMyCommands")
    assert [menu.get("language_code") for menu in menus] == [None, "de"]
    commands = [command["command"] for command in menus[1]["commands"]]
    assert {"start", "help", "settings", "mydata", "forget", "human"} <= set(commands)
    assert menus[1]["commands"][0]["description"] == strings.get("command_start", "de")
    assert strings.get("command_start", "de") != strings.get("command_start", "en")


async def test_onboarding_language_then_country(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await learner.command("start")
    keyboard = request_.sent()[-1]

    await learner.tap("lang:fr:c", on=keyboard)
    edit = request_.sent("editMessageText")[-1]
    assert edit["text"] == tr("choose_country", "fr")
    assert edit["message_id"] == keyboard["message_id"]
    assert "country:FR" in button_data(edit)
    assert (await store.get_profile(42)).language == "fr"

    await learner.tap("country:FR", on=edit)
    done = request_.sent("editMessageText")[-1]
    assert done["text"] == (
        tr("settings_saved", "fr", what="France") + "\n\n" + tr("ask_something", "fr")
    )
    assert "reply_markup" not in done
    profile = await store.get_profile(42)
    assert (profile.language, profile.country, profile.region) == ("fr", "FR", None)


async def test_germany_asks_for_the_land(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await learner.command("country")
    await learner.tap("country:DE", on=request_.sent()[-1])

    edit = request_.sent("editMessageText")[-1]
    assert edit["text"] == tr("choose_region")
    assert "region:DE-BY" in button_data(edit)
    assert len(button_data(edit)) == 16

    await learner.tap("region:DE-BY", on=edit)
    saved = request_.sent("editMessageText")[-1]["text"]
    assert saved == tr("settings_saved", what="Bavaria, Germany") + "\n\n" + tr("ask_something")
    profile = await store.get_profile(42)
    assert (profile.country, profile.region) == ("DE", "DE-BY")


async def test_other_country_is_offered_and_saved_as_the_engine_does(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await learner.command("country")
    picker = request_.sent()[-1]
    assert button_data(picker)[-1] == "country:other"
    assert buttons(picker)[-1]["text"] == "Other country" == tr("country_other")

    await learner.tap("country:other", on=picker)

    assert (await store.get_profile(42)).country == "other"
    saved = request_.sent("editMessageText")[-1]["text"]
    assert saved.startswith(tr("settings_saved", what="Other country"))


async def test_changing_country_forgets_the_old_region(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await learner.tap("region:BE-VLG")
    await learner.tap("country:FR")

    profile = await store.get_profile(42)
    assert (profile.country, profile.region) == ("FR", None)


async def test_language_shortcut_saves_without_asking_the_country(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await learner.command("language")
    assert button_data(request_.sent()[-1])[0] == "lang:en:-"

    await learner.tap("lang:de:-", on=request_.sent()[-1])
    assert request_.sent("editMessageText")[-1]["text"] == tr(
        "settings_saved", "de", what="Deutsch"
    )
    assert (await store.get_profile(42)).language == "de"


async def test_settings_asks_language_then_country(
    app, learner: Learner, request_, tr: Texts
) -> None:
    await learner.command("settings")

    assert request_.texts() == [tr("choose_language")]
    assert button_data(request_.sent()[-1])[0] == "lang:en:c"


async def test_forged_choices_are_ignored(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await learner.tap("lang:xx:c")
    await learner.tap("country:ZZ")
    await learner.tap("region:DE-XX")

    assert (await store.get_profile(42)).country is None
    assert request_.texts() == []
    assert len(request_.sent("answerCallbackQuery")) == 3


async def test_help_and_unknown_commands(app, learner: Learner, request_, tr: Texts) -> None:
    await learner.command("help")
    await learner.command("frobnicate")

    assert request_.texts() == [tr("help"), tr("help")]
