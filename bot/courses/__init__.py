"""The course catalogue and the course finder: topic, place, distance, schedule, cost, funding.

- `catalogue`: the catalogue's schema and the importer (CSV or JSON lines, bad rows reported);
- `geo`: towns to coordinates from the offline gazetteer, distances, "did you mean";
- `cues`: what a learner's message asks for (pure parsing, many languages);
- `query`: the resolved search, kept as JSON between turns;
- `search`: filtering and ranking over numpy arrays;
- `vectors`: course vectors for the semantic match, cached on disk;
- `texts`: the finder's localised texts and card lines; `replies`: the `Reply` values;
- `finder`: `CourseFinder`, which the engine and the channels call.

Nothing here imports `telegram`; the engine hook and the channels render `Reply.courses`.
"""
