/**
 * Following calls after the offer, end to end: real clicks, real HTTP to the mock Spaces API and its
 * real Socket.IO v2 channel (test delays: answered after 300 ms, ended 600 ms later).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/spaces-call-button.js';
import { reportSpacesCallEvent, type SpacesCallButton } from '../../src/spaces-call-button.js';
import type { CallEndDetail, CallUpdateDetail } from '../../src/element/events.js';
import { EXPIRED_TOKEN, mockApi, NUMBERS, realtimeLog, until, type MockApi } from '../support/mock-api.js';

const statusText = (el: SpacesCallButton) => el.shadowRoot!.querySelector('[part=status]')!.textContent;
const button = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;

/** Every update and end event of the page, in order. */
function recordCallEvents() {
  const updates: CallUpdateDetail[] = [];
  const ends: CallEndDetail[] = [];
  const onUpdate = (event: CustomEvent<CallUpdateDetail>) => updates.push(event.detail);
  const onEnd = (event: CustomEvent<CallEndDetail>) => ends.push(event.detail);
  document.addEventListener('spaces-call-update', onUpdate);
  document.addEventListener('spaces-call-end', onEnd);
  return {
    updates,
    ends,
    stop() {
      document.removeEventListener('spaces-call-update', onUpdate);
      document.removeEventListener('spaces-call-end', onEnd);
    },
  };
}

describe('live: following a call after the offer', () => {
  let api: MockApi;
  let token: string;
  /** Each test its own channel URL (so its own connection) and token (so its own log in the mock). */
  let socketUrl: string;
  let events: ReturnType<typeof recordCallEvents>;

  const render = (number: string, more: { answerTimeout?: number; resetDelay?: number; socket?: string; live?: boolean } = {}) =>
    fixture<SpacesCallButton>(html`<spaces-call-button
      number=${number}
      api-base=${api.apiBase}
      token=${token}
      default-country="GB"
      ?live=${more.live ?? true}
      socket-url=${more.socket ?? socketUrl}
      answer-timeout=${more.answerTimeout ?? 5000}
      reset-delay=${more.resetDelay ?? 400}
    ></spaces-call-button>`);

  beforeEach(() => {
    api = mockApi();
    token = `live-${crypto.randomUUID()}`;
    socketUrl = `/chat?test=${crypto.randomUUID()}`;
    events = recordCallEvents();
  });
  afterEach(() => events.stop());

  async function endOf(el: SpacesCallButton): Promise<CallEndDetail> {
    const { detail } = await oneEvent(el, 'spaces-call-end');
    await el.updateComplete;
    return detail;
  }

  it('answered, then ended: the status follows, and one end event carries the duration', async () => {
    const el = await render(NUMBERS.success);
    const answered = oneEvent(el, 'spaces-call-update');
    const ended = endOf(el);
    button(el).click();

    expect((await answered).detail).to.include({ status: 'answered', number: '+442079460958' });
    await el.updateComplete;
    expect(el.status).to.equal('answered');
    expect(statusText(el)).to.equal('020 7946 0958 answered');
    expect(el.shadowRoot!.querySelector('[part=elapsed]')!.textContent).to.match(/^0:0\d$/);

    const end = await ended;
    expect(end).to.include({ outcome: 'answered', live: 'followed', number: '+442079460958' });
    expect(end.durationMs).to.be.a('number').and.be.greaterThan(0);
    expect(Date.parse(end.endedAt) - Date.parse(end.answeredAt!)).to.equal(end.durationMs);
    expect(el.status).to.equal('ended');
    expect(el.outcome).to.equal('answered');
    expect(statusText(el)).to.match(/^Call ended · 0:0\d$/);

    await until(() => el.status === 'idle', 'the button to be ready again');
    expect(events.updates.map((update) => update.status)).to.deep.equal(['answered', 'ended', 'idle']);
    expect(events.ends).to.have.length(1);
  });

  const outcomes = [
    { number: NUMBERS.declined, outcome: 'declined', text: 'Declined' },
    { number: NUMBERS.notAnswered, outcome: 'not-answered', text: 'No answer' },
    { number: NUMBERS.callFailed, outcome: 'failed', text: 'Call failed' },
  ] as const;
  for (const { number, outcome, text } of outcomes) {
    it(`${outcome}: the status says "${text}" and the call ends once as ${outcome}`, async () => {
      const el = await render(number);
      const ended = endOf(el);
      button(el).click();

      const end = await ended;
      expect(end).to.include({ outcome, live: 'followed' });
      expect(end).not.to.have.property('answeredAt');
      expect(statusText(el)).to.equal(text);
      await until(() => el.status === 'idle', 'the button to be ready again');
      expect(events.ends).to.have.length(1);
    });
  }

  it('the other spellings (space.call.offer.accepted, video.end) are followed too', async () => {
    const el = await render(NUMBERS.answeredShort);
    const ended = endOf(el);
    button(el).click();
    expect(await ended).to.include({ outcome: 'answered' });
    expect(events.updates.map((update) => update.status)).to.deep.equal(['answered', 'ended']);
  });

  it('a silent channel: the call is given up after answer-timeout with outcome unknown', async () => {
    const el = await render(NUMBERS.silent, { answerTimeout: 700 });
    const ended = endOf(el);
    button(el).click();
    const end = await ended;
    expect(end).to.include({ outcome: 'unknown', live: 'followed' });
    expect(Date.parse(end.endedAt) - Date.parse(end.startedAt)).to.be.at.least(700);
    expect(statusText(el)).to.equal('Call status unknown');
  });

  it('while ringing, one keypress cancels: the cancel reaches the channel and the call ends as cancelled', async () => {
    const el = await render(NUMBERS.silent);
    const success = oneEvent(el, 'spaces-call-success');
    button(el).click();
    await success;
    await until(() => el.matches(':state(cancellable)'), 'the cancel to be offered');
    await el.updateComplete;
    expect(button(el).getAttribute('aria-label')).to.equal('Cancel call to 020 7946 0915');
    expect(button(el).hasAttribute('aria-disabled')).to.equal(false);

    const ended = endOf(el);
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    expect(await ended).to.include({ outcome: 'cancelled' });
    expect(statusText(el)).to.equal('Call cancelled');
    await until(async () => (await realtimeLog(api, token)).entries.some((entry) => entry.type === 'cancel'), 'the mock to get the cancel');
    expect(events.ends).to.have.length(1);
  });

  it('no cancel is offered after the answer', async () => {
    const el = await render(NUMBERS.success);
    const answered = oneEvent(el, 'spaces-call-update');
    button(el).click();
    await answered;
    await el.updateComplete;
    expect(el.cancel()).to.equal(false);
    expect(button(el).getAttribute('aria-label')).to.equal('Call 020 7946 0958');
  });

  it('the channel drops mid-call and comes back: the call is still followed to its end', async () => {
    const el = await render(NUMBERS.channelDrop);
    const ended = endOf(el);
    button(el).click();
    expect(await ended).to.include({ outcome: 'answered', live: 'followed' });
    const log = await realtimeLog(api, token);
    expect(log.entries.filter((entry) => entry.type === 'connect')).to.have.length.at.least(2);
    expect(log.entries.filter((entry) => entry.type === 'subscribe').length, 're-subscribed after reconnecting').to.be.at.least(2);
  });

  it('a token the channel refuses is refreshed once through getToken, then the call is followed', async () => {
    const fresh = `fresh-${crypto.randomUUID()}`;
    const asked: boolean[] = [];
    const el = await render(NUMBERS.success);
    el.token = undefined;
    el.getToken = ({ forceRefresh }) => {
      asked.push(forceRefresh);
      return forceRefresh || asked.includes(true) ? fresh : EXPIRED_TOKEN;
    };
    const ended = endOf(el);
    button(el).click();
    expect(await ended).to.include({ outcome: 'answered', live: 'followed' });
    expect(asked).to.include(true);
    expect((await realtimeLog(api, fresh)).entries.some((entry) => entry.type === 'connect')).to.equal(true);
  });

  it('an unreachable channel never makes calling worse: the call shows as without live and ends unknown, reported once', async () => {
    const el = await render(NUMBERS.success, { socket: 'ws://127.0.0.1:9/chat', resetDelay: 300 });
    const ended = endOf(el);
    button(el).click();
    const end = await ended;
    expect(end).to.include({ outcome: 'unknown', live: 'unavailable', liveProblem: 'unreachable' });
    expect(el.status).to.equal('idle');
    expect(events.ends).to.have.length(1);
    expect((await api.requests())).to.have.length(1);
  });

  it('an insecure socket-url is refused without a connection, and the call goes on', async () => {
    const el = await render(NUMBERS.success, { socket: 'ws://example.com/chat', resetDelay: 200 });
    const success = oneEvent(el, 'spaces-call-success');
    const ended = endOf(el);
    button(el).click();
    await success;
    expect(await ended).to.include({ outcome: 'unknown', live: 'unavailable', liveProblem: 'insecure-url' });
  });

  it('removed mid-call: nothing more is announced or dispatched for that call', async () => {
    const el = await render(NUMBERS.success);
    const success = oneEvent(el, 'spaces-call-success');
    button(el).click();
    await success;
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // past the answer and the end
    expect(events.updates).to.deep.equal([]);
    expect(events.ends).to.deep.equal([]);
  });

  describe('host-fed events, live off', () => {
    it('reportSpacesCallEvent routes a webhook body and a { data: [ … ] } wrapper to the button that placed the call', async () => {
      const el = await render(NUMBERS.silent, { live: false, resetDelay: 10_000 });
      const success = oneEvent(el, 'spaces-call-success');
      button(el).click();
      const { spaceCallId } = (await success).detail.response as { spaceCallId: string };

      expect(reportSpacesCallEvent({ category: 'space.call.accepted', spaceCallId: 'someone-else' })).to.equal(false);
      expect(reportSpacesCallEvent({ category: 'space.call.accepted', spaceCallId })).to.equal(true);
      await el.updateComplete;
      expect(el.status).to.equal('answered');

      const ended = endOf(el);
      expect(reportSpacesCallEvent({ data: [{ category: 'space.call.ended', spaceCallId }], app_client_id: 'x' })).to.equal(true);
      expect(await ended).to.include({ outcome: 'answered', live: 'off' });
      expect(events.ends).to.have.length(1);
    });

    it('without any event, the call ends unknown when the button returns to idle', async () => {
      const el = await render(NUMBERS.success, { live: false, resetDelay: 200 });
      const ended = endOf(el);
      button(el).click();
      expect(await ended).to.include({ outcome: 'unknown', live: 'off' });
      expect(el.status).to.equal('idle');
      expect(events.updates.map((update) => update.status)).to.deep.equal(['idle']);
    });
  });

  it('200 live buttons place calls through one connection, and each call ends exactly once', async () => {
    const numbers = Array.from({ length: 200 }, (_, i) => `+44 20 7946 ${String(1000 + i)}`);
    const container = await fixture<HTMLDivElement>(html`<div>
      ${numbers.map(
        (number) => html`<spaces-call-button
          number=${number}
          api-base=${api.apiBase}
          token=${token}
          live
          socket-url=${socketUrl}
          max-concurrent-calls="0"
          reset-delay="100"
        ></spaces-call-button>`,
      )}
    </div>`);
    const buttons = [...container.querySelectorAll('spaces-call-button')];
    await Promise.all(buttons.map((el) => el.updateComplete));
    // The first call opens the page's connection; the other 199 are placed once it is open. (Placed before, their
    // events would wait in the mock for the connection to come, which keeps only the last 100 of them, its MAX_QUEUE:
    // on a busy machine the oldest answers were dropped and those calls rightly ended unknown.)
    const first = oneEvent(buttons[0], 'spaces-call-success');
    button(buttons[0]).click();
    await first;
    await until(async () => (await realtimeLog(api, token)).connections === 1, 'the channel to open');
    for (const el of buttons.slice(1)) button(el).click();

    await until(() => events.ends.length >= 200, '200 ends', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.ends).to.have.length(200);
    expect(new Set(events.ends.map((end) => end.spaceCallId)).size).to.equal(200);
    const log = await realtimeLog(api, token);
    expect(log.entries.filter((entry) => entry.type === 'queued'), 'events kept for a connection to come').to.deep.equal([]);
    // Each call ends with the outcome of the events the mock sent it, in their order: all answered, then ended.
    const sent = new Map<string, string[]>();
    for (const entry of log.entries) {
      if (entry.type === 'sent') sent.set(String(entry.spaceCallId), [...(sent.get(String(entry.spaceCallId)) ?? []), String(entry.category)]);
    }
    const unlike = events.ends
      .map((end) => ({ end, categories: sent.get(end.spaceCallId) ?? [] }))
      .filter(({ end, categories }) => end.outcome !== 'answered' || end.live !== 'followed' || categories.join() !== 'space.call.accepted,space.call.ended')
      .map(({ end, categories }) => `${end.spaceCallId}: ${end.outcome} ${end.live} after ${categories.join(', ') || 'nothing'}`);
    expect(unlike.slice(0, 5), `${unlike.length} ends unlike the channel's events`).to.deep.equal([]);
    expect(log.entries.filter((entry) => entry.type === 'connect')).to.have.length(1);
    expect(log.connections).to.equal(1);
  });
});
