"""Is a message clearly not English? Conservative on purpose.

The assistant only understands English. A message in another language or
script gets "I only speak English for now" instead of a confusing
"I didn't understand". Refusing an English message would be far worse (a
warning sign could go unheard), so a message is refused only when:

- it has no English word at all: no word of the clinical lexicon
  (heel/lexicon.py) and no frequent English word (below), leaving out
  words that are just as common in other European languages ("a", "me",
  "no", "is", "in", "will"...); and
- either most of its letters are not Latin (Cyrillic, Arabic, Chinese...),
  or it has at least three words and a language identifier (py3langid,
  trained on 97 languages) is at least 80 % sure it is one other language.

So "my foot is cold and pale", "my fooot is coold and paale", "tingling heel
nite", "yes", "2 weeks" or "hola" all pass; "me duele el talón cuando camino"
and "Привет, у меня болит пятка" do not.
"""

import re
import threading
import unicodedata
from functools import lru_cache

from heel import lexicon

MIN_WORDS_FOR_IDENTIFIER = 3
MIN_CONFIDENCE = 0.8
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Frequent English words (function words, everyday verbs and chat words, then
# interjections) that are not also frequent words of another European language.
COMMON_ENGLISH = frozenset(
    """
    about above after again against ago all almost along already also although always and another any anybody anyone
    anything anyway anywhere are aren around away back bad be because been before behind being below best better
    between big bit both but by came can cannot cant could couldn couldnt day days did didn didnt does doesn doesnt
    doing done dont down during each early either else enough even ever every everything feel feeling feels felt few
    find first for from get gets getting give go goes going gone good got had hadn has hasn have haven having he
    hello help her here hers hey hi him his how however hurt hurts idk if im into isn it its itself ive just keep
    kind know last later least left less let like little long look lot lots made make many may maybe mine month
    months more morning most much must my myself need needs never new next nice night nope not nothing now of off
    often ok okay old once one only or other our out over own people please pls plz really right said same saw say
    says see seem seems she should shouldn since some someone something sometimes soon still such sure take than
    thank thanks thats the their them then there these they thing things think this those though through thx time
    times to today told too took tried try two under until up upon us very want wanted was wasn way we week weeks
    well went were weren what whatever when where whether which while who whole why with without won wont would
    wouldn yeah year years yep yes yesterday yet you your yours yup
    aah ah argh eek er hmm oh ooh ouch ow ugh uh um
    """.split()  # noqa: SIM905 - a list of words reads best as one
)

# Lexicon words that are as common in other European languages.
SHARED_WITH_OTHER_LANGUAGES = frozenset(
    """
    a am an as ca do hell i in is me n no nt on pus rest so sole t water will wo won
    """.split()  # noqa: SIM905
)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    return frozenset((lexicon.vocabulary() | COMMON_ENGLISH) - SHARED_WITH_OTHER_LANGUAGES)


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes dropped ("don't" -> "dont", "I'm" -> "im")."""
    return [w.replace("'", "").replace("’", "") for w in WORD.findall(text.lower())]


def _is_latin(char: str) -> bool:
    if char.isascii():
        return True
    try:
        return unicodedata.name(char).startswith("LATIN")
    except ValueError:
        return False


def letters(text: str) -> tuple[int, int]:
    """(letters, Latin letters) in `text`."""
    alpha = [c for c in text if c.isalpha()]
    return len(alpha), sum(1 for c in alpha if _is_latin(c))


class _Identifier:
    """py3langid's model, loaded on first use (about a second; English messages never need it)."""

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._model is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                self._model = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)

    def warm_up(self) -> None:
        """Load the model in a background thread, so no request waits for it."""
        if self._model is None:
            threading.Thread(target=self._load, name="py3langid", daemon=True).start()

    def language(self, text: str) -> tuple[str, float]:
        if self._model is None:
            self._load()
        language, confidence = self._model.classify(text)
        return language, float(confidence)


IDENTIFIER = _Identifier()


def other_language(text: str) -> str | None:
    """A short description of the language or script when `text` is clearly not English, else None."""
    found = words(text)
    known = english_words()
    if any(w in known for w in found):
        return None
    total, latin = letters(text)
    if total >= 2 and latin * 2 < total:
        return "another script"
    if len(found) < MIN_WORDS_FOR_IDENTIFIER:
        return None
    language, confidence = IDENTIFIER.language(text)
    if language != "en" and confidence >= MIN_CONFIDENCE:
        return language
    return None
