#!/usr/bin/env python3
"""Plots bench/pdf_compare.py's results: time per render (log scale) and PDF
size, nianbao against headless Chromium, wkhtmltopdf and LibreOffice.

usage: bench/plot_pdf_compare.py RESULTS.json OUT.png [SUBTITLE]
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TOOLS = [("nianbao", "nianbao (in-process)"), ("chromium", "Chromium (warm)"),
         ("wkhtmltopdf", "wkhtmltopdf"), ("libreoffice", "LibreOffice")]
COLORS = ["#c0392b", "#2980b9", "#7f8c8d", "#27ae60"]


def main():
    results = json.load(open(sys.argv[1]))
    subtitle = sys.argv[3] if len(sys.argv) > 3 else ""
    examples = list(results)
    fig, (ax_t, ax_s) = plt.subplots(1, 2, figsize=(11, 4.2))
    width = 0.8 / len(TOOLS)
    for k, (tool, label) in enumerate(TOOLS):
        xs = [i + (k - (len(TOOLS) - 1) / 2) * width for i in range(len(examples))]
        ms = [results[e][tool]["median_ms"] for e in examples]
        kb = [results[e][tool]["bytes"] / 1024 for e in examples]
        bars = ax_t.bar(xs, ms, width, label=label, color=COLORS[k])
        ax_t.bar_label(bars, labels=[f"{v:.0f}" if v >= 10 else f"{v:.1f}" for v in ms],
                       fontsize=7)
        bars = ax_s.bar(xs, kb, width, label=label, color=COLORS[k])
        ax_s.bar_label(bars, labels=[f"{v:.0f}" for v in kb], fontsize=7)
    for ax in (ax_t, ax_s):
        ax.set_xticks(range(len(examples)))
        ax.set_xticklabels(examples)
    ax_t.set_yscale("log")
    ax_t.set_ylabel("median wall time per render (ms, log scale)")
    ax_t.set_title("HTML report -> PDF: time per render")
    ax_s.set_ylabel("PDF size (KiB)")
    ax_s.set_title("output size")
    ax_t.legend(fontsize=8, loc="upper left")
    if subtitle:
        fig.suptitle(subtitle, fontsize=8, y=0.02)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()
