#!/usr/bin/env python3
"""HTML -> PDF against the alternatives, all in the same run.

For each example report, nianbao's HTML page (`nianbao render --format html`)
is turned into a PDF by
  - headless Chromium: one warm browser, page.setContent + page.pdf()
    (bench/chromium_pdf.mjs);
  - wkhtmltopdf: one process per render (it has no server mode);
  - LibreOffice headless (soffice --convert-to pdf): one process per render,
    with its user profile created beforehand (the first start is not timed);
and compared with nianbao's own PDF of the same report, rendered in-process
through the plugin host (build/bench/render_bench, BM_Render/pdf_*, warm).
Rounds alternate the tools so that all of them see the same machine load.

usage: bench/pdf_compare.py [--build build] [--out DIR] [--rounds 3] [--n 10] [--n-slow 2]
Writes DIR/pdf_compare.json and prints a table with ratios vs nianbao.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = {
    "seed": "hongqiao-2020.json",
    "city2021": "example-city-2022.json",
}


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def nianbao_batch(build, example, n):
    """Per-render wall and CPU ms of nianbao's in-process PDF (median of n reps)."""
    out = run([
        os.path.join(build, "bench", "render_bench"),
        f"--benchmark_filter=BM_Render/pdf_{example}$",
        f"--benchmark_repetitions={n}", "--benchmark_format=json",
    ]).stdout
    runs = [b for b in json.loads(out)["benchmarks"] if b.get("run_type") == "iteration"]
    scale = {"us": 1e-3, "ms": 1.0, "ns": 1e-6}[runs[0]["time_unit"]]
    return ([b["real_time"] * scale for b in runs], [b["cpu_time"] * scale for b in runs],
            int(runs[0]["bytes"]))


def timed_processes(cmd, n, pdf, env=None):
    ms = []
    for _ in range(n):
        if os.path.exists(pdf):
            os.remove(pdf)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        ms.append((time.perf_counter() - t0) * 1e3)
    return ms, os.path.getsize(pdf)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--n", type=int, default=10, help="renders per round: nianbao, Chromium")
    ap.add_argument("--n-slow", type=int, default=2,
                    help="renders per round: wkhtmltopdf, LibreOffice")
    ap.add_argument("--examples", default="seed,city2021")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    out = os.path.abspath(args.out or os.path.join(build, "bench-out", "pdf_compare"))
    os.makedirs(out, exist_ok=True)
    nianbao_cli = os.path.join(build, "cli", "nianbao")
    missing = [t for t in ("wkhtmltopdf", "soffice", "node") if shutil.which(t) is None]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: run scripts/install-deps.sh")
    lo_profile = tempfile.mkdtemp(prefix="nianbao-bench-lo-")
    lo_env = dict(os.environ, HOME=lo_profile)
    wk_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    results = {}
    try:
        for ex in args.examples.split(","):
            report = os.path.join(ROOT, "examples", EXAMPLES[ex])
            html = os.path.join(out, f"{ex}.html")
            run([nianbao_cli, "render", report, "--format", "html", "-o", html])
            run([nianbao_cli, "render", report, "--format", "pdf", "-o",
                 os.path.join(out, f"{ex}-nianbao.pdf")])
            lo_cmd = ["soffice", f"-env:UserInstallation=file://{lo_profile}/profile",
                      "--headless", "--norestore", "--convert-to", "pdf:writer_web_pdf_Export",
                      "--outdir", os.path.join(out, "lo"), html]
            lo_pdf = os.path.join(out, "lo", f"{ex}.pdf")
            subprocess.run(lo_cmd, check=True, capture_output=True, env=lo_env)  # profile
            wk_pdf = os.path.join(out, f"{ex}-wkhtmltopdf.pdf")
            wk_cmd = ["wkhtmltopdf", "--quiet", "--page-size", "A4", "--enable-local-file-access",
                      html, wk_pdf]
            r = {t: {"ms": [], "bytes": 0} for t in
                 ("nianbao", "chromium", "wkhtmltopdf", "libreoffice")}
            r["nianbao"]["cpu_ms"] = []
            for _ in range(args.rounds):
                wall, cpu, size = nianbao_batch(build, ex, args.n)
                r["nianbao"]["ms"] += wall
                r["nianbao"]["cpu_ms"] += cpu
                r["nianbao"]["bytes"] = size
                c = json.loads(run(["node", os.path.join(ROOT, "bench", "chromium_pdf.mjs"),
                                    str(args.n), os.path.join(out, f"{ex}-chromium.pdf"),
                                    html]).stdout)
                r["chromium"]["ms"] += c["ms"]
                r["chromium"]["bytes"] = c["bytes"]
                ms, size = timed_processes(wk_cmd, args.n_slow, wk_pdf, wk_env)
                r["wkhtmltopdf"]["ms"] += ms
                r["wkhtmltopdf"]["bytes"] = size
                ms, size = timed_processes(lo_cmd, args.n_slow, lo_pdf, lo_env)
                r["libreoffice"]["ms"] += ms
                r["libreoffice"]["bytes"] = size
            base = statistics.median(r["nianbao"]["ms"])
            for t, v in r.items():
                v["median_ms"] = statistics.median(v["ms"])
                v["time_ratio"] = v["median_ms"] / base
                v["size_ratio"] = v["bytes"] / r["nianbao"]["bytes"]
            r["nianbao"]["median_cpu_ms"] = statistics.median(r["nianbao"]["cpu_ms"])
            results[ex] = r
    finally:
        shutil.rmtree(lo_profile, ignore_errors=True)
    with open(os.path.join(out, "pdf_compare.json"), "w") as f:
        json.dump(results, f, indent=1)
    print("| report | renderer | renders | median ms/render | PDF bytes | time vs nianbao |"
          " size vs nianbao |")
    print("|---|---|---|---|---|---|---|")
    for ex, r in results.items():
        for t, v in r.items():
            print(f"| {ex} | {t} | {len(v['ms'])} | {v['median_ms']:.1f} | {v['bytes']} |"
                  f" {v['time_ratio']:.1f}x | {v['size_ratio']:.2f}x |")
    print(f"wrote {os.path.join(out, 'pdf_compare.json')}")


if __name__ == "__main__":
    main()
