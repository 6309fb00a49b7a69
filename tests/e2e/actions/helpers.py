"""What the browser tests of the calls to action do on a form: fill it, and
find where focus is."""


def focused(page):
    """What has focus, and whether a sighted keyboard user can see where."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {
                id: element.id,
                tag: element.tagName.toLowerCase(),
                text: element.textContent.trim(),
                focusVisible: element.matches(":focus-visible"),
                outlineStyle: style.outlineStyle,
                outlineWidth: style.outlineWidth,
            };
        }"""
    )


def assert_focus_visible(state):
    assert state["focusVisible"], state
    assert state["outlineStyle"] != "none", state
    assert state["outlineWidth"] != "0px", state


def fill_petition(page, *, email="ada@example.org"):
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Postcode or ZIP").fill("10001")


def summary_links_lead_to_their_fields(page):
    """Each link in the error summary moves focus to a control of its field."""
    links = page.locator(".error-summary a")
    assert links.count()
    for link in links.all():
        href = link.get_attribute("href")
        link.click()
        assert (
            page.evaluate(
                "document.activeElement.matches('input, select, textarea')"
                " && '#' + document.activeElement.id"
            )
            == href
        ), f"{href} moves focus to no field"
