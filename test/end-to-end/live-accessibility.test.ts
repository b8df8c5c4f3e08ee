/**
 * Accessibility of the states that `live` and `token-url` add (issue 10): axe in each of them, light and dark;
 * each status change announced once (the elapsed time ticks without touching the live region); the cancel action
 * named, focusable and operable. Real HTTP to the mock Spaces API and its real Socket.IO v2 channel (answered
 * after 300 ms, ended 600 ms later). An answered call of the mock lasts 600 ms, too short to check at leisure, so the
 * lasting `answered` state is a live call to the silent number (followed over the channel, which sends nothing)
 * answered by the host through `reportSpacesCallEvent`: the same state, rendered the same way, that stays.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/spaces-call-button.js';
import { reportSpacesCallEvent, type SpacesCallButton } from '../../src/spaces-call-button.js';
import { en } from '../../src/i18n/en.js';
import { englishError } from '../../src/i18n/en-errors.js';
import { mockApi, NUMBERS, until } from '../support/mock-api.js';

const button = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
const status = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLElement>('[part=status]')!;
const elapsed = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLElement>('[part=elapsed]');

/**
 * A host's `token-url` endpoint that answers `status` with a JSON `body`: window.fetch answers for its address only
 * (every other request goes to the network, the mock API's included). Each is a fresh address, so the page-wide
 * token cache never holds an answer of another test.
 */
const tokenEndpoints = new Map<string, { status: number; body: unknown }>();
const realFetch = window.fetch;
function tokenEndpoint(status: number, body: unknown): string {
  const url = `https://sso.crm.example.com/${crypto.randomUUID()}/spaces/token`;
  tokenEndpoints.set(url, { status, body });
  if (window.fetch === realFetch) {
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const answer = tokenEndpoints.get(input instanceof Request ? input.url : String(input));
      if (!answer) return realFetch(input, init);
      return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } }));
    };
  }
  return url;
}
function restoreFetch(): void {
  window.fetch = realFetch;
  tokenEndpoints.clear();
}

/** Generous: the checks wait on real HTTP and a real channel on a busy machine; nothing is timed. */
const WAIT = 15_000;

/** The id the API gave the call, from the success event. */
async function placeLiveCall(el: SpacesCallButton): Promise<string> {
  const success = oneEvent(el, 'spaces-call-success');
  button(el).click();
  const { detail } = await success;
  return (detail.response as { spaceCallId: string }).spaceCallId;
}

/** Answers a live call to the silent number as a host relaying the `space.call.accepted` webhook would. */
async function answer(el: SpacesCallButton, spaceCallId: string): Promise<void> {
  await until(() => el.matches(':state(cancellable)'), 'the channel to follow the call', WAIT);
  expect(reportSpacesCallEvent({ category: 'space.call.accepted', spaceCallId })).to.equal(true);
  await until(() => el.status === 'answered', 'answered', WAIT);
  await el.updateComplete;
}

type LiveState = 'calling-cancellable' | 'answered' | 'ended-declined' | 'ended-answered' | 'error-signed-out' | 'error-token-unavailable';
const STATES: LiveState[] = ['calling-cancellable', 'answered', 'ended-declined', 'ended-answered', 'error-signed-out', 'error-token-unavailable'];

/** A button in each new state, inside a light or dark wrapper. */
async function inEveryLiveState(scheme: 'light' | 'dark'): Promise<{ buttons: Record<LiveState, SpacesCallButton>; answeredCallId: string }> {
  const api = mockApi();
  const token = `a11y-live-${crypto.randomUUID()}`;
  const socketUrl = `/chat?test=${crypto.randomUUID()}`;
  const signedOut = tokenEndpoint(401, { error: 'login_required', sign_in_url: '/signin' });
  const unavailable = tokenEndpoint(503, { message: 'maintenance' });
  const numbers: Record<LiveState, string> = {
    'calling-cancellable': NUMBERS.silent,
    answered: NUMBERS.silent,
    'ended-declined': NUMBERS.declined,
    'ended-answered': NUMBERS.success,
    'error-signed-out': NUMBERS.success,
    'error-token-unavailable': NUMBERS.success,
  };
  const tokenUrls: Partial<Record<LiveState, string>> = { 'error-signed-out': signedOut, 'error-token-unavailable': unavailable };
  const wrapper = await fixture(html`<div style="color-scheme: ${scheme}; background: ${scheme === 'dark' ? '#111' : '#fff'}; padding: 8px">
    ${STATES.map(
      (state) => html`<spaces-call-button
        id=${state}
        number=${numbers[state]}
        default-country="GB"
        api-base=${api.apiBase}
        token=${tokenUrls[state] ? undefined : token}
        token-url=${tokenUrls[state] ?? undefined}
        live
        socket-url=${socketUrl}
        answer-timeout="600000"
        reset-delay="600000"
        max-concurrent-calls="0"
      ></spaces-call-button>`,
    )}
  </div>`);
  const get = (id: LiveState) => wrapper.querySelector<SpacesCallButton>(`#${id}`)!;
  await Promise.all(STATES.map((state) => get(state).updateComplete));

  const cancellable = get('calling-cancellable');
  await placeLiveCall(cancellable);
  const answeredCallId = await placeLiveCall(get('answered'));
  await answer(get('answered'), answeredCallId);
  await placeLiveCall(get('ended-declined'));
  await placeLiveCall(get('ended-answered'));
  await get('error-signed-out').call();
  await get('error-token-unavailable').call();
  await until(() => cancellable.matches(':state(cancellable)'), 'the cancel to be offered', WAIT);
  await until(() => get('ended-declined').status === 'ended' && get('ended-answered').status === 'ended', 'the ended calls', WAIT);
  const buttons = Object.fromEntries(STATES.map((state) => [state, get(state)])) as Record<LiveState, SpacesCallButton>;
  await Promise.all(Object.values(buttons).map((el) => el.updateComplete));
  return { buttons, answeredCallId };
}

describe('accessibility of the live states (issue 10)', () => {
  afterEach(async () => {
    restoreFetch();
    await emulateMedia({ colorScheme: 'light' });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no violation in calling (cancellable), answered, ended and the sign-in errors, ${scheme}`, async function () {
      this.timeout(60_000);
      await emulateMedia({ colorScheme: scheme });
      const { buttons, answeredCallId } = await inEveryLiveState(scheme);

      const expected: Record<LiveState, [string, string]> = {
        'calling-cancellable': ['calling', 'Calling 020 7946 0915…'],
        answered: ['answered', '020 7946 0915 answered'],
        'ended-declined': ['ended', 'Declined'],
        'ended-answered': ['ended', status(buttons['ended-answered']).textContent!],
        'error-signed-out': ['error', `${englishError({ kind: 'signed-out' })} ${en.signIn}`],
        'error-token-unavailable': ['error', englishError({ kind: 'token-unavailable', status: 503 })],
      };
      for (const [state, el] of Object.entries(buttons) as [LiveState, SpacesCallButton][]) {
        const [statusName, text] = expected[state];
        expect(el.status, state).to.equal(statusName);
        expect(status(el).textContent, state).to.equal(text);
        await expect(el, `${state} (${scheme})`).to.be.accessible();
      }
      expect(buttons['calling-cancellable'].matches(':state(cancellable)')).to.equal(true);
      expect(buttons.answered.matches(':state(answered)')).to.equal(true);
      expect(buttons['ended-declined'].matches(':state(ended)')).to.equal(true);
      expect(status(buttons['ended-answered']).textContent).to.match(/^Call ended · \d+:\d\d$/);
      expect(buttons['ended-answered'].outcome).to.equal('answered');
      expect(elapsed(buttons.answered)?.textContent).to.match(/^\d+:\d\d$/);
      expect(buttons['error-signed-out'].error?.kind).to.equal('signed-out');
      expect(buttons['error-token-unavailable'].error?.kind).to.equal('token-unavailable');

      // The sign-in link: a real link with its name, to the endpoint's sign-in address, that opens apart from the page.
      const signIn = buttons['error-signed-out'].shadowRoot!.querySelector<HTMLAnchorElement>('a[part=sign-in]')!;
      expect(signIn.textContent).to.equal('Sign in');
      expect(signIn.href).to.equal(new URL('/signin', 'https://sso.crm.example.com/').href);
      expect(signIn.rel).to.include('noopener');
      signIn.focus();
      expect(buttons['error-signed-out'].shadowRoot!.activeElement).to.equal(signIn);
      expect(buttons['error-token-unavailable'].shadowRoot!.querySelector('a[part=sign-in]'), 'no link without a sign-in address').to.equal(null);

      // The pending calls end (cancel, and the host's end of the answered one), so nothing rings on into the next test.
      expect(buttons['calling-cancellable'].cancel()).to.equal(true);
      expect(reportSpacesCallEvent({ category: 'space.call.ended', spaceCallId: answeredCallId })).to.equal(true);
    });
  }

  it('the cancel action: named "Cancel call to …", reached with Tab, not aria-disabled, one Enter cancels', async function () {
    this.timeout(60_000);
    const api = mockApi();
    const wrapper = await fixture(html`<div>
      <input id="before" />
      <spaces-call-button
        number=${NUMBERS.silent}
        default-country="GB"
        api-base=${api.apiBase}
        token=${`a11y-cancel-${crypto.randomUUID()}`}
        live
        socket-url=${`/chat?test=${crypto.randomUUID()}`}
        reset-delay="600000"
      ></spaces-call-button>
    </div>`);
    const el = wrapper.querySelector('spaces-call-button')!;
    await el.updateComplete;
    expect(button(el).getAttribute('aria-label')).to.equal('Call 020 7946 0915');

    await placeLiveCall(el);
    await until(() => el.matches(':state(cancellable)'), 'the cancel to be offered', WAIT);
    await el.updateComplete;
    const action = button(el);
    expect(action.getAttribute('aria-label')).to.equal('Cancel call to 020 7946 0915');
    expect(action.hasAttribute('aria-disabled')).to.equal(false);
    expect(action.disabled).to.equal(false);
    expect(action.tabIndex).to.equal(0);
    expect(action.getAttribute('aria-describedby'), 'the status still describes it').to.equal('status');
    await expect(el).to.be.accessible();

    wrapper.querySelector<HTMLInputElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement, 'reached with Tab').to.equal(action);
    const ended = oneEvent(el, 'spaces-call-end');
    await sendKeys({ press: 'Enter' });
    expect((await ended).detail.outcome).to.equal('cancelled');
    await el.updateComplete;
    expect(status(el).textContent).to.equal('Call cancelled');
    expect(button(el).getAttribute('aria-label'), 'the call action is back').to.equal('Call 020 7946 0915');
  });

  it('announces each status change once: while answered, the elapsed timer ticks and the live region stays still', async function () {
    this.timeout(60_000);
    const api = mockApi();
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button
      number=${NUMBERS.silent}
      default-country="GB"
      api-base=${api.apiBase}
      token=${`a11y-announce-${crypto.randomUUID()}`}
      live
      socket-url=${`/chat?test=${crypto.randomUUID()}`}
      answer-timeout="600000"
      reset-delay="600000"
    ></spaces-call-button>`);
    const region = status(el);
    expect(region.getAttribute('role')).to.equal('status');
    const announced: string[] = [];
    new MutationObserver(() => announced.push(region.textContent!)).observe(region, { childList: true, characterData: true, subtree: true });

    const spaceCallId = await placeLiveCall(el);
    await answer(el, spaceCallId);
    expect(status(el), 'the same live region throughout').to.equal(region);
    const timer = elapsed(el)!;
    expect(timer.getAttribute('role')).to.equal('timer');
    expect(timer.closest('[role=status]'), 'the timer is not inside the live region').to.equal(null);
    expect(timer.getAttribute('aria-live') ?? 'off', 'a timer is not announced').to.equal('off');

    const announcedWhenAnswered = announced.length;
    const ticks: string[] = [];
    new MutationObserver(() => ticks.push(timer.textContent!)).observe(timer, { childList: true, characterData: true, subtree: true });
    // At least 2.5 s answered, and at least two ticks of the timer (however slow the machine).
    await new Promise((resolve) => setTimeout(resolve, 2600));
    await until(() => new Set(ticks).size >= 2, 'the elapsed time to tick twice', WAIT);
    expect(elapsed(el), 'the same timer element, updated in place').to.equal(timer);
    expect(announced.slice(announcedWhenAnswered), 'no announcement while only the elapsed time changes').to.deep.equal([]);
    expect(ticks.every((tick) => /^\d+:\d\d$/.test(tick))).to.equal(true);

    const ended = oneEvent(el, 'spaces-call-end');
    expect(reportSpacesCallEvent({ category: 'space.call.ended', spaceCallId })).to.equal(true);
    await ended;
    await el.updateComplete;
    expect(elapsed(el), 'the timer goes with the answer').to.equal(null);
    // One announcement per change, in order, none repeated.
    expect(announced).to.have.length(4);
    expect(announced.slice(0, 3)).to.deep.equal(['Placing call…', 'Calling 020 7946 0915…', '020 7946 0915 answered']);
    expect(announced[3]).to.match(/^Call ended · \d+:\d\d$/);
    expect(announced[3]).not.to.equal('Call ended · 0:00', 'the duration counts the 2.5 s answered');
  });
});

