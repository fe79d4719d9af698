"""The words people use for heel symptoms, mapped to findings.

Each entry is `(phrase, category, value)`. A phrase is a tiny token pattern:
tokens separated by spaces, `a|b` for alternatives *of one token*, `[x]` for
an optional token, `*` for any one optional token. `phrase_to_pattern`
compiles it to a spaCy Matcher pattern on the lower-cased text. Alternatives
never span several tokens: "wrong shape|odd angle" means "wrong" then
"shape|odd" then "angle"; write two phrases instead (`phrases` helps).

Categories are finding (slot) names, `warning_sign` (value: a warning-sign
feature), or the helper categories:
- `location`: where something is felt; attached to pain or numbness words by
  the reader, or given as a bare answer;
- `numbness`: numbness or tingling, whose area comes from a nearby location;
- `pain`: a generic pain word (helps attach locations to pain);
- `ignore`: a longer phrase that hides a shorter one ("this morning" is a
  time, not morning pain; "last night" is not night pain).

`WHOLE_MESSAGE` holds short answers that mean something only as a whole
message ("one", "the left one", "both"): the answer to "both feet or one?".
"""
import re
from typing import Dict, Iterable, List, Tuple

# Shared token classes.
HEEL = "heel|heels|heal|heals|hell"
FOOT = "foot|feet|foots"
MY = "[my|the|your|his|her|me]"
NOT = "n't|not|nt|t|n’t"
# "can't", "cannot", "unable to", "couldn't", "won't", "don't"... The negation is
# required: "I can walk on it" is not "I can't walk on it".
CANT_PREFIXES = (
    "cannot|cant|unable|couldnt|cudnt|carnt [to|even|really]",
    f"ca|can|could|couldn|wo {NOT} [to|even|really]",
)

Entry = Tuple[str, str, object]


def phrases(category: str, value: object, *patterns: str) -> List[Entry]:
    return [(p, category, value) for p in patterns]


def cant(rest: str) -> List[str]:
    """Phrases for "can't <rest>" in all its spellings."""
    return [f"{prefix} {rest}" for prefix in CANT_PREFIXES] + [f"not able to {rest}"]


LOCATIONS: List[Entry] = [
    (f"inside|inner|medial [side|edge|part] [of] {MY} {HEEL}", "location", "inner_heel"),
    (f"{HEEL} on the inside|inner [side|edge]", "location", "inner_heel"),
    ("on|at|along the inside|inner [side|edge|part]", "location", "inner_heel"),
    (f"on|at|along the inside|inner [side|edge|part] of {MY} {HEEL}|ankle", "location", "inner_heel"),
    (f"inside|inner [side|edge|part] of {MY} {HEEL}|ankle", "location", "inner_heel"),
    ("inside|inner|medial ankle|ankles", "location", "inner_heel"),
    ("below|under|beneath|behind the|my inner|inside ankle bone", "location", "inner_heel"),
    ("medial malleolus", "location", "inner_heel"),
    (f"under|underneath|beneath|bottom|underside [of] {MY} {HEEL}", "location", "under_heel"),
    (f"{HEEL} pad|bone", "location", "under_heel"),
    (f"sole of {MY} {HEEL}", "location", "under_heel"),
    (f"back of {MY} {HEEL}|ankle", "location", "back_of_heel"),
    (f"{HEEL} at|on|round|around the back", "location", "back_of_heel"),
    ("achilles|achilles'", "location", "back_of_heel"),
    (f"sole|soles|arch|arches [of] {MY} [{FOOT}]", "location", "sole_toes"),
    ("toe|toes|ball", "location", "sole_toes"),
    (f"bottom|underneath|under [of] {MY} {FOOT}", "location", "sole_toes"),
    (f"outer|outside [edge|side|part] [of] {MY} [{FOOT}|sole|soles|heel]", "location", "outer_edge"),
    ("little|pinky|small|baby toe|toes", "location", "outer_edge"),
    (f"whole|entire {FOOT}", "location", "whole_foot"),
    (f"all over {MY} {FOOT}", "location", "whole_foot"),
    ("sock|socks|stocking|stockings", "location", "whole_foot"),
]

NUMBNESS: List[Entry] = [
    (p, "numbness", None) for p in (
        "numb", "numbness", "numbish", "tingling|tingle|tingles|tingly|tinglng|tingley",
        "pins and needles", "pins n needles", "pins & needles", "prickling|prickly",
        "fizzing|fizzy", "loss of feeling|sensation", "reduced|less|no feeling",
        "dead feeling", "feels dead", *cant("feel"),
    )
]

PAIN: List[Entry] = [
    (p, "pain", None) for p in (
        "pain|pains|painful|hurt|hurts|hurting|sore|soreness|tender|agony|killing",
    )
] + [
    ("burning|burn|burns|burned|burnt|scalding|fire", "pain_character", "burning"),
    ("on fire", "pain_character", "burning"),
    ("electric|electrical|shock|shocks|zap|zaps|zapping|zinging|lightning", "pain_character", "electric"),
    ("shooting|shoots", "pain_character", "electric"),
    ("stabbing|stab|stabs|sharp|knife|knives|nail|glass|piercing", "pain_character", "sharp"),
    ("ache|aches|aching|achy|dull|throbbing|throbs|deep", "pain_character", "aching"),
    # The squeeze test of a stress fracture: squeezing the heel from both sides hurts.
    (f"hurts|painful|pain|sore when|if i|you squeeze|squeezing|press|pressing {MY} {HEEL}",
     "pain_character", "aching"),
    (f"[when|if] [i|you] squeeze|squeezing|squeezed|press|pressing [on] {MY} [{HEEL}] [from] the|both|either sides",
     "pain_character", "aching"),
    (f"[when|if] [i|you] squeeze|squeezing|squeezed the|both|either sides of {MY} {HEEL}", "pain_character", "aching"),
]

FINDINGS: List[Entry] = [
    # first steps in the morning / after rest
    ("first step|steps|thing", "first_step_pain", "yes"),
    ("first stand|stood|get|getting up", "first_step_pain", "yes"),
    ("in the morning|mornings", "first_step_pain", "yes"),
    ("mornings|morning", "first_step_pain", "yes"),
    ("get|getting|got out of bed", "first_step_pain", "yes"),
    ("when|after i get|getting up", "first_step_pain", "yes"),
    ("after sitting|resting|rest", "first_step_pain", "yes"),
    # night
    ("at night|nights|nighttime|overnight", "night_symptoms", "yes"),
    ("night|nights", "night_symptoms", "yes"),
    ("in bed", "night_symptoms", "yes"),
    ("wakes|waking|woke|wake [me] [up]", "night_symptoms", "yes"),
    ("keeps me up|awake", "night_symptoms", "yes"),
    # Tinel ("if I tap" is a test, not a hypothetical: the "if" is inside the phrase)
    ("tap|taps|tapping|tapped", "tinel_sign", "yes"),
    ("if|when i|you tap|taps", "tinel_sign", "yes"),
    ("tinel|tinels|tinel's", "tinel_sign", "yes"),
    # activity
    ("when|after|while i run|running|jog|jogging|walk|walking", "worse_with_activity", "yes"),
    ("when|after|while i go|am|'m [for] [a] run|running|jog|jogging|walk|walking", "worse_with_activity", "yes"),
    ("running|jogging|walking|standing|exercise|sport|activity makes|make it worse", "worse_with_activity", "yes"),
    ("worse with|after activity|exercise|running|walking|standing", "worse_with_activity", "yes"),
    ("after|during runs|running|exercise|sport|football|training", "worse_with_activity", "yes"),
    ("after|during long walks|runs", "worse_with_activity", "yes"),
    ("standing|stood up|on my feet all day", "worse_with_activity", "yes"),
    # both feet / one foot
    (f"both {FOOT}|heels|legs|ankles|soles", "both_feet", "yes"),
    (f"both [of] my|the {FOOT}|heels|legs|ankles|soles", "both_feet", "yes"),
    ("both of them", "both_feet", "yes"),
    ("in both", "both_feet", "yes"),
    (f"only|just [my|the|one] left|right|one {FOOT}|heel|side|leg", "both_feet", "no"),
    ("only|just [my|the] left|right [one]", "both_feet", "no"),
    ("only|just [the] one", "both_feet", "no"),
    (f"[my] left|right|one {FOOT}|heel|side only", "both_feet", "no"),
    (f"one {FOOT}", "both_feet", "no"),
    (f"the other {FOOT} is|'s fine|ok|okay|alright|normal", "both_feet", "no"),
    # back
    ("back pain|ache|problems|problem|issues|issue|trouble", "back_pain", "yes"),
    ("lower|low back", "back_pain", "yes"),
    ("my back", "back_pain", "yes"),
    ("sciatica", "back_pain", "yes"),
    ("slipped|prolapsed|herniated|bulging disc|disk", "back_pain", "yes"),
    ("down|into my|the leg|legs|buttock|bum", "back_pain", "yes"),
    # diabetes
    ("diabetes|diabetic|diabetis|diabeties|diabetics", "diabetes", "yes"),
    ("type 1|2|one|two", "diabetes", "yes"),
    ("blood sugar|sugars", "diabetes", "yes"),
    ("insulin|metformin", "diabetes", "yes"),
    # injury (also a warning-sign feature: the reader adds it)
    ("fell|fall|fallen|falling|tripped|slipped", "recent_injury", "yes"),
    ("twisted|sprained|injured|injury|accident", "recent_injury", "yes"),
    ("rolled|turned|went over on [my] ankle|foot", "recent_injury", "yes"),
    ("rolled|turned my ankle|foot", "recent_injury", "yes"),
    ("landed|landing", "recent_injury", "yes"),
    ("jumped [down] off|from", "recent_injury", "yes"),
    ("hurt it", "recent_injury", "yes"),
    ("dropped something|it on my foot", "recent_injury", "yes"),
    # training
    ("training|train for [a|the] marathon|half|race|10k|5k", "training_increase", "yes"),
    ("increased|upped|doubled|more [my] running|mileage|miles|training|distance", "training_increase", "yes"),
    ("started|began|begun|took up running|jogging|training", "training_increase", "yes"),
    ("started|began|begun to run|jog|train", "training_increase", "yes"),
    ("new running|training plan|programme|program|routine", "training_increase", "yes"),
    ("couch to 5k", "training_increase", "yes"),
    ("running|run on concrete|roads|road|pavement|tarmac|hard", "training_increase", "yes"),
    ("hard surface|surfaces|floor|floors", "training_increase", "yes"),
    ("marathon", "training_increase", "yes"),
    # overpronation / flat feet
    ("flat feet|foot|footed|arches", "flat_feet", "yes"),
    ("fallen arches|arch", "flat_feet", "yes"),
    ("overpronate|overpronation|overpronating|pronate|pronation", "flat_feet", "yes"),
    ("over pronate|pronation|pronating", "flat_feet", "yes"),
    (f"{FOOT} roll|rolls|rolling in|inwards", "flat_feet", "yes"),
    # footwear
    ("tight|old|worn|cheap|bad|poor|new|small|narrow|unsupportive|flat [out] [running] shoes|trainers|boots|sneakers",
     "footwear", "poor"),
    ("shoes|trainers|boots|sneakers are|were [too|really|very|so|a|bit] tight|small|old|worn|narrow",
     "footwear", "poor"),
    ("high heels", "footwear", "poor"),
    ("flip flops|flop", "footwear", "poor"),
    ("flipflops|sandals|slippers|barefoot", "footwear", "poor"),
    ("bare feet", "footwear", "poor"),
    ("good|proper|supportive|decent|new|cushioned running shoes|trainers|insoles", "footwear", "good"),
    # severity (D8: "consultation if ... severe")
    ("severe|excruciating|unbearable|agonising|agonizing|crippling|debilitating", "severe_pain", "yes"),
    ("in agony", "severe_pain", "yes"),
    ("worst pain [i've|i|ive] [ever|have] [had|felt]", "severe_pain", "yes"),
    ("10|ten out of 10|ten", "severe_pain", "yes"),
    ("9|nine out of 10|ten", "severe_pain", "yes"),
    *phrases("severe_pain", "yes", *cant("sleep|work|walk because|with|for [of] [the] pain")),
    ("keeps|kept me awake|up all night", "severe_pain", "yes"),
    ("mild|slight|niggle|niggly|bearable|manageable", "severe_pain", "no"),
    ("not too|that|very bad|severe", "severe_pain", "no"),
    # D7: weakness spreading the little toe (Baxter's nerve)
    ("can't|cannot|cant|unable [to] spread|splay|move|wiggle my little|pinky|small toe|toes", "little_toe_weakness", "yes"),
    ("ca|can|could|couldn n't|not|nt spread|splay|move|wiggle my little|pinky|small toe|toes", "little_toe_weakness", "yes"),
    ("little|pinky|small toe|toes [is|are|feels|feel|got|getting|has|have] [gone|become] weak|weaker|floppy", "little_toe_weakness", "yes"),
    ("weak|weakness [in|of] [my] little|pinky|small toe|toes", "little_toe_weakness", "yes"),
    # time words that look like symptom words
    ("this|yesterday|tomorrow|saturday|sunday|monday|tuesday|wednesday|thursday|friday|since|one morning",
     "ignore", None),
    ("last|tonight|one|other|saturday|sunday|monday|tuesday|wednesday|thursday|friday night", "ignore", None),
    ("since last night", "ignore", None),
    ("the other night|day", "ignore", None),
    # cutting toenails is not a wound; "can't walk far" or "can't stand the pain" is not "can't bear weight"
    ("cut|cuts|cutting|trim|trimmed|trimming [my|the] toenails|toenail|nails", "ignore", None),
    *phrases("ignore", None, *cant("walk|stand|run [very|too|that|as] far|long|much"),
             *cant("walk|stand|run for long|ages|hours|more"), *cant("stand the|this pain"),
             *cant("stand it")),
]

WARNING_SIGNS: List[Entry] = [
    # R1 ischaemia
    (f"{MY} {FOOT}|toes|heel [is|are|'s|has|have] [gone|turned|going|become|looks|look|very|all] "
     "white|pale|blue|grey|gray|mottled|blotchy|marbled|cold|icy|freezing", "warning_sign", "cold_pale_foot"),
    (f"{MY} {FOOT}|toes|heel [is|are|'s|has|have] [suddenly] [gone|turned|become|went] [really|very|all|so|deathly|ghostly|a|bit] "
     "white|pale|blue|grey|gray|mottled|blotchy|marbled|cold|icy|freezing", "warning_sign", "cold_pale_foot"),
    (f"{MY} {FOOT}|toes|heel [suddenly] went|turned [really|very|all|so] "
     "white|pale|blue|grey|gray|mottled|blotchy|marbled|cold|icy|freezing", "warning_sign", "cold_pale_foot"),
    ("white|pale|blue|mottled|cold|icy|freezing and cold|white|pale|blue|numb", "warning_sign", "cold_pale_foot"),
    ("numb|purple|dusky and white|pale|blue|cold|icy|mottled", "warning_sign", "cold_pale_foot"),
    ("cold and purple|dusky", "warning_sign", "cold_pale_foot"),
    (f"cold|pale|white|blue|mottled {FOOT}|toes", "warning_sign", "cold_pale_foot"),
    ("ice|stone cold", "warning_sign", "cold_pale_foot"),
    ("no pulse|pulses", "warning_sign", "cold_pale_foot"),
    *phrases("warning_sign", "cold_pale_foot", *cant("feel|find [a|the|any|my] pulse|pulses")),
    ("grey|gray|white|pale|blue|mottled|blotchy|deathly colour|color|pale", "warning_sign", "cold_pale_foot"),
    ("lost|lose|losing the|its|it's|my colour|color", "warning_sign", "cold_pale_foot"),
    ("colour|color has|'s drained", "warning_sign", "cold_pale_foot"),
    # R2 cauda equina
    ("numb|numbness|tingling|tingly|feeling [feeling] between my|the legs", "warning_sign", "saddle_numbness"),
    ("numb|numbness|tingling|tingly|feeling [feeling] around|in|on|down my|the bottom|bum|groin|genitals|privates|"
     "anus|buttocks|crotch|backside", "warning_sign", "saddle_numbness"),
    ("numb|tingly|dead bottom|bum|groin|genitals|privates|crotch|backside", "warning_sign", "saddle_numbness"),
    ("numb|numbness|tingling|tingly [feeling] down there|below", "warning_sign", "saddle_numbness"),
    ("bottom|bum|groin|genitals|privates|crotch|backside|parts [is|are|feels|feel|'s|has|have] "
     "[gone|going|feeling|all|really|very|a] [bit] numb|tingly|dead", "warning_sign", "saddle_numbness"),
    ("saddle numbness|area|anaesthesia|anesthesia", "warning_sign", "saddle_numbness"),
    *phrases("warning_sign", "saddle_numbness",
             *cant("feel my|the bottom|bum|groin|genitals|privates|crotch"),
             *cant("feel [it] when i wipe|wiping"), *cant("feel the toilet paper"),
             "numb when i wipe|wiping"),
    ("wet|wetting|soiled|soiling|pooed|pooped|peed|weed myself", "warning_sign", "bladder_bowel_loss"),
    ("accident|accidents with|in my|the bladder|bowels|bowel|pants|trousers|underwear|bed",
     "warning_sign", "bladder_bowel_loss"),
    *phrases("warning_sign", "bladder_bowel_loss",
             *cant("hold|control [my|in|it] [the] wee|pee|urine|water|bladder|bowels|bowel|poo|poop"),
             *cant("tell|feel when i need [to] [go] [to] [the] loo|toilet|wee|pee")),
    (f"been able {NOT} to pee|wee|urinate|poo", "warning_sign", "bladder_bowel_loss"),
    (f"have|has|had|haven|hasn {NOT} been able to pee|wee|urinate|poo", "warning_sign", "bladder_bowel_loss"),
    ("lost|losing|no control of|over my bladder|bowel|bowels", "warning_sign", "bladder_bowel_loss"),
    ("loss of [my] bladder|bowel|bowels [control]", "warning_sign", "bladder_bowel_loss"),
    ("incontinence|incontinent", "warning_sign", "bladder_bowel_loss"),
    *phrases("warning_sign", "bladder_bowel_loss", *cant("pee|wee|urinate")),
    ("trouble|difficulty|problems|struggling peeing|weeing|urinating", "warning_sign", "bladder_bowel_loss"),
    ("struggling|struggle|straining to pee|wee|urinate", "warning_sign", "bladder_bowel_loss"),
    # "my bladder and bowels are fine" is one mention, so "fine" reaches both.
    ("bladder and|or|& bowel|bowels", "warning_sign", "bladder_bowel_loss"),
    ("bowel|bowels and|or|& bladder", "warning_sign", "bladder_bowel_loss"),
    # "no problems with my bladder": "with" does not end the negation inside the mention.
    ("problems|problem|trouble|issues|difficulty with|controlling [my] bladder|bowel|bowels|waterworks",
     "warning_sign", "bladder_bowel_loss"),
    ("bladder|bowel|bowels", "warning_sign", "bladder_bowel_loss"),
    # R3/R6/R8 inflamed skin
    ("red|redness|reddish|inflamed|cellulitis", "warning_sign", "red_hot_swollen"),
    ("hot|warm to [the] touch", "warning_sign", "red_hot_swollen"),
    (f"{FOOT}|heel|skin|it|ankle|toe|toes feels|feel|is|'s|are|looks [really|very|so|a|bit] hot|warm",
     "warning_sign", "red_hot_swollen"),
    ("skin hot|warm", "warning_sign", "red_hot_swollen"),
    ("hot|warm and|, red|swollen", "warning_sign", "red_hot_swollen"),
    ("swollen and hot|red|warm", "warning_sign", "red_hot_swollen"),
    ("spreading redness|rash", "warning_sign", "spreading_redness"),
    ("redness|red is|it|'s spreading", "warning_sign", "spreading_redness"),
    ("red|redness|rash [patch|area|bit|mark|skin] is|'s|keeps [getting] spreading|growing|bigger",
     "warning_sign", "spreading_redness"),
    ("spreading up|across|over", "warning_sign", "spreading_redness"),
    ("red streak|streaks|line|lines", "warning_sign", "spreading_redness"),
    # fever
    ("fever|feverish|temperature|temp|febrile|chills|shivering|shivers|shivery|rigors|sweats",
     "warning_sign", "fever"),
    ("burning up", "warning_sign", "fever"),
    ("i feel|feeling|'m|am [really|very|so|all] hot|feverish|boiling", "warning_sign", "fever"),
    ("very|really|so unwell|ill|sick|poorly", "warning_sign", "fever"),
    ("flu like", "warning_sign", "fever"),
    # wounds
    ("wound|wounds|ulcer|ulcers|blister|blisters|sores|cut|puncture|gash", "warning_sign", "wound"),
    ("open|a|an|weeping sore", "warning_sign", "wound"),
    ("hole in", "warning_sign", "wound"),
    ("broken skin", "warning_sign", "wound"),
    ("pus|oozing|weeping", "warning_sign", "wound"),
    ("red raw", "warning_sign", "wound"),  # rubbed raw, not an inflamed foot
    ("black|blackened|dead|dying [looking] skin|toe|toes|tissue|patch", "warning_sign", "black_skin"),
    ("gone|turned|going|turning black", "warning_sign", "black_skin"),
    ("gangrene|necrotic", "warning_sign", "black_skin"),
    ("changed|changing colour|color", "warning_sign", "colour_change"),
    ("discoloured|discolored|discolouration|discoloration|purple|purplish", "warning_sign", "colour_change"),
    ("dark patch|spot|mark", "warning_sign", "colour_change"),
    ("colour|color change", "warning_sign", "colour_change"),
    # R5 fracture (injury comes from recent_injury)
    *phrases("warning_sign", "cannot_bear_weight",
             *cant("walk|stand|weight|step|bear"), *cant("put [any] weight"),
             *cant("take 4|four|a|one|more [than] step|steps"), *cant("walk on it"),
             *cant("put my|the foot|it down"), *cant("put [any] pressure on it|my")),
    ("no weight", "warning_sign", "cannot_bear_weight"),
    ("hopping everywhere|around", "warning_sign", "cannot_bear_weight"),
    ("deformed|deformity|misshapen", "warning_sign", "deformity"),
    ("wrong shape", "warning_sign", "deformity"),
    ("odd|funny|weird|strange angle|shape", "warning_sign", "deformity"),
    ("out of place", "warning_sign", "deformity"),
    ("looks|look wrong", "warning_sign", "deformity"),
    ("snap|snapped|crack|cracked|pop|popped|crunch", "warning_sign", "heard_snap"),
    # R9 foot drop
    (f"{FOOT} drop|drops|dropping|slaps|slapping|drags|dragging|flops|flopping", "warning_sign", "foot_drop"),
    (f"{FOOT} 's|is|has|keeps [started|been|begun|starting] drop|drops|dropping|slapping|dragging|flopping",
     "warning_sign", "foot_drop"),
    ("slaps|slapping|slap the ground|floor", "warning_sign", "foot_drop"),
    *phrases("warning_sign", "foot_drop", *cant("lift|raise|bend|pull|flex my|the toes|foot|front")),
    (f"{FOOT}|toes does|do|wo|will|can|ca|won {NOT} lift|raise|come|go [up]", "warning_sign", "foot_drop"),
    (f"{FOOT}|toes doesnt|dont|wont|cant lift|raise", "warning_sign", "foot_drop"),
    ("tripping over my toes|foot", "warning_sign", "foot_drop"),
    (f"{FOOT}|toes catch|catches|catching|scuff|scuffs|scuffing [on] [the] ground|floor|pavement",
     "warning_sign", "foot_drop"),
    ("weakness getting|is worse", "warning_sign", "foot_drop"),
    ("getting weaker|weak", "warning_sign", "foot_drop"),
]

ENTRIES: List[Entry] = LOCATIONS + NUMBNESS + PAIN + FINDINGS + WARNING_SIGNS

# Findings whose denial has a meaning of its own ("no numbness" -> "none").
NEGATED_VALUE: Dict[str, str] = {
    "numbness": "none",
    "first_step_pain": "no", "night_symptoms": "no", "tinel_sign": "no",
    "worse_with_activity": "no", "both_feet": "no", "back_pain": "no", "diabetes": "no",
    "recent_injury": "no", "training_increase": "no", "flat_feet": "no", "severe_pain": "no",
}

# The `warning_sign` value of a message that denies warning signs and reports
# none ("no fever, my bladder is fine"; "no, nothing like that"): the answer
# "none of these" to the warning-sign screen. It is not a warning-sign feature.
NO_WARNING_SIGN = "none"
LEADING_DENIAL = re.compile(
    r"^\s*(?:no|nope|nah|none|nothing|neither|negative|not really|not at all)\b"
    r"(?!\s+(?:idea|clue|sure|i\s+don|one\s+told))", re.IGNORECASE)

# When one message names several pain characters, the nerve-type one tells most
# ("a sharp burning pain" is burning; "a deep ache that hurts when I squeeze it" is aching).
PAIN_CHARACTER_PRECEDENCE = ("electric", "burning", "sharp", "aching")

# Short answers that mean something only as the whole message (lower case,
# without punctuation): (regular expression, finding, value).
_ONE = (r"(?!right$)(?:(?:just|only)\s+)?(?:(?:the|my|one)\s+)?(?:one|left|right|single)"
        r"(?:\s+(?:one|foot|side|heel|leg))?(?:\s+only)?")
_BOTH = r"(?:(?:yes|yeah|yep|yup|ya|yh)\s+)?(?:both|both of them|both ones|both sides|the two of them|the pair of them|each foot)"
WHOLE_MESSAGE: List[Tuple["re.Pattern[str]", str, str]] = [
    (re.compile(rf"(?:(?:no|nope|nah|yes|yeah)\s+)?{_ONE}"), "both_feet", "no"),
    (re.compile(_BOTH), "both_feet", "yes"),
]


def whole_message(text: str) -> List[Tuple[str, str]]:
    """Findings of a short answer that is meaningful only as the whole message."""
    cleaned = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    return [(name, value) for pattern, name, value in WHOLE_MESSAGE if pattern.fullmatch(cleaned)]


def phrase_to_pattern(phrase: str) -> List[dict]:
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


def vocabulary(entries: Iterable[Entry] = None) -> set:
    """Every word the lexicon knows (for typo correction)."""
    words = set()
    for phrase, _, _ in (ENTRIES if entries is None else entries):
        for token in phrase.split():
            words.update(w for w in token.strip("[]").split("|") if w.isalpha())
    return words
