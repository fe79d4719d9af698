"""The reader's token pattern language and the vocabulary's grids (heel/vocabulary.yml).

A phrase is a tiny token pattern: tokens separated by spaces, `a|b` for
alternatives *of one token*, `[x]` for an optional token, `*` for any one
optional token. `phrase_to_pattern` compiles it to a spaCy Matcher pattern on
the lower-cased text. Alternatives never span several tokens: "wrong
shape|odd angle" means "wrong" then "shape|odd" then "angle"; write two
phrases instead.

A grid is a list of word-list names, e.g. `[body, change, colour]`: every
word of the first list, followed by every word of the second, and so on
(`[name]` makes a list optional, `a+b` joins two lists). Word-list items are plain words or short
phrases ("can't", "between my legs"); they are tokenised as spaCy does
("can't" -> "ca n't", also matching the texted "cant"), the one-token items of a list
are merged into one `a|b|c` token and each multi-token item is a phrase of its own.
"""

import itertools
import re
from collections.abc import Iterable


class VocabularyError(ValueError):
    """The vocabulary file is malformed; the message names the entry."""


def phrase_to_pattern(phrase: str) -> list[dict]:
    """Compile the mini-language to a spaCy Matcher pattern on LOWER."""
    pattern = []
    for token in phrase.split():
        optional = token.startswith("[") and token.endswith("]")
        token = token.strip("[]")
        spec: dict = {} if token == "*" else {"LOWER": {"IN": token.split("|")}}
        if optional or token == "*":
            spec["OP"] = "?"
        pattern.append(spec)
    return pattern


_CLITICS = ("n't", "'s", "'ve", "'m", "'re", "'ll", "'d")
# Spellings of one word: "can't" is also "cant" and "can not" (spaCy splits "cant" into ca + nt,
# "cannot" into can + not), "I've" is also "ive", "I'm" also "im".
_TEXTED = {"n't": "n't|nt|not", "not": "not|n't|nt", "'ve": "'ve|ve", "'m": "'m|m"}
_PUNCT = '.,!?;:()"&+/'


def tokenize(item: str) -> list[str]:
    """Tokens of a word-list item, as the reader's spaCy tokenizer splits them
    ("can't" -> ca n't, "cannot" -> can not, "foot's" -> foot 's)."""
    tokens = []
    for word in re.sub(r"(?<=[a-z])-(?=[a-z])", " ", item.lower().replace("\u2019", "'")).split():
        tail = []
        while len(word) > 1 and word[-1] in _PUNCT:
            tail.insert(0, word[-1])
            word = word[:-1]
        if word == "cannot":
            tokens += ["can", "not"]
        else:
            clitic = next((c for c in _CLITICS if word.endswith(c) and len(word) > len(c)), None)
            tokens += [word[: -len(clitic)], clitic] if clitic else [word]
        tokens += tail
    return tokens


Token = tuple[tuple[str, ...], bool]  # a pattern token: its alternatives, and whether it is optional


def _tokens(phrase: str) -> list[Token]:
    out = []
    for token in phrase.split():
        optional = token == "*" or (token.startswith("[") and token.endswith("]"))
        out.append((tuple(token.strip("[]").split("|")), optional))
    return out


def _phrase(tokens: Iterable[Token]) -> str:
    return " ".join(f"[{'|'.join(a)}]" if o and a != ("*",) else "|".join(a) for a, o in tokens)


def _merge(patterns: Iterable[Iterable[Token]]) -> list[tuple[Token, ...]]:
    """The same phrases in as few patterns as possible, exactly: two patterns of
    the same length that differ in one position only become one, with the
    alternatives of both there (optional if either was)."""
    patterns = list(dict.fromkeys(tuple(p) for p in patterns))
    changed = True
    while changed:
        changed = False
        for i in range(max((len(p) for p in patterns), default=0)):
            merged: dict[tuple, tuple[Token, ...]] = {}
            for n, p in enumerate(patterns):
                if i >= len(p) or p[i][0] == ("*",):
                    merged[("as is", n)] = p
                    continue
                key = (len(p), tuple((frozenset(a), o) if j != i else None for j, (a, o) in enumerate(p)))
                if key in merged:
                    q = merged[key]
                    alternatives = q[i][0] + tuple(a for a in p[i][0] if a not in q[i][0])
                    merged[key] = q[:i] + ((alternatives, q[i][1] or p[i][1]),) + q[i + 1 :]
                    changed = True
                else:
                    merged[key] = p
            patterns = list(merged.values())
    return patterns


def _slot(items: tuple[str, ...], optional: bool) -> list[list[Token]]:
    """The variants (token lists) a grid slot can take."""
    variants = []
    for pattern in _merge([[((t,), False) for t in tokenize(item)] for item in items]):
        variants.append(
            [
                (tuple(dict.fromkeys(x for a in alts for x in _TEXTED.get(a, a).split("|"))), False)
                for alts, _ in pattern
            ]
        )
    if optional:
        singles = [v for v in variants if len(v) == 1]
        if singles:
            singles[0][0] = (singles[0][0][0], True)
        else:
            variants.append([])
    return variants


def _names(slot) -> tuple[list[str], bool]:
    """A grid slot's word-list names and whether it is optional: `a`, `a+b`, `[a]`."""
    optional = isinstance(slot, list)
    if optional and len(slot) != 1:
        raise VocabularyError(f"an optional slot is one name in brackets, got {slot!r}")
    name = str(slot[0] if optional else slot)
    return [n.strip() for n in name.split("+")], optional


def expand_grid(grid: Iterable, words: dict[str, tuple[str, ...]]) -> list[str]:
    """The phrases of a grid: one per combination of its slots' variants, merged."""
    slots = []
    for slot in grid:
        names, optional = _names(slot)
        slots.append(_slot(tuple(dict.fromkeys(w for n in names for w in words[n])), optional))
    combinations = [[t for variant in combination for t in variant] for combination in itertools.product(*slots)]
    return [_phrase(p) for p in _merge(c for c in combinations if c and not all(o for _, o in c))]


def check_phrase(phrase: str, where: str) -> None:
    tokens = phrase.split()
    if not tokens or all(t.startswith("[") or t == "*" for t in tokens):
        raise VocabularyError(f"{where}: phrase {phrase!r} has no required word")
    for token in tokens:
        bare = token[1:-1] if token.startswith("[") and token.endswith("]") else token
        if not bare or "[" in bare or "]" in bare or "" in bare.split("|"):
            raise VocabularyError(f"{where}: phrase {phrase!r}: malformed token {token!r}")
        for word in bare.split("|"):
            if ("'" in word and not word.startswith("'") and word != "n't") or word.lower() != word:
                raise VocabularyError(
                    f"{where}: phrase {phrase!r}: {word!r} never matches a spaCy token "
                    f"(lower case; split clitics: ca n't, foot 's)"
                )
