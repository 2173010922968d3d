"""The Dask engine (newsevents.scale): same records as the local engine, idempotent shards, resume after a
worker is killed, and the shard files queried in place. One LocalCluster run (2 worker processes) is
shared by the tests of this module."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsevents.cli import ingest
from newsevents.scale import load_shards, parquet_events, run_dask, shard_path
from newsevents.store import Store

from .conftest import FIXTURES, cli, jsonl

pytest.importorskip("distributed")

INPUTS = [str(FIXTURES / "articles"), str(FIXTURES / "api" / "articles.jsonl")]
WHEN = date(2024, 1, 5)
SHARD_SIZE = 3


def _records(db: Path) -> list[dict[str, Any]]:
    with Store.open(str(db), read_only=True) as store:
        return store.events()


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    summary = ingest(INPUTS, str(db), when=WHEN, progress=False)
    assert summary["errors"] == 0 and summary["stored"] > 0
    return db


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], Path]:
    """One run on a 2-worker LocalCluster; the first shard task kills its worker process (marker file)."""
    out = tmp_path_factory.mktemp("dask")
    marker = out / "killed-once"
    run = run_dask(INPUTS, out, when=WHEN, workers=2, shard_size=SHARD_SIZE, timeout=120,
                   crash_once=str(marker))
    assert marker.exists(), "the fault was not injected: no worker was killed"
    return out, run, marker


def test_every_shard_written_once(dask_run: tuple[Path, dict[str, Any], Path]) -> None:
    out, run, _ = dask_run
    assert run["documents"] == 8 and not run["errors"]
    assert len(run["shards"]) == 3 == len(set(run["shards"]))
    files = sorted(p.name for p in (out / "shards").iterdir())
    assert files == sorted(f"{s}.parquet" for s in run["shards"])  # no temporary files left behind
    doc_rows = []
    for s in run["shards"]:
        t = pq.read_table(shard_path(out, s), filters=[("kind", "=", "document")]).to_pylist()
        assert {r["shard_id"] for r in t} == {s}
        doc_rows += [r["content_hash"] for r in t]
    assert len(doc_rows) == len(set(doc_rows)) == 8


def test_same_records_as_local_engine(dask_run: tuple[Path, dict[str, Any], Path], local_db: Path,
                                      tmp_path: Path) -> None:
    out, run, _ = dask_run
    db = tmp_path / "dask.duckdb"
    assert load_shards(out, str(db), run["shards"])["stored"] == 8
    local, distributed = _records(local_db), _records(db)
    assert local, "the fixtures gave no events"
    assert [r["event_id"] for r in distributed] == [r["event_id"] for r in local]
    assert distributed == local
    assert load_shards(out, str(db))["stored"] == 0  # loading again adds nothing
    assert _records(db) == local


def test_rerun_redoes_no_shard(dask_run: tuple[Path, dict[str, Any], Path]) -> None:
    out, run, _ = dask_run
    mtimes = {p.name: p.stat().st_mtime_ns for p in (out / "shards").iterdir()}
    again = run_dask(INPUTS, out, when=WHEN, workers=2, shard_size=SHARD_SIZE, timeout=120)
    assert again["shards"] == run["shards"]
    assert again["coded"] == [] and again["skipped"] == 3
    assert {p.name: p.stat().st_mtime_ns for p in (out / "shards").iterdir()} == mtimes


def test_resume_codes_only_missing_shards(dask_run: tuple[Path, dict[str, Any], Path], tmp_path: Path) -> None:
    """A crashed run left some shards: the next run codes only the others, and the result is the same."""
    out, run, _ = dask_run
    partial = tmp_path / "partial"
    (partial / "shards").mkdir(parents=True)
    kept = run["shards"][0]
    shard_path(partial, kept).write_bytes(shard_path(out, kept).read_bytes())
    resumed = run_dask(INPUTS, partial, when=WHEN, workers=2, shard_size=SHARD_SIZE, timeout=120)
    assert sorted(resumed["coded"]) == sorted(run["shards"][1:])
    assert parquet_events(partial) == parquet_events(out)


def test_cli_dask_ingest_and_events_parquet(dask_run: tuple[Path, dict[str, Any], Path], local_db: Path,
                                            tmp_path: Path) -> None:
    out, _, _ = dask_run
    db = tmp_path / "cli.duckdb"
    # every shard is already in --shards, so the command only loads them (no cluster is started)
    p = cli(["ingest", *INPUTS, "--date", WHEN.isoformat(), "--db", str(db), "--engine", "dask",
             "--shards", str(out), "--shard-size", str(SHARD_SIZE)])
    assert "already done 3" in p.stderr and "stored 8" in p.stderr
    local = _records(local_db)
    assert _records(db) == local
    assert jsonl(cli(["events", "--parquet", str(out), "--format", "jsonl"]).stdout) == local
    assert jsonl(cli(["events", "--parquet", str(out / "shards"), "--format", "jsonl"]).stdout) == local
    for args, kw in ((["--country", "FRA"], {"country": "FRA"}), (["--type", "consult"], {"type": "consult"}),
                     (["--since", "2023-05-11"], {"since": date(2023, 5, 11)}),
                     (["--until", "2023-03-31"], {"until": date(2023, 3, 31)})):
        with Store.open(str(local_db), read_only=True) as store:
            want = store.events(**kw)
        got = jsonl(cli(["events", "--parquet", str(out), "--format", "jsonl", *args]).stdout)
        assert got == want, args
    assert cli(["events", "--format", "jsonl"], check=False).returncode == 2  # neither --db nor --parquet


def test_same_records_as_local_engine_on_default_corpus_samples(tmp_path: Path) -> None:
    """A subset of the default corpus: the 20 State Department releases in ../shared/corpus/samples."""
    from .conftest import needs_shared

    samples = [str(needs_shared("corpus", "samples"))]
    local = tmp_path / "local.duckdb"
    ingest(samples, str(local), progress=False)
    run = run_dask(samples, tmp_path / "out", workers=2, shard_size=8, timeout=300)
    db = tmp_path / "dask.duckdb"
    load_shards(tmp_path / "out", str(db), run["shards"])
    assert run["documents"] == 20 and _records(local)
    assert _records(db) == _records(local)
