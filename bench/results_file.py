"""var/bench/results.json, which every bench merges its rows into (not itself a bench: `make bench`
runs only bench/bench_*.py)."""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "var" / "bench" / "results.json"


def merge_results(rows: list[dict]) -> None:
    """Merge rows into the file, replacing rows of the same name (a list, or {"results": [...]})."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    data: list | dict = []
    if RESULTS.exists():
        data = json.loads(RESULTS.read_text(encoding="utf-8") or "[]")
    existing = data if isinstance(data, list) else data.setdefault("results", [])
    names = {r["name"] for r in rows}
    existing[:] = [r for r in existing if r.get("name") not in names] + rows
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
