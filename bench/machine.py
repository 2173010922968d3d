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


def write_section(doc: Path, heading: str, section: str) -> None:
    """Replace (or append) the section under `heading` in docs/performance.md, re-reading the file
    right now so other benchmarks' sections are kept."""
    old = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n\n"
    m = re.search(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", old, re.MULTILINE | re.DOTALL)
    new = old[:m.start()] + section + old[m.end():] if m else old.rstrip("\n") + "\n\n" + section
    doc.write_text(new, encoding="utf-8")
