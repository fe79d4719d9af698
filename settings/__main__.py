"""`python -m settings`: check this environment's settings and show them (secrets hidden);
`--markdown`: the README's configuration table."""

import argparse
import sys

from . import SettingsError, load
from .readme import markdown

parser = argparse.ArgumentParser(prog="python -m settings", description=__doc__)
parser.add_argument("--markdown", action="store_true", help="print the README's configuration table")
parser.add_argument("--scaled", action="store_true", help="with the defaults of `make run-scaled`")
args = parser.parse_args()
if args.markdown:
    print(markdown())
    sys.exit(0)
try:
    print("\n".join(load(scaled=args.scaled).shown()))
except SettingsError as error:
    sys.exit(f"!! {error}")
