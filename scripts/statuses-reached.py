#!/usr/bin/env python3
"""Which documented statuses a conformance run reached, per operation (scripts/api-conformance).

Reads the OpenAPI document the server served and the HAR files Schemathesis wrote (every request
and response of the run), and prints, per operation, the statuses the document lists that no
response had. With --json, also writes the whole table there.

    statuses-reached.py OPENAPI.json RUN.har [RUN.har ...] [--json OUT]

Statuses listed in --elsewhere (a JSON object: status -> the test that reaches it on every
operation that documents it) are counted as reached by that test instead of by the run: the run
turns the rate limit and the throttle off (429) and keeps the database up (503), so those
statuses are reached by the fault and limit tests, not by generated requests.
"""
import argparse
import json
import re
import sys
from urllib.parse import urlsplit

METHODS = {"get", "put", "post", "delete", "patch"}


def operations(document):
    """(method, template, regex, specificity, documented statuses) for every operation."""
    out = []
    for template, item in document["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        literal = len(re.sub(r"\{[^}]+\}", "", template))
        for method, operation in item.items():
            if method in METHODS:
                documented = {s for s in operation.get("responses", {}) if s.isdigit()}
                out.append((method.upper(), template, re.compile(pattern), literal, documented))
    return out


def operation_of(ops, method, path):
    matches = [op for op in ops if op[0] == method and op[2].match(path)]
    return max(matches, key=lambda op: op[3]) if matches else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("openapi")
    parser.add_argument("har", nargs="+")
    parser.add_argument("--elsewhere", help="JSON: status -> the test that reaches it")
    parser.add_argument("--json", help="write the table here too")
    args = parser.parse_args()
    with open(args.openapi) as f:
        ops = operations(json.load(f))
    elsewhere = {}
    if args.elsewhere:
        with open(args.elsewhere) as f:
            elsewhere = {k: v for k, v in json.load(f).items() if not k.startswith("_")}
    reached = {(op[0], op[1]): set() for op in ops}
    requests = 0
    for path in args.har:
        with open(path) as f:
            har = json.load(f)
        for entry in har["log"]["entries"]:
            requests += 1
            url = urlsplit(entry["request"]["url"])
            op = operation_of(ops, entry["request"]["method"].upper(), url.path)
            if op is not None:
                reached[(op[0], op[1])].add(str(entry["response"]["status"]))
    table = []
    missing = 0
    for method, template, _, _, documented in sorted(ops, key=lambda op: (op[1], op[0])):
        seen = reached[(method, template)]
        unreached = sorted(documented - seen - set(elsewhere))
        missing += len(unreached)
        table.append({"operation": f"{method} {template}", "documented": sorted(documented),
                      "reached": sorted(seen), "reached_elsewhere": sorted(documented & set(elsewhere) - seen),
                      "unreached": unreached, "undocumented": sorted(seen - documented)})
        if unreached:
            print(f"{method} {template}: documented {', '.join(sorted(documented))}; "
                  f"not reached: {', '.join(unreached)}")
    pairs = sum(len(row["documented"]) for row in table)
    print(f"{requests} responses; {pairs} documented statuses on {len(table)} operations; "
          f"{pairs - missing} reached ({sum(len(r['reached_elsewhere']) for r in table)} of them by "
          f"the tests named in --elsewhere), {missing} not reached")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(table, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
