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

// Counting this view (impact): the request the <noscript> image makes without
// JavaScript, sent as a beacon, with what only the browser knows: the domain
// of the site the reader came from (never its address) and the utm tags of
// the link they followed. No cookie, no storage; nothing at all when the
// reader asked not to be tracked.
const counter = document.querySelector("noscript[data-view-counter]");
if (counter && !navigator.globalPrivacyControl && navigator.doNotTrack !== "1") {
  const params = new URLSearchParams();
  try {
    const from = new URL(document.referrer);
    if (from.host !== location.host) params.set("r", from.hostname);
  } catch {
    // No referrer, or not an address: nothing to say.
  }
  const query = new URLSearchParams(location.search);
  // Short names: an edge cache may drop utm_* parameters from addresses.
  for (const [name, key] of [["utm_source", "s"], ["utm_campaign", "c"]]) {
    if (query.get(name)) params.set(key, query.get(name).slice(0, 100));
  }
  const address = `${counter.dataset.viewCounter}${params.size ? "&" : ""}${params}`;
  if (!navigator.sendBeacon?.(address)) new Image().src = address;
}

// Which platform brought a signer (actions): the utm_source of the shared
// link the reader followed. An edge cache drops utm_* parameters from the
// address the server sees (deploy/varnish.vcl), so the form's hidden
// `platform` input, which the server fills when it can, is filled here when
// it could not. And the links to the site's actions that pages offer (those
// carrying `from=`, as a story's call to action does) carry the tags on, so
// that a reader who came to a story from Bluesky and then signs is counted
// for Bluesky. Nothing is stored in the browser.
const landing = new URLSearchParams(location.search);
const tags = ["utm_source", "utm_campaign"].filter((name) => landing.get(name));
if (tags.length) {
  for (const input of document.querySelectorAll("form input[type=hidden][name=platform]")) {
    if (!input.value && landing.get("utm_source")) input.value = landing.get("utm_source").slice(0, 100);
  }
  for (const link of document.querySelectorAll("a[href*='from=']")) {
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.searchParams.has("from")) continue;
    for (const name of tags) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, landing.get(name).slice(0, 100));
    }
    link.href = url.href;
  }
}
