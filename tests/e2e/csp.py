"""Content-Security-Policy violations, as a browser reports them to a page's
own scripts, caught in every page and frame of a browser context."""

# Runs before any of the page's scripts, in every frame (the admin's preview
# included), and logs each violation for the test to read from the console.
WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    `CSP violation: ${event.effectiveDirective} refused ${event.blockedURI || "inline"}` +
      ` in ${event.documentURI} (${event.sourceFile}:${event.lineNumber})`
  );
}, true);
"""


def watch_csp(context):
    """The violations of every page the context opens, as a list that fills
    as they happen: it should stay empty."""
    violations = []
    context.add_init_script(WATCH)

    def on_console(message):
        # A frame refused by its frame-ancestors fires no event in the page
        # that framed it: the browser only says so in that page's console.
        if message.text.startswith("CSP violation") or "Content Security Policy" in message.text:
            violations.append(message.text)

    context.on("console", on_console)
    return violations
