"""Build the blank English spaCy pipeline used for clinical text.

No trained spaCy model can be downloaded, so we build one at install time: a
blank English tokenizer, a sentence splitter (medspaCy's ConText scopes by
sentence) and the lookup lemmatizer whose tables come from
spacy-lookups-data. Usage: python scripts/build_spacy_pipeline.py OUT_DIR
"""
import sys
from pathlib import Path


def build(out_dir: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    nlp.meta["name"] = "heel_blank"
    nlp.meta["description"] = "Blank English pipeline: sentencizer + lookup lemmatizer"
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    print(f"spaCy pipeline written to {out_dir}: {nlp.pipe_names}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(Path(sys.argv[1]))
