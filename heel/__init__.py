"""The clinical core: the policy of ../shared/clinical-reference.md, in plain Python.

Findings and their values (`findings`), warning signs R1-R9 (`warning_signs`), the
differential (`differential`), the assessment that joins them and chooses the next
question (`assessment`), urgency levels (`levels`), advice and the disclaimer
(`advice`), the words of every question (`questions`), the summary of what was
understood (`summary`), and the lay vocabulary with its reader's context cues
(`lexicon`, `vocabulary.yml`).

It imports neither Rasa nor spaCy, nor any other package of this project: the
Rasa action server (`actions/`), the Rasa server's components (`components/`),
the channels (`channels/`), the clinic's records (`clinic/`) and the web page
(`web/`) are adapters around it (docs/architecture.md).
"""
