"""The codes a pre-screening is written in: standard ones where they exist.

- Yes/no findings are `valueBoolean`; "I don't know" is the HL7 data-absent-reason
  `asked-unknown`, on the answer's value.
- Durations are UCUM weeks (`wk`).
- The likely condition keeps the project's own code (the clinical core's name for
  it) and, where one could be checked against a public source, carries a SNOMED
  CT concept beside it (docs/fhir.md lists each code, its source, and the
  conditions left without one).
- The urgency keeps its Infermedica-compatible triage code, with a display a
  clinician reads.

Plain data: nothing here imports Rasa or FHIR libraries.
"""

from typing import NamedTuple

from heel import levels

# The project's own code systems (one per finding or outcome): `urn:heelcheck:<name>`.
PROJECT = "urn:heelcheck"
SNOMED_CT = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
WEEKS = {"system": UCUM, "code": "wk", "unit": "wk"}

DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
DATA_ABSENT_CODES = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
ASKED_UNKNOWN = "asked-unknown"  # "The source was asked but does not know the value."
ASKED_UNKNOWN_CODING = {"system": DATA_ABSENT_CODES, "code": ASKED_UNKNOWN, "display": "Asked But Unknown"}


def asked_unknown_extension() -> dict[str, str]:
    return {"url": DATA_ABSENT_REASON, "valueCode": ASKED_UNKNOWN}


def project_system(name: str) -> str:
    return f"{PROJECT}:{name}"


# Infermedica's triage level names (heel/levels.py), and what each asks of the clinic.
URGENCY_SYSTEM = project_system("triage_level")
URGENCY_DISPLAY: dict[str, str] = levels.FOR_STAFF


class Concept(NamedTuple):
    code: str
    display: str  # the fully specified name without its semantic tag
    equivalence: str  # "equivalent", or "broader": the concept includes the condition
    source: str  # where the code and its name were checked (docs/fhir.md)


# The Belgian eHealth Platform's published FHIR implementation guide (Referral
# Prescription IG v1.0.0) lists these concepts, with their fully specified
# names, in its value set of diagnostic imaging indications.
BE_EHEALTH = "https://www.ehealth.fgov.be/standards/fhir/terminology/ValueSet/be-vs-diagnostic-imaging-indication"

# Likely conditions (differential and warning signs) -> SNOMED CT. A condition
# missing here has no code that could be checked against a public source: it
# carries the project's code only (docs/fhir.md says which, and why).
CONDITION_SNOMED: dict[str, Concept] = {
    "tarsal_tunnel_syndrome": Concept("47374004", "Tarsal tunnel syndrome", "equivalent", BE_EHEALTH),
    "plantar_fasciitis": Concept("202882003", "Plantar fasciitis", "equivalent", BE_EHEALTH),
    "peripheral_neuropathy": Concept("386033004", "Neuropathy", "broader", BE_EHEALTH),
    "calcaneal_stress_fracture": Concept("704065008", "Stress fracture of foot", "broader", BE_EHEALTH),
    "acute_limb_ischaemia": Concept("1230182004", "Acute lower limb ischemia", "equivalent", BE_EHEALTH),
    "cellulitis": Concept("128045006", "Cellulitis", "equivalent", BE_EHEALTH),
    "fracture": Concept("125605004", "Fracture of bone", "equivalent", BE_EHEALTH),
    "diabetic_foot_ulcer": Concept("95345008", "Ulcer of foot", "broader", BE_EHEALTH),
}


def snomed_coding(condition: str) -> dict[str, str]:
    concept = CONDITION_SNOMED[condition]
    return {"system": SNOMED_CT, "code": concept.code, "display": concept.display}
