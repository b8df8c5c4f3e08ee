// @ts-check
/**
 * The token endpoint's configuration: read from environment variables, with a start-up error that names every
 * missing or wrong variable, and the same from the standalone server.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ACCOUNTS_URLS, ConfigError, readConfig } from '../../src/token-endpoint/config.js';
import { startRedisServer } from '../support/redis-server.mjs';
import { createTokenEndpoint } from '../../src/token-endpoint/token-endpoint.js';

const COMPLETE = Object.freeze({
  SPACES_CLIENT_ID: 'crm-client',
  SPACES_CLIENT_SECRET: 'crm-secret',
  SPACES_REDIRECT_URI: 'https://crm.example.com/spaces/callback',
  SPACES_ENVIRONMENT: 'production',
});

/** @param {Record<string, string | undefined>} env */
function problemsOf(env) {
  try {
    readConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${error}`);
    return error;
  }
  assert.fail('readConfig accepted it');
}

describe('configuration from the environment', () => {
  it('needs the client id, secret, redirect URI and environment, and names each one missing', () => {
    const error = problemsOf({});
    assert.deepEqual(error.missing, ['SPACES_CLIENT_ID', 'SPACES_CLIENT_SECRET', 'SPACES_REDIRECT_URI', 'SPACES_ENVIRONMENT']);
    for (const name of error.missing) assert.match(error.message, new RegExp(`${name} is not set`));
    assert.match(error.message, /production \(https:\/\/accounts\.avayacloud\.com\) or staging \(https:\/\/onesnastaging\.esna\.com\)/);
  });

  for (const name of ['SPACES_CLIENT_ID', 'SPACES_CLIENT_SECRET', 'SPACES_REDIRECT_URI', 'SPACES_ENVIRONMENT']) {
    it(`names ${name} alone when only it is missing (or blank)`, () => {
      for (const value of [undefined, '  ']) {
        const error = problemsOf({ ...COMPLETE, [name]: value });
        assert.deepEqual(error.missing, [name]);
        assert.equal(error.problems.length, 1);
        assert.match(error.message, new RegExp(`^The Spaces token endpoint cannot start:\\n  - ${name} is not set`));
      }
    });
  }

  it('takes SPACES_ACCOUNTS_URL instead of SPACES_ENVIRONMENT', () => {
    const config = readConfig({ ...COMPLETE, SPACES_ENVIRONMENT: undefined, SPACES_ACCOUNTS_URL: 'https://accounts.example.net' });
    assert.equal(config.accountsUrl, 'https://accounts.example.net');
  });

  it('knows the production and staging accounts hosts', () => {
    assert.equal(ACCOUNTS_URLS.production, 'https://accounts.avayacloud.com');
    assert.equal(ACCOUNTS_URLS.staging, 'https://onesnastaging.esna.com');
    assert.equal(readConfig({ ...COMPLETE, SPACES_ENVIRONMENT: 'staging' }).environment, 'staging');
    assert.match(problemsOf({ ...COMPLETE, SPACES_ENVIRONMENT: 'prod' }).message, /SPACES_ENVIRONMENT is “prod”: it must be production or staging/);
  });

  it('fills in the defaults: cookie spaces_session, scope "email profile spaces", port 3000', () => {
    const config = readConfig(COMPLETE);
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual(config.allowedOrigins, []);
    const endpoint = createTokenEndpoint(config);
    assert.deepEqual(endpoint.routes, {
      signIn: '/spaces/sign-in',
      callback: '/spaces/callback',
      signedIn: '/spaces/signed-in',
      token: '/spaces/token',
      signOut: '/spaces/sign-out',
    });
  });

  it('reads the optional ones', () => {
    const config = readConfig({
      ...COMPLETE,
      SPACES_ALLOWED_ORIGINS: ' https://crm.example.com, https://sales.example.com ',
      SPACES_COOKIE_NAME: 'crm_spaces',
      SPACES_SCOPE: 'spaces',
      PORT: '8080',
    });
    assert.deepEqual(config.allowedOrigins, ['https://crm.example.com', 'https://sales.example.com']);
    assert.equal(config.cookieName, 'crm_spaces');
    assert.equal(config.scope, 'spaces');
    assert.equal(config.port, 8080);
  });

  it('refuses * and non-origins in SPACES_ALLOWED_ORIGINS: credentials are never shared with any origin', () => {
    assert.match(problemsOf({ ...COMPLETE, SPACES_ALLOWED_ORIGINS: '*' }).message, /SPACES_ALLOWED_ORIGINS cannot be \*/);
    assert.match(problemsOf({ ...COMPLETE, SPACES_ALLOWED_ORIGINS: 'https://crm.example.com/app' }).message, /is not an origin/);
    assert.match(problemsOf({ ...COMPLETE, SPACES_ALLOWED_ORIGINS: 'http://crm.example.com' }).message, /is not an origin/);
    assert.throws(() => createTokenEndpoint({ ...readConfig(COMPLETE), allowedOrigins: ['*'] }), /allowedOrigins cannot be \*/);
  });

  it('wants https: redirect and accounts URLs, http: only on loopback', () => {
    assert.match(problemsOf({ ...COMPLETE, SPACES_REDIRECT_URI: 'http://crm.example.com/spaces/callback' }).message, /SPACES_REDIRECT_URI must be an absolute https: URL/);
    assert.match(problemsOf({ ...COMPLETE, SPACES_REDIRECT_URI: '/spaces/callback' }).message, /SPACES_REDIRECT_URI must be an absolute/);
    assert.match(problemsOf({ ...COMPLETE, SPACES_ACCOUNTS_URL: 'http://accounts.example.net' }).message, /SPACES_ACCOUNTS_URL must be an https: URL/);
    assert.equal(readConfig({ ...COMPLETE, SPACES_REDIRECT_URI: 'http://localhost:3000/spaces/callback' }).redirectUri, 'http://localhost:3000/spaces/callback');
  });

  it('refuses a cookie name no cookie can have', () => {
    assert.match(problemsOf({ ...COMPLETE, SPACES_COOKIE_NAME: 'a b;c' }).message, /cookieName has characters/);
  });

  it('the standalone server prints every missing variable and exits with 1', async () => {
    const server = fileURLToPath(new URL('../../src/token-endpoint/bin.js', import.meta.url));
    const child = spawn(process.execPath, [server], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 1);
    for (const name of ['SPACES_CLIENT_ID', 'SPACES_CLIENT_SECRET', 'SPACES_REDIRECT_URI', 'SPACES_ENVIRONMENT']) assert.match(stderr, new RegExp(name));
  });

  it('the standalone server starts with a complete environment and serves the routes', async () => {
    const server = fileURLToPath(new URL('../../src/token-endpoint/bin.js', import.meta.url));
    const child = spawn(process.execPath, [server], {
      env: { PATH: process.env.PATH ?? '', ...COMPLETE, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('\n')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const port = /127\.0\.0\.1:(\d+)/.exec(String(line))?.[1];
      const answer = await fetch(`http://127.0.0.1:${port}/spaces/token`);
      assert.equal(answer.status, 401);
      assert.deepEqual(await answer.json(), { error: 'signed_out', sign_in_url: 'https://crm.example.com/spaces/sign-in' });
      assert.equal((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status, 404);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('the standalone server keeps its sessions in Redis with SPACES_REDIS_URL, and says so when Redis cannot be reached', async () => {
    const redis = await startRedisServer();
    const bin = fileURLToPath(new URL('../../src/token-endpoint/bin.js', import.meta.url));
    /** @param {string} url */
    const start = (url) => spawn(process.execPath, [bin], { env: { PATH: process.env.PATH ?? '', ...COMPLETE, PORT: '0', SPACES_REDIS_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
    const withRedis = start(redis.url);
    try {
      const out = await new Promise((resolve, reject) => {
        let text = '';
        withRedis.stdout.on('data', (chunk) => (text += chunk) && text.includes('listening') && resolve(text));
        withRedis.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      assert.match(String(out), /sessions in Redis/);
    } finally {
      withRedis.kill('SIGTERM');
      await redis.stop();
    }
    const unreachable = start(redis.url); // stopped now
    let stderr = '';
    unreachable.stderr.on('data', (chunk) => (stderr += chunk));
    assert.equal(await new Promise((resolve) => unreachable.on('exit', resolve)), 1);
    assert.match(stderr, /Cannot connect to the Redis server of SPACES_REDIS_URL/);
  });

  it('refuses a SPACES_REDIS_URL that is not a redis:// URL', () => {
    assert.match(problemsOf({ ...COMPLETE, SPACES_REDIS_URL: 'http://cache.example.com' }).message, /SPACES_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
  });
});
