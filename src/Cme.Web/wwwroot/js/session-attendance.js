// The trainer's session page: swaps in the next check-in code when the current one runs out, counts
// down to it, announces each new code once to screen readers, and refreshes the roster every 10 s. Without this script the page's refresh link does the same.
const panel = document.querySelector('[data-testid="checkin-panel"]');
const ROSTER_EVERY_MS = 10_000;

if (panel) {
  const qr = panel.querySelector('[data-role="qr"]');
  const number = panel.querySelector('[data-role="number"]');
  const countdown = panel.querySelector('[data-role="countdown"]');
  const announcement = panel.querySelector('[data-role="announcement"]');
  const countdownText = panel.dataset.countdownText;
  let validUntil = Date.parse(panel.dataset.validUntil);
  // The server's clock decides when a code runs out; remember how far this device's clock is off.
  let skew = Date.parse(panel.dataset.serverNow) - Date.now();
  let timer = 0;

  const tick = () => {
    const seconds = Math.max(0, Math.ceil((validUntil - (Date.now() + skew)) / 1000));
    countdown.textContent = countdownText.replace('{0}', String(seconds));
  };

  const schedule = () => {
    clearTimeout(timer);
    const wait = Math.max(500, validUntil - (Date.now() + skew) + 300);
    timer = setTimeout(refreshCode, Math.min(wait, 60_000));
  };

  const refreshCode = async () => {
    try {
      const response = await fetch(panel.dataset.codeUrl, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const code = await response.json();
      const svg = new DOMParser().parseFromString(code.svg, 'image/svg+xml').documentElement;
      qr.replaceChildren(document.importNode(svg, true));
      qr.dataset.checkinUrl = code.url;
      // Screen readers hear the new code once, from the polite live region; the countdown stays silent.
      if (code.number !== number.textContent) announcement.textContent = panel.dataset.announceText.replace('{0}', code.number);
      number.textContent = code.number;
      validUntil = Date.parse(code.validUntil);
      skew = Date.parse(code.now) - Date.now();
      panel.classList.remove('is-stale');
    } catch {
      panel.classList.add('is-stale');
      countdown.textContent = panel.dataset.staleText;
      validUntil = Date.now() + skew + 5_000; // try again shortly
    }
    schedule();
  };

  tick();
  setInterval(() => { if (!panel.classList.contains('is-stale')) tick(); }, 1000);
  schedule();
}

const roster = document.querySelector('[data-live="roster"]');
if (roster) {
  // Re-reads this page and takes its roster section, unless the trainer is using the roster right now.
  setInterval(async () => {
    if (document.hidden || roster.contains(document.activeElement)) return;
    try {
      const url = new URL(location.href);
      url.searchParams.delete('done');
      const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('[data-live="roster"]');
      const current = document.querySelector('[data-live="roster"]');
      if (fresh && current && !current.contains(document.activeElement)) current.replaceChildren(...fresh.childNodes);
    } catch {
      // The next round tries again.
    }
  }, ROSTER_EVERY_MS);
}
