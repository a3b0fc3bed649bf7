"""A resolved course search: what, where, when, how, for how much. Kept as JSON between the
turns of a conversation (paging, "only evenings", a shared location)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

DEFAULT_RADIUS_KM = 25.0


@dataclass(frozen=True, slots=True)
class CourseQuery:
    """A resolved course search; every field may be unknown."""

    topic: str = ""
    place: str = ""  # the place as the learner named it, for the reply
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    region: str | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    schedule: str | None = None
    mode: str | None = None
    free: bool = False
    max_cost: float | None = None
    min_cost: float | None = None
    funding: str | None = None
    language: str | None = None
    unknown_place: str = ""  # a place the gazetteer does not know
    home_country: str | None = None  # the learner's country: preferred for online courses

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def needs_place(self) -> bool:
        return self.mode != "online" and not (self.located or self.country or self.region)

    def has_place(self) -> bool:
        return self.located or bool(self.country or self.region or self.unknown_place)

    def then(self, later: CourseQuery) -> CourseQuery:
        """This search changed by a follow-up: what the follow-up says wins."""
        changes: dict[str, Any] = {}
        if later.has_place():
            for name in ("place", "latitude", "longitude", "country", "region", "unknown_place"):
                changes[name] = getattr(later, name)
        for name in ("topic", "schedule", "mode", "max_cost", "min_cost", "funding", "language"):
            if getattr(later, name):
                changes[name] = getattr(later, name)
        if later.free:
            changes["free"] = True
        if later.radius_km != DEFAULT_RADIUS_KM:
            changes["radius_km"] = later.radius_km
        return replace(self, **changes)

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v not in (None, "", False)}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> CourseQuery:
        """The query saved by `to_json`; unknown or broken data gives an empty query."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        if not isinstance(data, dict):
            return cls()
        try:
            return cls(**{k: v for k, v in data.items() if k in known})
        except TypeError:
            return cls()
