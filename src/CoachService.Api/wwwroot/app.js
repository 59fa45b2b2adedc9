/*
 * CoachService page. Plain browser JavaScript, no dependencies.
 *
 * Every piece of text from the person or the API goes into the page as a text node (textContent or
 * createTextNode), never as HTML. Nothing here sets inline styles: the page's Content-Security-Policy
 * allows only app.css, so every visual state is a CSS class or the hidden attribute.
 */
(function () {
  'use strict';

  var MAX_CHARS = 5000;
  var REQUEST_TIMEOUT_MS = 30000;
  var TOOLTIP_HIDE_DELAY_MS = 200;
  var COPIED_RESET_MS = 2000;
  var SOUNDS_LIKE_SHOWN = 4;

  var MESSAGES = {
    checking: 'Checking…',
    network: 'We couldn’t reach the coach just now. Check your connection and try again.',
    timeout: 'This is taking longer than it should. Please try again in a moment.',
    generic: 'Something went wrong on our side. Please try again.',
    unreadable: 'The reply from the coach could not be read. Please try again.',
    kind: 'This message already reads kindly: there is no blame to soften.',
    noRewrites: 'We couldn’t suggest a rewrite for this message. The questions below may still help.',
    safety: 'This message raised a safety concern, so we won’t suggest rewrites. If anyone is in danger, please contact your local emergency number.',
    copyFailed: 'Couldn’t copy automatically. The text is selected, so you can copy it yourself.',
    articleLoading: 'Loading the article…',
    articleFailed: 'We couldn’t open this article just now. Please try again later.'
  };

  var STYLE_ORDER = ['gentle', 'brief', 'warm'];
  var STYLE_LABELS = { gentle: 'Gentle', brief: 'Brief', warm: 'Warm' };
  var STYLE_HINTS = {
    gentle: 'Soft and complete: a feeling, a need and a request.',
    brief: 'Short and clear, for when less is more.',
    warm: 'Starts with appreciation before the ask.'
  };
  var CATEGORY_LABELS = {
    absolute: 'All-or-nothing words',
    accusation: 'Accusation',
    character: 'Judging character',
    contempt: 'Contempt',
    pseudo_feeling: 'Blame phrased as a feeling',
    demand: 'Demand',
    rhetorical: 'Loaded question'
  };
  var SAFETY_HEADINGS = {
    threat: 'Let’s pause before sending this',
    self_harm: 'You don’t have to carry this alone',
    abuse: 'Your safety comes first',
    control: 'Let’s pause before sending this'
  };
  var COMPONENT_LABELS = [
    ['feeling', 'Feeling'],
    ['situation', 'Situation'],
    ['need', 'Need'],
    ['request', 'Request']
  ];

  // ---- Elements -------------------------------------------------------------------------------

  var form = document.getElementById('check-form');
  var textarea = document.getElementById('message');
  var checkButton = document.getElementById('check');
  var countEl = document.getElementById('message-count');
  var statusEl = document.getElementById('status');
  var errorEl = document.getElementById('error');
  var resultsEl = document.getElementById('results');
  var layoutEl = document.getElementById('main');
  var articlePanel = document.getElementById('article');
  var articleTitle = document.getElementById('article-title');
  var articleStatus = document.getElementById('article-status');
  var articleError = document.getElementById('article-error');
  var articleBody = document.getElementById('article-body');
  var articleClose = document.getElementById('article-close');
  var copyStatus = document.getElementById('copy-status');

  // ---- Small helpers --------------------------------------------------------------------------

  /**
   * Creates an element. props: className, text, or any attribute (true = present, null/false = absent).
   * children: nodes or strings; strings become text nodes, never markup.
   */
  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
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

  function appendAll(parent, children) {
    if (children === null || children === undefined) {
      return;
    }
    if (!Array.isArray(children)) {
      children = [children];
    }
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
  }

  function asString(value) {
    return typeof value === 'string' ? value : '';
  }

  function asArray(value) {
    return Array.isArray(value) ? value : [];
  }

  function capitalise(word) {
    return word ? word.charAt(0).toUpperCase() + word.slice(1) : '';
  }

  function prefersReducedMotion() {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  function formatNumber(n) {
    try {
      return n.toLocaleString('en');
    } catch (e) {
      return String(n);
    }
  }

  var idCounter = 0;
  function uniqueId(prefix) {
    idCounter += 1;
    return prefix + '-' + idCounter;
  }

  // ---- Talking to the API ---------------------------------------------------------------------

  /** An error whose message is safe and kind enough to show as is. */
  function FriendlyError(message, status) {
    this.name = 'FriendlyError';
    this.message = message;
    this.status = status || 0;
  }
  FriendlyError.prototype = Object.create(Error.prototype);

  /** The sentence to show for a failed response: the problem's detail, or a short generic sentence. */
  function problemMessage(data, status) {
    if (data && typeof data === 'object' && typeof data.detail === 'string' && data.detail.trim()) {
      return data.detail.trim();
    }
    if (status === 429) {
      return 'There have been a lot of checks in a short time. Please wait a moment and try again.';
    }
    return MESSAGES.generic;
  }

  /** Fetches JSON from this origin. Resolves with the parsed body, or rejects with a FriendlyError. */
  function requestJson(url, init) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : 0;
    var options = {
      method: (init && init.method) || 'GET',
      headers: Object.assign({ Accept: 'application/json, application/problem+json' }, (init && init.headers) || {}),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller ? controller.signal : undefined
    };
    if (init && init.body !== undefined) {
      options.body = init.body;
    }

    return fetch(url, options)
      .then(function (response) {
        return response.text().then(function (raw) {
          var data = null;
          try {
            data = raw ? JSON.parse(raw) : null;
          } catch (e) {
            data = null;
          }
          if (!response.ok) {
            throw new FriendlyError(problemMessage(data, response.status), response.status);
          }
          if (!data || typeof data !== 'object') {
            throw new FriendlyError(MESSAGES.unreadable);
          }
          return data;
        });
      })
      .catch(function (err) {
        if (err instanceof FriendlyError) {
          throw err;
        }
        throw new FriendlyError(err && err.name === 'AbortError' ? MESSAGES.timeout : MESSAGES.network);
      })
      .finally(function () {
        window.clearTimeout(timer);
      });
  }

  // ---- Form -----------------------------------------------------------------------------------

  var busy = false;

  function updateCount() {
    var n = textarea.value.length;
    countEl.textContent = formatNumber(n) + ' / ' + formatNumber(MAX_CHARS) + ' characters';
    countEl.classList.toggle('is-over', n > MAX_CHARS);
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
    busy = on;
    checkButton.disabled = on;
    form.classList.toggle('is-busy', on);
    statusEl.classList.toggle('is-busy', on);
    statusEl.textContent = on ? MESSAGES.checking : '';
    resultsEl.classList.toggle('is-stale', on);
    if (on) {
      resultsEl.setAttribute('aria-busy', 'true');
    } else {
      resultsEl.removeAttribute('aria-busy');
    }
  }

  function onSubmit(event) {
    event.preventDefault();
    if (busy) {
      return;
    }
    var text = textarea.value;
    var hadButtonFocus = document.activeElement === checkButton;

    clearError();
    setBusy(true);

    requestJson('/v1/rewrite', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: text, includeQuestions: true })
    })
      .then(function (data) {
        renderResults(text, data);
      })
      .catch(function (err) {
        clearResults();
        showError(err instanceof FriendlyError ? err.message : MESSAGES.generic);
      })
      .finally(function () {
        setBusy(false);
        // A disabled button loses focus; give it back so keyboard users stay where they were.
        if (hadButtonFocus && (document.activeElement === document.body || document.activeElement === null)) {
          checkButton.focus();
        }
      });
  }

  function onTextareaKeydown(event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (busy) {
        return;
      }
      if (typeof form.requestSubmit === 'function') {
        form.requestSubmit(checkButton);
      } else {
        checkButton.click();
      }
    }
  }

  // ---- Results --------------------------------------------------------------------------------

  function clearResults() {
    hideActiveTip();
    resultsEl.replaceChildren();
  }

  function renderResults(text, data) {
    var analysis = data.analysis && typeof data.analysis === 'object' ? data.analysis : {};
    var safety = analysis.safety && typeof analysis.safety === 'object' ? analysis.safety : {};
    var flagged = safety.flagged === true;
    var concern = !flagged && safety.level === 'concern';
    var english = typeof analysis.language !== 'string' || analysis.language === 'en';
    var isBlame = analysis.isBlame === true;
    var rewrites = asArray(data.rewrites);
    var questions = asArray(data.questions);
    var warnings = asArray(analysis.warnings).filter(function (w) { return typeof w === 'string' && w.trim(); });
    var note = asString(data.note).trim();

    var fragment = document.createDocumentFragment();

    if (flagged) {
      fragment.appendChild(renderSafety(safety, note));
    }

    if (warnings.length) {
      fragment.appendChild(renderWarnings(warnings));
    }

    if (concern) {
      fragment.appendChild(renderCheckIn(safety));
    }

    // "Kindly put" only when nothing worries the safety check and the message is in English.
    var unsure = analysis.unsure === true;
    if (!flagged && !concern && english && !isBlame && !unsure) {
      fragment.appendChild(renderKind(note));
    }

    if (!flagged && (!english || (!isBlame && (concern || unsure))) && note) {
      fragment.appendChild(renderNote(note));
    }

    // A flagged message gets a pointer to help, not coaching on its wording; a message in another language
    // gets no highlights, which the English models cannot be trusted to place.
    if (!flagged && english) {
      fragment.appendChild(renderMessage(text, analysis, isBlame));
    }

    if (!flagged && english && isBlame) {
      if (rewrites.length) {
        fragment.appendChild(renderRewrites(rewrites));
      } else {
        fragment.appendChild(renderNote(note || MESSAGES.noRewrites));
      }
    }

    if (questions.length) {
      fragment.appendChild(renderQuestions(questions));
    }

    var engineLine = renderEngine(data.engine);
    if (engineLine) {
      fragment.appendChild(engineLine);
    }

    clearResults();
    resultsEl.appendChild(fragment);
  }

  function renderSafety(safety, note) {
    var message = asString(safety.message).trim() || note || MESSAGES.safety;
    var heading = SAFETY_HEADINGS[safety.kind] || 'Let’s pause here';
    return el('section', { id: 'safety', className: 'notice notice-safety', role: 'alert' }, [
      el('h2', { className: 'notice-title', text: heading }),
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
    var box = el('div', { id: 'warnings', className: 'notice notice-warning' });
    if (warnings.length === 1) {
      box.appendChild(el('p', { text: warnings[0] }));
    } else {
      box.appendChild(el('ul', null, warnings.map(function (w) { return el('li', { text: w }); })));
    }
    return box;
  }

  function renderKind(note) {
    return el('section', { id: 'kind', className: 'notice notice-kind', 'aria-labelledby': 'kind-title' }, [
      el('h2', { id: 'kind-title', className: 'notice-title', text: 'Kindly put' }),
      el('p', { text: note || MESSAGES.kind })
    ]);
  }

  function renderNote(note) {
    return el('div', { id: 'note', className: 'notice notice-note' }, el('p', { text: note }));
  }

  /** Keeps only matches that lie inside the text and do not overlap, in order. */
  function usableMatches(text, matches) {
    var sorted = asArray(matches)
      .filter(function (m) {
        return m && Number.isInteger(m.offset) && Number.isInteger(m.length) &&
          m.offset >= 0 && m.length > 0 && m.offset + m.length <= text.length;
      })
      .slice()
      .sort(function (a, b) { return a.offset - b.offset; });
    var result = [];
    var end = 0;
    sorted.forEach(function (m) {
      if (m.offset >= end) {
        result.push(m);
        end = m.offset + m.length;
      }
    });
    return result;
  }

  function renderMessage(text, analysis, isBlame) {
    var matches = usableMatches(text, analysis.matches);
    var titleId = uniqueId('message-title');
    var card = el('section', { className: 'card message-card', 'aria-labelledby': titleId });

    var head = el('div', { className: 'card-head' }, el('h2', { id: titleId, text: 'Your message' }));
    if (isBlame) {
      head.appendChild(el('p', { className: 'verdict', text: 'May land as blame' }));
    }
    card.appendChild(head);

    if (matches.length) {
      var count = matches.length === 1 ? 'One word or phrase is' : matches.length + ' words or phrases are';
      card.appendChild(el('p', {
        className: 'hint',
        text: count + ' highlighted. Hover over or tab to each one to see how it might land.'
      }));
    }

    var highlighted = el('p', { id: 'highlighted', className: 'highlighted' });
    var tips = el('div', { className: 'tips' });
    var cursor = 0;

    matches.forEach(function (match) {
      if (match.offset > cursor) {
        highlighted.appendChild(document.createTextNode(text.slice(cursor, match.offset)));
      }
      var tipId = uniqueId('blame-tip');
      var mark = el('mark', {
        className: 'blame',
        tabindex: '0',
        'aria-describedby': tipId,
        'data-category': asString(match.category) || null
      }, text.slice(match.offset, match.offset + match.length));
      var tip = el('span', {
        id: tipId,
        role: 'tooltip',
        className: 'tip',
        hidden: true
      }, asString(match.message) || CATEGORY_LABELS[match.category] || 'This may land as blame.');

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

    var categories = asArray(analysis.categories).filter(function (c) { return typeof c === 'string' && c; });
    if (isBlame && categories.length) {
      card.appendChild(el('ul', { className: 'chips', 'aria-label': 'Kinds of blame found' },
        categories.map(function (c) {
          return el('li', { className: 'chip', text: CATEGORY_LABELS[c] || capitalise(c.replace(/_/g, ' ')) });
        })));
    }
    return card;
  }

  function styleRank(style) {
    var i = STYLE_ORDER.indexOf(style);
    return i === -1 ? STYLE_ORDER.length : i;
  }

  function renderRewrites(rewrites) {
    var section = el('section', { id: 'rewrites', className: 'section', 'aria-labelledby': 'rewrites-title' }, [
      el('h2', { id: 'rewrites-title', text: 'Gentler ways to say it' }),
      el('p', {
        className: 'section-intro',
        text: 'Each one keeps what you mean and says it as a feeling, a need and a request. Pick one, copy it and make it your own.'
      })
    ]);
    var grid = el('div', { className: 'rewrite-grid' });

    rewrites
      .filter(function (r) { return r && typeof r.text === 'string' && r.text.trim(); })
      .slice()
      .sort(function (a, b) { return styleRank(a.style) - styleRank(b.style); })
      .forEach(function (rewrite) {
        grid.appendChild(renderRewriteCard(rewrite));
      });

    section.appendChild(grid);
    return section;
  }

  function renderRewriteCard(rewrite) {
    var style = asString(rewrite.style);
    var label = STYLE_LABELS[style] || capitalise(style) || 'Suggestion';
    var headingId = uniqueId('rewrite-title');
    var card = el('article', { className: 'card rewrite-card', 'data-style': style, 'aria-labelledby': headingId });

    card.appendChild(el('h3', { id: headingId, className: 'rewrite-title', text: label }));
    if (STYLE_HINTS[style]) {
      card.appendChild(el('p', { className: 'rewrite-hint', text: STYLE_HINTS[style] }));
    }
    var textEl = el('p', { className: 'rewrite-text', text: rewrite.text });
    card.appendChild(textEl);

    var components = rewrite.components && typeof rewrite.components === 'object' ? rewrite.components : null;
    var rows = components ? COMPONENT_LABELS.filter(function (pair) {
      return typeof components[pair[0]] === 'string' && components[pair[0]].trim();
    }) : [];
    if (rows.length) {
      var list = el('dl', { className: 'components' });
      rows.forEach(function (pair) {
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

    var button = el('button', { type: 'button', className: 'btn btn-secondary copy', 'aria-describedby': headingId, text: 'Copy' });
    button.addEventListener('click', function () {
      copyRewrite(button, rewrite.text, label, textEl);
    });
    card.appendChild(el('div', { className: 'card-actions' }, button));
    return card;
  }

  // ---- Copy -----------------------------------------------------------------------------------

  function announce(region, message) {
    // Clearing first makes a repeated message (copying twice) announce again.
    region.textContent = '';
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function legacyCopy(text) {
    var helper = el('textarea', { className: 'clipboard-helper', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    helper.value = text;
    document.body.appendChild(helper);
    var ok = false;
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
    var selection = window.getSelection && window.getSelection();
    if (!selection) {
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyRewrite(button, text, label, textEl) {
    var attempt = navigator.clipboard && typeof navigator.clipboard.writeText === 'function'
      ? navigator.clipboard.writeText(text).then(function () { return true; }, function () { return legacyCopy(text); })
      : Promise.resolve(legacyCopy(text));

    attempt.then(function (ok) {
      if (document.activeElement === document.body) {
        button.focus();
      }
      if (!ok) {
        selectText(textEl);
        announce(copyStatus, MESSAGES.copyFailed);
        return;
      }
      button.textContent = 'Copied';
      button.classList.add('is-copied');
      announce(copyStatus, label + ' version copied to the clipboard.');
      window.clearTimeout(button.copyTimer);
      button.copyTimer = window.setTimeout(function () {
        button.textContent = 'Copy';
        button.classList.remove('is-copied');
      }, COPIED_RESET_MS);
    });
  }

  // ---- Tooltips -------------------------------------------------------------------------------

  /*
   * One tip shows at a time: the hovered mark's, else the focused mark's. A tip never takes pointer events,
   * so it cannot hide a mark beneath it; instead the pointer's position keeps it open while the pointer is
   * over the tip (so it can be read there) and it closes shortly after the pointer leaves both.
   */
  var tipState = { mark: null, tip: null, byHover: false, timer: 0, pending: false, pointer: null };

  function showTip(mark, tip, byHover) {
    cancelSettle();
    if (tipState.mark !== mark) {
      hideActiveTip();
      mark.classList.add('is-active');
      tipState.mark = mark;
      tipState.tip = tip;
    }
    tipState.byHover = !!byHover;
    tip.hidden = false;
  }

  function hideActiveTip() {
    cancelSettle();
    if (tipState.mark) {
      tipState.mark.classList.remove('is-active');
    }
    if (tipState.tip) {
      tipState.tip.hidden = true;
    }
    tipState.mark = null;
    tipState.tip = null;
    tipState.byHover = false;
  }

  function containsPoint(rects, point, slack) {
    for (var i = 0; i < rects.length; i++) {
      var r = rects[i];
      if (point.x >= r.left - slack && point.x <= r.right + slack && point.y >= r.top - slack && point.y <= r.bottom + slack) {
        return true;
      }
    }
    return false;
  }

  /** Whether the pointer is over the shown tip or its mark. */
  function pointerOverActive() {
    var point = tipState.pointer;
    if (!point || !tipState.tip || tipState.tip.hidden) {
      return false;
    }
    return containsPoint([tipState.tip.getBoundingClientRect()], point, 2) ||
      containsPoint(tipState.mark.getClientRects(), point, 2);
  }

  /** After the pointer leaves, keep showing the focused mark's tip if there is one. */
  function settleTips() {
    tipState.pending = false;
    if (tipState.byHover && pointerOverActive()) {
      return;
    }
    var focused = document.activeElement;
    if (focused && focused.matches && focused.matches('mark.blame') && focused.tipElement) {
      showTip(focused, focused.tipElement, false);
    } else {
      hideActiveTip();
    }
  }

  function scheduleSettle() {
    cancelSettle();
    tipState.pending = true;
    tipState.timer = window.setTimeout(settleTips, TOOLTIP_HIDE_DELAY_MS);
  }

  function cancelSettle() {
    window.clearTimeout(tipState.timer);
    tipState.pending = false;
  }

  function onPointerMove(event) {
    tipState.pointer = { x: event.clientX, y: event.clientY };
    if (!tipState.tip || !tipState.byHover) {
      return;
    }
    if (pointerOverActive()) {
      cancelSettle();
    } else if (!tipState.pending) {
      scheduleSettle();
    }
  }

  function wireTooltip(mark, tip) {
    mark.tipElement = tip;
    mark.addEventListener('mouseenter', function (event) {
      tipState.pointer = { x: event.clientX, y: event.clientY };
      showTip(mark, tip, true);
    });
    mark.addEventListener('mouseleave', scheduleSettle);
    mark.addEventListener('focus', function () {
      // Focus shows this mark's tip unless the pointer is reading another one.
      if (!(tipState.byHover && tipState.mark !== mark && pointerOverActive())) {
        showTip(mark, tip, false);
      }
    });
    mark.addEventListener('blur', function () {
      if (tipState.mark === mark && !(tipState.byHover && pointerOverActive())) {
        hideActiveTip();
      }
    });
  }

  // ---- Questions and articles -----------------------------------------------------------------

  function renderQuestions(questions) {
    var section = el('section', { id: 'questions', className: 'section', 'aria-labelledby': 'questions-title' }, [
      el('h2', { id: 'questions-title', text: 'Questions to reflect on' }),
      el('p', {
        className: 'section-intro',
        text: 'Each question comes from a coaching article. Open the source to read the section it draws on.'
      })
    ]);
    var list = el('ol', { className: 'question-list' });

    questions.forEach(function (question) {
      if (!question || typeof question.text !== 'string' || !question.text.trim()) {
        return;
      }
      var item = el('li', { className: 'card question' }, el('p', { className: 'question-text', text: question.text }));
      var citation = question.citation && typeof question.citation === 'object' ? question.citation : null;
      var articleId = citation ? asString(citation.articleId) : '';
      if (articleId) {
        var title = asString(citation.articleTitle) || 'Coaching article';
        var heading = asString(citation.sectionHeading);
        var link = el('a', {
          className: 'citation',
          href: '/v1/articles/' + encodeURIComponent(articleId),
          'data-article-id': articleId,
          'data-section-id': asString(citation.sectionId) || null
        }, 'From: ' + title + (heading ? ' — ' + heading : ''));
        link.addEventListener('click', onCitationClick);
        item.appendChild(el('p', { className: 'citation-line' }, link));
        var excerpt = asString(citation.excerpt).trim();
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
    var parts = [];
    if (typeof engine.rewrite === 'string' && engine.rewrite && engine.rewrite !== 'none') {
      parts.push('rewrites: ' + engine.rewrite);
    }
    if (typeof engine.questions === 'string' && engine.questions && engine.questions !== 'none') {
      parts.push('questions: ' + engine.questions);
    }
    return parts.length ? el('p', { className: 'engine', text: 'Engine — ' + parts.join(' · ') }) : null;
  }

  var articleCache = new Map();
  var articleRequest = 0;
  var articleOpener = null;

  function onCitationClick(event) {
    // Let a modified click open the link as the browser would.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    var link = event.currentTarget;
    openArticle(link.getAttribute('data-article-id'), link.getAttribute('data-section-id'), link);
  }

  function openArticle(articleId, sectionId, opener) {
    var request = ++articleRequest;
    articleOpener = opener || null;

    articlePanel.hidden = false;
    layoutEl.classList.add('has-article');
    articleError.hidden = true;
    articleError.textContent = '';

    if (articleCache.has(articleId)) {
      showArticle(articleCache.get(articleId), sectionId);
      return;
    }

    articleBody.replaceChildren();
    articleTitle.textContent = 'Coaching article';
    articleStatus.textContent = MESSAGES.articleLoading;
    articlePanel.setAttribute('aria-busy', 'true');
    focusWithin(articleTitle);

    requestJson('/v1/articles/' + encodeURIComponent(articleId))
      .then(function (article) {
        if (request !== articleRequest) {
          return;
        }
        articleCache.set(articleId, article);
        showArticle(article, sectionId);
      })
      .catch(function (err) {
        if (request !== articleRequest) {
          return;
        }
        articleStatus.textContent = '';
        articleTitle.textContent = 'Article unavailable';
        articleError.hidden = false;
        // A network problem is explained as such; an HTTP error's detail is written for developers here.
        articleError.textContent = err instanceof FriendlyError && !err.status ? err.message : MESSAGES.articleFailed;
        focusWithin(articleTitle);
      })
      .finally(function () {
        if (request === articleRequest) {
          articlePanel.removeAttribute('aria-busy');
        }
      });
  }

  function showArticle(article, sectionId) {
    articleStatus.textContent = '';
    articlePanel.removeAttribute('aria-busy');
    articleTitle.textContent = asString(article.title) || 'Coaching article';

    var fragment = document.createDocumentFragment();
    var target = null;

    var summary = asString(article.summary).trim();
    if (summary) {
      fragment.appendChild(el('p', { className: 'article-summary', text: summary }));
    }
    var introduction = asString(article.introduction).trim();
    if (introduction) {
      fragment.appendChild(el('p', { className: 'article-intro', text: introduction }));
    }

    asArray(article.sections).forEach(function (section) {
      if (!section || typeof section !== 'object') {
        return;
      }
      var id = asString(section.id);
      var cited = !!sectionId && id === sectionId;
      var block = el('section', { className: cited ? 'article-section is-cited' : 'article-section' });
      var heading = el('h3', { id: id || null, tabindex: '-1', text: asString(section.heading) });
      block.appendChild(heading);
      if (id) {
        block.setAttribute('aria-labelledby', id);
      }
      if (cited) {
        heading.appendChild(el('span', { className: 'cited-badge', text: 'Cited' }));
        target = heading;
      }
      asArray(section.paragraphs).forEach(function (paragraph) {
        if (typeof paragraph === 'string' && paragraph.trim()) {
          block.appendChild(el('p', { text: paragraph }));
        }
      });
      // A few examples are enough to recognise a section; the rest are there for the search.
      var soundsLike = asArray(section.soundsLike).filter(function (line) { return typeof line === 'string' && line.trim(); }).slice(0, SOUNDS_LIKE_SHOWN);
      if (soundsLike.length) {
        block.appendChild(el('div', { className: 'sounds-like' }, [
          el('h4', { text: 'Sounds like' }),
          el('ul', null, soundsLike.map(function (line) { return el('li', { text: line }); }))
        ]));
      }
      var reflect = asArray(section.questions).filter(function (q) { return typeof q === 'string' && q.trim(); });
      if (reflect.length) {
        block.appendChild(el('div', { className: 'reflect' }, [
          el('h4', { text: 'Reflect' }),
          el('ul', null, reflect.map(function (q) { return el('li', { text: q }); }))
        ]));
      }
      fragment.appendChild(block);
    });

    articleBody.replaceChildren(fragment);
    focusWithin(target || articleTitle);
  }

  /** Scrolls an element into view and moves keyboard focus to it. */
  function focusWithin(node) {
    var behavior = prefersReducedMotion() ? 'auto' : 'smooth';
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: 'start', behavior: behavior });
  }

  function closeArticle() {
    articleRequest += 1;
    articlePanel.hidden = true;
    articlePanel.removeAttribute('aria-busy');
    layoutEl.classList.remove('has-article');
    articleBody.replaceChildren();
    articleTitle.textContent = '';
    articleStatus.textContent = '';
    articleError.hidden = true;
    articleError.textContent = '';

    var opener = articleOpener;
    articleOpener = null;
    if (opener && opener.isConnected) {
      opener.focus();
    } else {
      textarea.focus();
    }
  }

  // ---- Wiring ---------------------------------------------------------------------------------

  form.addEventListener('submit', onSubmit);
  textarea.addEventListener('keydown', onTextareaKeydown);
  textarea.addEventListener('input', updateCount);
  articleClose.addEventListener('click', closeArticle);

  articlePanel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !articlePanel.hidden) {
      event.preventDefault();
      closeArticle();
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && tipState.tip) {
      hideActiveTip();
    }
  });
  document.addEventListener('mousemove', onPointerMove, { passive: true });

  updateCount();
  if (document.activeElement !== textarea) {
    textarea.focus();
  }
})();
