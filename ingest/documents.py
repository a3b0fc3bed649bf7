"""Loaders per format and heading-aware chunking.

Every format becomes a list of `Block`s (a heading path plus one self-contained unit of text: a
bullet, a paragraph or a table row), then one `Chunk` per block. Each chunk's embedded text starts
with the document title and heading path, so a chunk read alone still says what it is about.

Every loader reads within the `Limits` its caller gives (`ingest.limits`: expanded size, pages,
element depth, extracted text) and checks that the content is the format its name says.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ingest.limits import (  # noqa: F401 - LoadError, LimitExceeded: public here
    LimitExceeded,
    Limits,
    LoadError,
    TextBudget,
    check_file,
    check_html_depth,
    check_zip,
)
from ingest.schema import DocMeta, MetadataError, parse_meta

SUPPORTED = {".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".txt"}
MARKDOWN = {".md", ".markdown"}
MAX_BLOCK_CHARS = 700
# Bump when chunk text or metadata change shape: an index built by another version is rebuilt.
# 5: rows read in the worker process are rows again; 6: each piece of a long block keeps the
# block's kind (a long "Also called" line's second piece was a fact, quotable in replies)
CHUNKER_VERSION = 6
# Conventions of the knowledge base (knowledge/README.md): "Also called: ..." lines list names
# and phrasings that help search in other languages and are never quoted; "In short: ..."
# paragraphs summarise a document.
ALIAS_PREFIXES = ("also called", "also known as", "search terms")
SUMMARY_PREFIXES = ("in short",)


# A document for several countries (country EU or INT) gives each country its own section,
# headed by the country's name ("## France: CPF", "## Belgium, Flanders: VOV"): the chunks of
# such a section belong to that country, so a learner in France is not answered with Belgian rules.
SECTION_COUNTRIES = {
    "austria": "AT", "belgium": "BE", "bulgaria": "BG", "croatia": "HR", "cyprus": "CY",
    "czechia": "CZ", "denmark": "DK", "estonia": "EE", "finland": "FI", "france": "FR",
    "germany": "DE", "greece": "EL", "hungary": "HU", "ireland": "IE", "italy": "IT",
    "latvia": "LV", "lithuania": "LT", "luxembourg": "LU", "malta": "MT", "netherlands": "NL",
    "poland": "PL", "portugal": "PT", "romania": "RO", "slovakia": "SK", "slovenia": "SI",
    "spain": "ES", "sweden": "SE", "singapore": "SG",
}  # fmt: skip
_SECTION_COUNTRY = re.compile(
    r"^(?:the )?(" + "|".join(SECTION_COUNTRIES) + r")\b(?=\s*[:,(—–-])", re.IGNORECASE
)


def section_country(headings: tuple[str, ...]) -> str | None:
    """The country a section of a multi-country document is about, from its nearest heading."""
    for heading in reversed(headings):
        if found := _SECTION_COUNTRY.match(heading.strip()):
            return SECTION_COUNTRIES[found.group(1).lower()]
    return None


def block_kind(body: str, *, row: bool = False) -> str:
    """alias | summary | row | fact: how answers may use a chunk (a row is one line of a table,
    "Header: value; Header: value", which replies turn into a sentence)."""
    if row:
        return "row"
    folded = body.casefold()
    if folded.startswith(ALIAS_PREFIXES):
        return "alias"
    if folded.startswith(SUMMARY_PREFIXES):
        return "summary"
    return "fact"


@dataclass(frozen=True, slots=True)
class Block:
    headings: tuple[str, ...]
    text: str
    row: bool = False  # one row of a table, as "Header: value; Header: value"


@dataclass(frozen=True, slots=True)
class Chunk:
    id: str
    text: str  # what is embedded and searched: title › headings: body
    body: str  # the unit itself, quoted in answers
    metadata: dict[str, str | int | bool]


@dataclass(frozen=True, slots=True)
class LoadedDoc:
    meta: DocMeta
    blocks: list[Block]


# --- Markdown --------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


def _clean_inline(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\((https?://[^)]+)\)", r"\1 (\2)", text)
    return re.sub(r"\s+", " ", text).strip()


def _table_rows(lines: list[str]) -> list[str]:
    cells = [[_clean_inline(c) for c in line.strip().strip("|").split("|")] for line in lines]
    header, rows = (
        cells[0],
        [r for r, line in zip(cells, lines, strict=True) if not _TABLE_RULE.match(line)][1:],
    )
    out = []
    for row in rows:
        pairs = [f"{h}: {v}" for h, v in zip(header, row, strict=False) if v and v != "—"]
        out.append("; ".join(pairs))
    return [r for r in out if r]


def markdown_blocks(text: str) -> list[Block]:
    """Split Markdown into headed units: bullets, paragraphs and table rows."""
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    current: list[str] = []
    table: list[str] = []
    in_fence = False

    def headings() -> tuple[str, ...]:
        return tuple(title for _, title in path)

    def flush() -> None:
        if current:
            blocks.append(Block(headings(), _clean_inline(" ".join(current))))
            current.clear()
        if table:
            blocks.extend(Block(headings(), row, row=True) for row in _table_rows(table))
            table.clear()

    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if heading := _HEADING.match(line):
            flush()
            level = len(heading.group(1))
            path = [(lvl, title) for lvl, title in path if lvl < level]
            path.append((level, _clean_inline(heading.group(2))))
        elif line.strip().startswith("|"):
            if current:
                flush()
            table.append(line)
        elif bullet := _BULLET.match(line):
            flush()
            current.append(bullet.group(1))
        elif not line.strip():
            flush()
        elif table:
            flush()
            current.append(line.strip())
        else:
            current.append(line.strip())
    flush()
    return [b for b in blocks if b.text]


# --- Other formats -----------------------------------------------------------------------------


def _paragraph_blocks(text: str, headings: tuple[str, ...] = ()) -> list[Block]:
    paragraphs = re.split(r"\n\s*\n", text)
    return [Block(headings, p) for p in (re.sub(r"\s+", " ", p).strip() for p in paragraphs) if p]


def _sidecar_meta(path: Path) -> dict[str, object]:
    sidecar = path.with_name(path.name + ".meta.yml")
    if not sidecar.exists():
        raise MetadataError(f"no metadata: add {sidecar.name} with title, url, country, ...")
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise MetadataError(f"{sidecar.name} is not a YAML mapping")
    return data


def _text(path: Path, limits: Limits) -> str:
    """A text file's content (UTF-8), within the text limit."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LoadError("not valid UTF-8 text", "not_utf8") from None
    return TextBudget(limits).take(text)


def _html_text(path: Path, limits: Limits) -> str:
    import trafilatura

    raw = path.read_bytes()
    try:
        html = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LoadError("not valid UTF-8 text", "not_utf8") from None
    check_html_depth(raw, limits)
    text = trafilatura.extract(
        html, output_format="markdown", include_tables=True, include_links=False, favor_recall=True
    )
    if not text:
        raise LoadError("no readable text in the HTML", "no_text")
    return TextBudget(limits).take(text)


def _page_count(reader: Any, limits: Limits) -> int:
    """The PDF's pages, counted through its page tree (its /Count may lie) up to the limit."""
    root = reader.trailer["/Root"].get_object()["/Pages"].get_object()
    declared = root.get("/Count")
    if isinstance(declared, int) and declared > limits.pages:
        raise LimitExceeded("pages", declared, limits.pages)
    pages, stack, seen = 0, [root], set()
    while stack:
        node = stack.pop()
        kids = node.get("/Kids")
        if kids is None:
            pages += 1
            if pages > limits.pages:
                raise LimitExceeded("pages", None, limits.pages)
            continue
        if id(node) in seen:  # a page tree that contains itself
            raise LoadError("the PDF's page tree loops", "unreadable")
        seen.add(id(node))
        stack.extend(kid.get_object() for kid in reversed(kids.get_object()))
    return pages


def _pdf_blocks(path: Path, limits: Limits) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with path.open("rb") as file:
        if b"%PDF-" not in file.read(1024):
            raise LoadError("not a PDF (its content does not start like one)", "not_pdf")
    budget = TextBudget(limits)
    try:
        reader = PdfReader(path)
        _page_count(reader, limits)
        blocks: list[Block] = []
        for number, page in enumerate(reader.pages, start=1):
            text = budget.take(page.extract_text() or "")
            blocks += _paragraph_blocks(text, (f"page {number}",))
    except (PdfReadError, ValueError, KeyError, AttributeError, TypeError, OSError) as exc:
        raise LoadError(f"unreadable PDF: {exc}", "unreadable", str(exc)) from None
    if not blocks:
        raise LoadError(
            "the PDF has no extractable text (scanned images need OCR first)", "no_text"
        )
    return blocks


def _docx_blocks(path: Path, limits: Limits) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise LoadError("not a DOCX document (not a zip archive)", "not_docx")
    check_zip(path, limits)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise LoadError(f"not a readable DOCX document: {exc}", "not_docx", str(exc)) from None
    budget = TextBudget(limits)
    blocks: list[Block] = []
    path_titles: list[tuple[int, str]] = []
    for para in document.paragraphs:
        text = budget.take(para.text.strip())
        style = (para.style.name if para.style is not None else "") or ""
        if not text:
            continue
        if style.startswith("Heading") or style == "Title":
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
            path_titles = [(lvl, t) for lvl, t in path_titles if lvl < level] + [(level, text)]
            continue
        blocks.append(Block(tuple(t for _, t in path_titles), re.sub(r"\s+", " ", text)))
    for table in document.tables:
        rows = [[budget.take(cell.text.strip()) for cell in row.cells] for row in table.rows]
        if len(rows) > 1:
            header = rows[0]
            for row in rows[1:]:
                pairs = [f"{h}: {v}" for h, v in zip(header, row, strict=False) if v]
                if pairs:
                    headings = tuple(t for _, t in path_titles)
                    blocks.append(Block(headings, "; ".join(pairs), row=True))
    return blocks


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document's text before its metadata is checked: the front matter and body of a
    Markdown file (None for other formats), and the blocks."""

    front_matter: dict[str, Any] | None
    body: str | None
    blocks: list[Block]


def extract(path: Path, limits: Limits) -> Extracted:
    """Read one file of any supported format within `limits`, without checking metadata."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"unsupported format {suffix or '(none)'}", "unsupported")
    check_file(path, limits)
    try:
        if suffix in MARKDOWN:
            post = frontmatter.loads(_text(path, limits))
            return Extracted(dict(post.metadata), post.content, markdown_blocks(post.content))
        if suffix in {".html", ".htm"}:
            blocks = markdown_blocks(_html_text(path, limits))
        elif suffix == ".pdf":
            blocks = _pdf_blocks(path, limits)
        elif suffix == ".docx":
            blocks = _docx_blocks(path, limits)
        else:
            blocks = _paragraph_blocks(_text(path, limits))
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0]
        raise LoadError(f"broken YAML front matter: {reason}", "front_matter", reason) from None
    except RecursionError:
        raise LoadError("nested too deeply to read", "unreadable") from None
    return Extracted(None, None, blocks)


def load_document(path: Path, limits: Limits) -> LoadedDoc:
    """Read one file of any supported format into metadata and blocks, within `limits`."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"unsupported format {suffix or '(none)'}", "unsupported")
    try:
        if suffix in MARKDOWN:
            extracted = extract(path, limits)
            return LoadedDoc(parse_meta(extracted.front_matter or {}), extracted.blocks)
        meta = parse_meta(_sidecar_meta(path))  # first: a file without metadata is not read
        return LoadedDoc(meta, extract(path, limits).blocks)
    except yaml.YAMLError as exc:  # the sidecar
        reason = str(exc).splitlines()[0]
        raise LoadError(f"broken YAML metadata: {reason}", "front_matter", reason) from None
    except MetadataError as exc:
        raise LoadError(f"front matter: {exc}", "metadata", str(exc)) from None


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_BLOCK_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        if current and len(current) + len(sentence) + 1 > MAX_BLOCK_CHARS:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        parts.append(current)
    return parts


def chunk_document(source: str, doc: LoadedDoc) -> list[Chunk]:
    """One chunk per block; metadata of the document carried onto every chunk."""
    meta = doc.meta
    base: dict[str, str | int | bool] = {
        "source": source,
        "title": meta.title,
        "url": meta.url,
        "country": meta.country,
        "region": meta.region or "",
        "topics": ",".join(meta.topics),
        "language": meta.language,
        "updated": meta.updated.isoformat(),
        "authority": meta.authority,
        "volatile": meta.volatile,
    }
    chunks: list[Chunk] = []
    multi_country = meta.country in ("EU", "INT")
    for block in doc.blocks:
        country = section_country(block.headings) if multi_country else None
        kind = block_kind(block.text, row=block.row)
        for body in _split_long(block.text):
            heading_path = " › ".join(block.headings)
            context = f"{meta.title} › {heading_path}" if heading_path else meta.title
            text = f"{context}: {body}"
            order = len(chunks)
            digest = hashlib.sha256(f"{source}\n{order}\n{text}".encode()).hexdigest()[:16]
            chunks.append(
                Chunk(
                    id=digest,
                    text=text,
                    body=body,
                    metadata={
                        **base,
                        "country": country or meta.country,
                        "headings": heading_path,
                        "section": f"{source}#{heading_path}",
                        "order": order,
                        "body": body,
                        "kind": kind,
                    },
                )
            )
    return chunks
