// The projector page: re-reads itself when the check-in code rotates (and every few seconds in between,
// for the count) and swaps its content in place, so the screen does not flash. The page says when
// (data-refresh-ms); if a read fails or the sign-in ran out, the current content stays and it tries again.
const live = () => document.querySelector('[data-live="projector"]');
const every = () => Math.max(1000, Number(live()?.dataset.refreshMs) || 5000);

const refresh = async () => {
  try {
    const response = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin' });
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('[data-live="projector"]');
      const current = live();
      if (fresh && current) {
        current.replaceWith(document.importNode(fresh, true));
        document.title = page.title;
        showFullScreen();
      }
    }
  } catch {
    // The next round tries again.
  }
  setTimeout(refresh, every());
};

// Full screen needs a click; the button shows only where the browser offers it.
const showFullScreen = () => {
  const button = live()?.querySelector('[data-role="fullscreen"]');
  if (!button || !document.fullscreenEnabled) return;
  button.hidden = !!document.fullscreenElement;
  button.onclick = () => document.documentElement.requestFullscreen().catch(() => {});
};

document.addEventListener('fullscreenchange', showFullScreen);
showFullScreen();
setTimeout(refresh, every());
