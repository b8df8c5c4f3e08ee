/**
 * Hardening (#5), faults: the network failing in each way, a deadline in each phase, and the element
 * being removed, moved or given another number while its request is under way.
 * (Offline and a frozen tab are in test/hardening-bundle/offline.test.mjs: they need Playwright's context.)
 *
 * Nothing here depends on the machine's speed: no limit in milliseconds (a deadline is checked not to end a call
 * early, and by its outcome), a server that holds its answer until the client goes instead of a race against a
 * short delay, and token providers that answer when the test says so.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { closedPort, hostileApi, type HostileApi } from '../support/hostile-api.js';
import { until } from '../support/mock-api.js';
import { markAfter, sleep, watchPageErrors } from '../support/page-watch.js';

const OUTCOMES = ['spaces-call-start', 'spaces-call-success', 'spaces-call-error'] as const;
/** A `delay` this long is, for a test, an answer that never comes: the server stops waiting when the client goes. */
const HELD = '60000';

describe('hardening: faults', () => {
  let api: HostileApi;
  let watch: ReturnType<typeof watchPageErrors>;
  let scenarios = 0;

  const render = (base: string, { number = '020 7946 0958', timeout = '5000' } = {}) =>
    fixture<SpacesCallButton>(html`<spaces-call-button
      number=${number}
      default-country="GB"
      api-base=${base}
      token="tok-faults"
      timeout=${timeout}
      reset-delay="60000"
    ></spaces-call-button>`);

  /** Every event the element fires, as `type` or `type:kind`. */
  function record(el: SpacesCallButton): string[] {
    const fired: string[] = [];
    for (const type of OUTCOMES) {
      el.addEventListener(type, (event) => fired.push(type === 'spaces-call-error' ? `${type}:${(event as CustomEvent).detail.kind}` : type));
    }
    return fired;
  }
  const click = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
  const statusLine = (el: SpacesCallButton) => el.shadowRoot!.querySelector('[part=status]')!.textContent;
  const settled = async (el: SpacesCallButton, timeout = 8000) => {
    await until(() => el.status !== 'placing', 'the call to end', timeout);
    await el.updateComplete;
  };
  const requestArrived = async (count = 1) => until(async () => (await api.requests()).length >= count, 'the request to arrive');
  const requestAbandoned = async () => until(async () => (await api.requests())[0]?.answer === 'client-gone', 'the server to see the client go');
  /** A token provider that answers only when the test calls `give`. */
  const heldToken = (el: SpacesCallButton) => {
    const held = { asked: false, give: (_token: string) => {} };
    el.removeAttribute('token');
    el.getToken = () => {
      held.asked = true;
      return new Promise<string>((resolve) => (held.give = resolve));
    };
    return held;
  };

  beforeEach(() => {
    api = hostileApi();
    watch = watchPageErrors();
  });
  afterEach(function () {
    watch.stop();
    expect(watch.errors, 'page errors').to.deep.equal([]);
    if (this.currentTest?.state === 'passed') scenarios++;
  });
  after(() => console.log(`RELIABILITY: faults: ${scenarios} fault scenarios survived`));

  describe('the network fails', () => {
    // Ending as `network`, not `timeout`, shows it did not wait for the deadline (how soon it ends is the machine's).
    it('connection refused (a closed loopback port): network, not a timeout', async () => {
      const el = await render(`http://127.0.0.1:${await closedPort()}`);
      const fired = record(el);
      click(el);
      await settled(el);

      expect(el.error).to.include({ kind: 'network' });
      expect(statusLine(el)).to.equal(el.error!.message);
      expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-error:network']);
    });

    it('the connection is reset in the middle of the body: network, one request', async () => {
      const el = await render(api.base('reset-mid-body'));
      click(el);
      await settled(el);

      expect(el.error).to.include({ kind: 'network' });
      expect(await api.requests()).to.have.length(1);
    });

    it('the connection is closed before any answer: network (Chromium may resend once on a reused connection)', async () => {
      const el = await render(api.base('reset-before-headers'));
      click(el);
      await settled(el);

      expect(el.error).to.include({ kind: 'network' });
      const sent = (await api.requests()).length;
      console.log(`connection closed before an answer: the server received ${sent} request(s) for one click`);
      expect(sent).to.be.within(1, 2);
    });

    it('an unresolvable host (https://spaces.invalid): network, not a timeout', async () => {
      const el = await render('https://spaces.invalid', { timeout: '10000' });
      const started = performance.now();
      click(el);
      await settled(el, 11_000);
      expect(el.error).to.include({ kind: 'network' });
      console.log(`unresolvable host: network after ${(performance.now() - started).toFixed(0)} ms`);
    });
  });

  describe('a deadline in each phase', () => {
    it('the token provider is slow: timeout, and nothing is sent when it answers later', async () => {
      const el = await render(api.base('ok'), { timeout: '200' });
      const token = heldToken(el);
      const fired = record(el);
      click(el);
      await settled(el);

      expect(el.error).to.include({ kind: 'timeout' });
      expect(el.error!.message).to.contain('within 0.2 seconds');
      token.give('tok-late'); // after the timeout, whatever the machine's speed
      await sleep(400); // a request sent for the late token would have arrived by now
      expect(await api.requests(), 'requests after the late token').to.deep.equal([]);
      expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-error:timeout']);
    });

    it('the token provider never answers: timeout, not before the deadline', async () => {
      const el = await render(api.base('ok'), { timeout: '200' });
      heldToken(el);
      const early = markAfter(150);
      click(el);
      await settled(el);
      expect(el.error).to.include({ kind: 'timeout' });
      expect(early.fired, 'a 150 ms timer set at the click ran before the 200 ms timeout').to.equal(true);
    });

    // The answer never completes (the delayed one would succeed): ending as `timeout` shows the deadline ended the call.
    // Not before the deadline; how long after it depends on the machine, so no upper limit in milliseconds.
    for (const [what, name, arg] of [
      ['the response headers are slow', 'delay', HELD],
      ['the body stalls after its first bytes', 'stall-body', undefined],
      ['the body trickles in for ever', 'trickle', undefined],
    ] as const) {
      it(`${what}: timeout, not before the deadline, and the request is abandoned`, async () => {
        const el = await render(api.base(name, arg), { timeout: '300' });
        const fired = record(el);
        const early = markAfter(250);
        click(el);
        await settled(el);

        expect(el.error).to.include({ kind: 'timeout' });
        expect(el.error!.message).to.contain('within 0.3 seconds');
        expect(early.fired, 'a 250 ms timer set at the click ran before the 300 ms timeout').to.equal(true);
        expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-error:timeout']);
        await until(async () => (await api.requests())[0]?.ended === 'client-gone', 'the server to see the client go');
      });
    }
  });

  describe('the element is removed or moved mid-request', () => {
    it('removed: the request is abandoned, nothing more is fired; put back: usable, and a click sends a new request', async () => {
      const el = await render(api.base('delay', HELD));
      const fired = record(el);
      const parent = el.parentElement!;
      click(el);
      await requestArrived();

      el.remove();
      await requestAbandoned();
      expect(fired).to.deep.equal(['spaces-call-start']);

      parent.append(el);
      await el.updateComplete;
      expect(el.status).to.equal('idle');
      el.setAttribute('api-base', api.base('ok'));
      click(el);
      await settled(el);

      expect(el.status).to.equal('calling');
      expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-start', 'spaces-call-success']);
      expect(await api.requests()).to.have.length(2);
    });

    it('removed while the token provider is still thinking: no request is ever sent', async () => {
      const el = await render(api.base('ok'));
      const token = heldToken(el);
      const fired = record(el);
      click(el);
      await until(() => token.asked, 'the token to be asked for');
      el.remove();
      token.give('tok-late');
      await sleep(400); // a request sent for the late token would have arrived by now

      expect(await api.requests()).to.deep.equal([]);
      expect(fired).to.deep.equal(['spaces-call-start']);
    });

    it('moved to another parent in the same task: the call goes on (it may already be placed) and ends normally', async () => {
      const el = await render(api.base('delay', '250'));
      const fired = record(el);
      const elsewhere = document.createElement('section');
      el.parentElement!.after(elsewhere);
      click(el);
      await requestArrived();

      elsewhere.append(el); // disconnected and connected again in one task: a move, not a removal
      await settled(el);
      expect(el.status).to.equal('calling');
      expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-success']);
      expect((await api.requests()).map((r) => r.answer)).to.deep.equal([200]);
      elsewhere.remove();
    });
  });

  describe('the number changes mid-request', () => {
    /**
     * Clicks, waits for the request to reach the server, then applies `change`. `dropped`: the server holds its answer,
     * and the old request must be abandoned (the server sees the client go). `goes on`: the server answers after
     * 400 ms and the call must end; whether the change comes before or after that answer, the outcome is the same.
     */
    const callThenChange = async (change: (el: SpacesCallButton) => void | Promise<void>, old: 'dropped' | 'goes on' = 'dropped') => {
      const el = await render(api.base('delay', old === 'dropped' ? HELD : '400'));
      const fired = record(el);
      click(el);
      await requestArrived();
      await change(el);
      if (old === 'dropped') await requestAbandoned();
      else await settled(el);
      await el.updateComplete;
      return { el, fired };
    };

    it('to another valid number: the old answer is not shown, and nothing is fired for it', async () => {
      const { el, fired } = await callThenChange((el) => void (el.number = '020 7946 0999'));

      expect(el.status).to.equal('idle');
      expect(statusLine(el)).to.equal('');
      expect(fired).to.deep.equal(['spaces-call-start']);
      expect((await api.requests())[0].answer).to.equal('client-gone');
    });

    it('to an invalid number: invalid, the old answer not shown', async () => {
      const { el, fired } = await callThenChange((el) => void (el.number = '020 7946'));

      expect(el.status).to.equal('invalid');
      expect(statusLine(el)).to.match(/^Can’t call/);
      expect(fired).to.deep.equal(['spaces-call-start']);
    });

    it('to an empty number: invalid, the old answer not shown', async () => {
      const { el, fired } = await callThenChange((el) => el.removeAttribute('number'));
      expect(el.status).to.equal('invalid');
      expect(fired).to.deep.equal(['spaces-call-start']);
    });

    it('to the same number written another way: the call goes on and its answer is shown', async () => {
      const { el, fired } = await callThenChange((el) => void (el.number = '+44 (0)20 7946 0958'), 'goes on');

      expect(el.status).to.equal('calling');
      expect(statusLine(el)).to.equal('Calling 020 7946 0958…');
      expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-success']);
    });

    it('away and back within one task: the call goes on', async () => {
      const { el, fired } = await callThenChange((el) => {
        el.number = '020 7946 0999';
        el.number = '020 7946 0958';
      }, 'goes on');
      expect(el.status).to.equal('calling');
      expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-success']);
    });

    it('away and back in two updates: the first call is dropped, not shown when its answer comes', async () => {
      const { el, fired } = await callThenChange(async (el) => {
        el.number = '020 7946 0999';
        await el.updateComplete;
        el.number = '020 7946 0958';
      });
      expect(el.status).to.equal('idle');
      expect(fired).to.deep.equal(['spaces-call-start']);
    });

    it('the default country changes the number it means: the old answer is not shown', async () => {
      const { el, fired } = await callThenChange((el) => void (el.defaultCountry = 'DE'));
      expect(el.e164).not.to.equal('+442079460958');
      expect(['idle', 'invalid']).to.include(el.status);
      expect(fired).to.deep.equal(['spaces-call-start']);
    });

    it('then a click calls the new number, and only its answer is shown', async () => {
      const { el, fired } = await callThenChange((el) => void (el.number = '020 7946 0999'));
      el.setAttribute('api-base', api.base('ok'));
      click(el);
      await settled(el);

      expect(statusLine(el)).to.equal('Calling 020 7946 0999…');
      expect(fired).to.deep.equal(['spaces-call-start', 'spaces-call-start', 'spaces-call-success']);
      const addresses = (await api.requests()).map((r) => JSON.parse(r.body).callees[0].address);
      expect(addresses).to.deep.equal(['+442079460958', '+442079460999']);
    });

    it('after the answer (calling, or an error): the old status goes with the old number', async () => {
      const calling = await render(api.base('ok'));
      click(calling);
      await settled(calling);
      expect(calling.status).to.equal('calling');
      calling.number = '020 7946 0999';
      await calling.updateComplete;
      expect([calling.status, statusLine(calling)]).to.deep.equal(['idle', '']);

      const failed = await render(api.base('status', '500'));
      click(failed);
      await settled(failed);
      expect(failed.status).to.equal('error');
      failed.number = '020 7946 0999';
      await failed.updateComplete;
      expect([failed.status, failed.error, statusLine(failed)]).to.deep.equal(['idle', null, '']);
    });
  });

  // NOT FEASIBLE here: a hidden tab. document.visibilityState cannot be forced from web-test-runner, and in headless
  // Chromium neither a second tab, a minimized window nor CDP makes it "hidden" (tried: Target/Browser/Emulation).
  // test/hardening-bundle/offline.test.mjs covers the nearest thing Chromium does to background tabs: freezing the page.
  it.skip('a call placed from a hidden tab (not feasible in headless Chromium, see the comment)', () => {});
});
