/*
 * What the page knows and remembers: the service's limits and labels (from GET /v1/meta, read once when the page
 * opens, never copied here), whether a check is running, and the articles already fetched.
 */
import { asArray, asString, capitalise } from './dom.js';

const labels = {
  maxChars: 0,
  categories: new Map(),
  styleOrder: [],
  styles: new Map(),
  components: [],
  safetyHeadings: new Map(),
  notes: { kind: '', noRewrites: '', safety: '' }
};

/** Takes the service's answer to GET /v1/meta, keeping only well-formed entries. */
export function setMeta(meta) {
  const data = meta && typeof meta === 'object' ? meta : {};
  labels.maxChars = Number.isInteger(data.maxTextLength) && data.maxTextLength > 0 ? data.maxTextLength : 0;
  labels.categories = toMap(data.categories, (c) => asString(c.label));
  labels.styles = toMap(data.styles, (s) => ({ label: asString(s.label), hint: asString(s.hint) }));
  labels.styleOrder = Array.from(labels.styles.keys());
  labels.components = asArray(data.components).filter(isLabel).map((c) => [c.id, c.label]);
  labels.safetyHeadings = toMap(data.safetyHeadings, (h) => asString(h.label));
  const notes = data.notes && typeof data.notes === 'object' ? data.notes : {};
  labels.notes = { kind: asString(notes.kind), noRewrites: asString(notes.noRewrites), safety: asString(notes.safety) };
}

function isLabel(entry) {
  return entry && typeof entry.id === 'string' && entry.id && typeof entry.label === 'string' && entry.label.trim();
}

function toMap(entries, value) {
  const map = new Map();
  asArray(entries).filter(isLabel).forEach((entry) => map.set(entry.id, value(entry)));
  return map;
}

/** The longest message the service accepts, or 0 while it is not known. */
export function maxChars() {
  return labels.maxChars;
}

export function categoryLabel(id) {
  return labels.categories.get(id) || capitalise(String(id).replace(/_/g, ' '));
}

export function styleLabel(style) {
  const known = labels.styles.get(style);
  return (known && known.label) || capitalise(style) || 'Suggestion';
}

export function styleHint(style) {
  const known = labels.styles.get(style);
  return known ? known.hint : '';
}

/** Where a style is shown among the others: the service's order, unknown styles last. */
export function styleRank(style) {
  const i = labels.styleOrder.indexOf(style);
  return i === -1 ? labels.styleOrder.length : i;
}

/** [id, label] pairs for a rewrite's components, in order. */
export function componentLabels() {
  return labels.components;
}

export function safetyHeading(kind) {
  return labels.safetyHeadings.get(kind) || 'Let’s pause here';
}

/** A note the service gives for when an answer has none of its own: kind, noRewrites or safety. */
export function note(name) {
  return labels.notes[name] || '';
}

/** Whether a check is running (the form ignores another submit meanwhile). */
export const check = { busy: false };

/** Articles already fetched, by id, and which request for one is the latest (an older answer is ignored). */
export const articles = { cache: new Map(), latest: 0, opener: null };
