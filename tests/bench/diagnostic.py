"""Benchmark of the diagnostic: `python -m tests.bench.diagnostic` (part of `make bench`).

On a fresh benchmark database (the seed with its examples, and Laval ZéN given a
10-year, 7-sector inventory with its totals, populations and targets), served by
gunicorn on PostgreSQL and Redis, measures as ratios to a hello-world view in the
same run:

- the Chantier page with its diagnostic and the comparison page, uncached (each
  request carries a session cookie, so the page cache neither answers nor stores) and cached;
- the cost of the charts alone: computing their geometry and rendering their
  templates from a report already read, in this process, against a hello-world
  request through Django's test client in the same process.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time

from tests.bench.common import BASE, environment, finish, fresh_database, gunicorn, manage, require_tools, wrk

CHANTIER = "/chantiers/laval-zen/"
COMPARISON = "/diagnostic/comparer/"
YEARS = range(2012, 2022)
# The uncached pages do real work (queries, charts); the cached ones must stay close to hello-world.
TARGET_CACHED = 0.2  # the Chantier page is heavy (10 years of tables and charts): cached, it still beats 0.2
TARGET_UNCACHED = 0.01  # a whole Chantier page rendered, with 10 years of inventory: about 1/80 of hello-world
# A session cookie: the page cache neither serves nor stores the page (zen/web/cache.py).
UNCACHED_SCRIPT = """
wrk.headers["Cookie"] = "sessionid=benchmark"
"""


def add_inventory() -> None:
    """Laval ZéN's 10-year, 7-sector inventory (run in the benchmark database by `manage shell`)."""
    from decimal import Decimal

    from chantiers.diagnostic.models import Indicator, Sector, Source, Value
    from chantiers.models import Chantier

    laval = Chantier.objects.get(slug="laval-zen")
    laval.indicator_values.all().delete()
    source = Source.objects.create(publisher="Banc d’essai", title_fr="Inventaire du banc d’essai")
    indicators = {i.code: i for i in Indicator.objects.all()}
    values = []
    for step, year in enumerate(YEARS):
        total = Decimal(0)
        for sector in Sector.objects.all():
            amount = Decimal(-20_000 if sector.is_land_use else 300_000 - 10_000 * sector.order - 4_000 * step)
            total += 0 if sector.is_land_use else amount
            values.append(Value(chantier=laval, indicator=indicators["ges-secteur"], sector=sector, value=amount))
            values[-1].year, values[-1].source = year, source
        values.append(Value(chantier=laval, indicator=indicators["ges-total"], year=year, source=source, value=total))
        population = 420_000 + 2_000 * step
        values.append(
            Value(chantier=laval, indicator=indicators["population"], year=year, source=source, value=population)
        )
    for year, goal in [(2030, 1_000_000), (2050, 200_000)]:
        values.append(
            Value(
                chantier=laval, indicator=indicators["ges-total"], year=year, kind="target", source=source, value=goal
            )
        )
    Value.objects.bulk_create(values)


def uncached_wrk(path: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(UNCACHED_SCRIPT)
    try:
        output = subprocess.run(
            ["wrk", "-t2", "-c4", "-d8s", "-s", script.name, BASE + path], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    if "Non-2xx" in output:
        raise RuntimeError(f"{path} answered errors under load:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def in_process_ratio(env: dict[str, str], runs: int = 200) -> tuple[float, float]:
    """(charts alone, hello-world request) per call, in this process: only their ratio is reported."""
    os.environ.update(env)
    import django

    django.setup()
    from django.template.loader import render_to_string
    from django.test import Client

    from chantiers.diagnostic.reports import chantier_report
    from chantiers.models import Chantier

    client = Client()
    chantier = Chantier.objects.get(slug="laval-zen")
    report = chantier_report(chantier)
    from chantiers.diagnostic import charts

    def draw() -> None:
        drawn = {
            "sectors": charts.sector_bars(report),
            "per_capita": charts.per_capita_bars(report),
            "trajectory": charts.trajectory(report),
        }
        for template, chart, name in [
            ("diagnostic/charts/bars.html", drawn["sectors"], "a"),
            ("diagnostic/charts/bars.html", drawn["per_capita"], "b"),
            ("diagnostic/charts/trajectory.html", drawn["trajectory"], "c"),
        ]:
            render_to_string(template, {"chart": chart, "name": name, "title": "t", "description": "d", "decimals": 0})

    def hello() -> None:
        assert client.get("/bench/hello/", HTTP_HOST="127.0.0.1").status_code == 200

    timings = []
    for task in (draw, hello):
        task()
        start = time.perf_counter()
        for _ in range(runs):
            task()
        timings.append((time.perf_counter() - start) / runs)
    return timings[0], timings[1]


def main() -> None:
    require_tools()
    env = environment()
    print("Building the dataset…", flush=True)
    fresh_database()
    manage("migrate", "--no-input", "-v0", env=env)
    manage("load_seed", "--examples", env=env)
    manage("shell", "-v0", "-c", "from tests.bench.diagnostic import add_inventory; add_inventory()", env=env)
    with gunicorn(env):
        for path in (CHANTIER, COMPARISON):
            urllib_fetch(path)
        hello_before = wrk("/bench/hello/")
        rates = {
            "cached Chantier page": wrk(CHANTIER),
            "cached comparison page": wrk(COMPARISON),
            "uncached Chantier page (10 years, 7 sectors)": uncached_wrk(CHANTIER),
            "uncached comparison page": uncached_wrk(COMPARISON),
            "uncached comparison page, absolute values, one sector": uncached_wrk(
                COMPARISON + "?indicator=ges-secteur&sector=transport&per=total"
            ),
        }
        hello_after = wrk("/bench/hello/")
    hello = (hello_before + hello_after) / 2
    charts_alone, hello_in_process = in_process_ratio(env)

    lines = [
        "| page | req/s | ratio to hello-world |",
        "| --- | ---: | ---: |",
        f"| hello-world baseline (mean of before/after: {hello_before:.0f}, {hello_after:.0f}) | {hello:.0f} | 1.00 |",
    ]
    failures = []
    for name, rate in rates.items():
        ratio = rate / hello
        lines.append(f"| {name} | {rate:.0f} | {ratio:.3f} |")
        target = TARGET_UNCACHED if name.startswith("uncached") else TARGET_CACHED
        if ratio < target:
            failures.append(f"{name}: {ratio:.3f} of hello-world (target ≥ {target})")
    lines += [
        "",
        "| in-process, one call | cost in hello-world requests |",
        "| --- | ---: |",
        f"| the three charts alone (geometry and templates, 10 years × 7 sectors) "
        f"| {charts_alone / hello_in_process:.2f} |",
    ]
    body = "\n".join(lines)
    body += (
        "\n\nUncached: wrk at 4 connections, each request with a session cookie. gunicorn, 2 sync workers, "
        "PostgreSQL and Redis on the same 2-core machine as wrk.\n"
    )
    finish("Diagnostic pages", body, failures)


def urllib_fetch(path: str) -> None:
    import urllib.request

    with urllib.request.urlopen(BASE + path, timeout=30) as response:
        response.read()


if __name__ == "__main__":
    main()
