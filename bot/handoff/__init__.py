"""Counsellor handoff: cases, their lifecycle and queue, relay between learner and counsellor.

Independent of Telegram. `cases` holds the lifecycle as plain async functions over a `Desk`
(open, claim, close, return to the bot, relay, notes, ratings, reminders, forgetting);
`outbox` delivers what they stored through a transport the channel supplies; `card` renders
what counsellors read; `hours` knows the office hours; `summary` sums a conversation up;
`repository` is the SQL; `export` serves `guidebot cases`.

Every message the handoff sends is stored first (the outbox) and marked sent once the transport
confirms it, so a crash or a Telegram error delays a message but does not lose it; relayed
messages are recorded under their source (chat, message) id, so an update delivered twice is
relayed once.
"""
