"""A scheme of another country named as the model of what the learner looks for where they are.

"Czy w Polsce jest coś jak francuskie CPF, czyli indywidualne konto szkoleniowe?" asks what
Poland has, not how the CPF works: the French facts the name finds are no answer there (one may
follow as the model), Poland's own schemes and what the EU says of such accounts in Poland are.
The cue is read in the bot's eight languages (folded: lower case, no accents).
"""

from __future__ import annotations

from bot.guidance.compose.patterns import any_of

FOREIGN_PENALTY = 0.03  # a fact of the model's country, to one asking what their own has

LIKE = any_of(
    r"\b(?:something|anything|a scheme|an account|a thing) (?:like|similar to|comparable to)\b",
    r"\b(?:similar|equivalent|comparable) to\b", r"\ban equivalent\b", r"\bthe equivalent of\b",
    r"\bis there (?:a |an )?\w+ like\b",
    r"\b(?:so ?etwas|sowas|etwas|was) (?:wie|ahnliches wie|vergleichbares wie)\b",
    r"\b(?:ein|eine) (?:art|entsprechung)\b", r"\bvergleichbar\w* mit\b",
    r"\bquelque chose (?:comme|de similaire a|d'equivalent a)\b", r"\bl'equivalent d",
    r"\bun equivalent\b", r"\b(?:un|une) (?:sorte|genre) de\b", r"\bsimilaire a\b",
    r"\biets (?:als|zoals|vergelijkbaars als)\b", r"\bzoiets als\b", r"\bvergelijkbaar met\b",
    r"\bhet equivalent van\b",
    r"\bqualcosa (?:come|di simile a|di equivalente a)\b", r"\bl'equivalente d", r"\bsimile a\b",
    r"\balgo (?:como|parecido al?|similar al?|equivalente al?)\b", r"\bel equivalente d",
    r"\bparecido al?\b",
    r"\bcos (?:jak|takiego jak|podobnego do)\b", r"\bodpowiednik\w*\b", r"\bpodobn\w* do\b",
    r"\balgo (?:como|parecido com|semelhante a|equivalente a)\b", r"\bo equivalente d",
    r"\bsemelhante a\b",
)


def asks_for_alike(folded: str) -> bool:
    """The (folded) message asks for something like a scheme it names."""
    return bool(LIKE.search(folded))
