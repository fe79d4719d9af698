"""The clinical text reader on people's own words (components/clinical_text.py).

Over 300 lines: tables of test cases, a sentence per row, and the few tests that run them.

Table-driven: a sentence and what must be read from it. `signs` is the exact
set of warning-sign features (empty when none may be read: a denied,
hypothetical, past or someone else's warning sign is not a warning sign);
`findings` are findings that must be read with these values; `absent` are
findings that must not be read at all.
"""

import pytest

from components.clinical_text import ClinicalTextReader
from components.durations import parse_duration_weeks
from heel.lexicon import NO_WARNING_SIGN, whole_message


@pytest.fixture(scope="module")
def reader() -> ClinicalTextReader:
    return ClinicalTextReader()


def case(text, signs=(), absent=(), **findings):
    return pytest.param(text, frozenset(signs), findings, tuple(absent), id=text[:70])


def read(reader, text):
    found = reader.read(text)
    signs = {f.value for f in found if f.name == "warning_sign" and f.value != NO_WARNING_SIGN}
    others = {f.name: f.value for f in found if f.name != "warning_sign"}
    return signs, others


WARNING_SIGNS = [
    # R1
    # a resolution denied, or "not normal", is no resolution
    case("My foot went white and cold and hasn't gone back to normal", {"cold_pale_foot"}),
    case("My foot went white and cold. It hasn't gone back to normal.", {"cold_pale_foot"}),
    case("My foot suddenly went cold and white an hour ago. That's not normal for me.", {"cold_pale_foot"}),
    case("my foot is going cold and the toes are purple, is not normal for me", {"cold_pale_foot", "colour_change"}),
    case("I had a cold sore last week, it went away. Now my foot has gone white and cold.", {"cold_pale_foot"}),
    case("My foot has gone cold and white and it feels cold inside", {"cold_pale_foot"}),
    # ways of saying it the grids had missed: dialect, comparisons, readings, wounds and weight
    case("my right foot just won't warm up. It's white with patchy purple bits", {"cold_pale_foot", "colour_change"}),
    case("aye the foot's gone awfy white an cauld the last couple hours", {"cold_pale_foot"}),
    case("my right foot is noticeably hotter than my left", {"red_hot_swollen"}),
    case("it's gone red and hot and swollen, and the thermometer said 38.3", {"red_hot_swollen", "fever"}),
    case("there's a small round sore on the ball of my foot", {"wound"}),
    case("one crack on the left heel has become deep and open", {"wound"}),
    case("the toe next to the sore has gone a dark purple-black colour", {"wound", "black_skin"}),
    case("since last night I've nae feelin roon ma backside", {"saddle_numbness"}),
    case("mi cyaan step pon it", {"cannot_bear_weight"}),
    case("since I fell from the bicycle I cannot put the foot on the floor", {"injury", "cannot_bear_weight"}),
    case("I can't seem to lift my toes up the last few days", {"foot_drop"}),
    # one part of red, hot, swollen denied, or two with a fever, is still the sign
    case("My foot isn't red yet, but it's hot and swollen", {"red_hot_swollen"}),
    case("My foot is bright red, not hot, not swollen, and I'm shivering with a fever", {"red_hot_swollen", "fever"}),
    # a foot-drop test passed only partly, or failed
    case("My toes drag and catch when I walk. I can lift my foot if I concentrate.", {"foot_drop"}),
    case("My right foot slaps the ground when I walk, I can't lift my toes", {"foot_drop"}),
    case("my foot's gone white and it's freezing cold", {"cold_pale_foot"}),
    case("my toes have gone blue and sort of mottled and they feel numb", {"cold_pale_foot"}),
    case("hang on, my foot has suddenly gone really pale and cold", {"cold_pale_foot"}),
    case("the colour's drained out of my foot", {"cold_pale_foot"}),
    case("my foot went numb and white an hour ago", {"cold_pale_foot"}),
    case("toes are purple and cold", {"cold_pale_foot"}),
    case("my foot has gone a funny grey colour and it's cold", {"cold_pale_foot"}),
    case("my foot is blotchy and freezing", {"cold_pale_foot"}),
    case("my foot is deathly pale", {"cold_pale_foot"}),
    case("I can't feel a pulse in my foot", {"cold_pale_foot"}),
    # R2
    case("I've got numbness around my bum and between my legs", {"saddle_numbness"}),
    case("since yesterday it's gone numb around my bottom", {"saddle_numbness"}, duration_weeks=0.14),
    case("I can't feel it when I wipe", {"saddle_numbness"}),
    case("I've wet myself twice today", {"bladder_bowel_loss"}),
    case("I'm struggling to pee", {"bladder_bowel_loss"}),
    case("I've lost control of my bladder", {"bladder_bowel_loss"}),
    case("I can't hold my wee", {"bladder_bowel_loss"}),
    case("I haven't been able to pee since yesterday", {"bladder_bowel_loss"}),
    case("I can't tell when I need the loo", {"bladder_bowel_loss"}),
    case("I've had an accident with my bowels", {"bladder_bowel_loss"}, absent=["recent_injury"]),
    case("numb down below", {"saddle_numbness"}),
    case("my private parts feel numb", {"saddle_numbness"}),
    # R3 / R6 / R8
    case(
        "my heel is red, hot and swollen and the redness is spreading up my ankle, temperature of 38.5",
        {"red_hot_swollen", "spreading_redness", "fever"},
    ),
    case("yes my foots red and swolen and hot and I feel really unwell, all shivery", {"red_hot_swollen", "fever"}),
    case("the red patch is spreading", {"spreading_redness"}),
    case("I'm burning up with a temperature and my foot is red", {"fever", "red_hot_swollen"}),
    case("I'm diabetic and my foot is swollen and warm", {"red_hot_swollen"}, diabetes="yes"),
    case("red streaks going up my leg from my heel", {"spreading_redness"}),
    # R4 / R7
    case("there's an ulcer on my heel that's oozing", {"wound"}),
    case("the skin round the sore has gone black", {"black_skin"}),
    case("a blister that's turned a dark purple colour", {"wound", "colour_change"}),
    # R5
    case(
        "I jumped off a wall and landed on my heel, heard a crack and I can't put any weight on it",
        {"injury", "heard_snap", "cannot_bear_weight"},
        recent_injury="yes",
    ),
    case(
        "I fell down the stairs and now I cant walk on it at all", {"injury", "cannot_bear_weight"}, recent_injury="yes"
    ),
    case("I can’t put weight on it", {"cannot_bear_weight"}),  # a curly apostrophe
    case("I'm hopping everywhere", {"cannot_bear_weight"}),
    case("I fell off a ladder and I can't put my foot down", {"injury", "cannot_bear_weight"}),
    case("I twisted my ankle and now I can't walk more than a couple of steps", {"injury", "cannot_bear_weight"}),
    case("I landed badly and my ankle is at a funny angle", {"injury", "deformity"}),
    case("it looks deformed", {"deformity"}),
    # R9
    case("my foot has started slapping the ground and I can't lift my toes", {"foot_drop"}),
    case("my foot's started dragging when I walk", {"foot_drop"}),
    case("my foot catches on the ground when I walk", {"foot_drop"}),
    case("I keep tripping because my foot doesn't lift", {"foot_drop"}),
    case("I can't bend my foot up", {"foot_drop"}),
]

HEDGED_OR_REPORTED_WARNING_SIGNS = [
    # hedged: still a warning sign (the cautious reading)
    case("I think I might have a temperature", {"fever"}),
    case("possibly a bit red around the heel", {"red_hot_swollen"}),
    # reported by someone else, but about the person's own foot
    case("my wife says my foot looks pale", {"cold_pale_foot"}),
    case("my wife's noticed my toes have gone blue", {"cold_pale_foot"}),
    case("according to my husband my foot is white", {"cold_pale_foot"}),
    case("my partner thinks my heel is red and hot", {"red_hot_swollen"}),
    # doubt is not denial
    case("I'm not sure if I've got a fever", {"fever"}),
    case("I don't know if it matters but my foot has gone blue", {"cold_pale_foot"}),
]

NOT_WARNING_SIGNS = [
    # said of what came before, in its sentence or the sentence before
    case(
        "after laps in the outdoor pool my feet are pale and cold for like 20 min which is totally normal for me, "
        "they pink right up in the shower",
        set(),
    ),
    case("My toes went white after shovelling snow. They pinked up again once I was inside.", set()),
    case("I read on your website that a white and cold foot is an emergency. I do not have this.", set()),
    case("My foot went numb and pale when I sat cross-legged. So that is not my question.", set()),
    case("My foot went white and cold. That was years ago.", set()),
    # one part of red, hot, swollen, the other two denied in so many words
    case("The back of my heel is a bit red where my new trainers rub, but it's not hot or swollen", set()),
    case("It feels hot and throbbing at night, but in the light the foot looks normal, no red, no swelling.", set()),
    # the test for foot drop passed, in any sentence; a feeling, not a cold foot; a fear
    case("My foot feels weak, I think because it hurts. If I test it, I can lift my toes fine.", set()),
    case("Sometimes the foot feels cold inside even though it's warm to touch", set()),
    case("I worried it was a foot drop but the GP said my strength is normal", set()),
    case("after a long hot bath my feet are bright red for a while", set()),
    # denied
    case("no fever", set()),
    case("my bladder is fine", set()),
    case("my bladder and bowels are fine", set()),
    case("no problems with my bladder", set()),
    case("no numbness between my legs", set()),
    case("I don't have a fever and no redness", set()),
    case("it's not hot or red", set()),
    case("no fever, no numbness between my legs, my bladder is fine and my foot's a normal colour", set()),
    case("I have diabetes and a small open sore, not hot or red, no fever", {"wound"}, diabetes="yes"),
    # "can" without "not" is the opposite of the warning sign
    case("I can walk on it fine", set()),
    case("I can put weight on it", set()),
    case("I tripped but I can walk on it fine and there was no crack", {"injury"}, recent_injury="yes"),
    # hypothetical
    case("I'd be worried if it went red or cold", set()),
    # someone else's
    case("my foot is red and hot. My mum's diabetic, not me", {"red_hot_swollen"}, absent=["diabetes"]),
    case("my mum is diabetic", set(), absent=["diabetes"]),
    case("my dad had sciatica", set(), absent=["back_pain"]),
    # hypothetical
    case("what if it turns black", set()),
    # the past
    case("I sprained my ankle years ago", set(), absent=["recent_injury"]),
    # words that only look like warning signs
    case("numbness in my legs", set()),
    case("the pain shoots from my bum down my leg", set(), back_pain="yes"),
    case("I don't walk much", set()),
    case("I can't walk far because of the pain", set()),
    case("I can't stand for long", set()),
    case("I can't stand the pain", set()),
    case("I cut my toenails", set()),
    case("I feel hot and shivery", {"fever"}),  # the person is hot, not the foot
    case("it's red raw from my shoes", {"wound"}),  # rubbed raw: not an inflamed foot
    case("my feet are always cold in winter", set()),
    case("I can't lift heavy things because of my back", set(), back_pain="yes"),
]

FINDINGS = [
    # everyday words for the findings the grids had missed (authors F, G, H)
    case("started doing HIIT classes five times a week", training_increase="yes"),
    case("moved my runs from the trails to the road last month", training_increase="yes"),
    case("I'm 82, love, I don't run anywhere", training_increase="no"),
    case("the arch sort of collapses when I stand", flat_feet="yes"),
    case("I walk on the outside edges", flat_feet="no"),
    case("steel toe caps at work, bit tight", footwear="poor"),
    case("heels for work every day", footwear="poor"),
    case("orthopaedic ones from the podiatrist", footwear="good"),
    case("9/10, I've had to take time off", severe_pain="yes"),
    case("about a 4 out of 10", severe_pain="no"),
    case("like standing on hot coals", pain_character="burning"),
    case("zingers. Little jolts.", pain_character="electric"),
    case("a bruised feeling, like I've stood on a stone", pain_character="aching"),
    # numbness: where it is
    case("tingling in my toes and arch at night", numbness_area="sole_toes", night_symptoms="yes"),
    case("pins and needles in both feet like socks", both_feet="yes", numbness_area="whole_foot"),
    case("tingleing and numbnes in both my feet", both_feet="yes", numbness_area="whole_foot"),
    case("numb along the outer edge of my foot", numbness_area="outer_edge"),
    case("no numbness", numbness_area="none"),
    case("no pins and needles", numbness_area="none"),
    case("no numbness or tingling", numbness_area="none"),
    # one place, two symptoms: "it burns" is where the numb patch is
    case(
        "there's a numb patch on the inside of my heel and it burns",
        numbness_area="inner_heel",
        pain_location="inner_heel",
        pain_character="burning",
    ),
    # two places: each goes with its nearest symptom word
    case(
        "pain under my heel and now the outer edge of my sole has gone numb",
        pain_location="under_heel",
        numbness_area="outer_edge",
    ),
    case("pain under my heel and I can't spread my little toes", pain_location="under_heel"),
    # pain character (the nerve-type word tells most)
    case(
        "burning pain on the inside of my heal when I run, no numbness",
        pain_character="burning",
        pain_location="inner_heel",
        worse_with_activity="yes",
        numbness_area="none",
    ),
    case("burnin pain inside of my heal", pain_character="burning", pain_location="inner_heel"),
    case("a sharp burning pain", pain_character="burning"),
    case("stabing pain under my heal", pain_character="sharp", pain_location="under_heel"),
    case("a deep ache, and it hurts when I squeeze the sides of my heel", pain_character="aching"),
    case("it hurts if I squeeze the sides of my heel", pain_character="aching"),
    case("electric shocks", pain_character="electric"),
    case("it might be burning rather than sharp", pain_character="burning"),  # hedged, still read
    case("maybe some tingling in my toes, not sure", numbness_area="sole_toes"),
    # first steps, night, Tinel, activity
    case("worst first thing in the morning, eases once I've walked about", first_step_pain="yes"),
    case("when I first stand up", first_step_pain="yes"),
    case("it started this morning", absent=["first_step_pain"]),
    case("I noticed it last night", absent=["night_symptoms"]),
    case("if I tap behind my ankle bone it sets it off", tinel_sign="yes"),
    case("gets worse when i go jogging", worse_with_activity="yes"),
    # one foot or both
    case("just my left foot", both_feet="no"),
    case("just my left", both_feet="no"),
    case("only the right one", both_feet="no"),
    case("no just one", both_feet="no"),
    case("left foot only", both_feet="no"),
    case("yes both of them", both_feet="yes"),
    # back
    case("sciatica flaring up", back_pain="yes"),
    case("low back pain that goes down my leg", back_pain="yes"),
    case("no back problems", back_pain="no"),
    case("no back issues", back_pain="no"),
    case("my back is fine", back_pain="no"),
    # "just", "only", "but" end a negation
    case(
        "no tingling in my toes, just burning on the inner heel",
        numbness_area="none",
        pain_character="burning",
        pain_location="inner_heel",
    ),
    case("the pain is under my heel, not on the inside", pain_location="under_heel"),
    # diabetes
    case("not diabetic", diabetes="no"),
    case("I'm type 2", diabetes="yes"),
    case("yeah I'm on metformin", diabetes="yes"),
    case("no, my dad is diabetic though", absent=["diabetes"]),
    # injury and training
    case("I twisted my ankle", {"injury"}, recent_injury="yes"),
    case("I haven't had any injury", recent_injury="no"),
    case("I upped my mileage a lot training for a marathon", training_increase="yes"),
    case("started running on concrete", training_increase="yes"),
    case("no, I don't run", training_increase="no"),  # no runner has increased their running
]

# Words of the vocabulary's grids (heel/vocabulary.yml), and the look-alikes the grids
# must leave alone.
VOCABULARY_GRIDS = [
    case("my foot's gone a sort of dusky grey", {"cold_pale_foot"}),
    case("the leg below the knee has turned white", {"cold_pale_foot"}),
    case("my foot feels like a block of ice", {"cold_pale_foot"}),
    case("I've got pins and needles around my back passage", {"saddle_numbness"}),
    case("I can't feel my privates", {"saddle_numbness"}),
    case("couldn't feel anything when I wiped", {"saddle_numbness"}),
    case("I've been leaking urine without realising", {"bladder_bowel_loss"}),
    case("I couldn't make it to the toilet in time", {"bladder_bowel_loss"}),
    case("I have trouble starting a wee", {"bladder_bowel_loss"}),
    case("foot's hot and puffy", {"red_hot_swollen"}),
    case("the red patch keeps getting bigger", {"spreading_redness"}),
    case("I feel really shivery and rough", {"fever"}),
    case("I have the sugar", diabetes="yes"),
    case("I came off my bike and I can only hobble", {"injury", "cannot_bear_weight"}, recent_injury="yes"),
    case("I went over on my ankle and it's pointing the wrong way", {"injury", "deformity"}),
    case("I heard a loud pop when I landed", {"injury", "heard_snap"}),
    case("my foot flops down when I walk", {"foot_drop"}),
    case("the toes won't come up", {"foot_drop"}),
    case("I'm diabetic and there's a new sore on my heel", {"wound"}, diabetes="yes"),
    case("the ulcer has gone black round the edges", {"wound", "black_skin"}),
    # look-alikes
    case("tingling in the bottom of my foot", numbness_area="sole_toes"),  # the sole, not the saddle
    case("the pain is spreading up my leg"),
    case("I have a sore heel"),  # pain, not a wound
    case("my heel is cold after the ice pack"),
    case("my toes are cold at night"),
    case("my feet have always been pale"),
    case("my foot's a bit swollen after football"),
    case("when my foot hits the ground it hurts"),
    case("I fell asleep on the sofa", absent=["recent_injury"]),
    case("numbness down the back of my leg"),
]

BARE_ANSWERS = [
    ("one", [("both_feet", "no")]),
    ("just one", [("both_feet", "no")]),
    ("the left one", [("both_feet", "no")]),
    ("Left.", [("both_feet", "no")]),
    ("both", [("both_feet", "yes")]),
    ("Both!", [("both_feet", "yes")]),
    ("right", []),  # "right" alone is agreement, not a side
    ("type one", []),
    ("one of my toes hurts", []),
    # the first clause of a short answer
    ("the two", [("both_feet", "yes")]),
    ("Both, they're as bad as each other", [("both_feet", "yes")]),
    ("bilateral", [("both_feet", "yes")]),
    ("jus d one", [("both_feet", "no")]),
    ("Just the one, why?", [("both_feet", "no")]),
    ("both, though the burning is worse on the left and it wakes me most nights", []),  # long: not an answer
]


@pytest.mark.parametrize(
    "text, signs, findings, absent",
    WARNING_SIGNS + HEDGED_OR_REPORTED_WARNING_SIGNS + NOT_WARNING_SIGNS + FINDINGS + VOCABULARY_GRIDS,
)
def test_reads(reader, text, signs, findings, absent):
    got_signs, got = read(reader, text)
    assert got_signs == signs, (got_signs, got)
    for name, value in findings.items():
        assert got.get(name) == value, (name, got)
    for name in absent:
        assert name not in got, (name, got)


# Read as an answer to the warning-sign screen: does the message say "none of these"?
SCREEN_ANSWERS = [
    ("no fever, no numbness between my legs, my bladder is fine and my foot's a normal colour", True),
    ("no, though I'd be worried if it went red or cold", True),
    ("nope, nothing like that", True),
    ("None of these", True),
    ("my bladder and bowels are fine", True),
    ("no idea what you mean", False),
    ("not sure", False),
    ("no fever but my foot has gone cold", False),  # a warning sign is reported
    ("no, but I can't put any weight on it", False),
    ("my heel hurts", False),
    ("I'd be worried if it went red", False),  # neither a denial nor a warning sign
]


@pytest.mark.parametrize("text, denies", SCREEN_ANSWERS, ids=[t[:60] for t, _ in SCREEN_ANSWERS])
def test_an_answer_that_denies_every_warning_sign_says_none(reader, text, denies):
    values = [f.value for f in reader.read(text) if f.name == "warning_sign"]
    assert (NO_WARNING_SIGN in values) == denies, values
    if denies:
        assert values == [NO_WARNING_SIGN]


@pytest.mark.parametrize("text, expected", BARE_ANSWERS, ids=[t for t, _ in BARE_ANSWERS])
def test_short_answers_meaningful_only_as_a_whole_message(text, expected):
    assert whole_message(text) == expected


@pytest.mark.parametrize(
    "text, weeks",
    [
        ("about two months", 8.67),
        ("10 days", 1.43),
        ("since last week", 1),
        ("a few days", 0.43),
        ("about 6 weeks", 6.0),
        ("a couple of months I think", 8.67),
        ("a good few months", 13.0),
        ("5 days ago", 0.71),
        ("since yesterday", 0.14),
        ("I'm 45 years old", None),
        ("I'm 45 years old and it started 3 weeks ago", 3.0),
        ("I run 5k three times a week", None),
        ("it's worse when I stand for a long time", None),
        ("worse when I'm on my feet for hours, had it for a long time", 52),
    ],
)
def test_durations(text, weeks):
    assert parse_duration_weeks(text) == weeks
