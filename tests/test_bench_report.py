"""docs/benchmarks.md is written by two benchmarks (`make bench`, `make bench-pages`): each rewrites
its own section and leaves the other's results as they are."""

import pytest

from bench.report import HEADER, write_section

pytestmark = pytest.mark.without_demo_content


def test_each_benchmark_rewrites_only_its_own_section(tmp_path):
    output = tmp_path / "benchmarks.md"
    write_section("search", "## Search\n\nSearch p95: 45.6 ms", output)
    write_section("pages", "## Pages\n\nHome: 24.5 req/s", output)

    write_section("search", "## Search\n\nSearch p95: 30.1 ms", output)

    text = output.read_text()
    assert text.startswith(HEADER)
    assert "30.1 ms" in text and "45.6 ms" not in text
    assert "Home: 24.5 req/s" in text
    assert text.index("## Search") < text.index("## Pages")  # rewritten in place
    assert text.count("<!-- bench:search -->") == text.count("<!-- /bench:search -->") == 1


def test_a_section_is_written_as_given_and_text_outside_the_markers_is_kept(tmp_path):
    output = tmp_path / "benchmarks.md"
    output.write_text("# Benchmarks\n\nA note kept by hand.\n")
    results = r"| search | `/en/search/?q=a\1` | 12.0 |"

    write_section("pages", results, output)
    write_section("pages", results, output)

    text = output.read_text()
    assert "A note kept by hand." in text
    assert text.count(results) == 1
