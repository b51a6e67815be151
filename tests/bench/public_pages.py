"""Benchmark of the public pages: `make bench` (needs PostgreSQL, Redis and wrk).

Builds a large dataset (100 Chantiers, 14 themes, about 10,000 roadmap actions
with three change-history rows each, 2,000 organisations, then ANALYZE) in a
fresh benchmark database, serves it with gunicorn (2 sync workers) on
PostgreSQL and Redis, and measures with wrk (32 connections), each figure as a
ratio to a hello-world view served by the same server just before and just
after it (a measure is taken again when that baseline moved more than 20 %):

- each public page served from the page cache;
- uncached pages, on a second server with the page cache off
  (PUBLIC_PAGE_CACHE_SECONDS=0): the seed's Laval ZéN, a 109-action Chantier,
  home and a theme page (fragments such as Chantier cards stay cached, as
  after an edit);
- the weight of a Chantier page and of a theme page, and the hosts they ask;
- the share of the other Chantiers' pages still served from cache after one
  coordinator edit to Laval ZéN.
"""

from __future__ import annotations

import json
import re
import urllib.request
from functools import partial
from urllib.parse import urljoin, urlsplit

from tests.bench.common import (
    BASE,
    RATIO_HEADER,
    against_hello,
    analyze,
    environment,
    finish,
    fresh_database,
    gunicorn,
    manage,
    ratio_rows,
    require_tools,
    wrk,
)

CACHED = [
    "/",
    "/chantiers/",
    "/chantiers/laval-zen/",
    "/en/chantiers/laval-zen/",
    "/themes/energie/",
    "/carte/",
    "/partenaires/",
    "/programme/",
    "/flux/",
    "/api/actions/?limit=100",
]
CACHED_TARGET = 0.7  # issue 11.6
# (name, path, target ratio to hello-world): issue 16.3
UNCACHED = [
    ("uncached Laval ZéN page (seed)", "/chantiers/laval-zen/", 0.06),
    ("uncached 109-action Chantier page", "/chantiers/bench-chantier-1/", 0.04),
    ("uncached home page", "/", 0.03),
    ("uncached theme page", "/themes/energie/", 0.03),
]
TARGET_WEIGHT = 100_000
TARGET_STILL_CACHED = 0.9  # issue 16.1
SECONDS = 6


def build_dataset(env: dict[str, str]) -> None:
    fresh_database()
    manage("migrate", "--no-input", "-v0", env=env)
    manage("load_seed", "--examples", env=env)
    code = (
        "from tests.factories import grow; "
        "grow(chantiers=92, actions_per_chantier=109, organisations=1975, prefix='bench', history=3)"
    )
    manage("shell", "-v0", "-c", code, env=env)
    analyze()


def fetch(path: str) -> bytes:
    with urllib.request.urlopen(BASE + path, timeout=60) as response:
        return response.read()


def still_cached_after_one_edit(env: dict[str, str]) -> float:
    """The share of the other Chantiers' pages (French and English) served from cache after one edit to Laval ZéN."""
    chantiers = json.loads(fetch("/api/chantiers/?limit=1000"))["results"]
    pages = [f"{lang}/chantiers/{c['slug']}/" for c in chantiers if c["slug"] != "laval-zen" for lang in ("", "/en")]
    for path in [*pages, "/chantiers/laval-zen/"]:
        fetch(path)
    edit = "from chantiers.models import RoadmapAction as A; A.objects.filter(chantier__slug='laval-zen')[0].save()"
    manage("shell", "-v0", "-c", edit, env=env)
    hits = {}
    for path in [*pages, "/chantiers/laval-zen/"]:
        with urllib.request.urlopen(BASE + path, timeout=30) as response:
            hits[path] = response.headers.get("X-Page-Cache") == "hit"
    assert not hits.pop("/chantiers/laval-zen/"), "the edited Chantier's page was served from cache"
    return sum(hits.values()) / len(hits)


def page_weight(path: str) -> tuple[int, set[str]]:
    html = fetch(path)
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
    hosts = {urlsplit(urljoin(BASE, a.decode())).netloc for a in assets}
    return len(html) + sum(len(fetch(urljoin(path, a.decode()))) for a in assets), hosts


def main() -> None:
    require_tools()
    env = environment()
    print("Building the dataset…", flush=True)
    build_dataset(env)
    cached, uncached = [], []
    with gunicorn(env):
        for path in CACHED:  # warm the page cache and the connections
            fetch(path)
        wrk("/bench/hello/", seconds=2)
        for path in CACHED:
            cached.append(against_hello(f"`{path}` (cached)", partial(wrk, path, seconds=SECONDS)))
        weight, hosts = page_weight("/chantiers/laval-zen/")
        theme = fetch("/themes/energie/")
        still_cached = still_cached_after_one_edit(env)
    with gunicorn(env | {"PUBLIC_PAGE_CACHE_SECONDS": "0"}):
        for _name, path, _target in UNCACHED:
            fetch(path)
        wrk("/bench/hello/", seconds=2)
        for name, path, _target in UNCACHED:
            uncached.append(against_hello(name, partial(wrk, path, seconds=SECONDS)))

    failures: list[str] = []
    targets = {result.name: ("≥", CACHED_TARGET) for result in cached}
    targets |= {name: ("≥", target) for name, _path, target in UNCACHED}
    lines = [*RATIO_HEADER, *ratio_rows(cached + uncached, targets, failures)]
    lines += [
        "",
        "| page | value | target |",
        "| --- | ---: | ---: |",
        f"| Chantier page (Laval ZéN: HTML + CSS + JS, uncompressed) | {weight / 1000:.1f} KB "
        f"| ≤ {TARGET_WEIGHT / 1000:.0f} KB |",
        f"| theme page (`/themes/energie/`, HTML, {theme.count(b'class="compare__column')} Chantiers) "
        f"| {len(theme) / 1000:.1f} KB "
        f"| ≤ {TARGET_WEIGHT / 1000:.0f} KB |",
        f"| hosts the Chantier page asks for assets | {', '.join(sorted(hosts)) or 'none'} | our own only |",
        f"| other Chantiers' pages still served from cache after one edit to Laval ZéN | {still_cached:.0%} "
        f"| ≥ {TARGET_STILL_CACHED:.0%} |",
    ]
    for value, name in [(weight, "Chantier page"), (len(theme), "theme page")]:
        if value > TARGET_WEIGHT:
            failures.append(f"{name} weighs {value} bytes")
    if still_cached < TARGET_STILL_CACHED:
        failures.append(f"only {still_cached:.0%} of the other Chantiers' pages stayed cached after one edit")
    if hosts - {urlsplit(BASE).netloc}:
        failures.append(f"third-party hosts: {hosts}")
    body = "\n".join(lines)
    body += (
        "\n\nDataset: 100 Chantiers, 14 themes, ~10,000 roadmap actions with 3 history rows each, ~2,000"
        " organisations, ANALYZEd; gunicorn, 2 sync workers, PostgreSQL and Redis on the same machine as wrk"
        " (32 connections). Each ratio is the page's requests per second over the mean of a hello-world run just"
        " before and just after it, on the same server.\n"
    )
    finish("Public pages", body, failures)


if __name__ == "__main__":
    main()
