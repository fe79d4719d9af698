"""Self-care advice and safety-netting per condition (clinical reference, section 5)."""

NOT_A_DIAGNOSIS = "This is a pre-screening, not a diagnosis."
# After an answer to a question about a condition or self-care (the FAQ answers of domain.yml).
GENERAL_INFORMATION = "This is general information, not a diagnosis."

CONDITION_NAMES: dict[str, str] = {
    "medial_calcaneal_nerve_entrapment": "medial calcaneal nerve entrapment (a pinched nerve branch on the inner heel)",
    "tarsal_tunnel_syndrome": "tarsal tunnel syndrome (the tibial nerve squeezed behind the inner ankle)",
    "plantar_fasciitis": "plantar fasciitis (irritation of the band under the foot)",
    "peripheral_neuropathy": "peripheral neuropathy (the nerves of both feet)",
    "lumbar_radiculopathy": "a trapped nerve in the lower back (lumbar radiculopathy)",
    "calcaneal_stress_fracture": "a possible stress fracture of the heel bone",
    "baxters_nerve_entrapment": "Baxter's nerve entrapment (a small nerve under the heel)",
    "inconclusive": "no single clear pattern",
    "acute_limb_ischaemia": "a possible blocked blood supply to the foot",
    "cauda_equina_syndrome": "possible cauda equina syndrome (nerves at the base of the spine)",
    "cellulitis": "a possible skin infection (cellulitis)",
    "diabetic_foot_infection": "a possible diabetic foot infection",
    "fracture": "a possible broken bone",
    "charcot_foot": "possible Charcot foot (a diabetic foot problem)",
    "diabetic_foot_ulcer": "a possible diabetic foot ulcer",
    "foot_drop": "foot drop (weakness lifting the foot)",
    "possible_warning_sign": "a warning sign that could not be told apart (advice given cautiously)",
}

REST = "Rest from what makes it worse: running usually does. Swap to cycling or swimming for now."
ICE_SEED = (
    "Ice or a cold pack for 10 to 15 minutes every hour while it is painful, cutting down to 3 or 4 times "
    "a day as it settles. Never put ice straight on the skin: use a wet tea towel or a cold wrap."
)
ICE_NHS = "Ice wrapped in a towel for up to 20 minutes every 2 to 3 hours can ease the pain."
ICE_CAREFUL = (
    "With diabetes or reduced feeling in your feet, take care with ice and heat (you may not feel a "
    "burn) and check your feet every day."
)
FOOTWEAR_NERVE = (
    "Shoes: poorly fitting or worn sports shoes can pinch the nerve. Choose well-fitting shoes, avoid "
    "shoes that press on the inner ankle, and if your foot rolls in, supportive insoles can help."
)
FOOTWEAR_PF = (
    "Shoes: cushioned shoes with arch support, insoles or heel pads. Avoid long standing, high heels, "
    "flip-flops and walking barefoot on hard floors. Losing weight helps if you are overweight."
)
EXERCISE = "Once it settles, ankle mobility and strengthening exercises help, but only as far as pain allows."
TREATMENT = (
    "If it does not settle, a clinician may suggest anti-inflammatory medicine, physiotherapy such as "
    "ultrasound, or, rarely, a steroid injection or an operation to free the nerve."
)
SETTLES = "About 80% of heel pain settles on its own, usually within 6 to 12 months."
STOP_RUNNING = "Stop running and high-impact exercise until you have been seen; rest the foot."
NO_IBUPROFEN = "After an injury, do not take ibuprofen for the first 48 hours."

ADVICE: dict[str, list[str]] = {
    "medial_calcaneal_nerve_entrapment": [REST, ICE_SEED, FOOTWEAR_NERVE, EXERCISE, TREATMENT],
    "tarsal_tunnel_syndrome": [
        REST,
        ICE_SEED,
        "Insoles that correct a foot that rolls in (overpronation) help tarsal tunnel syndrome.",
        "A clinician will examine the foot and may arrange nerve tests.",
    ],
    "plantar_fasciitis": [REST, ICE_NHS, FOOTWEAR_PF, EXERCISE, SETTLES],
    "peripheral_neuropathy": [
        ICE_CAREFUL,
        "Wear well-fitting, cushioned shoes and never walk barefoot.",
        "A GP can look for the cause (diabetes is the commonest) with a check-up and blood tests.",
    ],
    "lumbar_radiculopathy": [
        "Keep gently active; long bed rest slows recovery.",
        "The cause is in the back, so a GP or physiotherapist should assess your back as well as your foot.",
    ],
    "calcaneal_stress_fracture": [STOP_RUNNING, ICE_NHS, "Be seen within days: an X-ray or scan may be needed."],
    "baxters_nerve_entrapment": [
        REST,
        ICE_NHS,
        "Insoles that correct overpronation can aggravate this nerve: ask a podiatrist first.",
    ],
    "inconclusive": [REST, ICE_NHS, FOOTWEAR_PF],
}

SAFETY_NET_ALL = (
    "Get help at once (call {emergency_number}) if your foot turns cold, pale or blue; if you get "
    "numbness around your bottom or problems controlling your bladder or bowels; or if your foot "
    "becomes red, hot and swollen with a fever. "
)
SAFETY_NET: dict[str, str] = {
    "self_care": "See a GP, physiotherapist or podiatrist if it is no better after 2 weeks, is severe or keeps coming back.",
    "consultation": "Book that appointment; if it gets much worse before then, contact your GP sooner.",
    "consultation_24": "Be seen today; if it gets worse while you wait, go to A&E.",
}
BACK_SAFETY_NET = (
    "Because the cause may be in your back: numbness between your legs or around your bottom, or new "
    "bladder or bowel problems, mean calling {emergency_number} at once."
)


def advice_for(condition: str, diabetes: str = None, injury: str = None) -> list[str]:
    """Advice chunks for a condition, with the diabetes and injury cautions."""
    chunks = list(ADVICE.get(condition, ADVICE["inconclusive"]))
    if diabetes == "yes" and ICE_CAREFUL not in chunks:
        chunks.insert(1, ICE_CAREFUL)
    if injury == "yes":
        chunks.append(NO_IBUPROFEN)
    return chunks


def safety_net(level: str, condition: str) -> str:
    text = SAFETY_NET_ALL + SAFETY_NET.get(level, "")
    if condition == "lumbar_radiculopathy":
        text += " " + BACK_SAFETY_NET
    return text
