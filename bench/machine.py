"""The machine a benchmark ran on, for the reports in docs/performance.md."""

from __future__ import annotations

import platform
import re
from pathlib import Path


def cpu() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or platform.machine()
    models = re.findall(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
    return f"{models[0].strip() if models else platform.machine()}, {len(models) or '?'} logical CPUs"
