/** Defaults of the Spaces calling API: its origins, deadlines and limits, for the call code (the element needs none of them). */

/** The Spaces API origins named by the `environment` attribute. */
export const ENVIRONMENTS: Record<string, string> = {
  production: 'https://spacesapis.avayacloud.com',
  staging: 'https://loganstagingapis.esna.com',
};

/** Milliseconds before a call request is given up. */
export const DEFAULT_TIMEOUT = 15_000;

/** How many calls a page places at the same time (`max-concurrent-calls`; 0 for no limit). */
export const DEFAULT_MAX_CONCURRENT_CALLS = 1;

/** The Spaces real-time channels (Socket.IO v2, namespace `/chat`) of each environment. */
export const SOCKET_URLS: Record<string, string> = {
  production: 'wss://spacesapis-socket.avayacloud.com/chat',
  staging: 'wss://loganstagingapis-socket.esna.com/chat',
};

/** Milliseconds a live call may go unanswered before the button stops following it. */
export const DEFAULT_ANSWER_TIMEOUT = 60_000;

/** An https origin, or any origin on this computer (for a local proxy or the mock API). `wss:`/`ws:` alike. */
export function isSecureOrigin(url: URL): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  if (url.protocol !== 'http:' && url.protocol !== 'ws:') return false;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}
