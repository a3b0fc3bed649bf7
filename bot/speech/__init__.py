"""Speech at the channels' edge: voice notes to text, answers to speech.

The guidance engine stays text-only. A channel that receives audio asks `Speech.transcribe`
for the words and passes them to `Engine.reply` like typed text; a channel that answers aloud
asks `Speech.speak` for an Ogg/Opus voice message. Behind them are two small interfaces
(`bot.speech.types`): a `Transcriber` (faster-whisper with the shipped Whisper base model, or an
OpenAI-compatible transcription endpoint) and a `Voice` (eSpeak NG from its wheel; another engine,
such as Piper with a voice file, plugs in the same way). Models load on first use, never at
start-up; audio is held in memory only and dropped as soon as it is used.
"""
