"""Office hours (`OFFICE_HOURS`): when counsellors work, and when they are back.

Format: rules separated by commas, each `DAYS RANGE [RANGE ...]`, then an IANA time zone
(UTC when left out), e.g. `Mon-Fri 09:00-12:00 13:30-17:00, Sat 09:00-12:00 Europe/Paris`.
DAYS is a day (`Mon`) or a range (`Mon-Fri`); RANGE is `HH:MM-HH:MM` (24:00 allowed as an end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_DAYS = re.compile(r"^([a-z]{3})[a-z]*(?:-([a-z]{3})[a-z]*)?$")


@dataclass(frozen=True, slots=True)
class Window:
    day: int  # 0 = Monday
    start: int  # minutes since midnight
    end: int


@dataclass(frozen=True, slots=True)
class OfficeHours:
    windows: tuple[Window, ...]
    zone: ZoneInfo

    @classmethod
    def parse(cls, spec: str | None) -> OfficeHours | None:
        """The hours in `spec`; None (always open) when it is empty. ValueError if malformed."""
        if not spec or not spec.strip():
            return None
        words = spec.replace(",", " , ").split()
        zone_name = "UTC"
        if words and not _RANGE.match(words[-1]) and not _is_days(words[-1]):
            zone_name = words.pop()
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"OFFICE_HOURS: unknown time zone {zone_name!r}") from exc
        windows: list[Window] = []
        for rule in " ".join(words).split(","):
            windows += _parse_rule(rule.split())
        return cls(tuple(windows), zone)

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        minute = local.hour * 60 + local.minute
        return any(w.day == local.weekday() and w.start <= minute < w.end for w in self.windows)

    def next_opening(self, moment: datetime) -> datetime:
        """When the office next opens after `moment` (in the office's time zone)."""
        local = moment.astimezone(self.zone)
        for days in range(8):
            day = (local + timedelta(days=days)).date()
            starts = sorted(w.start for w in self.windows if w.day == day.weekday())
            for start in starts:
                opening = datetime.combine(day, time(start // 60, start % 60), self.zone)
                if opening > local:
                    return opening
        raise ValueError("no opening in the coming week")


def _is_days(word: str) -> bool:
    match = _DAYS.match(word.lower())
    return match is not None and match.group(1) in DAYS


def _parse_rule(words: list[str]) -> list[Window]:
    if len(words) < 2:
        raise ValueError(f"OFFICE_HOURS: expected 'DAYS HH:MM-HH:MM', got {' '.join(words)!r}")
    match = _DAYS.match(words[0].lower())
    if not match or match.group(1) not in DAYS or (match.group(2) or "mon") not in DAYS:
        raise ValueError(f"OFFICE_HOURS: unknown days {words[0]!r}")
    first = DAYS.index(match.group(1))
    last = DAYS.index(match.group(2)) if match.group(2) else first
    days = [(first + i) % 7 for i in range((last - first) % 7 + 1)]
    windows = []
    for text in words[1:]:
        found = _RANGE.match(text)
        if not found:
            raise ValueError(f"OFFICE_HOURS: expected HH:MM-HH:MM, got {text!r}")
        h1, m1, h2, m2 = (int(part) for part in found.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if m1 > 59 or m2 > 59 or not 0 <= start < end <= 24 * 60:
            raise ValueError(f"OFFICE_HOURS: bad time range {text!r}")
        windows += [Window(day, start, end) for day in days]
    return windows
