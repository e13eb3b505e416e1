"""Province-scale benchmark of the cases app on PostgreSQL (R-CAS-10, issue #4 point 6).

    .venv/bin/python bench/run.py                       # 1,000,000 cases into jiandu_bench
    .venv/bin/python bench/run.py --reuse               # measure again without regenerating
    .venv/bin/python bench/run.py --cases 100000 --import-rows 20000 --no-http

Prints a table: generation time and table sizes; bulk import rows/s (and that importing the same
batch again creates nothing, and one bad row imports nothing and is named); the deadline sweep's
first and second run; the case list's latency (page and API, through the scope) in-process and
over HTTP (gunicorn + wrk). Each figure stands beside the nearest raw-SQL equivalent. Not a test:
run by hand or with ``make bench``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jiandu_bench"


def _ensure_database(url: str) -> None:
    """Create the database if it is missing (connecting to the server's ``postgres`` database)."""
    import psycopg
    from urllib.parse import urlparse

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases to generate (default 1,000,000)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--reuse", action="store_true", help="skip generation when the data is already there")
    parser.add_argument("--import-rows", type=int, default=100_000, help="rows of the measured import batch")
    parser.add_argument("--repeat", type=int, default=50, help="requests per list measurement (in-process)")
    parser.add_argument("--no-http", action="store_true", help="skip gunicorn + wrk")
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--only", default="import,sweep,lists,http",
                        help="comma-separated parts to measure (default: import,sweep,lists,http)")
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgres"):
        parser.error("the benchmark runs on PostgreSQL")

    _ensure_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiandu.settings"
    os.environ.setdefault("JIANDU_CONN_MAX_AGE", "600")
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import cases_1m, measure

    figures: list[tuple[str, str, str]] = []

    def log(message: str) -> None:
        print(message, flush=True)

    log("==> migrate, collectstatic")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.reuse and cases_1m.exists(args.cases):
        log(f"==> reusing the {args.cases:,} generated cases (the sweep's 'first run' below is then not a first run)")
    else:
        if cases_1m.exists(0):
            log("==> the database holds a partial or different bench world: flushing it")
            call_command("flush", interactive=False, verbosity=0)
        log(f"==> generating {args.cases:,} cases")
        timings = cases_1m.build_cases(args.cases, log=log)
        figures.append(("generation (COPY; structure through the services)", f"{timings['total']:.0f} s",
                        ", ".join(f"{k} {v:.0f} s" for k, v in timings.items() if k != "total")))
    figures += measure.table_sizes()
    users = cases_1m.bench_users()

    only = {part.strip() for part in args.only.split(",")}
    if "import" in only:
        log(f"==> import of {args.import_rows:,} rows ({measure.load()})")
        figures += measure.measure_import(users["agency"], args.import_rows, log=log)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case")
    if "sweep" in only:
        log(f"==> sweep ({measure.load()})")
        figures += measure.measure_sweep(log=log)
    if "lists" in only:
        log(f"==> lists (Django test client, in-process; {measure.load()})")
        figures += measure.measure_lists(users, repeat=args.repeat, log=log)
    if "http" in only and not args.no_http:
        log("==> lists over HTTP (gunicorn, 2 workers x 2 threads; wrk 2 threads, 8 keep-alive connections)")
        figures += measure.measure_http(users, args.database_url, seconds=args.wrk_seconds, log=log)

    print()
    print(f"Jiandu benchmark — {time.strftime('%Y-%m-%d %H:%M %Z')} — {args.cases:,} cases on {connection.vendor} "
          f"{connection.cursor().connection.info.server_version}; {os.cpu_count()} CPUs; at the end: {measure.load()}")
    width = max(len(f[0]) for f in figures)
    for name, value, note in figures:
        print(f"  {name:<{width}}  {value:>28}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
