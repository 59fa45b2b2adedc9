/*
 * Talking to the service: same origin, JSON only. Every failure becomes a FriendlyError whose message is safe and
 * kind enough to show as is (a problem's detail, or one of the sentences below).
 */

const REQUEST_TIMEOUT_MS = 30000;

export const TRANSPORT_MESSAGES = {
  network: 'We couldn’t reach the coach just now. Check your connection and try again.',
  timeout: 'This is taking longer than it should. Please try again in a moment.',
  generic: 'Something went wrong on our side. Please try again.',
  unreadable: 'The reply from the coach could not be read. Please try again.',
  busy: 'There have been a lot of checks in a short time. Please wait a moment and try again.'
};

/** An error whose message is safe and kind enough to show as is; status is the HTTP status, 0 when none came. */
export class FriendlyError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'FriendlyError';
    this.status = status || 0;
  }
}

/** The sentence to show for a failed response: the problem's detail, or a short generic sentence. */
function problemMessage(data, status) {
  if (data && typeof data === 'object' && typeof data.detail === 'string' && data.detail.trim()) {
    return data.detail.trim();
  }
  return status === 429 ? TRANSPORT_MESSAGES.busy : TRANSPORT_MESSAGES.generic;
}

/** Fetches JSON from this origin. Resolves with the parsed body, or rejects with a FriendlyError. */
async function requestJson(url, init) {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const options = {
    method: (init && init.method) || 'GET',
    headers: Object.assign({ Accept: 'application/json, application/problem+json' }, (init && init.headers) || {}),
    credentials: 'same-origin',
    cache: 'no-store',
    signal: controller.signal
  };
  if (init && init.body !== undefined) {
    options.body = init.body;
  }

  try {
    const response = await fetch(url, options);
    const raw = await response.text();
    let data = null;
    try {
      data = raw ? JSON.parse(raw) : null;
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      throw new FriendlyError(problemMessage(data, response.status), response.status);
    }
    if (!data || typeof data !== 'object') {
      throw new FriendlyError(TRANSPORT_MESSAGES.unreadable);
    }
    return data;
  } catch (err) {
    if (err instanceof FriendlyError) {
      throw err;
    }
    throw new FriendlyError(err && err.name === 'AbortError' ? TRANSPORT_MESSAGES.timeout : TRANSPORT_MESSAGES.network);
  } finally {
    window.clearTimeout(timer);
  }
}

/** GET /v1/meta: the service's limits and the labels for the ids in its answers. */
export function getMeta() {
  return requestJson('/v1/meta');
}

/** POST /v1/rewrite with questions. */
export function rewrite(text) {
  return requestJson('/v1/rewrite', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: text, includeQuestions: true })
  });
}

/** GET /v1/articles/{id}. */
export function getArticle(articleId) {
  return requestJson('/v1/articles/' + encodeURIComponent(articleId));
}

/** The page's own address for an article (a plain link works without the script). */
export function articleHref(articleId) {
  return '/v1/articles/' + encodeURIComponent(articleId);
}
