#!/usr/bin/env python3
"""Writes docs/bad_input.md from tests/bad_input/cases.json (the bad-input
catalogue), or with --check fails when the file is not what it would write."""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "tests/bad_input/cases.json"
DOC = ROOT / "docs/bad_input.md"

HEADER = """# The bad-input catalogue

Generated from `tests/bad_input/cases.json` by `scripts/bad_input_doc.py`;
edit the cases there and run the script (CTest `bad_input_doc_current`
fails when this file is stale).

`bad_input_test` (CTest `bad_input_catalogue`) starts
`nianbao-validation-server` and `nianbao-collection-server` on loopback, once
on SQLite and once on a throwaway PostgreSQL, with this fixture:

- `agencies/hongqiao`: report 2020 PUBLISHED (the seed);
- `agencies/city`: report 2022 DRAFT, updated once so that its title holds
  `<script>` and an `onmouseover` attribute (`$STALE_ETAG` is its first etag,
  `$ETAG` the current one);
- `agencies/fresh`: no reports (creates that must fail go here).

Every case sends one request (built from the JSON `request`, an example
report placed at `example.at`, `set` edits, and `binary` edits for what JSON
cannot carry: invalid UTF-8, unknown enum numbers, deep nesting, raw bytes)
and then checks:

1. the status code below, and the field violation (`google.rpc.BadRequest`)
   or validation rule named;
2. both servers still answer the gRPC health check and a real read;
3. the store holds exactly what it held before (every agency, report and
   version, dumped through the Store API and compared).

What the server refuses to store even in a draft, and why, is in
`services/collection/content_checks.h`: texts over 256 KiB, content over
4 MiB, subsections nested deeper than 8, unknown enum values, and the
validation findings that make content impossible rather than unfinished
(STRUCT.NEGATIVE, STRUCT.AMOUNT_FORMAT, STRUCT.OTHER_EDITION_FIELDS,
STRUCT.OVERFLOW, STRUCT.YEAR_RANGE). Requests protobuf cannot parse (invalid
UTF-8 in a string, nesting past protobuf's recursion limit of 100, garbage
bytes) are refused by gRPC before the collection service runs, with
INTERNAL (what gRPC's sync API says for a request it cannot deserialize);
the validation service parses its own requests and says INVALID_ARGUMENT.
Requests over the 16 MiB receive limit get RESOURCE_EXHAUSTED.
"""


def render():
    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    out = [HEADER]
    categories = []
    for c in cases:
        if c["category"] not in categories:
            categories.append(c["category"])
    out.append(f"\n{len(cases)} cases in {len(categories)} groups.\n")
    for cat in categories:
        out.append(f"\n## {cat}\n\n| case | server, call | expected | what |\n|---|---|---|---|\n")
        for c in cases:
            if c["category"] != cat:
                continue
            e = c["expect"]
            expected = f"`{e['code']}`"
            if "field" in e:
                expected += f" on `{e['field']}`"
            if "violation" in e:
                expected += f", finding `{e['violation']}`"
            if "message" in e:
                expected += f", message has “{e['message']}”"
            if "response_contains" in e:
                expected += f", output has `{e['response_contains']}`"
            if "response_lacks" in e:
                expected += f", never `{e['response_lacks']}`"
            server = c.get("server", "collection")
            doc = c["doc"].replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            expected = expected.replace("|", "\\|")
            out.append(f"| `{c['id']}` | {server}: {c['rpc']} | {expected} | {doc} |\n")
    return "".join(out)


def main():
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print("docs/bad_input.md is stale: run scripts/bad_input_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
