"""The review site in a real headless browser (Debian's chromium driven by Selenium through chromedriver).

A warehouse is built from the sample reports and the Putuo PDF, the site written by `budget site`
(the installed entry point), then the index and the Putuo report's page are loaded from disk: no
console errors, the filter works, the findings and a chart are shown, and the PDF finding's page
image carries the figure's box over the very characters of the figure. Screenshots are kept in the
test's temporary folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pdfplumber
import pytest
from selenium import webdriver
from selenium.common.exceptions import SessionNotCreatedException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from budget_reports.runs import Paths, build, stage_reports
from budget_reports.warehouse.build import DUCKDB_FILE
from tests.cli_support import budget
from tests.conftest import SEED_FILES, corpus_file

PUTUO = "shanghai-putuo-finance-bureau-2024-final.pdf"
LATER_YEAR_OF = SEED_FILES[0]  # 中国共产党泸州市直属机关工作委员会, 2021
LATER_YEAR_FILE = "later-year.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
STARTS = 3  # tries to start the browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(site folder, warehouse file) for the seeds and the Putuo PDF."""
    root = tmp_path_factory.mktemp("site")
    raw = root / "raw"
    raw.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, raw / seed.name)
    shutil.copy(corpus_file(PUTUO), raw / PUTUO)
    # The same department a year later: every year moved on by one, so its 三公 can be charted over years.
    text = LATER_YEAR_OF.read_text(encoding="utf-8")
    (raw / LATER_YEAR_FILE).write_text(re.sub(r"20(1\d|2[0-4])", lambda m: str(int(m.group()) + 1), text), "utf-8")
    paths = Paths(raw, root / "warehouse")
    stage_reports(paths)
    build(paths)
    result = budget("site", "--output", str(root / "site"), warehouse=paths.warehouse_dir, raw=raw)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()
    return root / "site", paths.warehouse_dir / DUCKDB_FILE


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.exists():  # scripts/system-deps.sh (run by `make test`) installs both
            raise FileNotFoundError(f"{program} missing: run scripts/system-deps.sh (apt-get install chromium-driver)")
    driver = None
    for attempt in range(STARTS):
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
            options.add_argument(argument)
        options.add_argument("--window-size=1280,1600")
        # A profile of its own each start: nothing left by another browser's start can stop this one.
        options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        try:
            driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
            break
        except SessionNotCreatedException:
            # Headless chromium now and then dies before it opens its DevTools port on a loaded
            # machine ("DevToolsActivePort file doesn't exist"): a start, not a page, failed.
            if attempt == STARTS - 1:
                raise
    assert driver is not None
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: webdriver.Chrome, page: Path) -> None:
    driver.get(page.as_uri())  # returns once the page has loaded


def _console_errors(driver: webdriver.Chrome) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _putuo_report(db: Path) -> tuple[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT report_id, (SELECT count(*) FROM dq_findings f WHERE f.report_id = r.report_id)"
            " FROM reports r WHERE source_file = ?",
            [PUTUO],
        ).fetchone()


def test_the_index_lists_every_report_and_filters_them(
    site: tuple[Path, Path], browser: webdriver.Chrome, tmp_path: Path
) -> None:
    folder, _ = site
    _open(browser, folder / "index.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "#reports tbody tr")
    assert len(rows) == len(SEED_FILES) + 2
    assert browser.find_element(By.ID, "filter-count").text == f"{len(rows)} / {len(rows)} 份报告"
    browser.find_element(By.ID, "filter-text").send_keys("普陀")
    visible = [row for row in rows if row.is_displayed()]
    assert len(visible) == 1 and "上海市普陀区财政局" in visible[0].text
    browser.save_screenshot(str(tmp_path / "index-filtered.png"))
    assert _console_errors(browser) == []


def test_the_pdf_report_shows_its_findings_charts_and_the_boxed_figure(
    site: tuple[Path, Path], browser: webdriver.Chrome, tmp_path: Path
) -> None:
    folder, db = site
    report_id, finding_count = _putuo_report(db)
    _open(browser, folder / "index.html")
    browser.find_element(By.LINK_TEXT, "上海市普陀区财政局").click()
    assert browser.current_url.endswith(f"reports/{report_id}.html")
    assert _console_errors(browser) == []

    assert len(browser.find_elements(By.CSS_SELECTOR, "#findings article.finding")) == finding_count > 0
    chart = browser.find_element(By.CSS_SELECTOR, "#chart-expenditure-by-class svg")
    assert chart.size["width"] > 100 and "201" in chart.text  # 一般公共服务支出 is drawn among the bars
    browser.save_screenshot(str(tmp_path / "report.png"))

    (article,) = [
        a
        for a in browser.find_elements(By.CSS_SELECTOR, 'article.finding[data-rule="consistency.prose_table"]')
        if "实为 0.3" in a.text
    ]
    browser.execute_script("arguments[0].scrollIntoView()", article)
    image = article.find_element(By.CSS_SELECTOR, ".page-view img")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 500
    box = article.find_element(By.CSS_SELECTOR, ".figure-box")
    assert box.is_displayed()
    article.screenshot(str(tmp_path / "finding-0.3.png"))

    # The box, taken back to PDF points, lies over the 0.3 that page 21 prints (pdfplumber's positions).
    img, rect = image.rect, box.rect
    with pdfplumber.open(corpus_file(PUTUO)) as pdf:
        page = pdf.pages[20]
        scale = float(page.width) / img["width"]
        shown = (
            (rect["x"] - img["x"]) * scale,
            (rect["y"] - img["y"]) * scale,
            (rect["x"] + rect["width"] - img["x"]) * scale,
            (rect["y"] + rect["height"] - img["y"]) * scale,
        )
        figure = _chars_of(page, "财政拨款收入支出总计0.3万元", "0.3")
    left, top, right, bottom = (
        min(c["x0"] for c in figure),
        min(c["top"] for c in figure),
        max(c["x1"] for c in figure),
        max(c["bottom"] for c in figure),
    )
    tolerance = 1.5  # points: a pixel of the rendering is about 0.7 pt here
    assert abs(shown[0] - left) < tolerance and abs(shown[2] - right) < tolerance, (shown, left, right)
    assert shown[1] - tolerance < (top + bottom) / 2 < shown[3] + tolerance, (shown, top, bottom)


def _chars_of(page: pdfplumber.page.Page, sentence: str, figure: str) -> list[dict]:
    """The characters of ``figure`` inside ``sentence`` as printed on the page (spaces ignored)."""
    chars = [c for c in page.chars if c["text"].strip()]
    text = "".join(c["text"] for c in chars)
    at = text.index(sentence) + sentence.index(figure)
    return chars[at : at + len(figure)]


def test_a_text_report_marks_the_figure_in_its_cited_lines(
    site: tuple[Path, Path], browser: webdriver.Chrome, tmp_path: Path
) -> None:
    folder, db = site
    with duckdb.connect(str(db), read_only=True) as con:
        report_id, actual = con.execute(
            "SELECT report_id, actual FROM dq_findings JOIN reports r USING (report_id)"
            " WHERE r.file_format = 'text' AND actual SIMILAR TO '[0-9.]+' ORDER BY finding_id LIMIT 1"
        ).fetchone()
    _open(browser, folder / "reports" / f"{report_id}.html")
    assert _console_errors(browser) == []
    marks = browser.find_elements(By.CSS_SELECTOR, "#findings .cited-line mark.figure")
    assert marks and actual in [m.text.replace(",", "") for m in marks]
    assert browser.find_elements(By.CSS_SELECTOR, "#findings .page-view") == []
    browser.save_screenshot(str(tmp_path / "text-report.png"))


def test_three_public_is_charted_over_the_years_of_a_department(
    site: tuple[Path, Path], browser: webdriver.Chrome, tmp_path: Path
) -> None:
    folder, db = site
    with duckdb.connect(str(db), read_only=True) as con:
        (report_id,) = con.execute("SELECT report_id FROM reports WHERE source_file = ?", [LATER_YEAR_FILE]).fetchone()
        years = con.execute(
            "SELECT list(DISTINCT fiscal_year ORDER BY fiscal_year) FROM reports WHERE department_key ="
            " (SELECT department_key FROM reports WHERE report_id = ?)",
            [report_id],
        ).fetchone()[0]
    assert years == [2021, 2022]
    _open(browser, folder / "reports" / f"{report_id}.html")
    assert _console_errors(browser) == []
    chart = browser.find_element(By.CSS_SELECTOR, "#chart-three-public-years svg")
    assert "2021" in chart.text and "2022" in chart.text and "三公经费" in chart.text
    chart.screenshot(str(tmp_path / "three-public.png"))
    # A department with one year in the warehouse gets no such chart.
    (putuo_id, _) = _putuo_report(db)
    _open(browser, folder / "reports" / f"{putuo_id}.html")
    assert browser.find_elements(By.CSS_SELECTOR, "#chart-three-public-years") == []
