#!/usr/bin/env python3
"""Copy each authority's citation index from its golden test into its README.

The index in rulesets/AUTHORITY/README.md (under "## Citation index", after the paragraph that
says how it is made) must equal the stdout of tests/cli/cite_AUTHORITY, which the unit test "each
authority's README holds its citation index" checks. After a change to a ruleset's citations, to
its tests, to cite.yaml or to `spdl cite` itself:

    SPDL_UPDATE_GOLDEN=1 ctest --test-dir build -R cli/cite_   # then review the diff
    scripts/update_cite_readmes.py
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
AUTHORITIES = ["vale", "harrow", "salford", "braintree", "london"]


def golden_stdout(authority):
    text = (ROOT / "tests/cli" / f"cite_{authority}" / "expected").read_text(encoding="utf-8")
    begin = text.index("--- stdout\n") + len("--- stdout\n")
    return text[begin:text.index("--- stderr\n")]


def main():
    for authority in AUTHORITIES:
        path = ROOT / "rulesets" / authority / "README.md"
        readme = path.read_text(encoding="utf-8")
        section = readme.index("## Citation index\n")
        # The section's first paragraph says how the index is made; the index follows it.
        intro_end = readme.index("\n\n", readme.index("\n\n", section) + 2) + 2
        # From the newline that ends the paragraph: a README whose index is still empty has the
        # next section right after it.
        following = readme.find("\n## ", intro_end - 1)
        rest = readme[following + 1:] if following >= 0 else ""
        updated = readme[:intro_end] + golden_stdout(authority) + ("\n" + rest if rest else "")
        if updated != readme:
            path.write_text(updated, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
