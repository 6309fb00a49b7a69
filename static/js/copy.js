// Progressive enhancement: a "Copy" button for text the visitor may select by
// hand anyway. The button stays hidden where the Clipboard API is missing.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  const target = document.getElementById(button.dataset.copyTarget);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!target || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(target.value ?? target.textContent);
      status.textContent = "Copied. Paste it into an email to " + button.dataset.copyRecipient + ".";
    } catch {
      target.select();
      status.textContent = "Press Ctrl+C (or ⌘+C) to copy the selected letter.";
    }
  });
}
