"""The vocabulary file (heel/vocabulary.yml) and its loader (heel/lexicon.py)."""

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from heel import lexicon
from heel.lexicon import VocabularyError, parse
from heel.warning_signs import FEATURES, RULES

ROOT = Path(__file__).resolve().parents[2]
# Features the dialogue sets, never read from words (clinical reference, section 2a).
DIALOGUE_ONLY = {"unclear_warning_sign"}


@pytest.fixture(scope="module")
def vocab():
    return lexicon.load()


def test_the_file_loads_and_validates(vocab):
    assert vocab.version
    assert len(vocab.entries) > 300
    assert list(vocab.entries) == lexicon.ENTRIES
    for phrase, category, _value in vocab.entries:
        assert category in lexicon.CATEGORIES
        pattern = lexicon.phrase_to_pattern(phrase)
        assert pattern and any("OP" not in spec for spec in pattern), phrase
    assert {"numb", "bladder", "diabetic", "mottled", "crotch"} <= lexicon.vocabulary()


def test_every_warning_sign_feature_has_words(vocab):
    assert set(FEATURES) >= DIALOGUE_ONLY
    for feature in set(FEATURES) - DIALOGUE_ONLY:
        if feature == "injury":  # read as recent_injury = yes, reported by the reader as this feature
            assert any(c == "recent_injury" and v == "yes" for _, c, v in vocab.entries)
        else:
            assert any(c == "warning_sign" and v == feature for _, c, v in vocab.entries), feature
    assert {g.name for g in vocab.groups if g.section == "warning_signs"} == set(FEATURES) - DIALOGUE_ONLY


def test_each_warning_sign_group_names_the_rules_it_feeds(vocab):
    """A group's `rule:` is a rule that this feature can switch on."""
    context = ("diabetes", "injury")
    names = [f for f in FEATURES if f not in DIALOGUE_ONLY] + list(context)
    by_name = {r.rule: r for r in RULES}
    for group in (g for g in vocab.groups if g.section == "warning_signs"):
        others = [n for n in names if n != group.name]
        for rule in group.rules:
            test = by_name[rule].test
            assert any(
                test(frozenset(s) | {group.name}) and not test(frozenset(s))
                for k in range(3)
                for s in itertools.combinations(others, k)
            ), (group.name, rule)


def test_every_group_says_what_it_reads_and_every_word_list_is_used(vocab):
    used = set()
    for group in vocab.groups + vocab.cues:
        assert len(group.says) > 10, group.name
        for grid in group.grids:
            for slot in grid:
                used.update(str(slot[0] if isinstance(slot, list) else slot).split("+"))
    from components.clinical_text import ABOUT_ME

    used.add(ABOUT_ME)  # read by the reader itself: is the message also about the writer?
    assert set(vocab.words) - used == set()


def test_word_list_items_are_tokenised_as_the_reader_tokenises_text(vocab):
    """ "can't" must be "ca n't" in a pattern, or it never matches: the loader's
    tokeniser agrees with spaCy's on every item of every list."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    for name, items in vocab.words.items():
        for item in items:
            text = lexicon.re.sub(r"(?<=[a-z])-(?=[a-z])", " ", item.lower())
            tokens = [t.text for t in tokenizer(text)]
            if item.startswith("'"):  # a clitic alone ("'s", "'ve"): as spaCy splits it after a word
                tokens = [t.text for t in tokenizer({"'m": "i", "'s": "it"}.get(text, "you") + text)][1:]
            assert lexicon.tokenize(item) == tokens, (name, item)


SMALL = """
version: 1
words:
  body: [foot, toes]
  be: [is, has]
  change: [gone, turned all]
  colour: [white, cold as ice]
  cant: [can't]
warning_signs:
  cold_pale_foot:
    rule: R1
    says: a cold, pale foot
    grids:
      - [body, [be], change, colour]
      - [cant, body+colour]
    phrases:
      - no pulse
findings:
  diabetes:
    says: diabetes
    values:
      "yes":
        phrases: [diabetic]
"""


def test_a_grid_expands_into_every_combination_of_its_lists():
    vocab = parse(SMALL)
    phrases = {p for p, c, v in vocab.entries if v == "cold_pale_foot"}
    assert phrases == {
        # one-token words of a list share one token; a word of several tokens is a phrase of its own
        "foot|toes [is|has] gone white",
        "foot|toes [is|has] turned all white",
        "foot|toes [is|has] gone cold as ice",
        "foot|toes [is|has] turned all cold as ice",
        # "can't" is also "cant" and "can not"; `a+b` joins two lists
        "ca n't|nt|not foot|toes|white",
        "ca n't|nt|not cold as ice",
        "no pulse",
    }
    assert ("diabetic", "diabetes", "yes") in vocab.entries
    group = vocab.groups[0]
    assert group.rules == ("R1",) and group.grids[0] == ("body", ["be"], "change", "colour")


def test_expanded_phrases_match_the_words_of_the_grid():
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for i, (phrase, _, _) in enumerate(parse(SMALL).entries):
        matcher.add(str(i), [lexicon.phrase_to_pattern(phrase)])

    def found(text):
        return bool(matcher(nlp(text.lower())))

    for text in (
        "my foot has gone white",
        "toes turned all cold as ice",
        "my foot gone white",
        "I cant white",
        "I can't cold as ice",
        "I cant foot",
        "no pulse",
        "I'm diabetic",
    ):
        assert found(text), text
    for text in ("my foot is white", "toes turned white", "foot gone cold", "I can foot"):
        assert not found(text), text


def test_yes_no_on_are_words_not_booleans():
    vocab = parse(SMALL.replace("body: [foot, toes]", "body: [foot, on, no, yes]"))
    assert vocab.words["body"] == ("foot", "on", "no", "yes")


def test_the_file_is_read_on_first_use_only():
    code = (
        "import heel.lexicon as l; n = l.load.cache_info().currsize; l.ENTRIES; print(n, l.load.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("rule: R1", "rule: R10", "warning_signs.cold_pale_foot: `rule:` must name rules"),
        ("cold_pale_foot:", "cold_pale_feet:", "warning_signs.cold_pale_feet: unknown warning-sign feature"),
        (
            "[body, [be], change, colour]",
            "[body, [be], change, colur]",
            "warning_signs.cold_pale_foot: grid [body, [be], change, colur]: unknown word list 'colur'",
        ),
        ("[cant, body+colour]", "[cant, body+color]", "unknown word list 'color'"),
        ("[cant, body+colour]", "[[cant], [body]]", "every list is optional"),
        ("[cant, body+colour]", "[cant, [body, colour]]", "an optional slot is one name in brackets"),
        (
            "  diabetes:\n    says: diabetes",
            "  diabetis:\n    says: diabetes",
            "findings.diabetis (value 'yes'): unknown category 'diabetis'",
        ),
        ('"yes":', '"maybe":', "findings.diabetes (value 'maybe'): unknown value 'maybe' for diabetes"),
        ("    says: a cold, pale foot\n", "", "warning_signs.cold_pale_foot: needs `says:`"),
        ("- no pulse", "- ca|can't feel", "never matches a spaCy token (lower case; split clitics: ca n't"),
        ("- no pulse", "- no [pulse", "malformed token '[pulse'"),
        ("- no pulse", '- "[no] [pulse]"', "phrase '[no] [pulse]' has no required word"),
        ("  cant: [can't]", "  cant: [can't]\n  body: [leg]", "defined twice: body"),
        ("  cant: [can't]", "  cant: [ca|n't]", "word list 'cant': bad item"),
        ("  cant: [can't]", "  cant: []", "word list 'cant' must be a non-empty list"),
        (
            "    grids:\n      - [body, [be], change, colour]",
            "    grids:\n      - body",
            "a grid must be a list of word-list names",
        ),
        ("version: 1", "versio: 1", "unknown top-level keys ['versio']"),
        ("says: a cold, pale foot", "says: a cold, pale foot\n    colour: white", "unknown keys ['colour']"),
    ],
)
def test_a_bad_file_gives_a_clear_error_naming_the_entry(old, new, message):
    assert old in SMALL
    with pytest.raises(VocabularyError) as error:
        parse(SMALL.replace(old, new, 1), "bad.yml")
    assert message in str(error.value)
    assert str(error.value).startswith("bad.yml")


def test_invalid_yaml_is_a_vocabulary_error():
    with pytest.raises(VocabularyError, match="not valid YAML"):
        parse("words: [unclosed", "bad.yml")


CONTEXT = (
    SMALL
    + """
context:
  no:
    says: a denial of what follows
    means: denied
    reach: forward
    phrases: [no|not]
  cycling:
    says: a numb bottom from the saddle
    means: ordinary_cause
    signs: [saddle_numbness]
    reach: both
    scope: 6
    phrases: [cycling|bike]
  and_ends:
    says: a denial ends at and
    reach: ends
    ends: [denied]
    phrases: [and|but]
"""
)


def test_context_cues_become_context_rules_and_ends_are_their_own_category():
    vocab = parse(CONTEXT)
    rules = {
        (phrase, category, direction, scope, ended_by)
        for phrase, category, direction, scope, ended_by, _ in lexicon.context_rules(vocab.cues)
    }
    assert ("no|not", "NEGATED_EXISTENCE", "FORWARD", None, frozenset({"END_and_ends"})) in rules
    assert ("cycling|bike", "ORDINARY_CAUSE", "BIDIRECTIONAL", 6, frozenset()) in rules
    assert ("and|but", "END_and_ends", "BIDIRECTIONAL", 1, frozenset()) in rules
    assert vocab.cues[1].signs == ("saddle_numbness",)


@pytest.mark.parametrize(
    "change, message",
    [
        ("means: denied\n    reach: forward", "`means:` must be one of"),
        ("signs: [saddle_numbness]", "an ordinary cause or a `message` cue names the warning signs it is about"),
        ("ends: [denied]", "an `ends` cue names the meanings it ends"),
        ("phrases: [and|but]", "also ends"),
    ],
)
def test_a_malformed_context_cue_is_named(change, message):
    broken = {
        "means: denied\n    reach: forward": CONTEXT.replace(
            "means: denied\n    reach: forward", "means: gone\n    reach: forward", 1
        ),
        "signs: [saddle_numbness]": CONTEXT.replace("    signs: [saddle_numbness]\n", "", 1),
        "ends: [denied]": CONTEXT.replace("ends: [denied]", "ends: [sideways]", 1),
        "phrases: [and|but]": CONTEXT
        + """  but_ends:
    says: a second cue ending at but
    reach: ends
    ends: [ordinary_cause]
    phrases: [but]
""",
    }[change]
    with pytest.raises(lexicon.VocabularyError, match=message.replace("`", ".")):
        parse(broken)


def test_no_word_is_the_cue_of_two_context_cues(vocab):
    """Two cues on the same words are pruned to one by medspaCy, so one would silently never be read
    ("hot bath" listed as a cause of a cold foot and of a red one explained only the cold foot)."""
    owner: dict[str, str] = {}
    clashes = []
    for cue in vocab.cues:
        for grid in cue.grids:
            if len(grid) != 1 or isinstance(grid[0], list):
                continue
            for name in grid[0].split("+"):
                for word in vocab.words[name]:
                    if owner.setdefault(word, cue.name) != cue.name:
                        clashes.append(f"{word!r}: {owner[word]} and {cue.name}")
    assert not clashes, clashes
