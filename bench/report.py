"""docs/benchmarks.md, written by several benchmarks: each owns one section between its markers
(`<!-- bench:NAME -->` … `<!-- /bench:NAME -->`) and rewrites only that, keeping the others."""

import os
import platform
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Written by `make bench` (bench/search.py), `make bench-pages` (bench/pages.py) and "
    "`make bench-weights` (bench/weights.py), each section by its own; do not edit by hand.\n"
)


def write_section(name: str, text: str, output: Path = OUTPUT):
    """Put `text` between the markers of section `name` in `output`, appended if it has none yet."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{text.strip()}\n{end}"
    current = output.read_text(encoding="utf-8") if output.exists() else HEADER
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _match: block, current, count=1)
    else:
        updated = f"{current.rstrip()}\n\n{block}\n"
    output.write_text(updated, encoding="utf-8")
    print(f"\nWritten to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


def machine(*details: str) -> list[str]:
    """The machine, the given details of the set-up, and the commit, as list items."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Memory: {memory_kb / 1024 / 1024:.0f} GB",
        f"- System: {platform.platform()}, Python {platform.python_version()}",
        *(f"- {detail}" for detail in details),
        f"- Commit: {commit or 'unknown'}; run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
    ]
