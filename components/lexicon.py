"""The words people use for heel symptoms, mapped to findings.

Each entry is `(phrase, category, value)`. A phrase is a tiny token pattern:
tokens separated by spaces, `a|b` for alternatives, `[x]` for an optional
token, `*` for any one optional token. `phrase_to_pattern` compiles it to a
spaCy Matcher pattern on the lower-cased text.

Categories are finding (slot) names, `warning_sign` (value: a warning-sign
feature), or the helper categories:
- `location`: where something is felt; attached to pain or numbness words by
  the reader, or given as a bare answer;
- `numbness`: numbness or tingling, whose area comes from a nearby location;
- `pain`: a generic pain word (helps attach locations to pain).
"""
from typing import Dict, List, Tuple

# Shared token classes.
HEEL = "heel|heels|heal|heals|hell"
FOOT = "foot|feet|foots"
MY = "[my|the|your|his|her|me]"
NOT = "n't|not|nt|t"
CANT = f"ca|can|cannot|cant|unable|could|couldn|wo [{NOT}] [to|even]"

Entry = Tuple[str, str, object]

LOCATIONS: List[Entry] = [
    (f"inside|inner|medial [side|edge|part] [of] {MY} {HEEL}", "location", "inner_heel"),
    (f"{HEEL} on the inside|inner [side|edge]", "location", "inner_heel"),
    ("on|at|along the inside|inner [side|edge|part]", "location", "inner_heel"),
    (f"inside|inner [side|edge|part] of {MY} {HEEL}|ankle", "location", "inner_heel"),
    (f"inside|inner|medial ankle|ankles", "location", "inner_heel"),
    ("below|under|beneath|behind the|my inner|inside ankle bone", "location", "inner_heel"),
    ("medial malleolus", "location", "inner_heel"),
    (f"under|underneath|beneath|bottom|underside [of] {MY} {HEEL}", "location", "under_heel"),
    (f"{HEEL} pad|bone", "location", "under_heel"),
    (f"sole of {MY} {HEEL}", "location", "under_heel"),
    (f"back of {MY} {HEEL}|ankle", "location", "back_of_heel"),
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
        "fizzing|fizzy", "loss of feeling|sensation", f"{CANT} feel", "reduced|less|no feeling",
        "dead feeling", "feels dead",
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
    (f"hurts|painful|pain when|if i squeeze|squeezing|press|pressing {MY} {HEEL} [from] [the|both] [sides]",
     "pain_character", "aching"),
]

FINDINGS: List[Entry] = [
    # first steps in the morning / after rest
    ("first step|steps|thing", "first_step_pain", "yes"),
    ("in the morning|mornings", "first_step_pain", "yes"),
    ("mornings|morning", "first_step_pain", "yes"),
    ("get|getting|got out of bed", "first_step_pain", "yes"),
    ("when|after i get|getting up", "first_step_pain", "yes"),
    ("after sitting|resting|rest", "first_step_pain", "yes"),
    # night
    ("at night|nights|nighttime|overnight", "night_symptoms", "yes"),
    ("night|nights", "night_symptoms", "yes"),
    ("in bed", "night_symptoms", "yes"),
    ("wakes|waking|woke|keeps me up|awake", "night_symptoms", "yes"),
    # Tinel
    ("tap|taps|tapping|tapped", "tinel_sign", "yes"),
    ("tinel|tinels|tinel's", "tinel_sign", "yes"),
    # activity
    ("when|after|while i run|running|jog|jogging|walk|walking", "worse_with_activity", "yes"),
    ("running|jogging|walking|standing|exercise|sport|activity makes|make it worse", "worse_with_activity", "yes"),
    ("worse with|after activity|exercise|running|walking|standing", "worse_with_activity", "yes"),
    ("after|during runs|long walks|standing all day", "worse_with_activity", "yes"),
    # both feet / one foot
    (f"both {FOOT}|heels|sides|legs", "both_feet", "yes"),
    ("both of them|my feet", "both_feet", "yes"),
    (f"only|just [my|the|one] left|right|one {FOOT}|heel|side", "both_feet", "no"),
    (f"[my] left|right|one {FOOT}|heel|side only", "both_feet", "no"),
    (f"one {FOOT}", "both_feet", "no"),
    # back
    ("back pain|ache|problems|problem", "back_pain", "yes"),
    ("lower|low back", "back_pain", "yes"),
    ("my back", "back_pain", "yes"),
    ("sciatica|slipped disc|disc", "back_pain", "yes"),
    ("down|into my|the leg|legs|buttock|bum", "back_pain", "yes"),
    # diabetes
    ("diabetes|diabetic|diabetis|diabeties|diabetics", "diabetes", "yes"),
    ("type 1|2|one|two", "diabetes", "yes"),
    ("blood sugar|sugars", "diabetes", "yes"),
    ("insulin|metformin", "diabetes", "yes"),
    # injury (also a warning-sign feature: the reader adds it)
    ("fell|fall|fallen|falling|tripped|slipped", "recent_injury", "yes"),
    ("twisted|sprained|rolled|went over on my ankle|foot", "recent_injury", "yes"),
    ("landed|landing|jumped [down] off|from", "recent_injury", "yes"),
    ("injured|injury|accident|hurt it|dropped", "recent_injury", "yes"),
    # training
    ("training|train for|a marathon|half|race|10k|5k", "training_increase", "yes"),
    ("increased|upped|doubled|more [my] running|mileage|miles|training|distance", "training_increase", "yes"),
    ("started|began|new running|jogging|training|to run|running", "training_increase", "yes"),
    ("couch to 5k", "training_increase", "yes"),
    ("running|run on concrete|roads|road|pavement|tarmac|hard", "training_increase", "yes"),
    ("hard surface|surfaces|floor|floors", "training_increase", "yes"),
    ("marathon", "training_increase", "yes"),
    # overpronation / flat feet
    ("flat feet|foot|footed|arches", "flat_feet", "yes"),
    ("fallen arches|arch", "flat_feet", "yes"),
    ("overpronate|overpronation|overpronating|over pronate|pronate|pronation", "flat_feet", "yes"),
    (f"{FOOT} roll|rolls|rolling in|inwards", "flat_feet", "yes"),
    # footwear
    ("tight|old|worn|cheap|bad|poor|new|small|narrow|unsupportive|flat [out] [running] shoes|trainers|boots|sneakers",
     "footwear", "poor"),
    ("shoes|trainers|boots|sneakers are|were too tight|small|old|worn|narrow", "footwear", "poor"),
    ("high heels|heels|flip flops|flops|sandals|slippers", "footwear", "poor"),
    ("barefoot|bare feet", "footwear", "poor"),
    ("good|proper|supportive|decent|new|cushioned running shoes|trainers|insoles", "footwear", "good"),
]

WARNING_SIGNS: List[Entry] = [
    # R1 ischaemia
    (f"{MY} {FOOT}|toes|heel [is|are|'s|has|have] [gone|turned|going|become|looks|look|very|all] "
     "white|pale|blue|grey|gray|mottled|cold|icy|freezing", "warning_sign", "cold_pale_foot"),
    ("white|pale|blue|mottled|cold|icy|freezing and cold|white|pale|blue|numb", "warning_sign", "cold_pale_foot"),
    (f"cold|pale|white|blue|mottled {FOOT}|toes", "warning_sign", "cold_pale_foot"),
    ("ice|stone cold", "warning_sign", "cold_pale_foot"),
    ("no pulse|pulses", "warning_sign", "cold_pale_foot"),
    ("lost|lose|losing the colour|color", "warning_sign", "cold_pale_foot"),
    # R2 cauda equina
    ("numb|numbness|tingling|tingly|feeling [feeling] between|around|in|on my|the legs|bottom|bum|groin|genitals|privates|anus|buttocks|crotch",
     "warning_sign", "saddle_numbness"),
    ("numb|tingly|dead bottom|bum|groin|genitals|privates|crotch|backside", "warning_sign", "saddle_numbness"),
    ("saddle numbness|area|anaesthesia", "warning_sign", "saddle_numbness"),
    (f"{CANT} feel my|when bottom|bum|groin|genitals|privates", "warning_sign", "saddle_numbness"),
    ("wet|wetting|soiled|soiling myself", "warning_sign", "bladder_bowel_loss"),
    ("lost|losing|loss of|no control of|over my bladder|bowel|bowels", "warning_sign", "bladder_bowel_loss"),
    ("incontinence|incontinent", "warning_sign", "bladder_bowel_loss"),
    (f"{CANT} pee|wee|urinate", "warning_sign", "bladder_bowel_loss"),
    ("bladder|bowel|bowels", "warning_sign", "bladder_bowel_loss"),
    # R3/R6/R8 inflamed skin
    ("red|redness|reddish|inflamed|cellulitis", "warning_sign", "red_hot_swollen"),
    ("hot|warm to [the] touch", "warning_sign", "red_hot_swollen"),
    ("feels|feel|is|skin hot|warm", "warning_sign", "red_hot_swollen"),
    ("hot and|, red|swollen", "warning_sign", "red_hot_swollen"),
    ("swollen and hot|red", "warning_sign", "red_hot_swollen"),
    ("spreading redness|rash", "warning_sign", "spreading_redness"),
    ("redness|red is|it|'s spreading", "warning_sign", "spreading_redness"),
    ("spreading up|across|over", "warning_sign", "spreading_redness"),
    ("red streak|streaks|line|lines", "warning_sign", "spreading_redness"),
    # fever
    ("fever|feverish|temperature|temp|febrile|chills|shivering|shivers|shivery|rigors|sweats",
     "warning_sign", "fever"),
    ("very|really|so unwell|ill|sick|poorly", "warning_sign", "fever"),
    ("flu like|flu-like", "warning_sign", "fever"),
    # wounds
    ("wound|wounds|ulcer|ulcers|blister|blisters|sores|cut|puncture|gash", "warning_sign", "wound"),
    ("open|a|an|weeping sore", "warning_sign", "wound"),
    ("hole in|broken skin|pus|oozing|weeping", "warning_sign", "wound"),
    ("black|blackened|dead|dying [looking] skin|toe|toes|tissue|patch", "warning_sign", "black_skin"),
    ("gone|turned|going|turning black", "warning_sign", "black_skin"),
    ("gangrene|necrotic", "warning_sign", "black_skin"),
    ("changed|changing colour|color", "warning_sign", "colour_change"),
    ("discoloured|discolored|discolouration|discoloration|purple|dark patch", "warning_sign", "colour_change"),
    ("colour|color change", "warning_sign", "colour_change"),
    # R5 fracture (injury comes from recent_injury)
    (f"{CANT} walk|stand|weight|step|bear", "warning_sign", "cannot_bear_weight"),
    (f"{CANT} put [any] weight", "warning_sign", "cannot_bear_weight"),
    (f"{CANT} take 4|four|a|one step|steps", "warning_sign", "cannot_bear_weight"),
    ("no weight", "warning_sign", "cannot_bear_weight"),
    ("deformed|deformity|misshapen|wrong shape|odd angle|out of place|looks wrong|bent", "warning_sign", "deformity"),
    ("snap|snapped|crack|cracked|pop|popped|crunch", "warning_sign", "heard_snap"),
    # R9 foot drop
    ("foot drop|slaps|slapping|drags|dragging", "warning_sign", "foot_drop"),
    (f"{CANT} lift|raise my|the toes|foot|front", "warning_sign", "foot_drop"),
    ("tripping over my toes|foot", "warning_sign", "foot_drop"),
    ("weakness getting|is worse|worse", "warning_sign", "foot_drop"),
    ("getting weaker|weak", "warning_sign", "foot_drop"),
]

ENTRIES: List[Entry] = LOCATIONS + NUMBNESS + PAIN + FINDINGS + WARNING_SIGNS

# Findings whose denial has a meaning of its own ("no numbness" -> "none").
NEGATED_VALUE: Dict[str, str] = {
    "numbness": "none",
    "first_step_pain": "no", "night_symptoms": "no", "tinel_sign": "no",
    "worse_with_activity": "no", "both_feet": "no", "back_pain": "no", "diabetes": "no",
    "recent_injury": "no", "training_increase": "no", "flat_feet": "no",
}


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


def vocabulary() -> set:
    """Every word the lexicon knows (for typo correction)."""
    words = set()
    for phrase, _, _ in ENTRIES:
        for token in phrase.split():
            words.update(w for w in token.strip("[]").split("|") if w.isalpha())
    return words
