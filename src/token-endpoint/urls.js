// @ts-check
/** URL checks shared by the endpoint and its configuration. */

/**
 * The path (with query and fragment) of `value` when it stays on this origin, as a browser would follow it
 * after normalizing it; '' for none, undefined when refused. `/.//evil.example`, `/%2e//x` and `/a/..//x` all
 * normalize to a path that starts with `//`, which a browser reads as another host: refused.
 * @param {string} value
 */
export function sameOriginPath(value) {
  if (!value.startsWith('/') || value.startsWith('//') || /[\u0000-\u001f\\]/.test(value)) return undefined;
  const base = 'http://same.invalid';
  let url;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === base && !path.startsWith('//') ? path : undefined;
}

/** @param {string} hostname  as URL parses it (IPv6 in brackets) */
export function isLoopbackHost(hostname) {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** An `https:` URL, or an `http:` one on this computer. @param {string} value */
export function isSecureOrLoopbackUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

/** @param {string} value */
export const isAbsolute = (value) => /^https?:\/\//i.test(value);
