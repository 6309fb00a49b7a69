// Progressive enhancements. Everything here has a plain HTML fallback: the
// buttons stay hidden where the browser can't do what they offer.

// "Copy" buttons, for text the visitor could also select by hand. What they
// say comes from the page, translated: data-copied and data-copy-by-hand.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  const target = document.getElementById(button.dataset.copyTarget);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!target || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(target.value ?? target.textContent);
      status.textContent = button.dataset.copied;
    } catch {
      target.select();
      status.textContent = button.dataset.copyByHand;
    }
  });
}

// "Share" buttons open the phone's own share sheet (Web Share API); the plain
// share links beside them work everywhere else.
for (const button of document.querySelectorAll("[data-share-url]")) {
  if (!navigator.share) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator
      .share({ title: button.dataset.shareTitle, text: button.dataset.shareText, url: button.dataset.shareUrl })
      .catch(() => {}); // the visitor closed the share sheet
  });
}

// Videos start as a link; "Play it here" swaps in the provider's player, so
// that the video site is only contacted when the visitor asks for it.
for (const button of document.querySelectorAll("[data-embed-html]")) {
  button.hidden = false;
  button.addEventListener("click", () => {
    const facade = button.closest(".video__facade");
    const player = document.createElement("div");
    player.className = "video__player";
    player.innerHTML = button.dataset.embedHtml;
    facade.replaceWith(player);
    player.querySelector("iframe")?.focus();
  });
}
