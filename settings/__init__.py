"""The product's settings, owned in one place.

Every environment variable the product reads is declared once, in
settings/table.py: its kind, its default, what it means and which processes
read it. `load()` reads them all, checks each and returns one frozen, typed
object; an unusable value raises `SettingsError`, whose message names the
variable and says what is allowed (`RASA_PORT='abc' must be a port number
(1-65535)`). Nothing is read at import.

    from settings import load
    config = load()                 # os.environ; load(mapping) for another
    config.rasa_port                # 5005 unless RASA_PORT says otherwise
    config.environment()            # the settings as variables for a child process

`make run` (scripts/run.py) checks them before anything starts and passes
them, explicit, to every process; the processes read them from here, never
from os.environ. `python -m settings` checks the current environment,
`python -m settings --markdown` prints the README's configuration table.
`ROOT` is the project directory.
"""

from .kinds import SettingsError
from .loading import Settings, default, load
from .table import BY_NAME, NAMES, ROOT, TABLE, Setting

__all__ = ["BY_NAME", "NAMES", "ROOT", "TABLE", "Setting", "Settings", "SettingsError", "default", "load"]
