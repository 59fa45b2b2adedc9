/*
 * The article panel: a citation opens the article it cites beside the results, at the cited section.
 */
import { FriendlyError, getArticle } from './api.js';
import { asArray, asString, el, focusWithin } from './dom.js';
import { articles } from './state.js';

const SOUNDS_LIKE_SHOWN = 4;
const LOADING = 'Loading the article…';
const FAILED = 'We couldn’t open this article just now. Please try again later.';

const layoutEl = document.getElementById('main');
const panel = document.getElementById('article');
const titleEl = document.getElementById('article-title');
const statusEl = document.getElementById('article-status');
const errorEl = document.getElementById('article-error');
const bodyEl = document.getElementById('article-body');

/** A click on a citation link opens its article here (a modified click opens the link as the browser would). */
export function onCitationClick(event) {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  const link = event.currentTarget;
  openArticle(link.getAttribute('data-article-id'), link.getAttribute('data-section-id'), link);
}

function openArticle(articleId, sectionId, opener) {
  const request = ++articles.latest;
  articles.opener = opener || null;

  panel.hidden = false;
  layoutEl.classList.add('has-article');
  errorEl.hidden = true;
  errorEl.textContent = '';

  if (articles.cache.has(articleId)) {
    showArticle(articles.cache.get(articleId), sectionId);
    return;
  }

  bodyEl.replaceChildren();
  titleEl.textContent = 'Coaching article';
  statusEl.textContent = LOADING;
  panel.setAttribute('aria-busy', 'true');
  focusWithin(titleEl);

  getArticle(articleId)
    .then((article) => {
      if (request !== articles.latest) {
        return;
      }
      articles.cache.set(articleId, article);
      showArticle(article, sectionId);
    })
    .catch((err) => {
      if (request !== articles.latest) {
        return;
      }
      statusEl.textContent = '';
      titleEl.textContent = 'Article unavailable';
      errorEl.hidden = false;
      // A network problem is explained as such; an HTTP error's detail is written for developers here.
      errorEl.textContent = err instanceof FriendlyError && !err.status ? err.message : FAILED;
      focusWithin(titleEl);
    })
    .finally(() => {
      if (request === articles.latest) {
        panel.removeAttribute('aria-busy');
      }
    });
}

function showArticle(article, sectionId) {
  statusEl.textContent = '';
  panel.removeAttribute('aria-busy');
  titleEl.textContent = asString(article.title) || 'Coaching article';

  const fragment = document.createDocumentFragment();
  let target = null;

  const summary = asString(article.summary).trim();
  if (summary) {
    fragment.appendChild(el('p', { className: 'article-summary', text: summary }));
  }
  const introduction = asString(article.introduction).trim();
  if (introduction) {
    fragment.appendChild(el('p', { className: 'article-intro', text: introduction }));
  }

  asArray(article.sections).forEach((section) => {
    if (!section || typeof section !== 'object') {
      return;
    }
    const id = asString(section.id);
    const cited = !!sectionId && id === sectionId;
    const block = el('section', { className: cited ? 'article-section is-cited' : 'article-section' });
    const heading = el('h3', { id: id || null, tabindex: '-1', text: asString(section.heading) });
    block.appendChild(heading);
    if (id) {
      block.setAttribute('aria-labelledby', id);
    }
    if (cited) {
      heading.appendChild(el('span', { className: 'cited-badge', text: 'Cited' }));
      target = heading;
    }
    asArray(section.paragraphs).forEach((paragraph) => {
      if (typeof paragraph === 'string' && paragraph.trim()) {
        block.appendChild(el('p', { text: paragraph }));
      }
    });
    // A few examples are enough to recognise a section; the rest are there for the search.
    const soundsLike = asArray(section.soundsLike).filter((line) => typeof line === 'string' && line.trim()).slice(0, SOUNDS_LIKE_SHOWN);
    if (soundsLike.length) {
      block.appendChild(el('div', { className: 'sounds-like' }, [
        el('h4', { text: 'Sounds like' }),
        el('ul', null, soundsLike.map((line) => el('li', { text: line })))
      ]));
    }
    const reflect = asArray(section.questions).filter((q) => typeof q === 'string' && q.trim());
    if (reflect.length) {
      block.appendChild(el('div', { className: 'reflect' }, [
        el('h4', { text: 'Reflect' }),
        el('ul', null, reflect.map((q) => el('li', { text: q })))
      ]));
    }
    fragment.appendChild(block);
  });

  bodyEl.replaceChildren(fragment);
  focusWithin(target || titleEl);
}

/** Closes the panel and gives focus back to what opened it (or to fallback). */
export function closeArticle(fallback) {
  articles.latest += 1;
  panel.hidden = true;
  panel.removeAttribute('aria-busy');
  layoutEl.classList.remove('has-article');
  bodyEl.replaceChildren();
  titleEl.textContent = '';
  statusEl.textContent = '';
  errorEl.hidden = true;
  errorEl.textContent = '';

  const opener = articles.opener;
  articles.opener = null;
  if (opener && opener.isConnected) {
    opener.focus();
  } else if (fallback) {
    fallback.focus();
  }
}

/** The close button and Escape close the panel. */
export function installArticlePanel(fallback) {
  document.getElementById('article-close').addEventListener('click', () => closeArticle(fallback));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      closeArticle(fallback);
    }
  });
}
