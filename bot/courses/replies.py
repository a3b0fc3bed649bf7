"""The finder's `Reply` values: a page of cards, a question about the place, an empty result.

Pure functions of a query, the hits and the texts. Every reply carries the search as JSON
(`Reply.course_query`) so a channel can page or refine it, and every reply that shows sample
data says so in a notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.courses.catalogue import Course
from bot.courses.geo import Town
from bot.courses.query import CourseQuery
from bot.courses.search import Hit
from bot.courses.texts import CourseTexts
from bot.guidance.types import CourseCard, Reply

RADII = (10.0, 25.0, 50.0, 100.0, 200.0)  # the steps of "search a wider area"


def wider(radius_km: float) -> float:
    """The next radius up; the largest stays."""
    return next((r for r in RADII if r > radius_km), radius_km)


def card(course: Course, hit: Hit, today: date) -> CourseCard:
    """What a channel shows of a course."""
    upcoming = [d for d in course.start_dates if d >= today.isoformat()]
    return CourseCard(
        id=course.id,
        title=course.title,
        provider=course.provider,
        town=course.town if course.mode != "online" else "",
        country=course.country,
        mode=course.mode,
        schedule=course.schedule,
        url=course.url,
        cost=course.cost,
        currency=course.currency,
        funding=course.funding,
        distance_km=None if hit.distance_km is None else round(hit.distance_km, 1),
        start=upcoming[0] if upcoming else "",
        language=course.language,
        sample=course.sample,
    )


def results(
    query: CourseQuery,
    hits: Sequence[Hit],
    courses: Sequence[Course],
    offset: int,
    page_size: int,
    texts: CourseTexts,
    lang: str,
    *,
    today: date,
) -> Reply:
    """One page of courses, or an empty result that says how to widen the search."""
    offset = min(offset, max(0, len(hits) - 1))
    page = hits[offset : offset + page_size]
    cards = tuple(card(courses[hit.index], hit, today) for hit in page)
    if not cards:
        return _reply("answer", _none(query, texts, lang), lang, query, "no course found")
    span = {"first": offset + 1, "last": offset + len(cards), "total": len(hits)}
    if query.mode == "online":
        text = texts.get("found_online", lang, **span)
    elif query.located:
        text = texts.get("found_near", lang, km=_radius(query), place=_place(query, texts, lang),
                         **span)  # fmt: skip
    elif query.country or query.region:
        text = texts.get("found_region", lang, place=_place(query, texts, lang), **span)
    else:
        text = texts.get("found_anywhere", lang, **span)
    notices = (texts.get("sample_notice", lang),) if any(c.sample for c in cards) else ()
    return Reply(
        "answer",
        text,
        lang,
        "course search",
        notices=notices,
        courses=cards,
        course_total=len(hits),
        course_offset=offset,
        course_query=query.to_json(),
    )


def ask_place(query: CourseQuery, texts: CourseTexts, lang: str) -> Reply:
    return _reply("clarify", texts.get("ask_place", lang), lang, query, "course search: where?")


def unknown_place(
    query: CourseQuery, towns: Sequence[Town], texts: CourseTexts, lang: str
) -> Reply:
    """ "I don't know Corkk. Did you mean Cork (IE)? ..." """
    parts = [texts.get("unknown_place", lang, place=query.unknown_place)]
    if towns:
        names = ", ".join(f"{town.name} ({town.country})" for town in towns)
        parts.append(texts.get("did_you_mean", lang, towns=names))
    parts.append(texts.get("ask_place_again", lang))
    return _reply("clarify", " ".join(parts), lang, query, "course search: unknown place")


def _reply(decision: str, text: str, lang: str, query: CourseQuery, reason: str) -> Reply:
    return Reply(
        decision,  # type: ignore[arg-type]
        text,
        lang,
        reason,
        clarify_field="place" if decision == "clarify" else None,
        course_query=query.to_json(),
    )


def _none(query: CourseQuery, texts: CourseTexts, lang: str) -> str:
    if query.mode == "online":
        return texts.get("none_online", lang)
    if query.located:
        return texts.get("none_near", lang, km=_radius(query), place=_place(query, texts, lang))
    if query.country or query.region:  # "fewer conditions" would be no help: say where
        return texts.get("none_region", lang, place=_place(query, texts, lang))
    return texts.get("none", lang)


def _place(query: CourseQuery, texts: CourseTexts, lang: str) -> str:
    if query.place:
        return query.place
    if query.located:
        return texts.get("your_location", lang)
    return texts.place_name(query.country, query.region, lang)


def _radius(query: CourseQuery) -> str:
    return f"{query.radius_km:g}"
