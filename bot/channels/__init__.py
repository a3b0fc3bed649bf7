"""Channels: the ways learners reach the guidance engine (Telegram, terminal).

Each channel turns its own updates into `reply(message, profile, history)` calls and renders the
`Reply` it gets back; none of them holds guidance logic.
"""
