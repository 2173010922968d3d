"""Integration tests: the real model, a real DuckDB file, the CLI as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA = json.loads((ROOT / "docs" / "event.schema.json").read_text())


def needs_shared(*parts: str) -> Path:
    """A path in ../shared, or skip the test with a reason when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: the shared development data is not beside this checkout")
    return p


def cli(args: Sequence[str], stdin: str | None = None, cwd: Path | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    p = subprocess.run([sys.executable, "-m", "newsevents", *args], input=stdin, capture_output=True,
                       text=True, cwd=cwd or ROOT, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError(f"newsevents {' '.join(args)} exited {p.returncode}: {p.stderr[-2000:]}")
    return p


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]
