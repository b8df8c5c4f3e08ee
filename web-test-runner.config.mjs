// @ts-check
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createMockSpacesApi } from './demo/mock-spaces-api.js';
import { mountTokenEndpointOnMock } from './demo/token-endpoint/mock-mount.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './test/support/chromium.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { createHostileApi } from './test/support/hostile-api.mjs';

/**
 * The tests' mock API: same origin as the test pages, each test under its own `/mock/<session>/`; its real-time
 * channel (one per server: tests use distinct tokens) with fast scenarios; its Avaya Cloud Identity (`/oauth2/*`,
 * 90 s access tokens, any loopback redirect URI) with the reference token endpoint signed in against it at
 * `/spaces/*` and, one per session, `/mock/<session>/spaces/*` (see demo/token-endpoint/mock-mount.mjs).
 */
const mockApi = createMockSpacesApi({
  slowMs: 5_000,
  realtime: { answerMs: 300, talkMs: 600, notAnsweredMs: 600, shortTalkMs: 300, dropMs: 100 },
  accounts: { accessTokenLifetimeS: 90, allowLoopbackRedirectUris: true },
});
const tokenEndpoints = mountTokenEndpointOnMock(mockApi.accounts);
/** The hardening tests' badly behaved API, under `/hostile/<session>/<case>/` (see test/support/hostile-api.mjs). */
const hostileApi = createHostileApi();

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    {
      name: 'mock-spaces-realtime',
      serverStart({ server }) {
        if (server) mockApi.attach(server);
      },
    },
  ],
  middleware: [
    (ctx, next) => {
      if (!mockApi.handle(ctx.req, ctx.res) && !tokenEndpoints.handle(ctx.req, ctx.res)) return next();
      ctx.respond = false;
      // Koa starts at 404 and the runner reports that before the mock answers; the mock sets its own status.
      if (!ctx.res.headersSent) ctx.res.statusCode = 200;
    },
    (ctx, next) => {
      if (!hostileApi.handle(ctx.req, ctx.res)) return next();
      ctx.respond = false;
      if (!ctx.res.headersSent) ctx.res.statusCode = 200;
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  // Generous: a bound on a hung test, not a speed check. On a machine whose cores are all busy, axe over a page of
  // buttons took over 10 s once (npm run test:stress); speed is measured by npm run bench, never here.
  testFramework: { config: { timeout: 60_000 } },
  testsFinishTimeout: 600_000,
  reporters: [defaultReporter(), countReporter()],
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
};
