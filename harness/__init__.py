"""What the test suite and the benchmark share: the real servers started on free
ports (`servers`) and the patient vignettes with their expected outcomes
(`vignettes`). Neither `tests/` nor `bench/` imports the other; both import this.
"""
