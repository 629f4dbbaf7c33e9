"""make audit: Lighthouse (mobile) on the key pages, served gzipped like a CDN would.

Builds the site strictly into a temporary folder, serves it on 127.0.0.1 with
scripts/serve_gzip.py, runs Lighthouse (npm lighthouse, Debian's chromium) with its default
mobile settings (Moto G Power screen, simulated slow 4G, 4x CPU slowdown) several times per
page, keeps the median run, writes the reports to reports/lighthouse/ and prints a table.
Exits 1 when a page misses a goal: performance >= 0.98, accessibility, best practices and SEO 1.0.

    .venv/bin/python scripts/audit.py                 # home, a condition, a post, the blog index
    .venv/bin/python scripts/audit.py --runs 1 --pages conditions/sciatica/
    .venv/bin/python scripts/audit.py --calibrate     # CPU slowdown from this machine's benchmark

Lighthouse's CPU slowdown is relative to the machine it runs on. Its report carries a
`benchmarkIndex` for the machine; on a slow or busy machine (index under 1000) Lighthouse's own
docs recommend a smaller multiplier. --calibrate applies the documented calculator
(docs/throttling.md in the Lighthouse repository) to the index measured in a first run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from serve_gzip import serving  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "reports" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
GOALS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}


def default_pages(site_dir: Path) -> dict[str, str]:
    """Home, a condition page, a post and the blog index (found in the built site)."""
    def first(pattern: str, needle: str) -> str:
        for path in sorted(site_dir.glob(pattern)):
            if needle in path.read_text(encoding="utf-8"):
                return path.parent.relative_to(site_dir).as_posix() + "/"
        raise SystemExit(f"no page matching {pattern} in the built site")
    condition = "conditions/sciatica/" if (site_dir / "conditions/sciatica/index.html").exists() \
        else first("conditions/*/index.html", "care-card")
    return {"home": "", "condition": condition, "post": first("blog/*/index.html", "md-content--post"),
            "blog index": "blog/"}


def recommended_multiplier(benchmark_index: float) -> float:
    """Lighthouse's CPU-throttling calculator (lighthouse-cpu-throttling-calculator, linked from
    Lighthouse's docs/throttling.md): the slowdown that makes this machine behave like the
    mid-tier phone Lighthouse's mobile preset stands for."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


def build(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit("The site does not build; fix that first (make build shows the problems).")
    print(f"Built the site in {time.perf_counter() - started:.0f} s")


def lighthouse(url: str, out: Path, multiplier: float | None) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output=html", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility,best-practices,seo"]
    if multiplier is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={multiplier:.2f}")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)
    report = out.with_suffix(".report.json")
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(report: dict) -> dict:
    audits = report["audits"]
    row = {key: report["categories"][key]["score"] for key in GOALS}
    for audit, label in METRICS.items():
        row[label] = audits[audit].get("numericValue")
    row["bytes"] = sum(item.get("transferSize", 0) for item in audits["network-requests"]["details"]["items"])
    row["benchmarkIndex"] = report["environment"]["benchmarkIndex"]
    row["failing"] = sorted(
        key for key, audit in audits.items()
        if audit.get("score") is not None and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
        and any(key in {ref["id"] for ref in report["categories"][cat]["auditRefs"] if ref.get("weight")}
                for cat in ("accessibility", "best-practices", "seo")))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse (mobile) on key pages, served gzipped.")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is kept (default 3)")
    parser.add_argument("--pages", nargs="*", help="URL paths to audit instead of the default four")
    parser.add_argument("--cpu-multiplier", type=float, default=None,
                        help="Lighthouse CPU slowdown (default: Lighthouse's own, 4)")
    parser.add_argument("--calibrate", action="store_true",
                        help="set the CPU slowdown from this machine's benchmarkIndex (Lighthouse docs)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run make audit (it runs npm ci first).")

    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="spine-audit-") as tmp:
        site_dir = Path(tmp) / "site"
        build(site_dir)
        pages = {p or "home": p for p in args.pages} if args.pages else default_pages(site_dir)
        with serving(site_dir) as httpd:
            multiplier = args.cpu_multiplier
            if args.calibrate and multiplier is None:
                probe = lighthouse(httpd.url, Path(tmp) / "calibration", None)
                index = probe["environment"]["benchmarkIndex"]
                multiplier = round(recommended_multiplier(index), 2)
                print(f"This machine's benchmarkIndex is {index:.0f}: CPU slowdown {multiplier}x (Lighthouse calculator)")
            rows = {}
            for name, path in pages.items():
                runs = []
                for run in range(1, args.runs + 1):
                    slug = (path.strip("/").replace("/", "-") or "home")
                    report = lighthouse(httpd.url + path, REPORTS / f"{slug}-run{run}", multiplier)
                    runs.append((report["categories"]["performance"]["score"], run, report))
                    print(f"  {name} (/{path}) run {run}: performance {runs[-1][0]:.2f}", flush=True)
                runs.sort(key=lambda item: (item[0], item[1]))
                score, run, report = runs[len(runs) // 2]
                slug = path.strip("/").replace("/", "-") or "home"
                for suffix in (".report.json", ".report.html"):
                    shutil.copy(REPORTS / f"{slug}-run{run}{suffix}", REPORTS / f"{slug}{suffix}")
                rows[name] = summarise(report) | {"path": "/" + path, "runs": [r[0] for r in sorted(runs, key=lambda r: r[1])]}

    lines = ["| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | SI | KB |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    missed = []
    for name, row in rows.items():
        lines.append(f"| {name} ({row['path']}) | {row['performance']:.2f} | {row['accessibility']:.2f} | "
                     f"{row['best-practices']:.2f} | {row['seo']:.2f} | {row['FCP'] / 1000:.1f} s | "
                     f"{row['LCP'] / 1000:.1f} s | {row['TBT']:.0f} ms | {row['CLS']:.3f} | {row['SI'] / 1000:.1f} s | "
                     f"{row['bytes'] / 1000:.0f} |")
        for key, goal in GOALS.items():
            if row[key] is None or row[key] < goal:
                missed.append(f"{name}: {key} {row[key]} < {goal}" + (f" (failing: {', '.join(row['failing'])})"
                                                                        if key != "performance" and row["failing"] else ""))
    bench = statistics.median(row["benchmarkIndex"] for row in rows.values())
    setting = f"{multiplier}x CPU slowdown" if multiplier is not None else "Lighthouse default 4x CPU slowdown"
    lines.append("")
    lines.append(f"Lighthouse 12 mobile, simulated slow 4G, {setting}; median of {args.runs} run(s) per page; "
                 f"machine benchmarkIndex {bench:.0f}. Reports: {REPORTS.relative_to(ROOT)}/")
    if bench < 1000 and multiplier is None:
        lines.append(f"Note: this machine is slow or busy (benchmarkIndex {bench:.0f} < 1000), so 4x overstates a "
                     f"phone's CPU time; Lighthouse suggests {recommended_multiplier(bench):.1f}x (try --calibrate).")
    table = "\n".join(lines)
    print()
    print(table)
    (REPORTS / "summary.md").write_text(table + "\n", encoding="utf-8")
    (REPORTS / "summary.json").write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")
    if missed:
        print("\nGoals missed:\n  " + "\n  ".join(missed))
        return 1
    print("\nEvery page meets the goals (performance >= 0.98; accessibility, best practices, SEO 1.0).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
