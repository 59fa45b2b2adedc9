/*
 * The results of a check: notices, the message with its blaming words marked, rewrites to copy, cited questions.
 * Labels and fallback notes come from the service (state.js); everything from the person or the API is text.
 */
import { articleHref } from './api.js';
import { onCitationClick } from './article.js';
import { announce, asArray, asString, el, uniqueId } from './dom.js';
import { categoryLabel, componentLabels, note, safetyHeading, styleHint, styleLabel, styleRank } from './state.js';
import { hideActiveTip, wireTooltip } from './tooltips.js';

const COPIED_RESET_MS = 2000;
const COPY_FAILED = 'Couldn’t copy automatically. The text is selected, so you can copy it yourself.';

export function clearResults(resultsEl) {
  hideActiveTip();
  resultsEl.replaceChildren();
}

/** Replaces the results with what the service answered for text (a POST /v1/rewrite response). */
export function renderResults(resultsEl, text, data) {
  const analysis = data.analysis && typeof data.analysis === 'object' ? data.analysis : {};
  const safety = analysis.safety && typeof analysis.safety === 'object' ? analysis.safety : {};
  const flagged = safety.flagged === true;
  const concern = !flagged && safety.level === 'concern';
  const english = typeof analysis.language !== 'string' || analysis.language === 'en';
  const isBlame = analysis.isBlame === true;
  const unsure = analysis.unsure === true;
  const rewrites = asArray(data.rewrites);
  const questions = asArray(data.questions);
  const warnings = asArray(analysis.warnings).filter((w) => typeof w === 'string' && w.trim());
  const serviceNote = asString(data.note).trim();

  const fragment = document.createDocumentFragment();

  if (flagged) {
    fragment.appendChild(renderSafety(safety, serviceNote));
  }

  if (warnings.length) {
    fragment.appendChild(renderWarnings(warnings));
  }

  if (concern) {
    fragment.appendChild(renderCheckIn(safety));
  }

  // "No blame found" only when nothing worries the safety check and the message is in English.
  if (!flagged && !concern && english && !isBlame && !unsure) {
    fragment.appendChild(renderKind(serviceNote));
  }

  if (!flagged && (!english || (!isBlame && (concern || unsure))) && serviceNote) {
    fragment.appendChild(renderNote(serviceNote));
  }

  // A flagged message gets a pointer to help, not coaching on its wording; a message in another language
  // gets no highlights, which the English models cannot be trusted to place.
  if (!flagged && english) {
    fragment.appendChild(renderMessage(text, analysis, isBlame));
  }

  if (!flagged && english && isBlame) {
    fragment.appendChild(rewrites.length ? renderRewrites(rewrites) : renderNote(serviceNote || note('noRewrites')));
  }

  if (questions.length) {
    fragment.appendChild(renderQuestions(questions));
  }

  const engineLine = renderEngine(data.engine);
  if (engineLine) {
    fragment.appendChild(engineLine);
  }

  clearResults(resultsEl);
  resultsEl.appendChild(fragment);
}

function renderSafety(safety, serviceNote) {
  const message = asString(safety.message).trim() || serviceNote || note('safety');
  return el('section', { id: 'safety', className: 'notice notice-safety', role: 'alert' }, [
    el('h2', { className: 'notice-title', text: safetyHeading(safety.kind) }),
    el('p', { text: message })
  ]);
}

function renderCheckIn(safety) {
  return el('section', { id: 'check-in', className: 'notice notice-warning', role: 'status' }, [
    el('h2', { className: 'notice-title', text: 'A gentle check-in' }),
    el('p', { text: asString(safety.message).trim() })
  ]);
}

function renderWarnings(warnings) {
  const box = el('div', { id: 'warnings', className: 'notice notice-warning' });
  if (warnings.length === 1) {
    box.appendChild(el('p', { text: warnings[0] }));
  } else {
    box.appendChild(el('ul', null, warnings.map((w) => el('li', { text: w }))));
  }
  return box;
}

function renderKind(serviceNote) {
  return el('section', { id: 'kind', className: 'notice notice-kind', 'aria-labelledby': 'kind-title' }, [
    el('h2', { id: 'kind-title', className: 'notice-title', text: 'No blame found' }),
    el('p', { text: serviceNote || note('kind') })
  ]);
}

function renderNote(text) {
  return el('div', { id: 'note', className: 'notice notice-note' }, el('p', { text: text }));
}

/** Keeps only matches that lie inside the text and do not overlap, in order. */
function usableMatches(text, matches) {
  const sorted = asArray(matches)
    .filter((m) => m && Number.isInteger(m.offset) && Number.isInteger(m.length) &&
      m.offset >= 0 && m.length > 0 && m.offset + m.length <= text.length)
    .slice()
    .sort((a, b) => a.offset - b.offset);
  const result = [];
  let end = 0;
  sorted.forEach((m) => {
    if (m.offset >= end) {
      result.push(m);
      end = m.offset + m.length;
    }
  });
  return result;
}

function renderMessage(text, analysis, isBlame) {
  const matches = usableMatches(text, analysis.matches);
  const titleId = uniqueId('message-title');
  const card = el('section', { className: 'card message-card', 'aria-labelledby': titleId });

  const head = el('div', { className: 'card-head' }, el('h2', { id: titleId, text: 'Your message' }));
  if (isBlame) {
    head.appendChild(el('p', { className: 'verdict', text: 'May land as blame' }));
  }
  card.appendChild(head);

  if (matches.length) {
    const count = matches.length === 1 ? 'One word or phrase is' : matches.length + ' words or phrases are';
    card.appendChild(el('p', {
      className: 'hint',
      text: count + ' highlighted. Hover over or tab to each one to see how it might land.'
    }));
  }

  const highlighted = el('p', { id: 'highlighted', className: 'highlighted' });
  const tips = el('div', { className: 'tips' });
  let cursor = 0;

  matches.forEach((match) => {
    if (match.offset > cursor) {
      highlighted.appendChild(document.createTextNode(text.slice(cursor, match.offset)));
    }
    const tipId = uniqueId('blame-tip');
    const category = asString(match.category);
    const mark = el('mark', {
      className: 'blame',
      tabindex: '0',
      'aria-describedby': tipId,
      'data-category': category || null
    }, text.slice(match.offset, match.offset + match.length));
    const tip = el('span', {
      id: tipId,
      role: 'tooltip',
      className: 'tip',
      hidden: true
    }, asString(match.message) || (category ? categoryLabel(category) : 'This may land as blame.'));

    wireTooltip(mark, tip);
    highlighted.appendChild(mark);
    tips.appendChild(tip);
    cursor = match.offset + match.length;
  });
  if (cursor < text.length) {
    highlighted.appendChild(document.createTextNode(text.slice(cursor)));
  }

  card.appendChild(highlighted);
  if (matches.length) {
    card.appendChild(tips);
  }

  const categories = asArray(analysis.categories).filter((c) => typeof c === 'string' && c);
  if (isBlame && categories.length) {
    card.appendChild(el('ul', { className: 'chips', 'aria-label': 'Kinds of blame found' },
      categories.map((c) => el('li', { className: 'chip', text: categoryLabel(c) }))));
  }
  return card;
}

// A results section with its heading and one line that says what it holds.
function introSection(id, title, intro) {
  return el('section', { id, className: 'section', 'aria-labelledby': `${id}-title` }, [
    el('h2', { id: `${id}-title`, text: title }),
    el('p', { className: 'section-intro', text: intro })
  ]);
}

function renderRewrites(rewrites) {
  const section = introSection('rewrites', 'Gentler ways to say it',
    "Each one keeps your own words for what happened and says how you feel and what you'd like. Pick one, copy it and make it your own.");
  const grid = el('div', { className: 'rewrite-grid' });

  rewrites
    .filter((r) => r && typeof r.text === 'string' && r.text.trim())
    .slice()
    .sort((a, b) => styleRank(a.style) - styleRank(b.style))
    .forEach((rewrite) => grid.appendChild(renderRewriteCard(rewrite)));

  section.appendChild(grid);
  return section;
}

function renderRewriteCard(rewrite) {
  const style = asString(rewrite.style);
  const label = styleLabel(style);
  const headingId = uniqueId('rewrite-title');
  const card = el('article', { className: 'card rewrite-card', 'data-style': style, 'aria-labelledby': headingId });

  card.appendChild(el('h3', { id: headingId, className: 'rewrite-title', text: label }));
  const hint = styleHint(style);
  if (hint) {
    card.appendChild(el('p', { className: 'rewrite-hint', text: hint }));
  }
  const textEl = el('p', { className: 'rewrite-text', text: rewrite.text });
  card.appendChild(textEl);

  const components = rewrite.components && typeof rewrite.components === 'object' ? rewrite.components : null;
  const rows = components
    ? componentLabels().filter((pair) => typeof components[pair[0]] === 'string' && components[pair[0]].trim())
    : [];
  if (rows.length) {
    const list = el('dl', { className: 'components' });
    rows.forEach((pair) => {
      list.appendChild(el('div', { className: 'component' }, [
        el('dt', { text: pair[1] }),
        el('dd', { text: components[pair[0]] })
      ]));
    });
    card.appendChild(el('details', { className: 'how' }, [
      el('summary', { text: 'How it’s built' }),
      list
    ]));
  }

  const button = el('button', { type: 'button', className: 'btn btn-secondary copy', 'aria-describedby': headingId, text: 'Copy' });
  button.addEventListener('click', () => copyRewrite(button, rewrite.text, label, textEl));
  card.appendChild(el('div', { className: 'card-actions' }, button));
  return card;
}

function legacyCopy(text) {
  const helper = el('textarea', { className: 'clipboard-helper', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  helper.value = text;
  document.body.appendChild(helper);
  let ok = false;
  try {
    helper.select();
    ok = document.execCommand('copy');
  } catch (e) {
    ok = false;
  }
  helper.remove();
  return ok;
}

function selectText(node) {
  const selection = window.getSelection && window.getSelection();
  if (!selection) {
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(node);
  selection.removeAllRanges();
  selection.addRange(range);
}

function copyRewrite(button, text, label, textEl) {
  const copyStatus = document.getElementById('copy-status');
  const attempt = navigator.clipboard && typeof navigator.clipboard.writeText === 'function'
    ? navigator.clipboard.writeText(text).then(() => true, () => legacyCopy(text))
    : Promise.resolve(legacyCopy(text));

  attempt.then((ok) => {
    if (document.activeElement === document.body) {
      button.focus();
    }
    if (!ok) {
      selectText(textEl);
      announce(copyStatus, COPY_FAILED);
      return;
    }
    button.textContent = 'Copied';
    button.classList.add('is-copied');
    announce(copyStatus, label + ' version copied to the clipboard.');
    window.clearTimeout(button.copyTimer);
    button.copyTimer = window.setTimeout(() => {
      button.textContent = 'Copy';
      button.classList.remove('is-copied');
    }, COPIED_RESET_MS);
  });
}

function renderQuestions(questions) {
  const section = introSection('questions', 'Questions to reflect on',
    'Each question comes from a coaching article. Open the source to read the section it draws on.');
  const list = el('ol', { className: 'question-list' });

  questions.forEach((question) => {
    if (!question || typeof question.text !== 'string' || !question.text.trim()) {
      return;
    }
    const item = el('li', { className: 'card question' }, el('p', { className: 'question-text', text: question.text }));
    const citation = question.citation && typeof question.citation === 'object' ? question.citation : null;
    const articleId = citation ? asString(citation.articleId) : '';
    if (articleId) {
      const title = asString(citation.articleTitle) || 'Coaching article';
      const heading = asString(citation.sectionHeading);
      const link = el('a', {
        className: 'citation',
        href: articleHref(articleId),
        'data-article-id': articleId,
        'data-section-id': asString(citation.sectionId) || null
      }, 'From: ' + title + (heading ? ' — ' + heading : ''));
      link.addEventListener('click', onCitationClick);
      item.appendChild(el('p', { className: 'citation-line' }, link));
      const excerpt = asString(citation.excerpt).trim();
      if (excerpt) {
        item.appendChild(el('p', { className: 'excerpt', text: excerpt }));
      }
    }
    list.appendChild(item);
  });

  section.appendChild(list);
  return section;
}

function renderEngine(engine) {
  if (!engine || typeof engine !== 'object') {
    return null;
  }
  const parts = [];
  if (typeof engine.rewrite === 'string' && engine.rewrite && engine.rewrite !== 'none') {
    parts.push('rewrites: ' + engine.rewrite);
  }
  if (typeof engine.questions === 'string' && engine.questions && engine.questions !== 'none') {
    parts.push('questions: ' + engine.questions);
  }
  return parts.length ? el('p', { className: 'engine', text: 'Engine — ' + parts.join(' · ') }) : null;
}
