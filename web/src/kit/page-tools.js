// Loaded on every page by the page shell: "Copy link to this view", the presenter view (large type, one
// step per screen, ←/→ or PageUp/PageDown to move, Esc to leave) and, with ?workshop=1, the workshop bar
// (where this page stands on the teaching path, previous / next).
import { el } from '../dom.js';
import { isWorkshop, PATH, position, workshopHref } from './workshop.js';

const file = () => location.pathname.split('/').pop() || 'index.html';

function copyLink(button, status) {
  const href = location.href;
  const done = (text) => {
    status.textContent = text;
    setTimeout(() => (status.textContent = ''), 4000);
  };
  const fallback = () => {
    const box = el('input', { type: 'text', readonly: true, value: href, class: 'link-box', 'aria-label': 'Link to this view' });
    status.replaceChildren(box);
    box.select();
  };
  if (navigator.clipboard?.writeText) navigator.clipboard.writeText(href).then(() => done('Link copied.'), fallback);
  else fallback();
  button.dataset.copied = href;
}

/** Slides of the presenter view: the story, then each numbered step. */
const slides = () => [...document.querySelectorAll('main .story, main .steps > .step')];

function present(on) {
  document.body.classList.toggle('presenter', on);
  const button = document.getElementById('present');
  if (button) button.setAttribute('aria-pressed', String(on));
  const all = slides();
  if (on) show(all, Math.max(0, all.findIndex((s) => s.dataset.current === 'true')));
  else for (const s of all) delete s.dataset.current;
}

function show(all, index) {
  const i = Math.max(0, Math.min(all.length - 1, index));
  all.forEach((s, k) => (s.dataset.current = String(k === i)));
  const counter = document.getElementById('presenter-counter');
  if (counter) counter.textContent = `${i + 1} / ${all.length}`;
  all[i]?.scrollIntoView({ block: 'start' });
}

function move(delta) {
  const all = slides();
  const i = all.findIndex((s) => s.dataset.current === 'true');
  show(all, i + delta);
}

function workshopBar() {
  const { index, previous, next } = position(file());
  if (index < 0) return null;
  return el(
    'nav',
    { class: 'workshop-bar', 'aria-label': 'Workshop path' },
    el('span', { class: 'where' }, `Workshop · step ${index + 1} of ${PATH.length}: ${PATH[index].idea}`),
    previous ? el('a', { href: workshopHref(previous.file), rel: 'prev' }, `← ${previous.label}`) : el('a', { href: './workshop.html' }, '← Workshop plan'),
    next ? el('a', { href: workshopHref(next.file), rel: 'next' }, `Next: ${next.label} →`) : el('a', { href: './workshop.html' }, 'Back to the workshop plan →'),
  );
}

function install() {
  const tools = document.getElementById('page-tools');
  if (tools) {
    const status = el('span', { class: 'copy-status', role: 'status' });
    const copy = el('button', { type: 'button', id: 'copy-link', class: 'secondary small' }, 'Copy link to this view');
    copy.addEventListener('click', () => copyLink(copy, status));
    const presentButton = el('button', { type: 'button', id: 'present', class: 'secondary small', 'aria-pressed': 'false', title: 'Large type, one step per screen; ← → to move, Esc to leave' }, 'Present');
    presentButton.addEventListener('click', () => present(!document.body.classList.contains('presenter')));
    const counter = el('span', { id: 'presenter-counter', class: 'presenter-counter', 'aria-live': 'polite' });
    tools.replaceChildren(copy, presentButton, counter, status);
    if (!slides().length) presentButton.hidden = true;
  }
  if (isWorkshop()) {
    const bar = workshopBar();
    if (bar) document.querySelector('main')?.prepend(bar);
  }
  document.addEventListener('keydown', (event) => {
    if (!document.body.classList.contains('presenter')) return;
    if (event.target.closest?.('input, select, textarea')) return;
    if (['ArrowRight', 'PageDown'].includes(event.key)) move(1);
    else if (['ArrowLeft', 'PageUp'].includes(event.key)) move(-1);
    else if (event.key === 'Escape') present(false);
    else return;
    event.preventDefault();
  });
}

install();
