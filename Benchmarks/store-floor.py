#!/usr/bin/env python3
"""store-floor.py SOURCE TEMPLATE OUT.tsv [--runs N] [--feeds-per-transaction N]

What SQLite alone takes to store what a cold cycle stored: SOURCE is the store a `feedd --once` cold cycle left,
TEMPLATE the same store before that cycle (its feeds imported, no articles). Each run copies TEMPLATE and writes
SOURCE's articles and feed rows into it from memory, as feedd's writer does and with its settings: the daemon's
4 MiB page-cache cap (`PRAGMA soft_heap_limit`), NORMAL syncs, the log copied every 16,384 pages, transactions of
`--feeds-per-transaction` feeds (the writer's largest batch) in the order their first articles were stored, each
with its feed-row updates and one full-text insert of its articles at the end. Closing the connection (the last
checkpoint) is timed, as feedd's exit is.

No parsing, cleaning, identity or story lookups: a floor for the cycle's writer with this write pattern, not a
cycle. It is easier than feedd's writer in that its one connection has the 4 MiB to itself (feedd's readers share
it) and every batch is full; harder in that Python binds the values (about 0.2 s of it). One row per run in OUT.tsv
(run, wall_s, cpu_s, articles); the median is printed with the SQLite version, which must be the system libsqlite3
that feedd links. Each run's copy is written in a scratch folder beside OUT.tsv and removed after it; the rows are
held in memory (about 660 MB for the corpus's 50,000 articles).
"""
import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time

# The columns a fetched update sets on its feed row (FeedStore.applyOne), read from SOURCE.
FEED_COLUMNS = ["etag", "last_modified", "feed_title", "site_link", "last_attempt_at", "last_success_at",
                "last_status", "next_due_at", "next_due_reason", "poll_seconds", "poll_reason", "template_memory"]


def load_source(path):
    """The source's article rows by feed, feeds in the order their first article was stored, and their feed rows."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    columns = [row[1] for row in source.execute("PRAGMA table_info(article)")]
    by_feed = {}
    for row in source.execute(f"SELECT {', '.join(columns)} FROM article ORDER BY id"):
        by_feed.setdefault(row[columns.index("feed_id")], []).append(row)
    feeds = {row[0]: row[1:] for row in source.execute(f"SELECT id, {', '.join(FEED_COLUMNS)} FROM feed")}
    source.close()
    return columns, by_feed, feeds


def store_once(template, scratch_parent, columns, by_feed, feeds, per_transaction):
    """Copies the template and stores everything into it; returns (wall s, CPU s, articles stored)."""
    with tempfile.TemporaryDirectory(dir=scratch_parent) as scratch:
        target = os.path.join(scratch, "floor.sqlite")
        shutil.copyfile(template, target)
        insert = (f"INSERT INTO article ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})")
        update = (f"UPDATE feed SET {', '.join(c + ' = ?' for c in FEED_COLUMNS)} WHERE id = ?")
        order = list(by_feed)
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        db = sqlite3.connect(target, isolation_level=None)
        for pragma in ("synchronous = NORMAL", "wal_autocheckpoint = 16384", f"journal_size_limit = {16384 * 4096}",
                       "cache_size = -16384", f"soft_heap_limit = {4 << 20}", "foreign_keys = ON"):
            db.execute(f"PRAGMA {pragma}")
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal", "the template is not a WAL store"
        for first in range(0, len(order), per_transaction):
            batch = order[first:first + per_transaction]
            db.execute("BEGIN IMMEDIATE")
            first_id = by_feed[batch[0]][0][columns.index("id")]
            for feed in batch:
                db.executemany(insert, by_feed[feed])
                db.execute(update, (*feeds[feed], feed))
            db.execute("INSERT INTO article_search(rowid, title, content_text) "
                       "SELECT id, title, content_text FROM article WHERE id >= ?", (first_id,))
            db.execute("COMMIT")
        stored = db.execute("SELECT count(*) FROM article").fetchone()[0]
        indexed = db.execute("SELECT count(*) FROM article_search_docsize").fetchone()[0]
        db.close()
        wall = time.perf_counter() - start
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        expected = sum(len(rows) for rows in by_feed.values())
        if stored != expected or indexed != expected:
            raise SystemExit(f"store-floor.py: stored {stored} and indexed {indexed} articles of {expected}")
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        return wall, cpu, stored


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("template")
    parser.add_argument("out")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--feeds-per-transaction", type=int, default=32)
    args = parser.parse_args()
    if args.runs < 1 or args.feeds_per_transaction < 1:
        parser.error("--runs and --feeds-per-transaction take 1 or more")
    wal = args.template + "-wal"
    if os.path.exists(wal) and os.path.getsize(wal) > 0:
        # A copy of the main file alone would miss what the log holds.
        raise SystemExit(f"store-floor.py: {args.template}: its log {wal} is not empty; close what has it open")
    scratch_parent = os.path.dirname(os.path.abspath(args.out))
    columns, by_feed, feeds = load_source(args.source)
    # Ids are kept (the store's AUTOINCREMENT sequence follows them): transactions append, as feedd's do.
    with open(args.out, "w") as out:
        out.write("run\twall_s\tcpu_s\tarticles\n")
        walls = []
        for run in range(1, args.runs + 1):
            wall, cpu, stored = store_once(
                args.template, scratch_parent, columns, by_feed, feeds, args.feeds_per_transaction)
            walls.append(wall)
            out.write(f"{run}\t{wall:.6f}\t{cpu:.3f}\t{stored}\n")
            out.flush()
    median = statistics.median(walls)
    print(f"store floor: SQLite {sqlite3.sqlite_version} storing {stored} articles of {len(by_feed)} feeds: "
          f"median {median:.3f} s")


if __name__ == "__main__":
    main()
