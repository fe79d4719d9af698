"""Build the blank English spaCy pipeline used for clinical text.

No trained spaCy model can be downloaded, so we build one at install time: a
blank English tokenizer, a sentence splitter (medspaCy's ConText scopes by
sentence) and the lookup lemmatizer whose tables come from
spacy-lookups-data. Usage: python scripts/build_spacy_pipeline.py OUT_DIR
"""

import sys
from pathlib import Path

KNOWN_WORDS = "known_words.txt"
# Words at least this frequent (log probability) count as real English: the
# typo corrector leaves them alone, so "ladder" never becomes "bladder".
MIN_LOG_PROB = -17.0


def write_known_words(path: Path) -> None:
    import spacy_lookups_data
    import srsly

    table = srsly.read_gzip_json(Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz")
    words = sorted(w for w, p in table.items() if p >= MIN_LOG_PROB and w.isalpha() and w.islower())
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} known English words written to {path}")


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
    write_known_words(out_dir / KNOWN_WORDS)
    print(f"spaCy pipeline written to {out_dir}: {nlp.pipe_names}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(Path(sys.argv[1]))
