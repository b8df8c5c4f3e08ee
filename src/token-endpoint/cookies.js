// @ts-check
/**
 * The endpoint's cookies: reading the `Cookie` header, writing `Set-Cookie`, and sealing a sign-in under way into
 * its own cookie (AES-256-GCM, keyed from the client secret), so that sign-ins keep nothing on the server and no
 * number of them can push a session out of the store.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * @param {string | null | undefined} header  the request's `Cookie` header
 * @returns {Map<string, string>}
 */
export function parseCookies(header) {
  /** @type {Map<string, string>} */
  const cookies = new Map();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    // The first of two cookies of one name is the one with the longest path.
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

/**
 * How the endpoint's cookies are written. Over https every cookie is `__Host-` prefixed (`Secure`, `Path=/`, no
 * `Domain`): no sibling subdomain and no one on plain http can plant or overwrite it. On plain-http loopback (a dev
 * server), where browsers refuse that prefix, the names are bare and the path may be narrower.
 * @typedef {{ secure: boolean, path: string }} CookieScope
 */

/**
 * @param {CookieScope} scope
 * @param {string} name  the cookie's name without the prefix
 */
export const cookieName = (scope, name) => (scope.secure ? `__Host-${name}` : name);

/**
 * @param {CookieScope} scope
 * @param {string} name  without the prefix
 * @param {string} value
 * @param {number} maxAgeS  0 clears it
 */
export function setCookie(scope, name, value, maxAgeS) {
  const path = scope.secure ? '/' : scope.path;
  return `${cookieName(scope, name)}=${value}; Path=${path}; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${scope.secure ? '; Secure' : ''}`;
}

/**
 * Seals and opens small JSON values with a key derived from `secret`; the cookie's name is bound in, so a value
 * sealed for one cookie cannot be replayed in another.
 * @param {string} secret
 */
export function createSealer(secret) {
  const key = Buffer.from(hkdfSync('sha256', secret, 'spaces-call-button', 'sign-in cookie', 32));
  return {
    /** @param {string} name @param {unknown} value */
    seal(name, value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(name));
      const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    /**
     * The value, or undefined when the text was not sealed by this key for this name.
     * @param {string} name
     * @param {string | undefined} text
     * @returns {unknown}
     */
    open(name, text) {
      if (!text || text.length > 4096) return undefined;
      try {
        const bytes = Buffer.from(text, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12)).setAAD(Buffer.from(name));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'));
      } catch {
        return undefined;
      }
    },
  };
}
