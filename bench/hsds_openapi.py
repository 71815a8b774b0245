"""Check the HSDS endpoints against the official HSDS 3.1 API definition (Open Referral's openapi.json).

The definition is read from a git copy of `openreferral/specification` (`--spec-repo`, a bare
repository such as the one the search tool's fetch brings; branch `--ref`, default 3.1-dev): its
`schema/openapi.json` and the `schema/compiled/*.json` and `schema/*.json` files its responses refer
to (they are named by raw.githubusercontent.com URLs of the 3.0 branch; the files of `--ref` are used
for them). Nothing of the specification is copied into the project: this is a check run by hand, on
a database with the real data loaded (`BASSINS_VAR_DIR`, as `bassins load` fills it, or
`DATABASE_URL`).

For every GET operation of the definition, the matching bassins URL is requested through Django's
test client (lists: `--pages` pages of `--per-page` results; objects: the ids of the first page) and
each 200 body is validated against the definition's response schema (JSON Schema 2020-12). Printed:
per operation, the bodies checked and the problems found.

Known disagreement: the definition gives `GET /service_at_locations/{id}` the schema of a *service*
(`compiled/service.json`, which requires `name` and `status`) while describing it as "fully nested
service_at_location"; bassins answers a service_at_location (valid against the HSDS 3.1
`service_at_location.json`), so that operation reports the two missing service fields per object.

Run: `BASSINS_VAR_DIR=... .venv/bin/python bench/hsds_openapi.py --spec-repo DIR`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

RAW = "https://raw.githubusercontent.com/openreferral/specification/3.0/"
BASE = "urn:hsds-openapi"
#: The operations of the HSDS definition, and which list gives the ids of its {id} operation.
LISTS = {
    "/services": "/services",
    "/organizations": "/organizations",
    "/service_at_locations": "/service_at_locations",
    "/taxonomies": "/taxonomies",
    "/taxonomy_terms": "/taxonomy_terms",
}


def git_show(repo: Path, ref: str, path: str) -> dict:
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"{ref}:{path}"],
        check=True,
        capture_output=True,
    ).stdout
    return json.loads(out)


def registry_for(repo: Path, ref: str, definition: dict):
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    text = json.dumps(definition)
    urls = sorted({part.split('"')[0] for part in text.split(RAW)[1:]})
    resources = [(BASE, Resource.from_contents(definition, DRAFT202012))]
    for relative in urls:
        resources.append(
            (RAW + relative, Resource.from_contents(git_show(repo, ref, relative), DRAFT202012))
        )
    return Registry().with_resources(resources), urls


def pointer(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--spec-repo", type=Path, default=Path("/work/.mirror/openreferral+specification/repo")
    )
    parser.add_argument("--ref", default="3.1-dev")
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--per-page", type=int, default=50)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bassins.web.settings")
    import django

    django.setup()
    import jsonschema
    from django.test import Client

    definition = git_show(args.spec_repo, args.ref, "schema/openapi.json")
    registry, urls = registry_for(args.spec_repo, args.ref, definition)
    commit = subprocess.run(
        ["git", "--git-dir", str(args.spec_repo), "rev-parse", args.ref],
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(
        f"HSDS definition: openreferral/specification {args.ref} ({commit[:12]}), "
        f"OpenAPI {definition['openapi']}; {len(urls)} referenced schema files"
    )
    client = Client()
    ids: dict[str, list[str]] = {}
    total_problems = 0
    print(f"{'operation':<28} {'bodies':>7} {'objects':>8} {'problems':>9}")
    for path, item in sorted(definition["paths"].items(), key=lambda kv: "{id}" in kv[0]):
        if "get" not in item:
            continue
        responses = item["get"]["responses"]["200"]["content"]["application/json"]
        ref = f"{BASE}#/paths/{pointer(path)}/get/responses/200/content/application~1json/schema"
        del responses
        validator = jsonschema.Draft202012Validator(
            {"$ref": ref}, registry=registry, format_checker=jsonschema.FormatChecker()
        )
        if "{id}" in path:
            listing = path.rsplit("/", 1)[0]
            urls_to_check = [f"/api/hsds{listing}/{i}" for i in ids.get(listing, [])]
        elif path == "/":
            urls_to_check = ["/api/hsds/"]
        else:
            urls_to_check = [
                f"/api/hsds{path}?page={page}&per_page={args.per_page}"
                for page in range(1, args.pages + 1)
            ]
        problems: Counter = Counter()
        objects = 0
        for url in urls_to_check:
            response = client.get(url)
            if response.status_code != 200:
                problems[f"HTTP {response.status_code} on {url}"] += 1
                continue
            body = response.json()
            if path in LISTS and url.endswith(f"page=1&per_page={args.per_page}"):
                ids[path] = [c["id"] for c in body["contents"]][:20]
            objects += len(body["contents"]) if "contents" in body else 1
            for error in validator.iter_errors(body):
                where = "/".join(str(p) for p in error.absolute_path)
                problems[f"{where}: {error.message[:100]}"] += 1
        count = sum(problems.values())
        total_problems += count
        print(f"GET {path:<24} {len(urls_to_check):>7} {objects:>8} {count:>9}")
        for text, n in problems.most_common(5):
            print(f"    {n} x {text}")
    # the check can fail: a service without its name and status is refused by the definition
    validator = jsonschema.Draft202012Validator(
        {
            "$ref": f"{BASE}#/paths/~1services~1{{id}}/get/responses/200/content/application~1json/schema"
        },
        registry=registry,
    )
    broken = {"id": "x"}
    print(
        f"control: a service without name and status gives "
        f"{len(list(validator.iter_errors(broken)))} problems (expected 2)"
    )
    print(f"problems in all: {total_problems}")
    sys.exit(1 if total_problems else 0)


if __name__ == "__main__":
    main()
