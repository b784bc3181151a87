#!/usr/bin/env python3
"""fetch-report.py RESULTS  -> the bench-fetch report on stdout, report.json in RESULTS.

Reads what fetch-bench.sh left in RESULTS: main/ and memory/ (fetch_bench.sh's raw.tsv, cases.tsv and env.txt),
xmllint.tsv and store-floor.tsv. Wall times are medians over the runs; peak RSS is the largest of the runs (ru_maxrss
of feedd).
Exit status 1 when a run of any tool exited non-zero: a broken run measures nothing.
"""
import json
import os
import statistics
import sys

RATIO_TARGET = 4.0
WARM_TARGET = 2.0
RSS_TARGET_MB = 64.0


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        head = handle.readline().rstrip("\n").split("\t")
        return [dict(zip(head, line.rstrip("\n").split("\t"))) for line in handle if line.strip()]


def env_value(directory, key):
    path = os.path.join(directory, "env.txt")
    if not os.path.exists(path):
        return ""
    with open(path) as handle:
        for line in handle:
            if line.startswith(key + ":"):
                return line.split(":", 1)[1].strip()
    return ""


def cases(raw):
    """(group, label) -> {'wall': median s, 'rss': max MB, 'runs': n, 'failed': exits}."""
    grouped = {}
    for row in raw:
        grouped.setdefault((row["group"], row["label"]), []).append(row)
    return {
        key: {
            "wall": statistics.median(float(r["wall_s"]) for r in rows),
            "cpu": statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in rows),
            "rss": max(int(r["maxrss_kb"]) for r in rows) / 1024,
            "runs": len(rows),
            "failed": [r["exit"] for r in rows if r["exit"] != "0"],
        }
        for key, rows in grouped.items()
    }


def verdict(met):
    return "met" if met else "NOT met"


def main():
    results = sys.argv[1]
    main_dir = os.path.join(results, "main")
    memory_dir = os.path.join(results, "memory")
    found = cases(read_tsv(os.path.join(main_dir, "raw.tsv")))
    found.update(cases(read_tsv(os.path.join(memory_dir, "raw.tsv"))))
    xmllint = read_tsv(os.path.join(results, "xmllint.tsv"))
    failures = [f"{group} {label}: exit {', '.join(c['failed'])}" for (group, label), c in found.items() if c["failed"]]
    failures += [f"xmllint run {r['run']}: exit {r['exit']}" for r in xmllint if r["exit"] != "0"]

    report = {"load_before": env_value(main_dir, "load before"), "load_after": env_value(main_dir, "load after")}
    print(f"bench-fetch: {env_value(main_dir, 'corpus')}")
    print(f"load before {report['load_before']}, after {report['load_after']}; wall times are medians, RSS the peak")

    curl = found.get(("fetch-cold", "curl-p50"))
    parse = statistics.median(float(r["wall_s"]) for r in xmllint) if xmllint else None
    cold = found.get(("fetch-cold", "feedd-c50"))
    if curl and parse is not None:
        floor = curl["wall"] + parse
        report["floor_s"] = floor
        print(f"floor: curl --parallel 50 {curl['wall']:.3f} s + xmllint --stream {parse:.3f} s = {floor:.3f} s")
        if cold:
            ratio = cold["wall"] / floor
            report["cold_s"], report["cold_ratio"] = cold["wall"], ratio
            print(f"cold cycle, concurrency 50: {cold['wall']:.3f} s (CPU {cold['cpu']:.2f} s) = {ratio:.2f}x the floor"
                  f"   target <= {RATIO_TARGET:g}x: {verdict(ratio <= RATIO_TARGET)}")
    store = read_tsv(os.path.join(results, "store-floor.tsv"))
    if store:
        store_s = statistics.median(float(r["wall_s"]) for r in store)
        report["store_floor_s"] = store_s
        line = (f"store floor: SQLite alone storing the cycle's {store[0]['articles']} articles: {store_s:.3f} s"
                f" (CPU {statistics.median(float(r['cpu_s']) for r in store):.2f} s)")
        if cold:
            line += f"; the cold cycle is {cold['wall'] / store_s:.2f}x it"
        if curl and parse is not None:
            line += f", and it is {store_s / (curl['wall'] + parse):.2f}x the floor above"
        print(line)
    else:
        print("store floor: not run (no store-floor.tsv: no feedd cold cycle at concurrency 50, or the loader failed)")
    warm = found.get(("fetch-warm", "feedd-c50"))
    conditional = found.get(("fetch-warm", "curl-etag-p50"))
    if warm and conditional:
        ratio = warm["wall"] / conditional["wall"]
        report["warm_s"], report["warm_ratio"] = warm["wall"], ratio
        print(f"warm cycle, concurrency 50: {warm['wall']:.3f} s = {ratio:.2f}x curl --etag-compare "
              f"({conditional['wall']:.3f} s)   target <= {WARM_TARGET:g}x: {verdict(ratio <= WARM_TARGET)}")
    newsboat = [(label, c) for (group, label), c in found.items() if group == "fetch-cold" and label.startswith("newsboat")]
    for label, c in newsboat:
        if cold:
            print(f"{label} cold: {c['wall']:.3f} s, {c['wall'] / cold['wall']:.1f}x feedd's")

    rows = sorted(
        {int(label[len("feedd-c"):]) for (_, label) in found if label.startswith("feedd-c")})
    if rows:
        print("concurrency  cold s  cold peak MB  warm s  warm peak MB")
        peaks = []
        report["concurrency"] = []
        for n in rows:
            c = found.get(("fetch-cold", f"feedd-c{n}"))
            w = found.get(("fetch-warm", f"feedd-c{n}"))
            peaks += [x["rss"] for x in (c, w) if x]
            report["concurrency"].append({"concurrency": n, "cold_s": c and c["wall"], "cold_rss_mb": c and c["rss"],
                                          "warm_s": w and w["wall"], "warm_rss_mb": w and w["rss"]})
            print(f"{n:>11}  {c['wall'] if c else float('nan'):6.3f}  {c['rss'] if c else float('nan'):12.1f}"
                  f"  {w['wall'] if w else float('nan'):6.3f}  {w['rss'] if w else float('nan'):12.1f}")
        report["peak_rss_mb"] = max(peaks)
        print(f"peak RSS {max(peaks):.1f} MB   target <= {RSS_TARGET_MB:g} MB at every concurrency: "
              f"{verdict(max(peaks) <= RSS_TARGET_MB)}")
    for failure in failures:
        print(f"FAILED: {failure}")
    report["failures"] = failures
    with open(os.path.join(results, "report.json"), "w") as handle:
        json.dump(report, handle, indent=1)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
