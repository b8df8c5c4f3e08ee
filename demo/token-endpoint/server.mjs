#!/usr/bin/env node
// @ts-check
/**
 * The reference token endpoint as a standalone server: `node demo/token-endpoint/server.mjs`, configured by
 * environment variables (see config.mjs and README.md). It speaks plain HTTP: put it behind the site's
 * TLS-terminating reverse proxy, on the same site as the pages (the session cookie is `SameSite=Lax`).
 */
import { createServer } from 'node:http';
import { ConfigError, readConfig } from './config.mjs';
import { createTokenEndpoint } from './token-endpoint.mjs';

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const endpoint = createTokenEndpoint(config, { log: (line) => console.log(`[spaces-token] ${line}`) });
const server = createServer((req, res) => {
  if (endpoint.handle(req, res)) return;
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const { signIn, callback, token, signOut } = endpoint.routes;
  console.log(`[spaces-token] listening on http://${config.host}:${port}: GET ${signIn}, GET ${callback}, GET ${token}, POST ${signOut}`);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
