// @ts-check
/**
 * The built files on plain HTML pages, as a CRM page would load them: a static server with no
 * bundler and no transforms, and the mock Spaces API on another origin, so CORS preflight happens.
 * Run after `npm run build` (npm test does both).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startMockApiAndBrowser, callFrom } from '../support/browser-harness.mjs';
import { startLiveMock } from '../support/live-mock-server.mjs';
import { listen, serveStatic } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {() => Promise<void>} */
let close;
/** @type {Awaited<ReturnType<typeof listen>>} */
let api;
let session = 0;

before(async () => {
  ({ api, browser, close } = await startMockApiAndBrowser());
});
after(async () => {
  await close?.();
});

/**
 * Opens a test page with its own mock session; collects page errors and CORS preflights.
 * @param {string} name
 */
async function open(name) {
  const apiBase = `${api.origin}/mock/built-${++session}`;
  const site = await serveStatic(root, { apiBase });
  const page = await browser.newPage();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const loaded = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await page.goto(`${site.origin}/test/bundle/pages/${name}`);
  await page.waitForFunction(() => customElements.get('spaces-call-button'));
  const requests = async () => (await (await fetch(`${apiBase}/__log`)).json());
  const done = async () => {
    await page.close();
    await site.close();
  };
  return { page, errors, loaded, requests, done };
}


for (const [file, page] of [
  ['spaces-call-button.js (ES module)', 'module.html'],
  ['spaces-call-button.iife.js (classic script)', 'classic.html'],
]) {
  describe(file, () => {
    it('places a call across origins, and the page receives start and success', async () => {
      const t = await open(page);
      assert.equal(await callFrom(t.page.locator('#london')), 'calling');

      const received = await t.page.evaluate(() => /** @type {any} */ (window).received);
      assert.deepEqual(
        received.map((/** @type {any} */ e) => [e.type, e.target, e.detail.number]),
        [
          ['spaces-call-start', 'london', '+442079460958'],
          ['spaces-call-success', 'london', '+442079460958'],
        ],
      );
      const [request] = await t.requests();
      assert.equal(request.callees[0].address, '+442079460958');
      assert.match(request.token, /^(page|classic)-token$/);
      assert.deepEqual(t.errors, []);
      await t.done();
    });

    it('carries the source stylesheet, compacted at build, with the same rules as Chromium reads them', async () => {
      const source = readFileSync(`${root}src/element/spaces-call-button.styles.ts`, 'utf8');
      const sourceCss = source.slice(source.indexOf('css`') + 4, source.lastIndexOf('`'));
      const t = await open(page);
      const { built, rules } = await t.page.evaluate((text) => {
        const readRules = (/** @type {string} */ css) => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          // Values with var() keep their text as written; the only differences compaction may leave there are the
          // spaces after a comma and around calc()'s `*`, and a number's leading zero, which do not change what they
          // mean. Everything else is as Chromium parsed it.
          return [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s*([,*])\s*/g, '$1').replace(/([^\w.])0\.(\d)/g, '$1.$2'));
        };
        const element = /** @type {any} */ (customElements.get('spaces-call-button'));
        const builtCss = element.elementStyles.map((/** @type {{ cssText: string }} */ style) => style.cssText).join('');
        return { built: builtCss, rules: { built: readRules(builtCss), source: readRules(text) } };
      }, sourceCss);
      assert.ok(!/\n|  /.test(built) && built.length < sourceCss.length, `compacted: ${built.length} characters built, ${sourceCss.length} in the source`);
      assert.ok(rules.source.length > 20, 'the source stylesheet was read');
      assert.deepEqual(rules.built, rules.source);
      await t.done();
    });

    it('loads phone data for another country when a number needs it', async () => {
      const t = await open(page);
      assert.equal(await callFrom(t.page.locator('#tokyo')), 'calling');
      assert.ok(t.loaded.includes('/dist/phone-metadata/81.js'), 'the +81 metadata chunk was loaded');
      assert.ok(!t.loaded.includes('/dist/phone-metadata/1.js'), 'no chunk for a country the page does not use');
      assert.equal(await t.page.locator('#invalid').evaluate((el) => /** @type {any} */ (el).status), 'invalid');
      assert.deepEqual(t.errors, []);
      await t.done();
    });
  });
}

describe('spaces-call-button.js on a page without buttons in its HTML', () => {
  it('loads the phone code and the default country\'s metadata once idle, so a list added later needs nothing more', async () => {
    const t = await open('idle.html');
    const distFiles = () => t.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.startsWith('/dist/')));
    await t.page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/dist/phone-metadata/GB.js')));
    const before = await distFiles();
    assert.ok(before.some((path) => path === '/dist/phone.js'), `the phone chunk was loaded: ${before.join(', ')}`);
    assert.ok(!before.some((path) => path.includes('call-controller')), 'not the code a call needs, which waits for a click');

    const shown = await t.page.evaluate(async () => {
      document.body.innerHTML = '<spaces-call-button number="+44 20 7946 0958"></spaces-call-button><spaces-call-button number="0161 496 0000"></spaces-call-button>';
      const buttons = /** @type {any[]} */ ([...document.querySelectorAll('spaces-call-button')]);
      await Promise.all(buttons.map((button) => button.updateComplete));
      return buttons.map((button) => [button.e164, button.shadowRoot.querySelector('[part=number]').textContent]);
    });
    assert.deepEqual(shown, [
      ['+442079460958', '020 7946 0958'],
      ['+441614960000', '0161 496 0000'],
    ]);
    assert.deepEqual(await distFiles(), before, 'no file more was loaded for the list');
    assert.deepEqual(t.errors, []);
    await t.done();
  });
});

describe('both files on one page, one of them twice', () => {
  it('define the element once, without errors, and work', async () => {
    const t = await open('both.html');
    assert.equal(await callFrom(t.page.locator('#london')), 'calling');
    assert.equal((await t.requests()).length, 1);
    assert.deepEqual(t.errors, []);
    await t.done();
  });
});

describe('pages we do not control', () => {
  it('global resets leave the button looking exactly as on a plain page', async () => {
    const plain = await open('plain.html');
    const reference = await plain.page.locator('#london').screenshot();
    const reset = await open('resets.html');
    const shot = await reset.page.locator('#london').screenshot();

    assert.ok(reference.equals(shot), 'the button renders pixel for pixel the same under the resets');
    assert.equal(await callFrom(reset.page.locator('#london')), 'calling');
    await plain.done();
    await reset.done();
  });

  it('zeroed fonts leave it legible, inside another shadow root and in an iframe too', async () => {
    const t = await open('hostile.html');
    const metrics = (/** @type {import('playwright-core').Locator} */ host) =>
      host.evaluate((el) => {
        const button = /** @type {HTMLElement} */ (el.shadowRoot?.querySelector('[part=button]'));
        const box = button.getBoundingClientRect();
        return { width: box.width, height: box.height, fontSize: parseFloat(getComputedStyle(button).fontSize) };
      });
    for (const host of [t.page.locator('#london'), t.page.locator('#card #nested'), t.page.frameLocator('#frame').locator('#london')]) {
      const { width, height, fontSize } = await metrics(host);
      assert.ok(width >= 24 && height >= 24, `target at least 24x24, got ${width}x${height}`);
      assert.ok(fontSize >= 12, `text at least 12px, got ${fontSize}`);
    }
    assert.equal(await callFrom(t.page.locator('#card #nested')), 'calling');
    assert.equal(await callFrom(t.page.frameLocator('#frame').locator('#london')), 'calling');
    assert.equal((await t.requests()).length, 2);
    const received = await t.page.evaluate(() => /** @type {any} */ (window).received.map((/** @type {any} */ e) => e.type));
    assert.deepEqual(received, ['spaces-call-start', 'spaces-call-success'], 'events cross the other shadow root');
    assert.deepEqual(t.errors, []);
    await t.done();
  });
});

describe('in Node, as server-side rendering frameworks import it', () => {
  it('imports by package name without throwing', async () => {
    // By name, through package.json's exports and their `node` condition (a variable, so that the
    // type check does not need dist/ to exist yet).
    const packageName = 'spaces-call-button';
    const module = await import(packageName);
    assert.equal(typeof module.SpacesCallButton, 'function');
    const element = await import(`${packageName}/element`);
    assert.equal(typeof element.normalizePhone, 'function');
  });
});

describe('the npm build (what an app bundler gets through the exports map)', () => {
  it('imports lit, ky and libphonenumber-js instead of carrying its own copies', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const folder = fileURLToPath(new URL('../../dist/npm/', import.meta.url));
    const code = (await Promise.all((await readdir(folder)).filter((f) => f.endsWith('.js')).map((f) => readFile(folder + f, 'utf8')))).join('\n');
    const imported = new Set([...code.matchAll(/from\s*["']([^."'][^"']*)["']/g)].map(([, name]) => name.split('/')[0]));
    assert.deepEqual([...imported].sort(), ['ky', 'libphonenumber-js', 'lit']);
    assert.ok(!code.includes('litHtmlVersions'), 'no copy of lit-html inside (it registers litHtmlVersions)');
  });
});

describe("libphonenumber-js in the script tag's files", () => {
  // The build takes its es6-modern/ files and shares the one Babel helper they repeat (vite.config.ts,
  // modernPhoneCode and shareBabelHelpers). A helper's text stands for it: `_classCallCheck` and
  // `_createForOfIteratorHelperLoose` are in every ES5 class and loop of its es6/ files, `_extends` in 9 modern ones.
  for (const file of ['phone.js', 'spaces-call-button.iife.js']) {
    it(`${file} has its modern classes and loops, and one copy of _extends`, () => {
      const code = readFileSync(`${root}dist/${file}`, 'utf8');
      const count = (/** @type {string} */ text) => code.split(text).length - 1;
      assert.equal(count('Cannot call a class as a function'), 0);
      assert.equal(count('Invalid attempt to iterate non-iterable instance'), 0);
      assert.equal(count('Object.assign?Object.assign.bind()'), 1);
    });
  }
});

describe('live calls with the built files, over the mock Socket.IO v2 channel (issue 10)', () => {
  /** @type {Awaited<ReturnType<typeof startLiveMock>>} */
  let live;
  before(async () => {
    live = await startLiveMock({ answerMs: 150, talkMs: 300, notAnsweredMs: 300, shortTalkMs: 150, dropMs: 50 });
  });
  after(async () => {
    await live?.close();
  });

  /** @param {string} name */
  async function openLive(name) {
    const apiBase = `${live.origin}/mock/built-live-${++session}`;
    const site = await serveStatic(root, { apiBase });
    const page = await browser.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${site.origin}/test/bundle/pages/${name}`);
    await page.waitForFunction(() => customElements.get('spaces-call-button') && /** @type {any} */ (window).builtExports);
    /** @returns {Promise<{ type: string, target: string, detail: any }[]>} */
    const received = () => page.evaluate(() => /** @type {any} */ (window).received);
    const done = async () => {
      await page.close();
      await site.close();
    };
    return { page, errors, apiBase, received, done };
  }

  /**
   * @param {() => Promise<boolean>} condition
   * @param {string} what
   */
  async function until(condition, what, timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  for (const [file, name, token, where] of [
    ['spaces-call-button.js (ES module)', 'live-module.html', 'live-module-token', 'a named export'],
    ['spaces-call-button.iife.js (classic script)', 'live-classic.html', 'live-classic-token', 'on window.SpacesCallButton'],
  ]) {
    describe(file, () => {
      it(`reportSpacesCallEvent is ${where}, and routes a relayed webhook to the button that placed the call (live off)`, async () => {
        const t = await openLive(name);
        const exported = await t.page.evaluate(() => {
          const api = /** @type {any} */ (window).builtExports;
          return {
            names: Object.keys(api).sort(),
            type: typeof api.reportSpacesCallEvent,
            global: typeof (/** @type {any} */ (window).SpacesCallButton?.reportSpacesCallEvent),
            beforeAnyCall: api.reportSpacesCallEvent({ category: 'space.call.accepted', spaceCallId: 'nobody' }),
          };
        });
        assert.equal(exported.type, 'function');
        assert.ok(exported.names.includes('reportSpacesCallEvent'), `exports: ${exported.names.join(', ')}`);
        if (name === 'live-classic.html') assert.equal(exported.global, 'function', 'on the classic script’s global');
        assert.equal(exported.beforeAnyCall, false, 'no button takes an event before any call');

        // The silent number, without live: only the host's relayed events move it on.
        assert.equal(await callFrom(t.page.locator('#relay')), 'calling');
        const success = (await t.received()).find((e) => e.type === 'spaces-call-success' && e.target === 'relay');
        const { spaceCallId } = success?.detail.response ?? {};
        assert.ok(spaceCallId, 'the API gave the call an id');
        const reported = await t.page.evaluate((id) => {
          const report = /** @type {any} */ (window).builtExports.reportSpacesCallEvent;
          return [
            report({ category: 'space.call.accepted', spaceCallId: 'someone-else' }),
            report({ category: 'space.call.accepted', spaceCallId: id }),
          ];
        }, spaceCallId);
        assert.deepEqual(reported, [false, true]);
        await until(async () => (await t.page.locator('#relay').evaluate((el) => /** @type {any} */ (el).status)) === 'answered', 'answered');
        assert.equal(
          await t.page.evaluate((id) => /** @type {any} */ (window).builtExports.reportSpacesCallEvent({ data: [{ category: 'space.call.ended', spaceCallId: id }] }), spaceCallId),
          true,
        );
        await until(async () => (await t.received()).some((e) => e.type === 'spaces-call-end'), 'the end event');
        const ends = (await t.received()).filter((e) => e.type === 'spaces-call-end');
        assert.equal(ends.length, 1);
        assert.equal(ends[0].target, 'relay');
        assert.equal(ends[0].detail.outcome, 'answered');
        assert.equal(ends[0].detail.live, 'off');
        assert.equal(live.connections(), 0, 'no channel without live');
        assert.deepEqual(t.errors, []);
        await t.done();
      });

      it('a live call is followed over the channel to its end: answered, ended, one spaces-call-end', async () => {
        const upgradesBefore = live.upgrades();
        const t = await openLive(name);
        // A real click; then the end, not `calling` (on a busy machine the answer and the end can reach the page
        // before the API's answer has been read, and the button then passes through calling and answered at once).
        await t.page.locator('#london button').click();
        await until(async () => (await t.received()).some((e) => e.type === 'spaces-call-end'), 'the end event');
        await until(async () => (await t.page.locator('#london').evaluate((el) => /** @type {any} */ (el).status)) === 'idle', 'idle again');

        const events = await t.received();
        assert.deepEqual(events.filter((e) => ['spaces-call-start', 'spaces-call-success', 'spaces-call-error'].includes(e.type)).map((e) => e.type), ['spaces-call-start', 'spaces-call-success']);
        const updates = events.filter((e) => e.type === 'spaces-call-update').map((e) => e.detail.status);
        const ends = events.filter((e) => e.type === 'spaces-call-end');
        assert.deepEqual(updates, ['answered', 'ended', 'idle']);
        assert.equal(ends.length, 1);
        assert.equal(ends[0].target, 'london');
        assert.equal(ends[0].detail.outcome, 'answered');
        assert.equal(ends[0].detail.live, 'followed');
        assert.equal(ends[0].detail.number, '+442079460958');
        assert.deepEqual(ends[0].detail.data, { recordId: 'c-1' });
        assert.ok(ends[0].detail.durationMs > 0, 'a duration from the answer to the end');
        assert.ok(!JSON.stringify(events).includes(token), 'no event carries the token');

        const log = await live.realtimeLog(t.apiBase, token);
        assert.equal(log.entries.filter((entry) => entry.type === 'connect').length, 1, 'one connection');
        assert.ok(log.entries.some((entry) => entry.type === 'subscribe'), 'the call’s topic was subscribed');
        assert.equal(live.upgrades() - upgradesBefore, 1, 'one WebSocket for the page');
        assert.deepEqual(t.errors, []);
        await t.done();
        await until(async () => live.connections() === 0, 'the page’s connection to go with it');
      });

      it(`forgetSpacesToken is ${where}, and closes the page’s open live channel (sign-out)`, async () => {
        const t = await openLive(name);
        try {
          const exported = await t.page.evaluate(() => ({
            names: Object.keys(/** @type {any} */ (window).builtExports),
            global: typeof (/** @type {any} */ (window).SpacesCallButton?.forgetSpacesToken),
          }));
          assert.ok(exported.names.includes('forgetSpacesToken'), `exports: ${exported.names.join(', ')}`);
          if (name === 'live-classic.html') assert.equal(exported.global, 'function', 'on the classic script’s global');

          await t.page.locator('#london button').click();
          const connections = async () => (await live.realtimeLog(t.apiBase, token)).connections;
          await until(async () => (await connections()) === 1, 'the live channel to open');
          await t.page.evaluate(() => /** @type {any} */ (window).builtExports.forgetSpacesToken());
          await until(async () => (await connections()) === 0, 'the live channel to close, with the page still open');
          assert.deepEqual(t.errors, []);
        } finally {
          await t.done();
        }
      });
    });
  }
});
