"""The metadata every knowledge document carries (front matter or a `<file>.meta.yml` sidecar)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Authority = Literal["law", "government", "agency", "provider", "ngo", "project"]

_COUNTRY = re.compile(r"^([A-Z]{2}|EU|INT)$")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


class DocMeta(BaseModel):
    """Front matter schema, documented for editors in knowledge/README.md."""

    model_config = ConfigDict(extra="allow")

    title: str = Field(min_length=3)
    url: str
    country: str
    region: str | None = None
    topics: list[str] = Field(min_length=1)
    language: str = Field(min_length=2, max_length=5)
    updated: dt.date
    authority: Authority
    volatile: bool = False

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError("must be an http(s) link")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if not _COUNTRY.match(value):
            raise ValueError("must be an ISO 3166 alpha-2 code, EU or INT")
        return value

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if value is not None and not _REGION.match(value):
            raise ValueError("must look like DE-BY or BE-VLG")
        return value


class MetadataError(ValueError):
    """The front matter is missing or does not follow the schema."""


def parse_meta(raw: dict[str, object]) -> DocMeta:
    if not raw:
        raise MetadataError("no front matter (title, url, country, topics, ...)")
    try:
        return DocMeta.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'front matter'}: {err['msg']}"
            for err in exc.errors()
        )
        raise MetadataError(problems) from None
