"""Benchmark: parse 1,000 varied annual reports (and read the percentages of one long line).

The reports are generated from the example texts (shared/examples/reports, next to the
repository) with their numbers perturbed deterministically and their tables re-laid out
(markdown rows, tab-separated rows, one cell per line, "cell |" lines, HTML tables). The
baseline, measured in the same run, is reading and normalising the same texts (splitting
lines and NFKC-normalising each), i.e. the least any parser must do.

A second part times ``gongkai report parse DIR --csv`` on a folder of text-layer PDFs made
from the same perturbed texts (WeasyPrint, bordered tables): the rate in PDFs per second,
end to end (reading, rebuilding the cells, parsing, the CSV), against the target of 20/s.

Results are printed and merged into var/bench/results.json as rows
``{"name", "value", "baseline", "ratio", "unit"}`` (rows with other names are kept).

Run: ``python bench/bench_report_parse.py [--count 1000] [--pdfs 40]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.reports.checks import check  # noqa: E402
from gongkai.reports.parsing import parse_report  # noqa: E402
from gongkai.reports.parsing.percentages import find_percentages  # noqa: E402
from gongkai.reports.parsing.text import normalize_line, split_lines  # noqa: E402

EXAMPLES = ROOT.parent / "shared" / "examples" / "reports"
RESULTS = ROOT / "var" / "bench" / "results.json"
LAYOUTS = ("markdown", "tabs", "lines", "cell_pipes", "html")
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?![\d.%年月日])")


def example_texts() -> list[str]:
    """The example reports (the benchmark's seeds)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no example reports in {EXAMPLES}")
    return texts


def perturb(text: str, rng: random.Random) -> str:
    """Change small numbers in table cells (not years, not percentages)."""
    out = []
    for line in split_lines(text):
        if "|" in line or len(line.strip()) <= 8:
            line = _NUMBER.sub(lambda m: str(int(m.group(0)) + rng.randint(0, 3)), line)
        out.append(line)
    return "\n".join(out)


def relayout(text: str, layout: str) -> str:
    """Re-lay out markdown table rows ("| a | b |"); other lines are kept."""
    lines = split_lines(text)
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if not table:
            return
        if layout == "html":
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table
            )
            out.append(f"<table>{rows}</table>")
        for row in table if layout != "html" else []:
            if layout == "markdown":
                out.append("| " + " | ".join(row) + " |")
            elif layout == "tabs":
                out.append("\t".join(row))
            elif layout == "lines":
                out.extend(row)
            else:
                out.extend(f"{c} |" if c else "|" for c in row)
                out.append("||")
        table.clear()

    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            table.append([c.strip() for c in stripped[1:-1].split("|")])
            continue
        flush()
        out.append(f"<p>{escape(line)}</p>" if layout == "html" else line)
    flush()
    if layout == "html":
        return "<html><head><meta charset='utf-8'></head><body>" + "\n".join(out) + "</body></html>"
    return "\n".join(out)


def generate(count: int) -> list[str]:
    """``count`` varied reports, the same ones on every run."""
    seeds = example_texts()
    reports = []
    for index in range(count):
        rng = random.Random(index)
        text = perturb(seeds[index % len(seeds)], rng)
        reports.append(relayout(text, LAYOUTS[(index // len(seeds)) % len(LAYOUTS)]))
    return reports


def long_paragraph(parts: int) -> str:
    """One line enumerating ``parts`` counts, each with its share of a total stated first.

    Reports pasted without line ends arrive as one paragraph; reading its percentages must
    grow with its length, not with its square.
    """
    enumeration = "".join(f"第{i}类{i % 50 + 1}件，占比{i % 9}.{i % 10}%，" for i in range(parts))
    return f"共收到申请{parts}件，{enumeration}。"


def timed(function, items) -> float:
    """Seconds to apply ``function`` to every item (best of three runs)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, time.perf_counter() - start)
    return best


def normalise_only(text: str) -> list[str]:
    """The baseline: what reading any report costs before parsing it."""
    return [normalize_line(line) for line in split_lines(text)]


def merge_results(rows: list[dict]) -> None:
    """Merge rows into var/bench/results.json, replacing rows of the same name."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    existing: list[dict] = []
    container: dict | None = None
    if RESULTS.exists():
        data = json.loads(RESULTS.read_text(encoding="utf-8") or "[]")
        if isinstance(data, dict):
            container, existing = data, list(data.get("rows", []))
        else:
            existing = list(data)
    names = {row["name"] for row in rows}
    merged = [row for row in existing if row.get("name") not in names] + rows
    payload = {**container, "rows": merged} if container is not None else merged
    RESULTS.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


PDF_TARGET_PER_SECOND = 20


def pdf_folder_rate(count: int) -> dict:
    """PDFs per second for ``report parse DIR --csv`` over ``count`` generated PDFs."""
    import io
    import os
    import tempfile

    import django

    # `gongkai report` is a management command: it runs with the settings configured (its
    # `build` subcommand reads the records). The folder parse itself reads no database.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault(
        "GONGKAI_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var" / "bench")
    )
    django.setup()
    from gongkai.reports.cli import main as report_cli
    from gongkai.reports.tests.documents import report_pdf

    seeds = example_texts()
    with tempfile.TemporaryDirectory() as folder:
        for index in range(count):
            text = perturb(seeds[index % len(seeds)], random.Random(10_000 + index))
            Path(folder, f"{index:04}.pdf").write_bytes(report_pdf(text))
        out = Path(folder) / "out" / "stats.csv"
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            status = report_cli(["parse", folder, "--csv", str(out)], io.StringIO(), io.StringIO())
            best = min(best, time.perf_counter() - start)
        if status != 0:
            raise SystemExit("the PDF folder did not parse cleanly")
    rate = count / best
    return {
        "name": f"report_parse_pdf_folder_{count}",
        "value": round(rate, 1),
        "baseline": PDF_TARGET_PER_SECOND,
        "ratio": round(rate / PDF_TARGET_PER_SECOND, 2),
        "unit": "PDF/s",
    }


def main(argv: list[str] | None = None) -> int:
    """Generate, time, print and record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=40, help="PDFs in the folder run (0: skip)")
    args = parser.parse_args(argv)
    reports = generate(args.count)
    documents = [parse_report(text) for text in reports]  # also a warm-up
    failures = sum(1 for d in documents if "applications" not in d and "proactive" not in d)

    baseline = timed(normalise_only, reports)
    parse_time = timed(parse_report, reports)
    check_time = timed(check, documents)
    paragraph = long_paragraph(16_000)
    paragraph_time = timed(find_percentages, [paragraph])
    paragraph_baseline = timed(normalise_only, [paragraph])
    rows = [
        {
            "name": f"report_parse_{args.count}",
            "value": round(parse_time, 4),
            "baseline": round(baseline, 4),
            "ratio": round(parse_time / baseline, 2),
            "unit": "s",
        },
        {
            "name": "report_parse_per_report",
            "value": round(parse_time / args.count * 1000, 3),
            "baseline": round(baseline / args.count * 1000, 3),
            "ratio": round(parse_time / baseline, 2),
            "unit": "ms",
        },
        {
            "name": f"report_check_{args.count}_documents",
            "value": round(check_time, 4),
            "baseline": round(baseline, 4),
            "ratio": round(check_time / baseline, 2),
            "unit": "s",
        },
        {
            "name": "report_percentages_16000_part_paragraph",
            "value": round(paragraph_time, 4),
            "baseline": round(paragraph_baseline, 4),
            "ratio": round(paragraph_time / paragraph_baseline, 2),
            "unit": "s",
        },
    ]
    if args.pdfs:
        rows.append(pdf_folder_rate(args.pdfs))
    print(f"{args.count} reports generated ({', '.join(LAYOUTS)}); {failures} without statistics")
    for row in rows:
        print(
            f"  {row['name']:<34} {row['value']:>10} {row['unit']:<3} "
            f"baseline {row['baseline']:>9} {row['unit']:<3} ratio ×{row['ratio']}"
        )
    merge_results(rows)
    print(f"recorded in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
