"""Course search in Telegram: cards, paging and refine buttons, "where?", shared locations.

The handlers run against the real engine with the course finder (real e5 model, the small test
index and the test catalogue); only the Bot API is recorded.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from tg_factories import Learner, RecordingRequest, button_data, buttons

from bot.config import Settings
from bot.guidance.language import Strings
from bot.guidance.pipeline import Engine
from bot.guidance.places import PlaceFinder
from bot.services import build_course_finder
from bot.store import Store

COURSES = Path(__file__).parent.parent / "fixtures" / "courses"
CORK = (51.90, -8.47)
DUBLIN = (53.35, -6.26)


@pytest.fixture(scope="module")
def course_engine(small_services: Any, embeddings: Any, tmp_path_factory: Any) -> Engine:
    root = tmp_path_factory.mktemp("telegram-courses")
    shutil.copytree(COURSES, root / "knowledge" / "courses")
    settings = Settings(_env_file=None, data_dir=root / "data", knowledge_dir=root / "knowledge")  # type: ignore[call-arg]
    finder = build_course_finder(settings, embeddings, Strings(), PlaceFinder())
    real = small_services.engine
    return Engine(
        real.retriever, real.strings, real._detector, real._places, real._triage, courses=finder
    )


@pytest.fixture
def engine(course_engine: Engine) -> Engine:
    """The engine the application is built with: the real one, with the course finder."""
    return course_engine


class CourseRequest(RecordingRequest):
    """As Telegram does, the messages sent back carry inline keyboards only, never the reply
    keyboard ("share my location") the bot sent them with."""

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        result = super()._result(name, params)
        if isinstance(result, dict) and "keyboard" in (result.get("reply_markup") or {}):
            del result["reply_markup"]
        return result


@pytest.fixture
def request_() -> RecordingRequest:
    return CourseRequest()


async def share_location(learner: Learner, latitude: float, longitude: float) -> None:
    location = {"latitude": latitude, "longitude": longitude}
    await learner._process({"message": learner._message(location=location)})


def labels(params: dict[str, Any]) -> list[str]:
    return [button["text"] for button in buttons(params)]


async def test_a_course_search_shows_cards_with_refine_buttons(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await learner.send("evening English course near Cork")

    (results,) = request_.sent()
    text = results["text"]
    assert text.startswith("<b>Courses within 25 km of Cork: 1–5 of 5.</b>")
    assert "<i>Sample data:" in text
    assert '<b><a href="https://example.org/test/t01">Evening English conversation</a></b>' in text
    assert "T01\nCork, &lt; 1 km · evenings · in person · starts 2031-01-12" in text
    assert "5. <b><a" in text
    assert "Midleton, 20 km" in text.split("5. ")[1]  # the furthest comes last
    assert "180 EUR · can be paid with: Skillnet" in text
    assert button_data(results) == ["crs:r:online", "crs:r:evening", "crs:r:free"]
    assert labels(results) == ["Online", "• Evenings", "Free"]  # the evening filter is on
    # The search is remembered like any question, for follow-ups.
    turns = await store.recent_turns(42, 4)
    assert turns[0].text == "evening English course near Cork"


async def test_paging_edits_the_results_in_place(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("English course near Cork")
    first = request_.sent()[-1]
    assert "1–5 of 6" in first["text"]
    assert button_data(first)[0] == "crs:p:5"

    await learner.tap("crs:p:5", on=first)

    (edit,) = request_.sent("editMessageText")
    assert edit["message_id"] == first["message_id"]
    assert "6–6 of 6" in edit["text"]
    assert "6. <b><a href" in edit["text"]
    assert button_data(edit)[0] == "crs:p:0"  # back
    assert labels(edit)[0] == "Back"


async def test_refine_buttons_toggle_filters(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("English course near Cork")
    first = request_.sent()[-1]

    await learner.tap("crs:r:free", on=first)
    free = request_.sent("editMessageText")[-1]
    assert "1–1 of 1" in free["text"]
    assert "English for work" in free["text"]
    assert "• Free" in labels(free)

    await learner.tap("crs:r:online", on=free)
    online = request_.sent("editMessageText")[-1]
    assert "I found no online course like this" in online["text"]  # the online one costs
    assert labels(online) == ["• Online", "Evenings", "• Free"]


async def test_no_place_asks_for_a_town_or_a_location_and_a_location_answers(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("I'm looking for a welding course")
    (question,) = request_.sent()
    assert question["text"].startswith("<b>Where should I look?")
    keyboard = question["reply_markup"]["keyboard"]
    assert keyboard[0][0] == {"text": "Share my location", "request_location": True}
    assert keyboard[1][0]["text"] == "Online courses"

    await share_location(learner, *CORK)

    results = request_.sent()[-1]
    assert "Courses within 25 km of your location: 1–1 of 1." in results["text"]
    assert "Welding for beginners" in results["text"]


async def test_courses_command_searches_or_asks(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await learner.command("courses", "English near Cork")
    results = request_.sent()[-1]
    assert "1–5 of 6" in results["text"]
    assert (await store.recent_turns(42, 2))[0].text == "/courses English near Cork"

    await learner.command("courses")
    intro = request_.sent()[-1]
    assert intro["text"].startswith("Which course are you looking for, and where?")
    assert intro["reply_markup"]["keyboard"][0][0]["request_location"] is True

    await share_location(learner, *DUBLIN)  # no search waiting: the nearest courses
    nearest = request_.sent()[-1]
    assert "Excel basics" in nearest["text"]
    assert "Welding at weekends" in nearest["text"]


async def test_an_empty_result_offers_a_wider_area(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("English course at the weekend near Cork")
    empty = request_.sent()[-1]
    assert "I found no course like this within 25 km of Cork" in empty["text"]
    assert button_data(empty)[-1] == "crs:r:wider"
    assert labels(empty)[-1] == "Within 50 km"


async def test_an_unknown_town_gets_a_did_you_mean(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("English course in Corkk")
    (question,) = request_.sent()
    assert "Did you mean Cork (IE)?" in question["text"]
    assert question["reply_markup"]["keyboard"][0][0]["request_location"] is True


async def test_a_local_name_misspelt_in_chat_gets_a_did_you_mean(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("English course in Bruxelle")
    (question,) = request_.sent()
    assert "Did you mean Brussels (BE)?" in question["text"]
    assert question["reply_markup"]["keyboard"][0][0]["request_location"] is True


async def test_a_stale_button_asks_to_search_again(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.tap("crs:p:5")

    (answer,) = request_.sent("answerCallbackQuery")
    assert answer["text"].startswith("This search is no longer available")
    assert request_.sent("editMessageText") == []


async def test_guidance_questions_still_get_answers_with_feedback_buttons(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("which courses can I pay with my CPF")

    answer = request_.sent()[-1]
    assert not any(data.startswith("crs:") for data in button_data(answer))
