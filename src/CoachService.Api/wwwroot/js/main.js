/*
 * CoachService page: plain browser JavaScript in ES modules, no dependencies. This module wires the form; the
 * service's limits and labels are read once from GET /v1/meta (state.js), the API calls are in api.js, the
 * results are drawn by render.js, tips by tooltips.js and the article panel by article.js.
 */
import { FriendlyError, getMeta, rewrite, TRANSPORT_MESSAGES } from './api.js';
import { installArticlePanel } from './article.js';
import { formatNumber } from './dom.js';
import { clearResults, renderResults } from './render.js';
import { check, maxChars, setMeta } from './state.js';
import { installTooltips } from './tooltips.js';

const form = document.getElementById('check-form');
const textarea = document.getElementById('message');
const checkButton = document.getElementById('check');
const countEl = document.getElementById('message-count');
const statusEl = document.getElementById('status');
const errorEl = document.getElementById('error');
const resultsEl = document.getElementById('results');

// Read once; a check waits for it so its labels are the service's. Without it the page still works, with ids
// for labels and no limit shown (the service enforces its limit either way).
const metaLoaded = getMeta().then(setMeta, () => setMeta(null)).then(updateCount);

function updateCount() {
  const n = textarea.value.length;
  const max = maxChars();
  countEl.textContent = max
    ? formatNumber(n) + ' / ' + formatNumber(max) + ' characters'
    : formatNumber(n) + (n === 1 ? ' character' : ' characters');
  countEl.classList.toggle('is-over', max > 0 && n > max);
}

function showError(message) {
  errorEl.hidden = false;
  errorEl.textContent = message;
}

function clearError() {
  errorEl.textContent = '';
  errorEl.hidden = true;
}

function setBusy(on) {
  check.busy = on;
  checkButton.disabled = on;
  form.classList.toggle('is-busy', on);
  statusEl.classList.toggle('is-busy', on);
  statusEl.textContent = on ? 'Checking…' : '';
  resultsEl.classList.toggle('is-stale', on);
  if (on) {
    resultsEl.setAttribute('aria-busy', 'true');
  } else {
    resultsEl.removeAttribute('aria-busy');
  }
}

async function onSubmit(event) {
  event.preventDefault();
  if (check.busy) {
    return;
  }
  const text = textarea.value;
  const hadButtonFocus = document.activeElement === checkButton;

  clearError();
  setBusy(true);
  try {
    const [data] = await Promise.all([rewrite(text), metaLoaded]);
    renderResults(resultsEl, text, data);
  } catch (err) {
    clearResults(resultsEl);
    showError(err instanceof FriendlyError ? err.message : TRANSPORT_MESSAGES.generic);
  } finally {
    setBusy(false);
    // A disabled button loses focus; give it back so keyboard users stay where they were.
    if (hadButtonFocus && (document.activeElement === document.body || document.activeElement === null)) {
      checkButton.focus();
    }
  }
}

function onTextareaKeydown(event) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    if (check.busy) {
      return;
    }
    form.requestSubmit(checkButton);
  }
}

form.addEventListener('submit', onSubmit);
textarea.addEventListener('keydown', onTextareaKeydown);
textarea.addEventListener('input', updateCount);
installArticlePanel(textarea);
installTooltips();

updateCount();
if (document.activeElement !== textarea) {
  textarea.focus();
}
