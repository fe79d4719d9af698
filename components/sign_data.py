"""What the statistical reader learns from and how it prepares text: the paraphrase
corpus files, the NLU examples as ordinary messages, normalising and negation marking
(components/sign_classifier.py)."""

import hashlib
import re
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple, Union

RULES = ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9")
NONE = "none"
# The training part (author A) and the development parts (authors C, D, E, F, G): never the held-out part.
DEFAULT_CORPUS: Tuple[str, ...] = (
    "corpus/train/signs.yml",
    "corpus/dev/signs.yml",
    "corpus/dev2/signs.yml",
    "corpus/dev3/signs.yml",
    "corpus/dev4/signs.yml",
    "corpus/dev5/signs.yml",
)
CorpusPaths = Union[str, Path, Sequence[Union[str, Path]]]


def corpus_paths(corpus: CorpusPaths) -> List[Path]:
    """One corpus file, or several (a list in config.yml)."""
    return [Path(corpus)] if isinstance(corpus, (str, Path)) else [Path(p) for p in corpus]


SIGN_INTENT = re.compile(r"warning|red_?flag|emergency|urgent", re.IGNORECASE)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})
_REPEATS = re.compile(r"(.)\1{2,}")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, characters repeated 3+ times cut to 2 ("sooo" -> "soo")."""
    text = text.translate(_APOSTROPHES).lower()
    text = _REPEATS.sub(r"\1\1", text)
    return _SPACES.sub(" ", text).strip()


_NEGATION_CUE = re.compile(
    r"^(?:no|not|never|without|nothing|neither|nor|none|nobody|cannot|cant|dont|doesnt|"
    r"didnt|isnt|wasnt|arent|havent|hasnt|wont|aint|nah|nope|.*n't)$"
)
_SCOPE_END = re.compile(r"^(?:but|and|though|tho|although|however|except|just|only|yet|so|because|cos|since)$")
_WORD = re.compile(r"\w+(?:'\w+)?|[.,;:!?()]")


def mark_negation(text: str) -> str:
    """`normalise`, then words in the scope of a negation cue ("no", "not", "n't"...)
    also appear prefixed with "neg_", up to punctuation or a conjunction:
    "no fever, but red" -> "no fever neg_fever , but red"."""
    out, negated = [], False
    for token in _WORD.findall(normalise(text)):
        if not token[0].isalnum() or _SCOPE_END.match(token):
            negated = False
            out.append(token)
        elif _NEGATION_CUE.match(token):
            negated = True
            out.append(token)
        else:
            out.append(f"{token} neg_{token}" if negated else token)
    return " ".join(out)


# -- data ---------------------------------------------------------------------
def load_items(corpus: CorpusPaths = DEFAULT_CORPUS) -> List[Dict[str, Any]]:
    """The items of one or several signs corpus files (see corpus/README.md)."""
    import yaml

    items = []
    for path in corpus_paths(corpus):
        with open(path, encoding="utf-8") as f:
            items += yaml.safe_load(f) or []
    for item in items:
        item["text"] = str(item["text"])
        item["sign"] = str(item["sign"])
    return items


def training_examples(corpus: CorpusPaths = DEFAULT_CORPUS) -> Tuple[List[str], List[str]]:
    """(texts, labels) of signs corpus files; labels are "R1".."R9" or "none"."""
    items = load_items(corpus)
    return [i["text"] for i in items], [i["sign"] for i in items]


_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")


def nlu_negatives(nlu_path: Union[str, Path] = "data/nlu") -> List[str]:
    """Examples of Rasa NLU files (a file or a folder of *.yml) whose intent is not
    about warning signs: negatives for augmentation."""
    import yaml

    path = Path(nlu_path)
    files = sorted(path.glob("*.yml")) + sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    texts = []
    for file in files:
        with open(file, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        for block in data.get("nlu") or []:
            intent = block.get("intent")
            if not intent or SIGN_INTENT.search(intent):
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.append(_ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", line[2:]).strip())
    return [t for t in texts if t]


def file_digest(*paths: Union[str, Path]) -> str:
    """SHA-256 of files' contents (a missing file counts as empty)."""
    h = hashlib.sha256()
    for p in paths:
        p = Path(p)
        h.update(str(p).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


# -- model --------------------------------------------------------------------
