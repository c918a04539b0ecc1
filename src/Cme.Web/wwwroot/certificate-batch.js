// Moves a bulk issue's progress bar while the batch runs: asks the Web's progress endpoint every
// second (no caching) and updates the <progress>, the figures and the status. When the batch ends,
// the page reloads so the certificates list shows what was issued, unless someone is typing in a
// form there; then the refresh link is left for them.
const INTERVAL_MS = 1000;

// data-label-queued… hold the status words in the page's language (dataset.labelQueued…).
function label(panel, status) {
  return panel.dataset[`label${status}`] ?? status;
}

function render(panel, batch) {
  const bar = panel.querySelector('progress');
  if (bar) {
    bar.value = batch.percent;
    bar.textContent = `${batch.percent}%`;
  }
  const figures = panel.querySelector('[data-batch-figures]');
  if (figures) figures.textContent = `${batch.done} / ${batch.total} · ${batch.percent}%`;
  const status = panel.querySelector('[data-batch-status]');
  if (status) status.textContent = label(panel, batch.status);
  panel.dataset.status = batch.status;
  panel.className = panel.className.replace(/\bbatch-\w+\b/, `batch-${batch.status.toLowerCase()}`);
}

function someoneIsTyping() {
  const active = document.activeElement;
  if (active && active.matches('input:not([type=hidden]), textarea, select')) return true;
  return [...document.querySelectorAll('form input[name="Reason"]')].some((input) => input.value.trim() !== '');
}

function watch(panel) {
  const url = panel.dataset.poll;
  if (!url) return;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) {
        stopped = true; // signed out or gone: the refresh link still works
        return;
      }
      const batch = await response.json();
      render(panel, batch);
      if (!batch.active) {
        stopped = true;
        if (!someoneIsTyping()) setTimeout(() => window.location.reload(), 600);
        return;
      }
    } catch {
      // A network hiccup: try again on the next tick.
    }
    setTimeout(tick, INTERVAL_MS);
  };
  setTimeout(tick, INTERVAL_MS);
}

document.querySelectorAll('[data-testid="certificate-batch"][data-poll]').forEach(watch);
