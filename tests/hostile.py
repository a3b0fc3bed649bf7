"""Hostile documents, generated in a fraction of a second and never stored in the repository:
zip bombs and entity expansion inside a .docx, PDFs of many pages or with one endless page,
deeply nested HTML."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx

MB = 1024 * 1024
_BODY = b"<w:body>"


def word_docx(text: str) -> bytes:
    """An ordinary .docx: a heading and one paragraph of `text`."""
    return _zip(dict(_docx_parts(text)))


def _docx_parts(text: str = "Validation of prior learning has four stages.") -> dict[str, bytes]:
    document = docx.Document()
    document.add_heading("Validation", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class _Member:
    """One deflated zip member: `head` + `chunk` × `repeat` + `tail`, compressed without ever
    holding the whole: after a full flush deflate starts afresh, so every copy of `chunk`
    compresses to the same bytes, and a gigabyte costs one megabyte's work (and its CRC)."""

    def __init__(self, head: bytes, chunk: bytes = b"", repeat: int = 0, tail: bytes = b""):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
        middle = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        end = compressor.compress(tail) + compressor.flush()
        self.data = start + middle * repeat + end
        crc = zlib.crc32(head)
        for _ in range(repeat):
            crc = zlib.crc32(chunk, crc)
        self.crc = zlib.crc32(tail, crc)
        self.size = len(head) + len(chunk) * repeat + len(tail)


def _zip(parts: dict[str, bytes | _Member]) -> bytes:
    """A zip archive (deflated members, written by hand so a member may be a `_Member`)."""
    out, directory = bytearray(), bytearray()
    for name, part in parts.items():
        member = part if isinstance(part, _Member) else _Member(part)
        encoded = name.encode()
        fields = struct.pack(
            "<HHHHHIIIHH",
            20,
            0,
            8,
            0,
            0x21,
            member.crc,
            len(member.data),
            member.size,
            len(encoded),
            0,
        )
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        directory += struct.pack("<HHHII", 0, 0, 0, 0, len(out)) + encoded
        out += b"PK\x03\x04" + fields + encoded + member.data
    end = struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(directory), len(out), 0)
    return bytes(out + directory + b"PK\x05\x06" + end)


def zip_bomb_docx(expanded_mb: int = 1024) -> bytes:
    """A real .docx whose main part, word/document.xml, unpacks to `expanded_mb` MB of XML
    (whitespace inside the body; about a thousandth of that compressed): python-docx would
    read all of it into memory and parse it."""
    parts: dict[str, bytes | _Member] = dict(_docx_parts())
    head, tail = bytes(parts["word/document.xml"]).split(_BODY, 1)  # type: ignore[arg-type]
    parts["word/document.xml"] = _Member(head + _BODY, b" " * MB, expanded_mb, tail)
    return _zip(parts)


def many_parts_docx(parts: int, part_mb: int) -> bytes:
    """A .docx with `parts` extra parts of `part_mb` MB each, every one under a per-part limit
    but together over the total."""
    files: dict[str, bytes | _Member] = dict(_docx_parts())
    for number in range(parts):
        files[f"customXml/item{number}.bin"] = _Member(b"", bytes(MB), part_mb)
    return _zip(files)


def entity_expansion_docx(levels: int = 9, fanout: int = 10) -> bytes:
    """A .docx whose word/document.xml declares nested entities ("billion laughs"): the last
    one expands to `fanout ** levels` copies of "lol"."""
    parts = _docx_parts("PLACEHOLDER")
    declarations = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * fanout}">' for n in range(1, levels + 1)
    )
    xml = parts["word/document.xml"].decode()
    head, rest = xml.split("?>", 1)
    xml = f"{head}?><!DOCTYPE w:document [{declarations}]>{rest}"
    parts["word/document.xml"] = xml.replace("PLACEHOLDER", f"&lol{levels};").encode()
    return _zip(parts)


def external_entity_docx(target: str = "/etc/passwd") -> bytes:
    """A .docx whose document.xml pulls a local file in through an external entity."""
    parts = _docx_parts("PLACEHOLDER")
    xml = parts["word/document.xml"].decode()
    head, rest = xml.split("?>", 1)
    xml = f'{head}?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{target}">]>{rest}'
    parts["word/document.xml"] = xml.replace("PLACEHOLDER", "&x;").encode()
    return _zip(parts)


def deep_xml_docx(depth: int) -> bytes:
    """A .docx whose document body nests `depth` elements (unknown to Word, still XML)."""
    parts = _docx_parts()
    xml = parts["word/document.xml"].decode()
    nested = "<w:customXml>" * depth + "</w:customXml>" * depth
    parts["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + nested, 1).encode()
    return _zip(parts)


def many_pages_pdf(pages: int, declared: int | None = None, *, compact: bool = False) -> bytes:
    """A valid PDF of `pages` blank pages (about 70 bytes a page, as PDF writers lay them out;
    `compact`: all objects in one compressed object stream, about 10 bytes a page). `declared`:
    the page count the page tree claims (it may lie), `pages` by default."""
    kids = b" ".join(b"%d 0 R" % (n + 3) for n in range(pages))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Count %d/Kids[%s]>>" % (declared if declared is not None else pages, kids),
        *[b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>"] * pages,
    ]
    return _object_stream_pdf(objects) if compact else classic_pdf(objects)


def classic_pdf(objects: list[bytes]) -> bytes:
    """A PDF of objects 1..n (the first is the catalogue) with a cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def endless_page_pdf(operations: int = 5_000_000) -> bytes:
    """A one-page PDF whose content stream shows `operations` short strings (about 8 bytes
    each, compressed to almost nothing): text extraction grinds through all of them."""
    content = b"BT /F1 12 Tf 72 720 Td " + b"(lol) Tj " * operations + b"ET"
    packed = zlib.compress(content, 9)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Count 1/Kids[3 0 R]>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 5 0 R"
        b"/Resources<</Font<</F1 4 0 R>>>>>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    stream = b"<</Length %d/Filter/FlateDecode>>stream\n" % len(packed) + packed + b"\nendstream"
    return _object_stream_pdf(objects, streams=(stream,))


def _object_stream_pdf(objects: list[bytes], streams: tuple[bytes, ...] = ()) -> bytes:
    """Objects 1..n in an object stream; `streams` (which cannot live in one) follow as plain
    objects n+1..; then the object stream and a cross-reference stream."""
    header, offset = [], 0
    for number, body in enumerate(objects, start=1):
        header.append(b"%d %d" % (number, offset))
        offset += len(body) + 1
    first = b" ".join(header) + b"\n"
    packed = zlib.compress(first + b"\n".join(objects) + b"\n", 9)
    out = bytearray(b"%PDF-1.7\n")
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    stream_number = len(objects) + len(streams) + 1
    rows += [struct.pack(">BIH", 2, stream_number, index) for index in range(len(objects))]
    for number, body in enumerate(streams, start=len(objects) + 1):
        rows.append(struct.pack(">BIH", 1, len(out), 0))
        out += b"%d 0 obj" % number + body + b"\nendobj\n"
    rows.append(struct.pack(">BIH", 1, len(out), 0))
    out += b"%d 0 obj<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n" % (
        stream_number,
        len(objects),
        len(first),
        len(packed),
    )
    out += packed + b"\nendstream\nendobj\n"
    xref_number = stream_number + 1
    rows.append(struct.pack(">BIH", 1, len(out), 0))
    table = zlib.compress(b"".join(rows))
    xref_at = len(out)
    out += b"%d 0 obj<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length %d>>" % (
        xref_number,
        xref_number + 1,
        len(table),
    )
    out += b"stream\n" + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def nested_html(depth: int, tag: str = "div") -> bytes:
    """An HTML page that opens `depth` elements inside each other, with text at the bottom."""
    return (
        b"<html><head><title>Deep</title></head><body>"
        + f"<{tag}>".encode() * depth
        + b"<p>Validation of prior learning has four stages in every EU country.</p>"
        + f"</{tag}>".encode() * depth
        + b"</body></html>"
    )
