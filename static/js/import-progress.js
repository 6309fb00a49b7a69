// The import page's progress bar, kept up to date without reloading: polls
// the job's status (same origin, JSON) every second and, once the import is
// finished, puts its outcome in place of the bar and reads it out through
// the page's status region. Without this script the Refresh link does the same.
(() => {
  "use strict";
  const section = document.querySelector("[data-import-status]");
  if (!section) return;
  const bar = section.querySelector("progress");
  const text = section.querySelector("[data-import-text]");
  const heading = section.querySelector("h2");
  const announce = document.querySelector("[data-import-announce]");
  const outcome = document.querySelector("[data-import-outcome]");
  const refresh = section.querySelector("[data-import-refresh]");
  if (refresh) refresh.hidden = true;
  let failures = 0;

  const show = (status) => {
    if (status.total_rows) {
      bar.max = status.total_rows;
      bar.value = status.rows_done;
    }
    text.textContent = status.text;
    heading.textContent = status.status_label;
    if (!status.finished) return false;
    section.remove();
    outcome.innerHTML = status.outcome_html;
    const summary = outcome.querySelector("[data-import-summary]");
    announce.textContent = `Import ${status.status_label.toLowerCase()}: ${
      summary ? summary.textContent.trim() : ""
    }`;
    return true;
  };

  const poll = async () => {
    try {
      const response = await fetch(section.dataset.importStatus, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      failures = 0;
      if (show(await response.json())) return;
    } catch {
      // A lost connection or a restarting server: keep trying, more slowly,
      // and offer the link again in case it lasts.
      failures += 1;
      if (refresh) refresh.hidden = false;
    }
    window.setTimeout(poll, Math.min(1000 * 2 ** failures, 30000));
  };
  window.setTimeout(poll, 1000);
})();
