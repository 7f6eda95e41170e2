"""The county dashboard in a real headless browser (Debian's chromium + chromium-driver, driven
by selenium): a county staff member logs in, looks at the month, opens a station, clicks a
number and sees the records behind it, goes back a month, and reads it all on a phone-sized
screen. Screenshots go to /tmp/vs-dashboard-*.png."""

import shutil
import tempfile
from pathlib import Path

import pytest

from station_app.core import reports
from sync.hub.county_report import county_month
from sync.hub.shadows import Shadows
from sync.testing.live_hub import LiveHub
from tests.ci import missing
from tests.sync import county as county_mod
from tests.sync.browser import back, click, text_of
from tests.sync.county import ADMIN, MONTH, NAMES, PASSWORD

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:  # said by _browser_tools below
    webdriver = None

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SHOTS = Path("/tmp")


@pytest.fixture(scope="module", autouse=True)
def _browser_tools():
    if not CHROMIUM.exists():
        missing("no /usr/bin/chromium: install Debian's chromium and chromium-driver to run the browser test")
    if not DRIVER.exists():
        missing("no /usr/bin/chromedriver: install Debian's chromium-driver")
    if webdriver is None:
        missing("selenium is not installed (pip install selenium)")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    place = county_mod.county(tmp_path_factory.getbasetemp() / "county-base", tmp_path_factory.mktemp("browser"))
    with LiveHub(place.hub_url) as hub:
        yield hub


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="vs-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--window-size=1280,900", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_a_county_officer_reads_the_month(live, browser):
    shadows = Shadows(live.hub)  # the files the dashboard reads too: folded once
    county = county_month(shadows, MONTH)
    total = county["total"]
    station = next(s for s in county["stations"] if s["name"] == NAMES["a"])["report"]
    shadows.close()

    browser.get(f"{live.url}/dashboard?month={MONTH}")
    assert "/dashboard/login" in browser.current_url and text_of(browser, "h1") == "县级中心登录"
    browser.find_element(By.ID, "name").send_keys(ADMIN)
    browser.find_element(By.ID, "password").send_keys("wrong password")
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "用户名或密码不对" in browser.page_source
    browser.find_element(By.ID, "name").clear()
    browser.find_element(By.ID, "name").send_keys(ADMIN)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    # the county's month: totals in the cards, one row per station with its last sync
    assert text_of(browser, "h1") == f"全县月报 {MONTH}"
    cards = {c.find_element(By.TAG_NAME, "small").text: c.find_element(By.CLASS_NAME, "n").text
             for c in browser.find_elements(By.CLASS_NAME, "card")}
    assert cards[reports.label("Parcels arrived", "zh_CN")] == str(total["parcels"]["arrived"])
    assert cards[reports.label("Subsidy claimed", "zh_CN")] == reports.show_value("fen", total["farm_subsidy"]["claim_fen"])
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert sorted(r.find_element(By.TAG_NAME, "a").text for r in rows) == sorted(NAMES.values())
    assert all("从未" not in r.text for r in rows), "both stations have synced"
    browser.save_screenshot(str(SHOTS / "vs-dashboard-overview.png"))

    # a station, then a number, then the records behind it
    click(browser, browser.find_element(By.LINK_TEXT, NAMES["a"]))
    assert text_of(browser, "h1") == f"{NAMES['a']} · {MONTH}"
    browser.save_screenshot(str(SHOTS / "vs-dashboard-station.png"))
    farm = str(station["farm_subsidy"]["parcels"])
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "td.n a")
                if a.text == farm and "farm_subsidy" in a.get_attribute("href"))
    click(browser, link)
    assert text_of(browser, "h1") == f"{NAMES['a']} · {reports.label('Farm-produce outbound subsidy claim', 'zh_CN')} · {MONTH}"
    assert f"共 {farm} 条" in browser.page_source
    shown = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert len(shown) == min(int(farm), 200)
    first = station["farm_subsidy"]["claims"][0]
    assert first["ewaybill"] in shown[0].text and first["destination"] in shown[0].text
    browser.save_screenshot(str(SHOTS / "vs-dashboard-records.png"))

    # back to the station, one month earlier: nothing happened in August
    back(browser)
    click(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "上月"))
    assert text_of(browser, "h1") == f"{NAMES['a']} · 2026-08"
    values = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.n")][:3]
    assert values == ["0", "0", "0"]

    # the subsidy claims of the quarter and the payments stuck at the county
    click(browser, browser.find_element(By.LINK_TEXT, "补贴申报"))
    select = browser.find_element(By.NAME, "quarter")
    select.find_element(By.XPATH, "option[text()='2026Q3']").click()
    click(browser, browser.find_element(By.CSS_SELECTOR, "form.pick button"))
    assert "2026Q3" in text_of(browser, "h1")
    assert f"合计\n{total['farm_subsidy']['parcels']}" in browser.find_element(By.TAG_NAME, "table").text.replace(" ", "\n")

    # on the county office's 1366-pixel screen the station table needs no sideways scrolling
    browser.set_window_size(1366, 768)
    browser.get(f"{live.url}/dashboard?month={MONTH}")
    assert browser.execute_script("return [...document.querySelectorAll('main table')].every("
                                  "t => t.scrollWidth <= t.parentElement.clientWidth + 1)")

    # on a phone: the page fits the screen; wide tables scroll inside their box
    browser.set_window_size(390, 844)
    browser.get(f"{live.url}/dashboard?month={MONTH}")
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert browser.find_element(By.CLASS_NAME, "cards").is_displayed()
    browser.save_screenshot(str(SHOTS / "vs-dashboard-phone.png"))
    browser.set_window_size(1280, 900)

    click(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "退出"))  # logging out is a form (CSRF)
    click(browser, browser.find_element(By.CSS_SELECTOR, "form.login button"))
    browser.get(f"{live.url}/dashboard")
    assert "/dashboard/login" in browser.current_url
