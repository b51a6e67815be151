"""Benchmark of the public pages: `make bench` (needs PostgreSQL, Redis and wrk).

Builds a large dataset (100 Chantiers, 14 themes, about 10,000 roadmap actions,
2,000 organisations) in a fresh `zen_bench` database, serves it with gunicorn
sync workers on PostgreSQL and Redis, then measures:

- each public page's throughput at 32 connections, served from the page cache,
  as a ratio to a hello-world view served by the same process in the same run;
- the median time of an uncached Chantier page (rendered fresh each time: a request
  with a session cookie bypasses the page cache; one request at a time);
- the weight of a Chantier page (HTML, CSS and JS) and the hosts it asks;
- the share of the other Chantiers' pages still served from cache after one
  coordinator edit to Laval ZéN.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import urllib.request
from urllib.parse import urljoin, urlsplit

from tests.bench.common import BASE, environment, finish, fresh_database, gunicorn, manage, require_tools, wrk

PAGES = [
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
TARGET_RATIO = 0.5
TARGET_RENDER_MS = 30
TARGET_WEIGHT = 100_000
TARGET_STILL_CACHED = 0.9


def build_dataset(env: dict[str, str]) -> None:
    fresh_database()
    manage("migrate", "--no-input", "-v0", env=env)
    manage("load_seed", "--examples", env=env)
    code = (
        "from tests.factories import grow; "
        "grow(chantiers=92, actions_per_chantier=109, organisations=1975, prefix='bench')"
    )
    manage("shell", "-v0", "-c", code, env=env)


def fetch(path: str) -> bytes:
    with urllib.request.urlopen(BASE + path, timeout=30) as response:
        return response.read()


def fetch_uncached(path: str) -> bytes:
    """The page rendered for this request: with a session cookie, the page cache neither serves nor stores it."""
    request = urllib.request.Request(BASE + path, headers={"Cookie": "sessionid=benchmark"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def uncached_render_ms(path: str, runs: int = 60) -> float:
    fetch(path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fetch_uncached(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def page_weight(path: str) -> tuple[int, set[str]]:
    html = fetch(path)
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
    hosts = {urlsplit(urljoin(BASE, a.decode())).netloc for a in assets}
    return len(html) + sum(len(fetch(urljoin(path, a.decode()))) for a in assets), hosts


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


def main() -> None:
    require_tools()
    env = environment()
    print("Building the dataset…", flush=True)
    build_dataset(env)
    rows = []
    with gunicorn(env):
        for path in PAGES:  # warm the page cache and the connections
            fetch(path)
        hello_before = wrk("/bench/hello/")
        for path in PAGES:
            rate = wrk(path)
            rows.append((path, rate))
            print(f"{path:32} {rate:8.0f} req/s", flush=True)
        hello_after = wrk("/bench/hello/")
        hello = (hello_before + hello_after) / 2
        render = uncached_render_ms("/chantiers/laval-zen/")
        big = uncached_render_ms("/chantiers/bench-chantier-1/")
        weight, hosts = page_weight("/chantiers/laval-zen/")
        still_cached = still_cached_after_one_edit(env)

    lines = [
        "| page (served from cache, 32 connections) | req/s | ratio to hello-world |",
        "| --- | ---: | ---: |",
        f"| hello-world baseline (mean of before/after: {hello_before:.0f}, {hello_after:.0f}) | {hello:.0f} | 1.00 |",
    ]
    failures = []
    for path, rate in rows:
        ratio = rate / hello
        lines.append(f"| `{path}` | {rate:.0f} | {ratio:.2f} |")
        if ratio < TARGET_RATIO:
            failures.append(f"{path}: {ratio:.2f} of hello-world (target ≥ {TARGET_RATIO})")
    lines += [
        "",
        "| measure | value | target |",
        "| --- | ---: | ---: |",
        f"| uncached Chantier page, median (Laval ZéN, seed + examples) | {render:.1f} ms | ≤ {TARGET_RENDER_MS} ms |",
        f"| uncached Chantier page, median (a generated Chantier, 109 actions, 8 partners) | {big:.1f} ms "
        f"| ≤ {TARGET_RENDER_MS} ms |",
        f"| Chantier page weight (HTML + CSS + JS, uncompressed) | {weight / 1000:.1f} KB "
        f"| ≤ {TARGET_WEIGHT / 1000:.0f} KB |",
        f"| hosts the Chantier page asks for assets | {', '.join(sorted(hosts)) or 'none'} | our own only |",
        f"| other Chantiers' pages still served from cache after one edit to Laval ZéN | {still_cached:.0%} "
        f"| ≥ {TARGET_STILL_CACHED:.0%} |",
    ]
    for value, name in [(render, "Laval"), (big, "generated")]:
        if value > TARGET_RENDER_MS:
            failures.append(f"uncached {name} Chantier page: {value:.1f} ms (target ≤ {TARGET_RENDER_MS})")
    if weight > TARGET_WEIGHT:
        failures.append(f"Chantier page weight {weight} bytes")
    if still_cached < TARGET_STILL_CACHED:
        failures.append(f"only {still_cached:.0%} of the other Chantiers' pages stayed cached after one edit")
    if hosts - {urlsplit(BASE).netloc}:
        failures.append(f"third-party hosts: {hosts}")
    body = "\n".join(lines)
    body += "\n\nDataset: 100 Chantiers, 14 themes, ~10,000 roadmap actions, ~2,000 organisations; gunicorn, 2 sync"
    body += " workers, PostgreSQL and Redis on the same 2-core machine as wrk.\n"
    finish("Public pages", body, failures)


if __name__ == "__main__":
    main()
