"""Headless Chromium for the dashboard tests (Debian's chromium + chromium-driver, driven by
selenium): the tools check, a browser, and clicks that wait for the next page."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.ci import missing

try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait
except ImportError:  # said by require_tools
    webdriver = None  # type: ignore[assignment]

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SHOTS = Path("/tmp")


def require_tools() -> None:
    if not CHROMIUM.exists():
        missing("no /usr/bin/chromium: install Debian's chromium and chromium-driver to run the browser test")
    if not DRIVER.exists():
        missing("no /usr/bin/chromedriver: install Debian's chromium-driver")
    if webdriver is None:
        missing("selenium is not installed (pip install selenium)")


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="vs-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def text_of(driver: Any, css: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, css).text)


def gone(element: Any) -> Any:
    """A wait condition: the page `element` was on has been replaced. chromedriver on a busy
    machine sometimes says so with "Node with given id does not belong to the document" instead
    of a stale-element error."""

    def check(_driver: Any) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc) or "No node with given id" in str(exc):
                return True
            raise
        return False

    return check


def click(driver: Any, element: Any) -> None:
    """Click something that loads a new page, and wait until the new page is there."""
    old = driver.find_element(By.TAG_NAME, "html")
    try:
        element.click()
    except WebDriverException:  # chromedriver's "unhandled inspector error" on a busy machine: click it by script
        driver.execute_script("arguments[0].click()", element)
    WebDriverWait(driver, 60).until(gone(old))
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")


def back(driver: Any) -> None:
    old = driver.find_element(By.TAG_NAME, "html")
    driver.back()
    WebDriverWait(driver, 15).until(gone(old))


def shot(driver: Any, name: str) -> Path:
    """A screenshot of the whole page (as tall as it is) in /tmp/vs-county-NAME.png."""
    width = driver.get_window_size()["width"]
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(900, height + 120), 4000))
    path = SHOTS / f"vs-county-{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(width, 900)
    return path
