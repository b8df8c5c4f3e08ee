// @ts-check
/** The endpoint's answers as Fetch API Responses: JSON, and small HTML pages with no script or external resource. */
import { createHash } from 'node:crypto';

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}h1{font-size:1.4rem}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** What every answer carries. */
const COMMON = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

/** @typedef {Record<string, string | string[]>} HeaderMap  a `string[]` for a header sent several times (Set-Cookie) */

/** @param {HeaderMap} headers */
function toHeaders(headers) {
  const result = new Headers(COMMON);
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const one of value) result.append(name, one);
    else result.set(name, value);
  }
  return result;
}

/**
 * @param {number} status
 * @param {unknown} body
 * @param {HeaderMap} [headers]
 * @returns {Response}
 */
export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: toHeaders({ 'content-type': 'application/json; charset=utf-8', ...headers }) });
}

/**
 * @param {number} status
 * @param {HeaderMap} [headers]
 * @returns {Response}
 */
export const empty = (status, headers = {}) => new Response(null, { status, headers: toHeaders(headers) });

/**
 * A small page, under a CSP that allows nothing but its own style.
 * @param {number} status
 * @param {string} title
 * @param {string} text
 * @param {{ headers?: HeaderMap, signInLink?: string }} [options]  signInLink: offers "Sign in again"
 * @returns {Response}
 */
export function page(status, title, text, { headers = {}, signInLink } = {}) {
  const link = signInLink ? `<p><a href="${escapeHtml(signInLink)}">Sign in again</a></p>` : '';
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(text)}</p>${link}</body></html>`;
  return new Response(html, {
    status,
    headers: toHeaders({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
      ...headers,
    }),
  });
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
