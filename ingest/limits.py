"""What reading one document may cost, and the checks that keep a document within it.

A small file can grow enormously once read: a .docx is a zip whose members may inflate to
gigabytes, its XML may declare entities that expand a few bytes into billions of characters, a
PDF may hold 100,000 pages, an HTML file may nest a million elements. `Limits` bounds how far a
document may expand (each zip member and all of them together, read from the zip's central
directory before anything is decompressed), how many pages and how deep an element tree it may
have, and how much text may come out of it. The loaders of `ingest.documents` apply them to every
format, for editors' uploads and for the knowledge folder alike; the values come from the
caller (the bot's settings), never from here.

A document over a limit raises `LimitExceeded`: which limit, the value found (when known) and the
maximum, so a caller can explain it in the reader's language. Other problems raise `LoadError`
with a `reason` code for the same purpose; its message is English, for logs and the command line.

XML parts of a .docx are read with expat before python-docx sees them: a document type
declaration (DTD) is refused, since Word never writes one and it is where entities are declared
(internal ones for entity expansion, external ones for reading local files), and element depth
is counted. This is what defusedxml does for the standard library's parsers, in a few lines and
without a dependency. python-docx parses with lxml and `resolve_entities=False`, and libxml2
refuses excessive entity amplification on its own; the check here depends on neither.
"""

from __future__ import annotations

import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

MB = 1024 * 1024
XML_PART_SUFFIXES = (".xml", ".rels")
_READ = 64 * 1024


class LoadError(Exception):
    """A file could not be read or parsed; the message says why (in English).

    `reason` names the problem for callers that explain it in another language: unsupported,
    empty, not_pdf, not_docx, not_utf8, dtd, unreadable, no_text, metadata, front_matter, limit,
    crashed; `detail` is the parser's own words, if any.
    """

    def __init__(self, message: str, reason: str = "unreadable", detail: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.detail = detail

    def as_dict(self) -> dict[str, Any]:
        return {"message": str(self), "reason": self.reason, "detail": self.detail}


# The limits by name, and how each reads in English (found, maximum: numbers or MB; part: the
# zip member or XML part concerned).
_ENGLISH = {
    "file_bytes": "the file is {found} MB; the limit is {maximum} MB",
    "expanded_bytes": "unpacked, it would take {found} MB; the limit is {maximum} MB",
    "member_bytes": "unpacked, its part {part} would take {found} MB; the limit is {maximum} MB",
    "zip_members": "it holds {found} parts; the limit is {maximum}",
    "pages": "it has {found} pages; the limit is {maximum}",
    "depth": "its elements are nested more than {maximum} levels deep",
    "text_chars": "it holds more than {maximum} characters of text",
    "seconds": "reading it took longer than {maximum} seconds",
    "memory_bytes": "reading it needed more than {maximum} MB of memory",
}
SIZES = {"file_bytes", "expanded_bytes", "member_bytes", "memory_bytes"}


class LimitExceeded(LoadError):
    """A document over one of the `Limits` (or the worker's time and memory bounds)."""

    def __init__(self, limit: str, found: int | None, maximum: float, part: str = "") -> None:
        self.limit, self.found, self.maximum, self.part = limit, found, maximum, part

        def shown(value: float | None) -> str:
            if value is None:
                return "?"
            return f"{value / MB:.1f}" if limit in SIZES else f"{value:g}"

        message = _ENGLISH[limit].format(
            found=shown(found), maximum=shown(maximum), part=part or "?"
        )
        super().__init__(message + (f" (in {part})" if part and limit == "depth" else ""), "limit")

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "limit": self.limit, "found": self.found,
                "maximum": self.maximum, "part": self.part}  # fmt: skip


def error_from_dict(data: dict[str, Any]) -> LoadError:
    """The error `as_dict` described (from a worker process)."""
    if data.get("reason") == "limit":
        return LimitExceeded(
            str(data["limit"]), data.get("found"), data["maximum"], str(data.get("part", ""))
        )
    return LoadError(str(data["message"]), str(data["reason"]), str(data.get("detail", "")))


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one document may cost to read (the bot's settings give the values)."""

    file_bytes: int  # the file as stored
    expanded_bytes: int  # all members of a zip (.docx) together, unpacked
    member_bytes: int  # one member of a zip, unpacked
    zip_members: int  # members of a zip
    pages: int  # pages of a PDF
    depth: int  # element nesting of HTML and XML
    text_chars: int  # text extracted from one document

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def check_file(path: Path, limits: Limits) -> int:
    """The file's size, once it is known not to be empty nor over `file_bytes`."""
    size = path.stat().st_size
    if size == 0:
        raise LoadError("the file is empty", "empty")
    if size > limits.file_bytes:
        raise LimitExceeded("file_bytes", size, limits.file_bytes)
    return size


def check_zip(path: Path, limits: Limits) -> None:
    """Check a zip's members against the limits from its central directory (nothing is
    decompressed), then read its XML parts with `check_xml`.

    Python's zipfile never returns more bytes for a member than the directory declares (a
    member that inflates further fails its CRC check), so the declared sizes bound the work.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > limits.zip_members:
                raise LimitExceeded("zip_members", len(members), limits.zip_members)
            total = 0
            for member in members:
                if member.file_size > limits.member_bytes:
                    raise LimitExceeded(
                        "member_bytes", member.file_size, limits.member_bytes, member.filename
                    )
                total += member.file_size
            if total > limits.expanded_bytes:
                raise LimitExceeded("expanded_bytes", total, limits.expanded_bytes)
            for member in members:
                if member.filename.lower().endswith(XML_PART_SUFFIXES):
                    with archive.open(member) as stream:
                        check_xml(stream, limits, member.filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
        raise LoadError(f"not a readable zip archive: {exc}", "not_docx", str(exc)) from None


def check_xml(stream: IO[bytes], limits: Limits, part: str) -> None:
    """Read one XML part with expat: refuse a DTD, count element depth."""
    parser = expat.ParserCreate()
    depth = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > limits.depth:
            raise LimitExceeded("depth", None, limits.depth, part)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*_: object) -> None:
        raise LoadError(
            f"{part} declares a document type (DTD), which Word documents never do: such "
            "declarations are how entity-expansion and external-entity attacks work",
            "dtd",
            part,
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        while chunk := stream.read(_READ):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise LoadError(f"{part} is not well-formed XML: {exc}", "unreadable", str(exc)) from None


def check_html_depth(html: bytes, limits: Limits) -> None:
    """Refuse HTML nested deeper than `limits.depth` (libxml2, which the HTML reader uses,
    stops at 256 levels and silently drops what lies deeper)."""
    import io

    from lxml import etree

    depth = 0
    try:
        for event, element in etree.iterparse(
            io.BytesIO(html), events=("start", "end"), html=True, huge_tree=False
        ):
            if event == "start":
                depth += 1
                if depth > limits.depth:
                    raise LimitExceeded("depth", None, limits.depth)
            else:
                depth -= 1
                element.clear()
    except etree.XMLSyntaxError as exc:  # nothing to parse at all
        raise LoadError(f"unreadable HTML: {exc}", "no_text", str(exc)) from None


class TextBudget:
    """Counts the text taken out of a document against `limits.text_chars`."""

    def __init__(self, limits: Limits) -> None:
        self.maximum = limits.text_chars
        self.used = 0

    def take(self, text: str) -> str:
        self.used += len(text)
        if self.used > self.maximum:
            raise LimitExceeded("text_chars", None, self.maximum)
        return text
