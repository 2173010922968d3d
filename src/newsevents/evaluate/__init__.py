"""Scoring newsevents against reference annotations: the `newsevents eval` commands and the bench scripts.

- `timeml`: TimeML files and the TempEval-3 TIMEX3 scores (strict/relaxed extent, type, value).
- `plover`: one-sentence PLOVER gold records (type accuracy, macro-F1, dyad accuracy, extra events).
- `seed`: one article against a hand annotation of its timexes and events.
- `statedept`: the hand-annotated State Department releases in tests/data/.
"""

from .common import GoldError, countries, shared_path
from .timeml import TimeMLError

__all__ = ["GoldError", "TimeMLError", "countries", "shared_path"]
