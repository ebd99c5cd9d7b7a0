"""Reads zizmor's JSON findings on stdin; prints each one and exits 1 if any is not allowed.

The one allowed finding is `unpinned-uses` on a GitHub-owned action (`actions/*`) pinned to
a major tag, as GitHub's own starter workflows are (admins copy these workflows and should
get fixes within a major version). Everything else, at zizmor's default settings, fails.
"""
import json
import re
import sys

ALLOWED = re.compile(r"^actions/[A-Za-z0-9_.-]+@v[0-9]+$")

findings = json.load(sys.stdin)
bad = 0
for f in findings:
    primary = next(
        (l for l in f["locations"] if l["symbolic"]["kind"] == "Primary"), f["locations"][0]
    )
    path = primary["symbolic"]["key"].get("Local", {}).get("verbatim_path", "?")
    row = primary["concrete"]["location"]["start_point"]["row"] + 1
    feature = primary["concrete"]["feature"].strip().splitlines()[0]
    allowed = f["ident"] == "unpinned-uses" and ALLOWED.match(feature)
    verdict = "allowed (actions/* at a major tag)" if allowed else "FINDING"
    print(f"{path}:{row}: {f['ident']}: {feature}: {verdict}")
    bad += 0 if allowed else 1
print(f"zizmor: {len(findings)} finding(s), {bad} not allowed")
sys.exit(1 if bad else 0)
