// @ts-check
/**
 * A plain static file server for the built files and test pages: no bundler, no transforms.
 * `%API_BASE%` in an HTML page is replaced by the API origin, as a CRM template would fill it in.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.css': 'text/css' };

/**
 * @param {string} root  the folder served at `/`
 * @param {{ apiBase?: string, headers?: Record<string, string>, hold?: (path: string) => Promise<void> | undefined }} [options]
 *   hold: what a response waits for, by path (none when it returns undefined)
 * @returns {Promise<{ origin: string, close: () => Promise<void>, requests: string[] }>}
 */
export async function serveStatic(root, { apiBase = '', headers = {}, hold = () => undefined } = {}) {
  /** @type {string[]} */
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    await hold(path);
    try {
      const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream';
      let body = await readFile(file);
      if (type.startsWith('text/html')) body = Buffer.from(body.toString('utf8').replaceAll('%API_BASE%', apiBase));
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return listen(server, '127.0.0.1', requests);
}

/**
 * @param {import('node:http').Server} server
 * @param {string} host
 * @param {string[]} [requests]
 */
export async function listen(server, host, requests = []) {
  await new Promise((resolve) => server.listen(0, host, () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://${host}:${address.port}`,
    requests,
    /** @returns {Promise<void>} */
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
