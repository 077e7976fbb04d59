#!/usr/bin/env python3
"""`make bench`: Frontline and its peers on the same corpora, queries and machine, in one run.

For each corpus (the real one, then scaled copies) it measures Frontline's indexing with
enrichment, without places and with a bare tantivy schema (the median of --build-repeat
builds each, the modes taking turns); query latency in process and over HTTP for the peer
harness's analyst queries and Frontline's own (bench/queries.txt), all with the API's default
answer (top 10, snippets, facets); HTTP load with wrk at 1, 16 and 64 connections; server
start to first answer and resident memory. Then it runs the peer harness
(../shared/bench, copied to the work folder) on the same corpus, and writes every figure to
bench/RESULTS.md and bench/results.json.

usage: bench/run.py [--sizes real,10k,100k,1m] [--peers LIST|none] [--repeat 5] [--wrk-seconds 10]
                    [--build-repeat 3] [--work DIR] [--bin DIR] [--smoke] [--append]
--smoke: the bundled seed articles only, no peers, one pass, 1-second loads; results go to
the work folder, not bench/ (the test suite runs this so the bench cannot rot).
"""
import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
ALL_PEERS = "tantivy,lucene,sqlite-fts5,xapian,postgres-fts,sphinx,frontline"


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def size_arg(s):
    s = s.strip().lower()
    if s == "real":
        return s
    mult = {"k": 1000, "m": 1000000}.get(s[-1], 1)
    return int(s.rstrip("km")) * mult


def timed(cmd, log_path):
    """Runs cmd under /usr/bin/time -v when present: (wall s, peak RSS kB, rc, stdout)."""
    tfile = log_path + ".time"
    use_time = os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-v", "-o", tfile] if use_time else []) + cmd
    t0 = time.perf_counter()
    with open(log_path, "w") as err:
        p = subprocess.run(full, stdout=subprocess.PIPE, stderr=err, text=True)
    wall = time.perf_counter() - t0
    peak = None
    if use_time and os.path.exists(tfile):
        for line in open(tfile):
            if "Maximum resident set size" in line:
                peak = int(line.rsplit(":", 1)[1])
    return wall, peak, p.returncode, p.stdout


def dir_size(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            fp = os.path.join(d, f)
            if not os.path.islink(fp):
                total += os.path.getsize(fp)
    return total


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def corpus_for(size, work, smoke):
    if smoke:
        return os.path.join(ROOT, "corpus", "seeds"), "seeds"
    if size == "real":
        return os.path.join(SHARED, "data", "corpus", "articles.jsonl.gz"), "real"
    out = os.path.join(work, "corpora", "scaled-%d.jsonl.gz" % size)
    if not os.path.exists(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        log("generating %d documents" % size)
        subprocess.run([os.path.join(SHARED, "tools", "scale-corpus"), str(size), out + ".tmp.gz"], check=True)
        os.rename(out + ".tmp.gz", out)
    return out, "%dk" % (size // 1000) if size < 1000000 else "%dm" % (size // 1000000)


def index_frontline(bins, corpus, work, mode):
    idx = os.path.join(work, "index-" + mode)
    shutil.rmtree(idx, ignore_errors=True)
    if mode == "bare":
        cmd = [os.path.join(bins, "frontline-bench"), "bare", "--corpus", corpus, "--index", idx]
    else:
        cmd = [os.path.join(bins, "frontline-index"), "build", "--corpus", corpus, "--index", idx, "--json"]
        if mode == "no-places":
            cmd.append("--no-places")
    wall, peak, rc, out = timed(cmd, os.path.join(work, "index-%s.log" % mode))
    if rc != 0:
        raise SystemExit("frontline %s index failed (see %s)" % (mode, os.path.join(work, "index-%s.log" % mode)))
    summary = json.loads(out)
    docs = summary["indexed"]
    records = summary.get("read", docs)
    return {"mode": mode, "docs": docs, "records": records, "wall_s": wall, "docs_per_s": records / wall,
            "body_mb_per_s": summary["body_bytes"] / 1e6 / wall, "peak_rss_mb": (peak or 0) / 1024,
            "index_mb": dir_size(idx) / 1e6, "index": idx}


def index_rounds(bins, corpus, work, label, rounds):
    """Each mode built `rounds` times, the modes taking turns so drift on a noisy machine
    falls on all of them alike; each mode reports its median build, with every wall time."""
    modes = ("enriched", "no-places", "bare")
    builds = {m: [] for m in modes}
    for i in range(rounds):
        for m in modes:
            log("%s: indexing, %s, build %d of %d" % (label, m, i + 1, rounds))
            b = index_frontline(bins, corpus, work, m)
            builds[m].append(b)
            if i + 1 < rounds:
                shutil.rmtree(b.pop("index"), ignore_errors=True)
    out = []
    for m in modes:
        runs = builds[m]
        median = sorted(runs, key=lambda b: b["wall_s"])[len(runs) // 2]
        median["walls_s"] = [round(b["wall_s"], 2) for b in runs]
        median["index"] = runs[-1]["index"]
        out.append(median)
    return out


def serve(bins, index, work):
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    t0 = time.perf_counter()
    proc = subprocess.Popen([os.path.join(bins, "frontline-serve"), "--index", index, "--addr", "127.0.0.1:%d" % port],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "serve.log"), "w"))
    while True:
        try:
            urllib.request.urlopen(base + "/search?q=Kyiv", timeout=2).read()
            break
        except Exception:
            if proc.poll() is not None or time.perf_counter() - t0 > 120:
                raise SystemExit("frontline-serve did not answer (see serve.log)")
            time.sleep(0.01)
    return proc, base, time.perf_counter() - t0


def memory_kb(pid):
    out = {}
    for line in open("/proc/%d/status" % pid):
        if line.startswith(("VmRSS", "VmHWM")):
            out[line.split(":")[0]] = int(line.split()[1])
    return out


def wrk(base, paths, conns, seconds, work):
    if not shutil.which("wrk"):
        return {"connections": conns, "error": "wrk not installed"}
    lua = os.path.join(work, "paths.lua")
    with open(lua, "w") as f:
        f.write("local paths = {\n%s\n}\nlocal i = 0\n" % ",\n".join(json.dumps(p) for p in paths))
        f.write("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
    cmd = ["wrk", "-t%d" % min(conns, 2), "-c%d" % conns, "-d%ds" % seconds, "--latency", "-s", lua, base]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    if p.returncode != 0 or "unexpected symbol" in p.stderr or "error" in p.stderr.lower():
        raise SystemExit("wrk failed: " + p.stderr.strip())
    txt = p.stdout
    res = {"connections": conns, "seconds": seconds}
    m = re.search(r"Requests/sec:\s*([\d.]+)", txt)
    res["requests_per_s"] = float(m.group(1)) if m else None
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\b" % pct, txt, re.M)
        if m:
            res["p%s_ms" % pct] = float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]
    m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", txt)
    res["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", txt)
    res["socket_errors"] = m.group(1).strip() if m else "none"
    m = re.search(r"(\d+) requests in", txt)
    res["requests"] = int(m.group(1)) if m else None
    return res


def query_sets():
    dev = os.path.join(SHARED, "bench", "queries", "dev.txt")
    args = ["--frontline", os.path.join(HERE, "queries.txt")]
    if os.path.exists(dev):
        args += ["--harness", dev]
    return args


def run_harness(corpus, label, peers, repeat, wrk_seconds, bins, work):
    hdir = os.path.join(work, "harness")
    if not os.path.exists(hdir):
        shutil.copytree(os.path.join(SHARED, "bench"), hdir)
        subprocess.run(["chmod", "-R", "u+w", hdir], check=True)
    if not os.path.exists(os.path.join(hdir, ".venv")):
        if os.geteuid() != 0:
            return {"error": "peer harness not set up: run %s/setup.sh as root" % hdir}
        log("setting up the peer harness (apt, cargo install tantivy-cli, pip)")
        subprocess.run([os.path.join(hdir, "setup.sh")], check=True)
    env = dict(os.environ, FRONTLINE_BIN=os.path.abspath(bins))
    cmd = [os.path.join(hdir, "run.sh"), corpus, label, "--peers", peers, "--repeat", str(repeat),
           "--wrk-duration", str(wrk_seconds)]
    log("peer harness: " + " ".join(cmd[1:]))
    with open(os.path.join(work, label, "harness.log"), "w") as f:
        rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT, env=env)
    path = os.path.join(hdir, "results", label, "results.json")
    if rc != 0 or not os.path.exists(path):
        return {"error": "peer harness failed rc=%s (see %s/harness.log)" % (rc, label)}
    return json.load(open(path))


def run_size(size, a, bins):
    corpus, label = corpus_for(size, a.work, a.smoke)
    work = os.path.join(a.work, label)
    os.makedirs(work, exist_ok=True)
    res = {"label": label, "corpus": os.path.basename(corpus)}
    res["indexing"] = index_rounds(bins, corpus, work, label, a.build_repeat)
    index = res["indexing"][0]["index"]
    res["docs"] = res["indexing"][0]["docs"]
    sets = query_sets()
    log("%s: queries in process" % label)
    out = subprocess.run([os.path.join(bins, "frontline-bench"), "query", "--index", index, "--repeat", str(a.repeat)] + sets,
                         capture_output=True, text=True, check=True).stdout
    res["in_process"] = json.loads(out)
    # The peers' in-process paths run each query on one thread; Frontline's default spreads
    # a query over the cores when the index has several segments. Both are reported.
    out = subprocess.run([os.path.join(bins, "frontline-bench"), "query", "--index", index, "--repeat", str(a.repeat),
                          "--search-threads", "1"] + sets, capture_output=True, text=True, check=True).stdout
    res["in_process_1t"] = json.loads(out)
    proc, base, started = serve(bins, index, work)
    try:
        res["server_start_s"] = started
        log("%s: queries over HTTP" % label)
        out = subprocess.run([os.path.join(bins, "frontline-bench"), "http", "--base", base, "--repeat", str(a.repeat)] + sets,
                             capture_output=True, text=True, check=True).stdout
        res["http"] = json.loads(out)
        paths = subprocess.run([os.path.join(bins, "frontline-bench"), "paths"] + sets,
                               capture_output=True, text=True, check=True).stdout.split()
        res["load"] = []
        for conns in (1, 16, 64):
            log("%s: wrk %d connections" % (label, conns))
            res["load"].append(wrk(base, paths, conns, a.wrk_seconds, work))
        res["memory_kb"] = memory_kb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for m in res["indexing"]:
        shutil.rmtree(m.pop("index"), ignore_errors=True)
    if a.peers != "none" and not a.smoke and os.path.exists(os.path.join(SHARED, "bench")):
        res["peers"] = run_harness(corpus, label, a.peers, a.repeat, a.wrk_seconds, bins, a.work)
    return res


# ---------- report ----------

def f(v, nd=2):
    if v is None:
        return "–"
    if isinstance(v, float):
        return ("%%.%df" % nd) % v
    return str(v)


def set_of(block, name):
    for s in (block or {}).get("sets", []):
        if s["name"] == name:
            return s
    return None


def peer_rows(run):
    peers = run.get("peers") or {}
    return [p for p in peers.get("peers", []) if "search" in p]


def verdict(ok):
    return "met" if ok else "**missed**"


def records_of(run):
    """Corpus records, the unit of every indexing rate: Frontline indexes exact duplicates
    once, the peers and the bare build index every record."""
    peers = run.get("peers") or {}
    return peers.get("docs") or max(m.get("records", m["docs"]) for m in run["indexing"])


def normalise(run):
    """Indexing rates per corpus record (results written before rates were per record)."""
    records = records_of(run)
    for m in run["indexing"]:
        m.setdefault("records", records)
        m["docs_per_s"] = m["records"] / m["wall_s"]
    return run


def code_version():
    """`, commit abc1234` (`+ changes` when the tree differs from it), or nothing outside git."""
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        # The results files themselves change between the parts of an --append run.
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "--",
                                ".", ":!bench/RESULTS.md", ":!bench/results.json"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return ", commit %s%s" % (head, " + changes" if dirty else "")


def report(results, started):
    for run in results["runs"]:
        normalise(run)
    L = ["# Benchmark results", "",
         "Written by `make bench` (`bench/run.py`) on %s; %s, %d cores. Every figure in one table comes "
         "from the same run on the same machine. Latencies are milliseconds per query as the client sees "
         "it; Frontline queries always return its default answer: top 10 hits **with snippets and every "
         "default facet** (place tree, focus, source, language, date histogram). Frontline searches an "
         "index's segments on every core when it has several (the server's default); the row \"one search "
         "thread\" runs each query on one thread, as the peers' in-process paths do, and the targets are "
         "judged on both." % (
             started, platform.platform(), os.cpu_count() or 0), ""]
    for run in results["runs"]:
        docs, records = run["docs"], records_of(run)
        L += ["## %s: %s records, %s documents after removing exact duplicates (`%s`)" % (
            run["label"], f"{records:,}", f"{docs:,}", run["corpus"]), ""]
        names = [p["peer"] for p in peer_rows(run)]
        L += ["Peers in this run: %s." % (", ".join(names) if names else "none"), ""]
        rounds = max(len(m.get("walls_s") or [1]) for m in run["indexing"])
        how = ("; Frontline's modes built %d times each, taking turns, the median shown%s" % (
            rounds, "; peers built once" if names else "") if rounds > 1 else "")
        L += ["### Indexing (rates per corpus record%s)" % how, "",
              "| engine | docs/s | body MB/s | wall s | peak RSS MB | index MB |", "|---|---|---|---|---|---|"]
        for m in run["indexing"]:
            L.append("| Frontline, %s | %s | %s | %s | %s | %s |" % (
                {"enriched": "enrichment on (default)", "no-places": "places off",
                 "bare": "bare tantivy, no enrichment (floor)"}[m["mode"]],
                f(m["docs_per_s"], 0), f(m["body_mb_per_s"]), walls(m), f(m["peak_rss_mb"], 0), f(m["index_mb"], 1)))
        for p in peer_rows(run):
            if p["peer"] == "frontline":
                continue
            b = p.get("build", {})
            wall = b.get("wall_s")
            L.append("| %s | %s | – | %s | %s | %s |" % (
                p["peer"], f(records / wall, 0) if wall else "–", f(wall, 1), f((b.get("peak_rss_kb") or 0) / 1024, 0),
                f((p.get("size", {}).get("index_bytes") or 0) / 1e6, 1)))
        L += ["", "### Query latency, analyst query set (`../shared/bench/queries/dev.txt`)", "",
              "| engine and path | answer | p50 | p95 | p99 | QPS (1 client) |", "|---|---|---|---|---|---|"]
        for block, name in ((run.get("in_process"), "Frontline in process (`frontline_engine::search`)"),
                            (run.get("in_process_1t"), "Frontline in process, one search thread"),
                            (run.get("http"), "Frontline over HTTP, keep-alive")):
            s = set_of(block, "harness")
            if s:
                lat = s["latency"]
                L.append("| %s | top 10 + snippets + facets | %s | %s | %s | %s |" % (
                    name, f(lat["p50_ms"], 3), f(lat["p95_ms"], 3), f(lat["p99_ms"], 3), f(lat["qps"], 0)))
        for p in peer_rows(run):
            for kind, what in (("search", "plain top 10"), ("facet", "top-10 source facet")):
                s = p.get(kind)
                if s:
                    L.append("| %s — %s | %s | %s | %s | %s | %s |" % (
                        p["peer"], p.get("access", ""), what, f(s["p50_ms"], 3), f(s["p95_ms"], 3),
                        f(s["p99_ms"], 3), f(s["qps_single_client"], 0)))
        extra = (run.get("peers") or {}).get("tantivy_extra") or {}
        hs = (extra.get("http_single_client") or {}).get("latency")
        if hs:
            L.append("| tantivy serve over HTTP, keep-alive | plain top 10, no facets | %s | %s | %s | %s |" % (
                f(hs["p50_ms"], 3), f(hs["p95_ms"], 3), f(hs["p99_ms"], 3), f(hs["qps_single_client"], 0)))
        L += ["", "### Frontline-only queries (`bench/queries.txt`)", "",
              "| query | hits | in process p50 | HTTP p50 |", "|---|---|---|---|"]
        fi, fh = set_of(run.get("in_process"), "frontline"), set_of(run.get("http"), "frontline")
        if fi:
            http_p50 = {q["label"]: q["p50_ms"] for q in (fh or {}).get("per_query", [])}
            for q in fi["per_query"]:
                L.append("| `%s` | %s | %s | %s |" % (q["label"], f(q["total"]), f(q["p50_ms"], 3), f(http_p50.get(q["label"]), 3)))
            for block, name in ((fi, "in process"), (fh, "HTTP")):
                if block:
                    lat = block["latency"]
                    L.append("| **all, %s** (p50 / p95 / p99, errors) | | %s / %s / %s | %d errors |" % (
                        name, f(lat["p50_ms"], 3), f(lat["p95_ms"], 3), f(lat["p99_ms"], 3), block["errors"]))
        L += ["", "### HTTP under load (wrk on 127.0.0.1, both query sets cycled, full default answer)", "",
              "| server | connections | requests/s | p50 | p99 | errors |", "|---|---|---|---|---|---|"]
        for w in run.get("load", []):
            if "error" in w:
                L.append("| frontline-serve | %s | – | – | – | %s |" % (w.get("connections"), w["error"]))
                continue
            L.append("| frontline-serve | %s | %s | %s | %s | non-2xx %s, socket %s |" % (
                w.get("connections"), f(w.get("requests_per_s"), 0), f(w.get("p50_ms"), 3), f(w.get("p99_ms"), 3),
                w.get("non_2xx"), w.get("socket_errors")))
        tw = extra.get("wrk")
        if tw and "requests_per_sec" in tw:
            L.append("| tantivy serve (plain top 10, harness query set) | 16 | %s | %s | %s | non-2xx %s, socket %s |" % (
                f(tw["requests_per_sec"], 0), f(tw.get("p50_ms"), 3), f(tw.get("p99_ms"), 3), tw.get("non_2xx"),
                tw.get("socket_errors")))
        mem = run.get("memory_kb", {})
        L += ["", "Server start to first answer: %s s; resident memory after the load: %s MB (peak %s MB)." % (
            f(run.get("server_start_s"), 3), f(mem.get("VmRSS", 0) / 1024, 0), f(mem.get("VmHWM", 0) / 1024, 0))]
        if (run.get("peers") or {}).get("error"):
            L.append("Peer harness: " + run["peers"]["error"])
        L.append("")
    L += growth(results["runs"]) + targets(results["runs"])
    return "\n".join(L) + "\n"


def growth(runs):
    L = ["## Growth with corpus size", "",
         "| corpus | docs | index docs/s (enriched) | in-process p50 / p99 | HTTP p50 / p99 | wrk 16 conn. req/s | RSS MB |",
         "|---|---|---|---|---|---|---|"]
    for r in runs:
        i, h = set_of(r.get("in_process"), "harness") or set_of(r.get("in_process"), "frontline"), \
            set_of(r.get("http"), "harness") or set_of(r.get("http"), "frontline")
        w16 = next((w for w in r.get("load", []) if w.get("connections") == 16), {})
        L.append("| %s | %s | %s | %s / %s | %s / %s | %s | %s |" % (
            r["label"], r["docs"], f(r["indexing"][0]["docs_per_s"], 0),
            f(i["latency"]["p50_ms"], 3), f(i["latency"]["p99_ms"], 3), f(h["latency"]["p50_ms"], 3),
            f(h["latency"]["p99_ms"], 3), f(w16.get("requests_per_s"), 0),
            f(r.get("memory_kb", {}).get("VmRSS", 0) / 1024, 0)))
    return L + [""]


def walls(m):
    """A build's wall time; for several builds, the median and then each build in order."""
    each = m.get("walls_s") or []
    if len(each) < 2:
        return f(m["wall_s"], 1)
    return "%s (median of %s)" % (f(m["wall_s"], 1), ", ".join(f(w, 1) for w in each))


def targets(runs):
    L = ["## Targets", "", "| target | corpus | Frontline | best peer | verdict |", "|---|---|---|---|---|"]
    by = {r["label"]: r for r in runs}
    for r in runs:
        idx = {m["mode"]: m for m in r["indexing"]}
        enr, bare, nop = idx["enriched"]["docs_per_s"], idx["bare"]["docs_per_s"], idx["no-places"]["docs_per_s"]
        L.append("| indexing with enrichment ≥ 75%% of bare tantivy | %s | %s docs/s = %.0f%% of %s | – | %s |" % (
            r["label"], f(enr, 0), 100 * enr / bare, f(bare, 0), verdict(enr >= 0.75 * bare)))
        L.append("| geoparsing costs ≤ 25%% of throughput (vs places off) | %s | %.0f%% of %s docs/s | – | %s |" % (
            r["label"], 100 * enr / nop, f(nop, 0), verdict(enr >= 0.75 * nop)))
        peers = [p for p in peer_rows(r) if p["peer"] != "frontline"]
        others = [(p["peer"], records_of(r) / p["build"]["wall_s"]) for p in peers
                  if p["peer"] != "tantivy" and p.get("build", {}).get("wall_s")]
        if others:
            best = max(others, key=lambda x: x[1])
            L.append("| indexing faster than every non-tantivy peer | %s | %s docs/s | %s %s docs/s | %s |" % (
                r["label"], f(enr, 0), best[0], f(best[1], 0), verdict(enr > best[1])))
        inproc = [p for p in peers if p.get("access", "").startswith(("in-process", "in-JVM"))]
        for key, how in (("in_process", ""), ("in_process_1t", ", one search thread")):
            ip = set_of(r.get(key), "harness")
            if not (ip and inproc):
                continue
            for pct in ("p50_ms", "p99_ms"):
                best = min(inproc, key=lambda p: p["search"][pct])
                L.append("| in-process %s with facets+snippets%s < every in-process peer's plain top 10 | %s | %s | %s %s | %s |" % (
                    pct[:3], how, r["label"], f(ip["latency"][pct], 3), best["peer"], f(best["search"][pct], 3),
                    verdict(ip["latency"][pct] < best["search"][pct])))
        hp = set_of(r.get("http"), "harness")
        hs = (((r.get("peers") or {}).get("tantivy_extra") or {}).get("http_single_client") or {}).get("latency")
        if hp and hs:
            for pct in ("p50_ms", "p99_ms"):
                L.append("| HTTP %s with facets+snippets < tantivy serve plain top 10 | %s | %s | %s | %s |" % (
                    pct[:3], r["label"], f(hp["latency"][pct], 3), f(hs[pct], 3), verdict(hp["latency"][pct] < hs[pct])))
        tw = (((r.get("peers") or {}).get("tantivy_extra") or {}).get("wrk") or {}).get("requests_per_sec")
        w16 = next((w for w in r.get("load", []) if w.get("connections") == 16), {})
        if tw and w16.get("requests_per_s"):
            L.append("| HTTP throughput (16 conn.) ≥ tantivy serve | %s | %s req/s | %s req/s | %s |" % (
                r["label"], f(w16["requests_per_s"], 0), f(tw, 0), verdict(w16["requests_per_s"] >= tw)))
    if "100k" in by and "1m" in by:
        for key, how in (("in_process", ""), ("in_process_1t", ", one search thread")):
            a, b = set_of(by["100k"].get(key), "harness"), set_of(by["1m"].get(key), "harness")
            if a and b:
                ratio = b["latency"]["p99_ms"] / a["latency"]["p99_ms"]
                L.append("| p99 at 1M within 3× of p99 at 100k%s | 1m / 100k | %.2f× | – | %s |" % (how, ratio, verdict(ratio <= 3)))
    return L + [""]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="real,10k,100k,1m")
    ap.add_argument("--peers", default=ALL_PEERS)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    ap.add_argument("--build-repeat", type=int, default=3, help="builds per indexing mode; the median is reported")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "frontline-bench"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release"))
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--report", action="store_true", help="only rewrite bench/RESULTS.md from bench/results.json")
    ap.add_argument("--append", action="store_true",
                    help="keep the corpora of an earlier bench/results.json not measured now (e.g. 1m with fewer peers)")
    a = ap.parse_args()
    if a.report:
        results = json.load(open(os.path.join(HERE, "results.json")))
        with open(os.path.join(HERE, "RESULTS.md"), "w") as fh:
            fh.write(report(results, results["started"]))
        return
    if a.smoke:
        a.sizes, a.peers, a.repeat, a.wrk_seconds, a.build_repeat = "real", "none", 1, 1, 1
    elif not os.path.exists(SHARED):
        raise SystemExit("make bench needs ../shared (corpus, scale-corpus, peer harness)")
    os.makedirs(a.work, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()) + code_version()
    out_dir = a.work if a.smoke else HERE
    results = {"started": started, "runs": []}
    earlier = os.path.join(out_dir, "results.json")
    if a.append and os.path.exists(earlier):
        results = json.load(open(earlier))
        results["started"] += " (+ %s)" % started
        started = results["started"]
    for s in a.sizes.split(","):
        run = run_size(size_arg(s), a, a.bin)
        results["runs"] = [r for r in results["runs"] if r["label"] != run["label"]] + [run]
        # Written after every corpus, so a long run leaves its figures so far.
        with open(os.path.join(out_dir, "results.json"), "w") as fh:
            json.dump(results, fh, indent=1, default=str)
        with open(os.path.join(out_dir, "RESULTS.md"), "w") as fh:
            fh.write(report(results, started))
    log("wrote %s" % os.path.join(out_dir, "RESULTS.md"))


if __name__ == "__main__":
    main()
