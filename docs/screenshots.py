"""Regenerate the screenshots README shows: the seed's annotated page and the archive's index.

    python docs/screenshots.py

Writes the page and the site of samples/ to a temporary folder with vanban, opens them in the
system's Chromium through Playwright (pip install playwright; apt install chromium), and saves
docs/images/seed-page.png and docs/images/archive-index.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from vanban.output.pages import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "ket-luan-thi-uy-la-gi-2023-12-08.txt"
IMAGES = ROOT / "docs" / "images"
FLAGS = list(CHROMIUM_FLAGS)


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("needs Chromium: apt install chromium")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        page_file, site = Path(work) / "seed.html", Path(work) / "site"
        vanban = [sys.executable, "-m", "vanban"]
        register = "samples/so-dang-ky-van-ban.xlsx"
        seed = str(SEED.relative_to(ROOT))
        html = [*vanban, "html", seed, "-o", str(page_file), "--register", register]
        subprocess.run(html, check=True, cwd=ROOT)
        site_command = [*vanban, "site", "samples", "-o", str(site), "--register", register]
        subprocess.run(site_command, check=True, cwd=ROOT)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(page_file.as_uri() + "#ref-12")
            page.screenshot(path=str(IMAGES / "seed-page.png"))
            page.goto((site / "index.html").as_uri())
            page.fill("#q", "kiem tra")
            page.screenshot(path=str(IMAGES / "archive-index.png"))
            browser.close()
    print(f"wrote {IMAGES / 'seed-page.png'} and {IMAGES / 'archive-index.png'}")


if __name__ == "__main__":
    main()
