/*
 * Building the page from data, as text only. Every piece of text from the person or the API goes into the page
 * as a text node (textContent or createTextNode), never as HTML. Nothing sets inline styles: the page's
 * Content-Security-Policy allows only app.css, so every visual state is a CSS class or the hidden attribute.
 */

/**
 * Creates an element. props: className, text, or any attribute (true = present, null/false = absent).
 * children: nodes or strings; strings become text nodes, never markup.
 */
export function el(tag, props, children) {
  const node = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach((key) => {
      const value = props[key];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (key === 'className') {
        node.className = value;
      } else if (key === 'text') {
        node.textContent = String(value);
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    });
  }
  appendAll(node, children);
  return node;
}

export function appendAll(parent, children) {
  if (children === null || children === undefined) {
    return;
  }
  const list = Array.isArray(children) ? children : [children];
  list.forEach((child) => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
}

export function asString(value) {
  return typeof value === 'string' ? value : '';
}

export function asArray(value) {
  return Array.isArray(value) ? value : [];
}

export function capitalise(word) {
  return word ? word.charAt(0).toUpperCase() + word.slice(1) : '';
}

export function formatNumber(n) {
  try {
    return n.toLocaleString('en');
  } catch (e) {
    return String(n);
  }
}

let idCounter = 0;
export function uniqueId(prefix) {
  idCounter += 1;
  return prefix + '-' + idCounter;
}

function prefersReducedMotion() {
  return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Scrolls an element into view and moves keyboard focus to it. */
export function focusWithin(node) {
  const behavior = prefersReducedMotion() ? 'auto' : 'smooth';
  node.focus({ preventScroll: true });
  node.scrollIntoView({ block: 'start', behavior: behavior });
}

/** Sets a live region's text so that a repeated message (copying twice) is announced again. */
export function announce(region, message) {
  region.textContent = '';
  window.setTimeout(() => { region.textContent = message; }, 50);
}
