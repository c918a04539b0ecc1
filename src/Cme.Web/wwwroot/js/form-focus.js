// Focus you can follow after a form post (static server rendering: the form posts, the server re-renders
// the page with its errors or redirects to a page with the result), and errors a screen reader announces.
// Runs once when the page has loaded:
//  1. aria-describedby keeps only ids present on the page (an error id exists only once an error is shown);
//  2. a control described by a shown field error gets aria-invalid="true";
//  3. the error summary's links point at the control in error, and moving along one focuses that control;
//  4. on the page that answers a form post, focus goes to the error summary, else to the success message,
//     else (the post redirected to a page without a message) to the page's h1. A plain visit moves no focus.
(() => {
  const postedKey = 'cme-form-posted';
  // Remember that a form was posted, for the page that answers it (the same tab's next page).
  document.addEventListener('submit', event => {
    if ((event.target.getAttribute('method') ?? '').toLowerCase() === 'post') sessionStorage.setItem(postedKey, '1');
  });

  const run = () => {
    for (const el of document.querySelectorAll('[aria-describedby]')) {
      const ids = el.getAttribute('aria-describedby').split(/\s+/).filter(id => id && document.getElementById(id));
      if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }

    const isControl = el => el.matches('input:not([type=hidden]), select, textarea');
    const describing = errorId => [...document.querySelectorAll('[aria-describedby]')]
      .filter(el => el.getAttribute('aria-describedby').split(/\s+/).includes(errorId));
    // The controls a shown error is about: those it describes, else the control in the same .field.
    const controlsFor = error => {
      const controls = describing(error.id)
        .flatMap(el => isControl(el) ? [el] : [...el.querySelectorAll('input:not([type=hidden]), select, textarea')]);
      if (controls.length > 0) return controls;
      const inField = error.closest('.field')?.querySelector('input:not([type=hidden]), select, textarea');
      return inField ? [inField] : [];
    };

    const shownErrors = [...document.querySelectorAll('.field-error[id]')]
      .filter(error => !error.hidden && error.textContent.trim() !== '');
    for (const error of shownErrors) {
      for (const control of controlsFor(error)) {
        control.setAttribute('aria-invalid', 'true');
        const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
        if (!ids.includes(error.id)) control.setAttribute('aria-describedby', [...ids, error.id].join(' '));
      }
    }
    const controlFor = errorId => {
      const error = document.getElementById(errorId);
      return error ? controlsFor(error)[0] ?? null : null;
    };

    for (const link of document.querySelectorAll('[data-error-link]')) {
      const control = controlFor(link.dataset.errorLink);
      if (!control || !control.id) continue;
      link.setAttribute('href', '#' + control.id);
      link.addEventListener('click', event => {
        event.preventDefault();
        control.focus();
        control.scrollIntoView({ block: 'center' });
      });
    }

    const focusOn = el => {
      if (!el) return false;
      if (!el.hasAttribute('tabindex') && !el.matches('a[href], button, input, select, textarea')) el.setAttribute('tabindex', '-1');
      el.focus();
      return document.activeElement === el;
    };
    // Only the page that answers a post moves focus: a plain visit leaves it at the top of the page.
    const posted = sessionStorage.getItem(postedKey) !== null;
    sessionStorage.removeItem(postedKey);
    if (!posted || location.hash) return;
    const navigation = performance.getEntriesByType('navigation')[0];
    const redirected = (navigation?.redirectCount ?? 0) > 0;
    focusOn(document.querySelector('[data-error-summary], .alert-error[role=alert]'))
      || focusOn(document.querySelector('[data-focus], .alert-success[role=status]'))
      || (redirected && focusOn(document.querySelector('main h1')));
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
