import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { EXPIRED_TOKEN, mockApi, NUMBERS, until, type MockApi } from '../support/mock-api.js';
import { markAfter, type Marker } from '../support/page-watch.js';

const TOKEN = 'tok-distinctive-7f3a9';
function parts(el: SpacesCallButton) {
  const root = el.shadowRoot!;
  return {
    button: root.querySelector<HTMLButtonElement>('[part=button]')!,
    number: root.querySelector('[part=number]')!.textContent,
    extension: root.querySelector('[part=extension]')?.textContent,
    status: root.querySelector('[part=status]')!.textContent,
  };
}

describe('<spaces-call-button>', () => {
  let api: MockApi;
  const render = (number: string, attributes: Partial<Record<string, string>> = {}) =>
    fixture<SpacesCallButton>(html`<spaces-call-button
      number=${number}
      api-base=${api.apiBase}
      token=${TOKEN}
      default-country=${attributes.defaultCountry ?? 'GB'}
      timeout=${attributes.timeout ?? '3000'}
      reset-delay=${attributes.resetDelay ?? '60000'}
    ></spaces-call-button>`);
  const settled = async (el: SpacesCallButton) => {
    await until(() => el.status !== 'placing', 'the call to settle');
    await el.updateComplete;
  };

  beforeEach(() => {
    api = mockApi();
  });
  afterEach(() => sinon.restore());

  describe('when idle', () => {
    it('shows the number in national format for the default country and names the call', async () => {
      const el = await render('+44 20 7946 0958');

      expect(el.status).to.equal('idle');
      expect(el.e164).to.equal('+442079460958');
      expect(parts(el).number).to.equal('020 7946 0958');
      expect(parts(el).button.getAttribute('aria-label')).to.equal('Call 020 7946 0958');
      expect(parts(el).button.type).to.equal('button');
      await expect(el).to.be.accessible();
    });

    it('shows a foreign number in international format', async () => {
      const el = await render('(202) 555-0143', { defaultCountry: 'US' });
      el.defaultCountry = 'GB';
      el.number = '+1 202 555 0143';
      await el.updateComplete;

      expect(parts(el).number).to.equal('+1 202 555 0143');
      expect(parts(el).button.getAttribute('aria-label')).to.equal('Call +1 202 555 0143');
    });

    it('shows an extension but dials the main number', async () => {
      const el = await render('020 7946 0958 ext. 42');
      const start = oneEvent(el, 'spaces-call-start');
      parts(el).button.click();

      expect((await start).detail).to.deep.equal({ number: '+442079460958', callType: 'aura', extension: '42', data: {} });
      expect(parts(el).extension, 'read apart from the number').to.equal(' ext. 42');
      expect(parts(el).button.textContent).to.equal('020 7946 0958 ext. 42');
      expect(parts(el).button.getAttribute('aria-label')).to.equal('Call 020 7946 0958, extension 42');
      await settled(el);
      expect((await api.requests())[0].callees).to.deep.equal([{ address: '+442079460958', displayname: '' }]);
    });

    it('keeps its defaults without writing them as attributes, and reflects what the page sets', async () => {
      const el = await render('+44 20 7946 0958');
      const defaults = ['disabled', 'variant', 'size', 'masked', 'visible-digits'];

      expect(defaults.filter((name) => el.hasAttribute(name)), 'nothing written on a button of a long list').to.deep.equal([]);
      expect([el.disabled, el.variant, el.size, el.masked, el.visibleDigits]).to.deep.equal([false, 'button', 'medium', false, 4]);
      el.variant = 'link';
      el.masked = true;
      el.visibleDigits = 2;
      await el.updateComplete;
      expect([el.getAttribute('variant'), el.hasAttribute('masked'), el.hasAttribute('visible-digits')]).to.deep.equal(['link', true, false]);
      expect(parts(el).number).to.equal('••• 58');
      el.setAttribute('size', 'large');
      expect(el.size).to.equal('large');
    });
  });

  describe('when the number is invalid', () => {
    for (const [number, country, reason] of [
      ['+44 20', 'GB', 'the number is too short'],
      ['020 7946 0958', '', 'a national number needs a default country'],
      ['not a number', 'GB', 'not a phone number'],
    ]) {
      it(`"${number}" says "${reason}", sends nothing and fires nothing`, async () => {
        const el = await render(number, { defaultCountry: country });
        const events = sinon.spy();
        el.addEventListener('spaces-call-start', events);

        parts(el).button.click();
        await el.call();

        expect(el.status).to.equal('invalid');
        expect(el.e164).to.equal(null);
        expect(parts(el).status).to.equal(`Can’t call: ${reason}`);
        expect(parts(el).button.getAttribute('aria-disabled')).to.equal('true');
        expect(events.called).to.equal(false);
        expect(await api.requests()).to.have.length(0);
        await expect(el).to.be.accessible();
      });
    }

    it('renders hostile input as text', async () => {
      const el = await render('<img src=x onerror="window.pwned=1">');
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(parts(el).number).to.contain('<img');
    });
  });

  describe('when the call is placed', () => {
    it('is placing, then calling the receiver', async () => {
      const el = await render(NUMBERS.success);
      const success = oneEvent(el, 'spaces-call-success');
      parts(el).button.click();
      await el.updateComplete;

      expect(el.status).to.equal('placing');
      expect(parts(el).status).to.equal('Placing call…');
      await expect(el).to.be.accessible();

      const { detail } = await success;
      await el.updateComplete;
      expect(el.status).to.equal('calling');
      expect(parts(el).status).to.equal('Calling 020 7946 0958…');
      expect(detail.receivers).to.deep.equal([{ address: '+442079460958', displayname: '+442079460958', callStatus: 'calling' }]);
      expect(detail).to.include({ number: '+442079460958', callType: 'aura' });
      expect(JSON.stringify(detail)).not.to.contain(TOKEN);
      await expect(el).to.be.accessible();
    });

    // Apart from the test above: with a short reset delay, how long its accessibility checks take (the machine's speed)
    // would decide whether the button is still calling when they end. The delay is checked not to end early.
    it('is calling until the reset delay has passed, then idle', async () => {
      const el = await render(NUMBERS.success, { resetDelay: '200' });
      let calling = false;
      let idle = false;
      let stillCalling: [string, string | null] | undefined;
      let early: Marker | undefined;
      el.addEventListener('spaces-call-success', async () => {
        calling = true;
        early = markAfter(150);
        await el.updateComplete; // microtasks: the reset timer cannot have fired yet
        stillCalling = [el.status, parts(el).status];
      });
      // Notes when the button renders idle again (a microtask after the reset), whenever the test looks.
      const observer = new MutationObserver(() => {
        if (calling && !idle && el.status === 'idle') idle = true;
      });
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
      parts(el).button.click();

      await until(() => idle && stillCalling !== undefined, 'the return to idle');
      observer.disconnect();
      expect(stillCalling).to.deep.equal(['calling', 'Calling 020 7946 0958…']);
      expect(early?.fired, 'a 150 ms timer set at the answer ran before the 200 ms reset').to.equal(true);
      expect(parts(el).status).to.equal('');
    });

    it('sends exactly one request for ten rapid clicks', async () => {
      const el = await render(NUMBERS.success);
      for (let i = 0; i < 10; i++) parts(el).button.click();
      await settled(el);

      expect(el.status).to.equal('calling');
      expect(await api.requests()).to.have.length(1);
    });

    it('sends nothing when the start event is cancelled, and goes back to idle', async () => {
      const el = await render(NUMBERS.success);
      el.addEventListener('spaces-call-start', (event) => event.preventDefault());

      await el.call();

      expect(el.status).to.equal('idle');
      expect(await api.requests()).to.have.length(0);
    });

    it('passes the display name and call type to the API', async () => {
      const el = await render(NUMBERS.success);
      el.displayName = 'Ada Lovelace';
      el.callType = 'spaces';
      await el.call();

      const [request] = await api.requests();
      expect(request).to.deep.include({ callType: 'spaces', callees: [{ address: '+442079460958', displayname: 'Ada Lovelace' }] });
      expect(parts(el).status).to.equal('Calling Ada Lovelace…');
    });
  });

  describe('when the call fails', () => {
    it('shows the error, fires spaces-call-error, and tries again on the next click', async () => {
      const el = await render(NUMBERS.serverError);
      const failure = oneEvent(el, 'spaces-call-error');
      await el.call();

      const { detail } = await failure;
      expect(el.status).to.equal('error');
      expect(detail).to.deep.include({ number: '+442079460905', callType: 'aura', kind: 'server', status: 500 });
      expect(el.error).to.deep.include({ kind: 'server', status: 500 });
      expect(parts(el).status).to.equal(detail.message);
      expect(JSON.stringify(detail)).not.to.contain(TOKEN);
      await expect(el).to.be.accessible();

      await el.call();
      expect(await api.requests()).to.have.length(2);
    });

    it('explains a bad attribute without a start event or a request', async () => {
      const el = await render(NUMBERS.success);
      const starts = sinon.spy();
      el.addEventListener('spaces-call-start', starts);
      el.setAttribute('token-type', 'basic');
      await el.call();

      expect(el.error).to.deep.include({ kind: 'bad-config' });
      expect(el.error!.message).to.contain('token-type must be "jwt" or "bearer"');
      expect(starts.called).to.equal(false);
      expect(await api.requests()).to.have.length(0);
    });

    it('refreshes a rejected token through getToken and retries once', async () => {
      const el = await render(NUMBERS.success);
      el.removeAttribute('token');
      el.getToken = ({ forceRefresh }) => (forceRefresh ? 'fresh' : EXPIRED_TOKEN);
      await el.call();

      expect(el.status).to.equal('calling');
      expect((await api.requests()).map((r) => r.token)).to.deep.equal([EXPIRED_TOKEN, 'fresh']);
    });

    it('shows an unknown receiver status as plain text', async () => {
      const hostile = '<img src=x onerror="window.pwned=1">';
      sinon.stub(window, 'fetch').callsFake(async () =>
        Response.json({ receivers: [{ address: '+442079460958', displayname: 'Ada', callingDetails: { callStatus: hostile } }] }),
      );
      const el = await render(NUMBERS.success);
      await el.call();

      expect(parts(el).status).to.equal(`Ada: ${hostile}`);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    });
  });

  describe('when the element is removed or changed mid-call', () => {
    it('aborts the request on removal and fires nothing more', async () => {
      const el = await render(NUMBERS.slow);
      const events = sinon.spy();
      el.addEventListener('spaces-call-success', events);
      el.addEventListener('spaces-call-error', events);
      const pending = el.call();
      await until(async () => (await api.requests()).length === 1, 'the request');

      el.remove();
      await pending;

      await until(async () => (await api.requests())[0].answer === 'client-gone', 'the mock to see the request go');
      expect(events.called).to.equal(false);
    });

    it('does not show the answer for a number that has changed', async () => {
      const el = await render(NUMBERS.slow);
      const pending = el.call();
      await until(async () => (await api.requests()).length === 1, 'the request');

      el.number = '+44 20 7946 0999';
      await pending;
      await el.updateComplete;

      expect(el.status).to.equal('idle');
      expect(parts(el).number).to.equal('020 7946 0999');
      expect(parts(el).status).to.equal('');
    });

    it('re-normalizes when default-country changes', async () => {
      const el = await render('020 7946 0958', { defaultCountry: 'US' });
      expect(el.status).to.equal('invalid');

      el.defaultCountry = 'GB';
      await el.updateComplete;
      expect(el.e164).to.equal('+442079460958');
    });
  });

  describe('when disabled', () => {
    it('uses a disabled button and places no call', async () => {
      const el = await render(NUMBERS.success);
      el.disabled = true;
      await el.updateComplete;

      await el.call();
      expect(parts(el).button.disabled).to.equal(true);
      expect(await api.requests()).to.have.length(0);
    });
  });
});

describe('CRM context in events', () => {
  it('every event carries the element’s data-* attributes', async () => {
    const api = mockApi();
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button
      number=${NUMBERS.success}
      data-record-id="003XX01"
      data-object-type="contact"
      api-base=${api.apiBase}
      token=${TOKEN}
    ></spaces-call-button>`);
    const details: unknown[] = [];
    for (const type of ['spaces-call-start', 'spaces-call-success'] as const) {
      el.addEventListener(type, (event) => details.push(event.detail.data));
    }
    await el.call();

    expect(details).to.deep.equal([
      { recordId: '003XX01', objectType: 'contact' },
      { recordId: '003XX01', objectType: 'contact' },
    ]);
  });
});
