"""The annotated page and the static archive: their HTML, and what a real browser does with it.

The browser tests drive the system's Chromium (Debian package ``chromium``, which .ci/run
installs) through Playwright, with the pages opened from ``file://``; they are skipped where no
Chromium is installed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vanban import build_graph, parse_file
from vanban.app.documents import parse_file_laid_out
from vanban.cli import app
from vanban.output.pages import CHROMIUM_FLAGS, document_page, slug
from vanban.query.view import MemoryView

from .conftest import CORPUS_DOCS, SAMPLES, SEED

needs_corpus_docs = pytest.mark.skipif(
    not CORPUS_DOCS.is_dir(), reason="../shared/corpus-docs is not present"
)

REGISTER = SAMPLES / "so-dang-ky-van-ban.xlsx"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_FLAGS = list(CHROMIUM_FLAGS)
REFERENCE = re.compile(
    r'<a class="ref (\w+)" id="ref-(\d+)" href="[^"]*" data-symbol="([^"]*)" data-date="([^"]*)"'
)


@pytest.fixture
def seed_page(runner: CliRunner, in_tmp: Path) -> Path:
    page = in_tmp / "seed.html"
    result = runner.invoke(app, ["html", str(SEED), "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page


def test_the_seed_page_marks_every_reference_with_its_date(seed_page: Path) -> None:
    text = seed_page.read_text(encoding="utf-8")
    marked = REFERENCE.findall(text)
    parsed = parse_file(SEED).references
    # the body's references in reading order, then those of the footnotes at the page's end
    in_order = sorted(parsed, key=lambda r: (r.footnote is not None, r.start))
    assert [(symbol, date) for _, _, symbol, date in marked] == [
        (r.symbol.canonical, r.date or "") for r in in_order
    ]
    assert len(marked) == 41
    states = {state for state, *_ in marked}
    assert states == {"dated", "finding"}  # the five undated ones carry VB101
    assert text.count('class="here sev-warning"><b>VB101</b>') == 5


def test_footnote_marks_and_bodies_link_both_ways(seed_page: Path) -> None:
    text = seed_page.read_text(encoding="utf-8")
    marks = re.findall(r'<a class="fn" href="#fn-(\d+)" id="fnref-(\d+)">', text)
    assert marks == [("1", "1"), ("2", "2"), ("3", "3")]
    for number in ("1", "2", "3"):
        assert f'<li id="fn-{number}" value="{number}">' in text
        assert f'href="#fnref-{number}"' in text


def test_pages_fetch_nothing(seed_page: Path, runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["site", str(SAMPLES), "-o", str(in_tmp / "kho")])
    assert result.exit_code == 0, result.output
    for page in [seed_page, *sorted((in_tmp / "kho").rglob("*.html"))]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)="(?:https?:)?//', text), page
        assert "@import" not in text and "<link" not in text
        assert "default-src 'none'" in text


def test_the_seed_page_made_from_the_library_alone_is_the_commands(seed_page: Path) -> None:
    from vanban.app.pages import page_of_file
    from vanban.register.book import read_registers

    page = page_of_file(str(SEED))
    assert page == seed_page.read_text(encoding="utf-8")
    assert len(REFERENCE.findall(page)) == 41
    with_register = page_of_file(SEED, read_registers([REGISTER]), language="en")
    assert "the register dates it 16/6/2022" in with_register


def test_the_page_in_english_and_with_the_register(runner: CliRunner, in_tmp: Path) -> None:
    page = in_tmp / "en.html"
    result = runner.invoke(
        app, ["html", str(SEED), "-o", str(page), "--lang", "en", "--register", str(REGISTER)]
    )
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "<h2>Documents cited (41)</h2>" in text
    # the title the register records is on the reference, for the mouse to find
    assert 'data-symbol="158-KH/TU" data-date="2023-07-21"' in text
    assert "— Kế hoạch sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn" in text
    assert "the register dates it 16/6/2022" in text


def test_site_pages_and_an_incremental_run(runner: CliRunner, in_tmp: Path) -> None:
    folder = in_tmp / "van-ban"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.yaml", "*.xlsx", "*.csv"))
    graph = in_tmp / "graph.yaml"
    assert runner.invoke(app, ["parse", str(folder), "-o", str(graph)]).exit_code == 0
    site = in_tmp / "kho"
    first = runner.invoke(app, ["site", str(graph), "-o", str(site)])
    assert first.exit_code == 0, first.output
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in pages
    assert "documents/155-kh-tu.html" in pages and "documents/34-kl-tw.html" in pages
    assert sum(p.startswith("findings/") for p in pages) == 5
    written = int(first.stderr.split(" page(s) written")[0].split()[-1])
    assert written == len(pages) + (1 if (site / "graph.svg").exists() else 0)
    again = runner.invoke(app, ["site", str(graph), "-o", str(site)])
    assert again.stderr.startswith(f"{site}: 0 page(s) written, {written} unchanged, 0 removed")
    # one document changes: its page, its findings and the pages it touches are rewritten
    letter = folder / "cong-van-ubnd-2024-08-15.txt"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("ngày 18/6/2024", ""), encoding="utf-8"
    )
    assert runner.invoke(app, ["parse", "--update", str(graph)]).exit_code == 0
    third = runner.invoke(app, ["site", str(graph), "-o", str(site)])
    changed = int(third.stderr.split(" page(s) written")[0].split()[-1])
    assert 0 < changed < written // 4


def test_a_site_stopped_midway_stays_a_site(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are written as they are made; when making one fails, the folder still lists what
    it holds, and the next run finishes it and removes nothing of the user's."""
    from vanban.output import pages

    graph = in_tmp / "graph.yaml"
    assert runner.invoke(app, ["parse", str(SAMPLES), "-o", str(graph)]).exit_code == 0
    made = pages._card_page
    calls = []

    def fails_at_the_third(*args: object, **kwargs: object) -> str:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("stopped")
        return made(*args, **kwargs)

    monkeypatch.setattr(pages, "_card_page", fails_at_the_third)
    site = in_tmp / "kho"
    stopped = runner.invoke(app, ["site", str(graph), "-o", str(site)])
    assert stopped.exit_code != 0
    listed = (site / pages.MANIFEST).read_text(encoding="utf-8").split()
    on_disk = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert listed == on_disk and len(on_disk) >= 2
    monkeypatch.setattr(pages, "_card_page", made)
    finished = runner.invoke(app, ["site", str(graph), "-o", str(site)])
    assert finished.exit_code == 0, finished.output
    assert "index.html" in (site / pages.MANIFEST).read_text(encoding="utf-8").split()


def test_site_refuses_a_folder_that_holds_other_things(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "mine").mkdir()
    (in_tmp / "mine" / "note.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["site", str(SEED), "-o", str(in_tmp / "mine")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {in_tmp / 'mine'}: not empty and not a vanban site; give a new or empty folder\n",
    )
    assert sorted(p.name for p in (in_tmp / "mine").iterdir()) == ["note.txt"]


def test_html_of_a_file_that_is_not_there(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["html", "missing.docx", "-o", "page.html"])
    assert (result.exit_code, result.stderr) == (2, "Error: missing.docx: no such file\n")
    assert not (in_tmp / "page.html").exists()


def test_slugs() -> None:
    assert slug("155-KH/TU@2023-06-15") == "155-kh-tu-2023-06-15"
    assert slug("30/2020/NĐ-CP") == "30-2020-nd-cp"


# --- in a real browser ---------------------------------------------------------------------------


needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    opened = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    outside: list[str] = []

    def refuse(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    opened.route("**/*", refuse)
    yield opened
    opened.close()
    assert outside == [], "a page asked for something off the machine"


@needs_browser
def test_in_a_browser_the_seed_page_holds_its_references_and_footnotes(
    seed_page: Path, page: object
) -> None:
    page.goto(seed_page.as_uri())  # type: ignore[attr-defined]
    found = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "a.ref", "els => els.map(e => [e.dataset.symbol, e.dataset.date])"
    )
    references = sorted(
        parse_file(SEED).references, key=lambda r: (r.footnote is not None, r.start)
    )
    assert found == [[r.symbol.canonical, r.date or ""] for r in references]
    page.click("a.fn[href='#fn-2']")  # type: ignore[attr-defined]
    assert page.evaluate("location.hash") == "#fn-2"  # type: ignore[attr-defined]
    body = page.locator("#fn-2")  # type: ignore[attr-defined]
    assert "Kế hoạch số 153-KH/TU" in body.inner_text()
    assert page.evaluate(  # type: ignore[attr-defined]
        "(() => { const r = document.getElementById('fn-2').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; })()"
    )
    page.click("#fn-2 a.back")  # type: ignore[attr-defined]
    assert page.evaluate("location.hash") == "#fnref-2"  # type: ignore[attr-defined]


@needs_browser
def test_in_a_browser_the_index_filters_searches_and_leads_up_the_chain(
    runner: CliRunner, in_tmp: Path, page: object
) -> None:
    site = in_tmp / "kho"
    assert runner.invoke(app, ["site", str(SAMPLES), "-o", str(site)]).exit_code == 0
    page.goto((site / "index.html").as_uri())  # type: ignore[attr-defined]
    visible = "rows => rows.filter(r => !r.hidden).map(r => r.dataset.id)"
    everything = page.eval_on_selector_all("#documents tbody tr", visible)  # type: ignore[attr-defined]
    page.check("#undated")  # type: ignore[attr-defined]
    undated = page.eval_on_selector_all("#documents tbody tr", visible)  # type: ignore[attr-defined]
    assert 0 < len(undated) < len(everything)
    assert "21-NQ/TW" in undated and "155-KH/TU" not in undated
    page.uncheck("#undated")  # type: ignore[attr-defined]
    page.fill("#q", "kiem tra")  # type: ignore[attr-defined]
    searched = page.eval_on_selector_all("#documents tbody tr", visible)  # type: ignore[attr-defined]
    assert 0 < len(searched) < len(everything)
    assert page.inner_text("#count") == str(len(searched))  # type: ignore[attr-defined]
    # find the seed, open it, follow its reference to 155-KH/TU, then the chain up to 34-KL/TW
    page.fill("#q", "ket luan 2023-12-08")  # type: ignore[attr-defined]
    seed_id = "ket-luan-2023-12-08-cf7ae8fd"
    found = page.eval_on_selector_all("#documents tbody tr", visible)  # type: ignore[attr-defined]
    assert found == [seed_id]
    page.click(f"#documents tbody tr[data-id='{seed_id}'] a")  # type: ignore[attr-defined]
    assert page.url.endswith(f"/documents/{seed_id}.html")  # type: ignore[attr-defined]
    assert page.eval_on_selector_all("a.ref", "els => els.length") == 41  # type: ignore[attr-defined]
    page.click("a.ref[data-symbol='155-KH/TU']")  # type: ignore[attr-defined]
    assert page.url.endswith("/documents/155-kh-tu.html")  # type: ignore[attr-defined]
    page.click("a.chain[href='34-kl-tw.html']")  # type: ignore[attr-defined]
    assert page.url.endswith("/documents/34-kl-tw.html")  # type: ignore[attr-defined]
    assert "Kết luận 34-KL/TW" in page.inner_text("h1")  # type: ignore[attr-defined]


@needs_corpus_docs
def test_every_reference_and_mark_of_the_real_documents_is_on_its_page() -> None:
    originals = [
        p
        for p in sorted(CORPUS_DOCS.iterdir())
        if p.suffix in (".pdf", ".docx", ".doc", ".txt", ".html")
    ]
    assert originals
    for path in originals:
        if path.suffix == ".doc" and shutil.which("antiword") is None:
            continue
        document, layout = parse_file_laid_out(path)
        graph = build_graph([document])
        page = document_page(document, layout, graph.sources[0], MemoryView(graph), [])
        assert len(re.findall(r'<a class="ref ', page)) == len(document.references), path.name
        assert len(re.findall(r'<a class="fn"', page)) == len(layout.marks), path.name


@needs_browser
def test_in_a_browser_the_index_search_shows_the_passage_it_matched(
    runner: CliRunner, in_tmp: Path, page: object
) -> None:
    site = in_tmp / "kho"
    assert runner.invoke(app, ["site", str(SAMPLES), "-o", str(site)]).exit_code == 0
    page.goto((site / "index.html").as_uri())  # type: ignore[attr-defined]
    assert page.eval_on_selector_all(".said", "els => els.every(e => e.hidden)")  # type: ignore[attr-defined]
    page.fill("#q", "so ket")  # type: ignore[attr-defined]
    shown = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#documents tbody tr:not([hidden]) .said:not([hidden])",
        "els => els.map(e => [e.closest('tr').dataset.id, e.querySelector('mark').textContent])",
    )
    passages = dict(shown)
    assert passages["32-CT/TU"] == passages["153-KH/TU"] == "sơ kết"
    assert passages["1391-CV/TU"] == "số"  # "sơ kết" is not in its sentence: "so" alone
    page.fill("#q", "")  # type: ignore[attr-defined]
    assert page.eval_on_selector_all(".said", "els => els.every(e => e.hidden)")  # type: ignore[attr-defined]
