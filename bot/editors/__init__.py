"""Editors' tools: keeping the knowledge base true.

`reindex` (the gated reindex: build beside the live index, `gate` compares, switch), `kb` (the
live index and documents due for a check), `gaps` (what learners asked that the knowledge base
could not answer), `uploads` (documents sent to the bot), `desk` (all of it over the running
bot's services) and `commands` (`guidebot ingest`, `kb`, `gaps`, `replay`).
"""
