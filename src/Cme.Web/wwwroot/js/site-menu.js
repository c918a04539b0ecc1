// The top bar on a phone: the main menu, the account actions and the administration row fold behind
// one menu button. Runs as a classic script right after the header, so the menus are folded before the
// page is first painted. Without it (no JavaScript) the button stays hidden and the menus stay open.
(() => {
  const header = document.querySelector('[data-site-header]');
  const toggle = header?.querySelector('.menu-toggle');
  if (!toggle) return;
  const admin = document.getElementById('admin-menu');
  if (admin) toggle.setAttribute('aria-controls', 'site-menu admin-menu');

  const setOpen = open => {
    header.classList.toggle('is-menu-open', open);
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  };

  header.classList.add('has-menu-toggle');
  toggle.hidden = false;
  setOpen(false);
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  header.addEventListener('keydown', event => {
    if (event.key === 'Escape' && header.classList.contains('is-menu-open')) {
      setOpen(false);
      toggle.focus();
    }
  });
})();
