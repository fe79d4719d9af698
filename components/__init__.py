"""Rasa-side extensions: the clinical text reader (an NLU component), the
warning-sign policy and the response generator. They run inside the Rasa
server, so the safety path needs no action server."""
