"""The explorer in a real browser: headless Chromium, offline, driven by the keyboard and compared with the package.

Skips, saying why, where Chromium, chromedriver or selenium is missing
(``.ci/run`` installs Debian's ``chromium`` and ``chromium-driver``).
"""

from __future__ import annotations

import shutil
from fractions import Fraction

import pytest

import bargaining as bg
from bargaining.analysis.sensitivity import regime_words
from bargaining.paper.explorer import explore

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    pytest.skip("no Chromium with chromedriver here (Debian: apt-get install chromium chromium-driver)",
                allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--proxy-server=127.0.0.1:9", "--window-size=1280,800"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    yield driver
    driver.quit()


def open_page(driver, path):
    driver.get(path.as_uri())
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "yes"
    errors = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert not errors, errors


def slider_value(driver, k: int) -> Fraction:
    text = driver.find_element(By.ID, f"value-{k}").text.split(" ")[0]
    return Fraction(text)


def shown(driver) -> tuple:
    regime = driver.find_element(By.ID, "regime").text
    eqs = [li.find_element(By.CLASS_NAME, "eq-text").text for li in driver.find_elements(By.CSS_SELECTOR, "#equilibria li")]
    return regime, eqs


def press(driver, k: int, key, times: int = 1):
    element = driver.find_element(By.ID, f"slider-{k}")
    element.send_keys(*([key] * times))


def visit_every_position(driver, model, param, fixed, check_path=False):
    """Walk the first slider from its lowest to its highest stop with the arrow key; compare each stop."""
    press(driver, 0, Keys.HOME)
    seen, regimes = [], []
    last = int(driver.find_element(By.ID, "slider-0").get_attribute("max"))
    for step in range(last + 1):
        value = slider_value(driver, 0)
        game = model.game(**{param: value, **fixed})
        regime, eqs = shown(driver)
        assert regime == regime_words(game), value
        assert eqs == [e.describe() for e in bg.equilibria(game, exact=True)], value
        if check_path:
            spe = model.subgame_perfect(**{param: value, **fixed})
            assert driver.find_element(By.ID, "path").text.startswith(spe.describe()), value
        seen.append(value)
        regimes.append(regime)
        if step < last:
            press(driver, 0, Keys.ARROW_RIGHT)
    assert seen == sorted(seen) and len(seen) >= 20
    return seen, regimes


def regime_at(seen, regimes, value):
    return regimes[seen.index(value)]


def test_belarus_regime_changes_at_the_exact_thresholds(browser, tmp_path):
    path = tmp_path / "b.html"
    explore("russia_belarus", vary=("w",), points=27, out=path)
    assert path.stat().st_size < 2_000_000
    open_page(browser, path)
    model = bg.load_model("russia_belarus")
    seen, regimes = visit_every_position(browser, model, "R", {"w": Fraction(5, 4)})
    below, at, above = (regime_at(seen, regimes, Fraction(x, 100)) for x in (55, 60, 65))
    assert below == "Russia: Cut · Belarus: Hedge" and above == "Russia: Subsidize/Cut · Belarus: Align/Hedge" and at not in (below, above)
    assert regime_at(seen, regimes, Fraction(85, 100)) == "Russia: Subsidize · Belarus: Align"
    # the second slider moves the thresholds: w = 8/5 puts them at 15/32 and 5/8
    press(browser, 1, Keys.END)
    assert slider_value(browser, 1) == Fraction(8, 5)
    marks = [el.get_attribute("data-threshold") for el in browser.find_elements(By.CSS_SELECTOR, "#strip .cut")]
    assert marks == ["15/32", "5/8"]
    visit_every_position(browser, model, "R", {"w": Fraction(8, 5)})


def test_armenia_path_changes_at_its_thresholds(browser, tmp_path):
    path = tmp_path / "a.html"
    explore("russia_armenia", vary=("o",), points=27, out=path)
    open_page(browser, path)
    model = bg.load_model("russia_armenia")
    visit_every_position(browser, model, "R", {"o": Fraction(2, 5)}, check_path=True)
    paths = {}
    press(browser, 0, Keys.HOME)
    for _ in range(int(browser.find_element(By.ID, "slider-0").get_attribute("max")) + 1):
        paths.setdefault(browser.find_element(By.ID, "path").text.split(";")[0], slider_value(browser, 0))
        press(browser, 0, Keys.ARROW_RIGHT)
    # MODELING.md: CarryOut below 0.40, StatusQuo on (0.40, 0.55), Demand → Concede on (0.55, 0.85), StatusQuo above
    assert "Armenia: Demand → Russia: Refuse → Armenia: CarryOut" in paths
    assert "Armenia: Demand → Russia: Concede" in paths


def test_a_users_own_model(browser, tmp_path):
    # the own-model how-to's example (docs/howto/own-model.md): hawk and dove over a border
    model_path = tmp_path / "border.toml"
    model_path.write_text(
        'title = "Hawk and dove over a border"\n'
        '[players]\nrow = { name = "North", strategies = ["Hawk", "Dove"] }\n'
        'column = { name = "South", strategies = ["Hawk", "Dove"] }\n'
        '[parameters.V]\nvalue = 2\nrange = [1, 3]\nmeaning = "value of the strip"\nsource = "illustrative"\n'
        '[parameters.C]\nvalue = 4\nrange = [1, 6]\nmeaning = "cost of a fight"\nsource = "illustrative"\n'
        '[payoffs.Hawk]\nHawk = ["(V - C)/2", "(V - C)/2"]\nDove = ["V", "0"]\n'
        '[payoffs.Dove]\nHawk = ["0", "V"]\nDove = ["V/2", "V/2"]\n',
        encoding="utf-8",
    )
    model = bg.load_model(model_path)
    page = tmp_path / "border.html"
    explore(model, param="C", vary=("V",), points=21, out=page)
    open_page(browser, page)
    seen, regimes = visit_every_position(browser, model, "C", {"V": Fraction(2)})
    assert regime_at(seen, regimes, Fraction(3, 2)) != regime_at(seen, regimes, Fraction(3))  # C < V vs C > V


def test_the_page_renders_names_as_text(browser, tmp_path):
    model_path = tmp_path / "evil.toml"
    evil = "<script>alert(1)</script>"
    model_path.write_text(
        f'title = "{evil}"\n[players]\nrow = {{ name = "Row", strategies = ["{evil}", "B"] }}\n'
        'column = { name = "Col", strategies = ["L", "R2"] }\n'
        '[parameters.x]\nvalue = 1\nrange = [0, 2]\nmeaning = "m"\nsource = "s"\n'
        f'[payoffs."{evil}"]\nL = ["x", "1"]\nR2 = ["0", "0"]\n[payoffs.B]\nL = ["0", "0"]\nR2 = ["1", "x"]\n',
        encoding="utf-8",
    )
    page = tmp_path / "evil.html"
    explore(bg.load_model(model_path), vary=(), points=5, out=page)
    open_page(browser, page)
    cell = browser.find_element(By.CSS_SELECTOR, "#payoffs tbody tr th")
    assert cell.text == evil
    assert browser.find_element(By.TAG_NAME, "h1").text == evil
    assert browser.execute_script("return window.__alerted === undefined")
