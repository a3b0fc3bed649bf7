"""The round trip per language: the bot's spoken replies in each of its 8 languages, synthesised
by eSpeak NG as the bot sends them (Ogg/Opus) and transcribed back by the shipped Whisper base.

`python -m bench voice` runs it after the timings. Texts: three replies every learner may hear
aloud (the clarifying question about the country, the handover notice, "no reliable answer"),
from bot/locales. For each, what came back with the language given (as the bot passes the
learner's language) and without (detected), and the word error rate against what was said
(lower-cased, punctuation removed). eSpeak NG's non-English voices are known to be too robotic
for Whisper base: these figures measure that pairing, not recognition of natural speech.
"""

from __future__ import annotations

from typing import Any

from tests.speech_audio import word_error_rate

KEYS = ("clarify_country", "escalate_notice", "no_confident_answer")


def round_trip(whisper: Any) -> dict[str, Any]:
    """Per language: each reply said and heard back, its WER, and the mean WER."""
    from bot.guidance.language import Strings
    from bot.speech.audio import decode, encode_voice
    from bot.speech.espeak import ESpeakVoice
    from bot.speech.speakable import speakable
    from bot.speech.types import SpeechError

    strings = Strings()
    voice = ESpeakVoice()
    languages = frozenset(strings.languages())
    result: dict[str, Any] = {}
    for language in strings.languages():
        rows = []
        for key in KEYS:
            said = speakable(strings.get(key, language))
            audio = decode(encode_voice(voice.synthesize(said, language)), 600)
            row: dict[str, Any] = {"said": said}
            for mode, hint in (("language_given", language), ("detected", None)):
                try:
                    heard = whisper.transcribe(audio, hint, languages)
                    row[mode] = {"heard": heard.text, "language": heard.language,
                                 "wer": round(word_error_rate(said, heard.text), 2)}  # fmt: skip
                except SpeechError as error:
                    row[mode] = {"heard": None, "refused": type(error).__name__, "wer": 1.0}
            rows.append(row)
        result[language] = {
            "mean_wer_language_given": round(
                sum(r["language_given"]["wer"] for r in rows) / len(rows), 2
            ),
            "mean_wer_detected": round(sum(r["detected"]["wer"] for r in rows) / len(rows), 2),
            "replies": rows,
        }
    return result
