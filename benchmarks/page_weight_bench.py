"""How light the resident's pages are on a phone: bytes over the wire (gzip) for the answer page
with everything it loads, whether it needs script or leaves the site, and Lighthouse's mobile
performance and accessibility scores when Lighthouse is installed.

    .venv/bin/python benchmarks/page_weight_bench.py [--quick] [--lighthouse PATH]

Lighthouse is found at --lighthouse, $LIGHTHOUSE or benchmarks/node_modules/.bin/lighthouse
(install it with `cd benchmarks && npm install --no-save lighthouse`). Prints figures; the
limits (30 KB, performance >= 0.95, accessibility = 1.0) are reported, not asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dialog import create_app  # noqa: E402
from dialog.cli import upgrade_database  # noqa: E402
from dialog.config import Settings  # noqa: E402
from dialog.db import db  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
BUDGET_KB = 30.0


def serve(workdir: Path) -> tuple[str, dict[str, str], object]:
    """Serve the app on a fresh seeded SQLite database; returns the base URL and page paths."""
    from dialog.demo.promises import CURRENT_SLUG
    from dialog.demo.seed import DEMO_SLUG, seed

    url = f"sqlite:///{workdir / 'bench.db'}"
    upgrade_database(url)
    app = create_app({"SETTINGS": Settings(env="testing", database_url=url,
                                           secret_key=secrets.token_hex(16))})
    with app.app_context():
        seed(db.session, respondents=40)
        db.session.commit()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    pages = {"respondent page (sv)": f"/sv/d/{DEMO_SLUG}",
             "respondent page (ar)": f"/ar/d/{DEMO_SLUG}",
             "promise list": "/sv/promises/",
             "promise page": f"/sv/promises/{CURRENT_SLUG}"}
    return base, pages, server


def weigh(base: str, path: str) -> dict[str, object]:
    """Load a page like a phone without cache; total the gzip size of every response."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        responses = []
        page.on("response", lambda r: responses.append(r))
        page.goto(base + path, wait_until="load")
        resources = []
        for response in responses:
            body = response.body()
            resources.append({"url": response.url, "raw": len(body),
                              "gzip": len(gzip.compress(body, compresslevel=6))})
        scripts = page.locator("script").count()
        offsite = [r["url"] for r in resources if urlsplit(r["url"]).hostname != "127.0.0.1"]
        browser.close()
    total = sum(r["gzip"] for r in resources) / 1024
    return {"resources": resources, "gzip_kb": total, "scripts": scripts, "offsite": offsite}


def find_lighthouse(given: str | None) -> str | None:
    for candidate in (given, os.environ.get("LIGHTHOUSE"),
                      str(ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"),
                      shutil.which("lighthouse")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def lighthouse(binary: str, url: str, workdir: Path) -> dict[str, float]:
    out = workdir / "lighthouse.json"
    subprocess.run(
        [binary, url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=performance,accessibility", "--form-factor=mobile",
         f"--chrome-flags={' '.join(CHROME_FLAGS)}"],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
    )
    report = json.loads(out.read_text())
    return {name: report["categories"][name]["score"]
            for name in ("performance", "accessibility")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse", help="path to the lighthouse command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        base, pages, server = serve(workdir)
        for name, path in pages.items():
            figures = weigh(base, path)
            verdict = "within" if figures["gzip_kb"] <= BUDGET_KB else "OVER"
            print(f"{name}: {figures['gzip_kb']:.1f} KB gzip in {len(figures['resources'])} "
                  f"requests ({verdict} the {BUDGET_KB:.0f} KB budget); "
                  f"script elements: {figures['scripts']}; "
                  f"requests leaving the site: {len(figures['offsite'])}")
            for r in figures["resources"]:
                print(f"    {r['gzip'] / 1024:6.1f} KB gzip ({r['raw'] / 1024:6.1f} KB raw)  "
                      f"{urlsplit(r['url']).path}")
        if args.quick:
            print("Lighthouse: skipped (--quick)")
        elif (binary := find_lighthouse(args.lighthouse)) is None:
            print("Lighthouse: not installed (cd benchmarks && npm install --no-save lighthouse)")
        else:
            for name, path in pages.items():
                scores = lighthouse(binary, base + path, workdir)
                ok = scores["performance"] >= 0.95 and scores["accessibility"] == 1.0
                print(f"Lighthouse mobile, {name}: performance {scores['performance']:.2f}, "
                      f"accessibility {scores['accessibility']:.2f} "
                      f"({'meets' if ok else 'MISSES'} >= 0.95 and = 1.00)")
        server.shutdown()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
