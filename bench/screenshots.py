"""Screenshots of every kind of page and form state, on a phone and a desktop,
for a person to look at before a visual change is called done; and the
figures that say whether the first screen does its job.

    .venv/bin/python bench/screenshots.py

Serves the demo content as in production (bench/demo_site.py), then, at
390x844 (a phone) and 1366x900 (a desktop), with JavaScript on, saves into
bench/results/screenshots/ the first screen (`NAME-phone.png`) and the whole
page (`NAME-phone-full.png`) of: the home page, the story index (and
filtered), a story with a portrait and one without, a theme, search results,
the actions index, the donation page, the Spanish home, index and a
Spanish story, and each action form empty, after a
failed submit (also with JavaScript off), and after a good one.

Prints, for each page on the phone: where the story's narrative starts, where
the first field of the form (or a link that jumps to it) is, where the first
story card is, and after a failed submit whether the error summary is on
screen and has focus. Positions are px from the top of the page.
"""

import os
import shutil
import time

from demo_site import CHROMIUM, ROOT, demo_site
from playwright.sync_api import sync_playwright

OUT = ROOT / "bench" / "results" / "screenshots"
VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
FORMS = ["petition", "letter", "signup"]
# Seconds a person takes to fill a form: more than the minimum-time check.
FILL_SECONDS = int(os.environ.get("ACTION_MIN_FILL_SECONDS", "3")) + 0.5

NARRATIVE = "[data-narrative], .story__body"
# Action forms post; the index's filters and search are GET forms.
FIELD = "main form[method=post] :is(input, textarea, select):visible"
CARD = "main .story-card"


def top(page, selector):
    """The top of the first visible match, in px from the top of the page."""
    box = page.locator(selector).first.bounding_box() if page.locator(selector).count() else None
    return None if box is None else round(box["y"] + page.evaluate("window.scrollY"))


def first_way_to_act(page):
    """The first form field, or an in-page link that jumps to the form, whichever
    is higher: either puts acting within reach."""
    tops = [top(page, FIELD)]
    for link in page.locator("main a[href^='#']:visible").all():
        target = link.get_attribute("href")[1:]
        form = f":is([id='{target}'] form, form[id='{target}'])[method=post]"
        if target and page.locator(form).count():
            box = link.bounding_box()
            tops.append(round(box["y"] + page.evaluate("window.scrollY")))
    tops = [value for value in tops if value is not None]
    return min(tops) if tops else None


def fill(page):
    """Fill every visible field with plausible answers."""
    for field in page.locator(FIELD).all():
        kind = (field.get_attribute("type") or field.evaluate("e => e.tagName")).lower()
        name = field.get_attribute("name") or ""
        if kind in ("checkbox", "radio"):
            field.check()
        elif kind == "select":
            field.select_option(index=1)
        elif kind == "email":
            field.fill(f"ana.{time.time_ns()}@example.org")
        elif "post" in name or "zip" in name:
            field.fill("10001")
        elif kind not in ("submit", "button", "hidden"):
            field.fill("Ana Example")


def shoot(page, name, viewport):
    page.screenshot(path=OUT / f"{name}-{viewport}.png")
    page.screenshot(path=OUT / f"{name}-{viewport}-full.png", full_page=True)


def error_summary_state(page):
    summary = page.locator(".error-summary")
    if not summary.count():
        return "no summary"
    box = summary.bounding_box()
    height = page.viewport_size["height"]
    seen = box is not None and box["y"] >= 0 and box["y"] < height
    focused = page.evaluate("() => !!document.activeElement?.closest('.error-summary')")
    return f"{'in view' if seen else 'OFF SCREEN'}, {'focused' if focused else 'NOT FOCUSED'}"


def main():
    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: install it or set CHROMIUM_PATH.")
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    figures = []
    with demo_site() as (base, urls), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pages = {name: path for name, path in urls.items() if path}
        pages["index-filtered"] = f"{urls['index']}?theme=the-eyewitness"
        pages["search"] = "/search/?q=identification"
        pages["numbers"] = "/the-numbers/"
        # The Spanish demo pages, with the language switcher in the header.
        pages["home-es"] = "/es/"
        pages["index-es"] = "/es/historias/"
        pages["story-es"] = "/es/historias/amara-quist/"
        for viewport, (width, height) in VIEWPORTS.items():
            for javascript in (True, False):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, java_script_enabled=javascript
                )
                page = context.new_page()
                suffix = "" if javascript else "-nojs"
                if javascript:
                    for name, path in pages.items():
                        page.goto(base + path)
                        shoot(page, name, viewport)
                        if viewport == "phone":
                            figures.append(
                                (
                                    name,
                                    top(page, NARRATIVE),
                                    first_way_to_act(page),
                                    top(page, CARD),
                                    "",
                                )
                            )
                for name in FORMS:
                    page.goto(base + urls[name])
                    page.locator("main form button[type=submit]").first.click()
                    page.wait_for_load_state()
                    state = error_summary_state(page)
                    shoot(page, f"{name}-errors{suffix}", viewport)
                    if viewport == "phone":
                        figures.append((f"{name} errors{suffix}", None, None, None, state))
                    if javascript:
                        page.goto(base + urls[name])
                        page.wait_for_timeout(FILL_SECONDS * 1000)
                        fill(page)
                        page.locator("main form button[type=submit]").first.click()
                        page.wait_for_load_state()
                        shoot(page, f"{name}-done", viewport)
                context.close()
        browser.close()

    print(f"\nScreenshots in {OUT.relative_to(ROOT)}/ ({len(list(OUT.iterdir()))} files)\n")
    print("On a 390x844 phone, px from the top of the page (the first screen ends at 844):")
    print(f"{'page':28} {'narrative':>9} {'form/jump':>9} {'1st card':>8}  error summary")
    for name, narrative, form, card, state in figures:
        cells = [f"{value:>9}" if value is not None else f"{'-':>9}" for value in (narrative, form)]
        card_cell = f"{card:>8}" if card is not None else f"{'-':>8}"
        print(f"{name:28} {cells[0]} {cells[1]} {card_cell}  {state}")


if __name__ == "__main__":
    main()
