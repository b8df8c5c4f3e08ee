/**
 * The page-wide call registry (src/live/call-registry.ts): events routed by `spaceCallId` to the button that
 * follows that call, early events kept a while for a call about to start. Its state lives on the global object,
 * so every test stops its followers and uses call ids of its own.
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { CallEvent } from '../../src/live/call-events.js';
import { deliverCallEvents, followCall } from '../../src/live/call-registry.js';
// As a host calls it: from the package's main entry.
import { reportSpacesCallEvent } from '../../src/index.js';

let run = 0;
/** A call id no other test uses. */
const newCallId = () => `call-${++run}-${Math.random().toString(36).slice(2)}`;

const webhook = (category: string, spaceCallId: string) => ({ category, spaceCallId, topicId: 'topic-1', content: { callType: 'aura' } });

describe('call registry', () => {
  let stops: (() => void)[];
  /** Follows `spaceCallId`, remembering what it receives; stopped after the test. */
  function follow(spaceCallId: string): CallEvent[] {
    const received: CallEvent[] = [];
    stops.push(followCall(spaceCallId, (event) => received.push(event)));
    return received;
  }

  beforeEach(() => {
    stops = [];
  });
  afterEach(() => {
    for (const stop of stops) stop();
    sinon.restore();
  });

  describe('reportSpacesCallEvent', () => {
    it('hands an event to the button following its call, and says it was taken', () => {
      const id = newCallId();
      const received = follow(id);

      const taken = reportSpacesCallEvent(webhook('space.call.accepted', id));

      expect(taken).to.equal(true);
      expect(received).to.deep.equal([{ kind: 'answered', spaceCallId: id }]);
    });

    it('routes each event of a { data: [ … ] } wrapper to its own call', () => {
      const [a, b] = [newCallId(), newCallId()];
      const [receivedA, receivedB] = [follow(a), follow(b)];

      reportSpacesCallEvent({ data: [webhook('space.call.rejected', b), webhook('space.call.accepted', a), webhook('space.call.ended', a)] });

      expect(receivedA).to.deep.equal([
        { kind: 'answered', spaceCallId: a },
        { kind: 'ended', spaceCallId: a },
      ]);
      expect(receivedB).to.deep.equal([{ kind: 'declined', spaceCallId: b }]);
    });

    it('says no when no button follows that call, and bothers no other follower', () => {
      const received = follow(newCallId());

      expect(reportSpacesCallEvent(webhook('space.call.accepted', newCallId()))).to.equal(false);
      expect(received).to.deep.equal([]);
    });

    it('says no to an unknown category or a malformed payload, for a followed call too', () => {
      const id = newCallId();
      const received = follow(id);

      expect(reportSpacesCallEvent(webhook('space.call.offer.sent', id))).to.equal(false);
      expect(reportSpacesCallEvent({ category: 'space.call.accepted', spaceCallId: [id] })).to.equal(false);
      expect(reportSpacesCallEvent(`{"category":"space.call.accepted","spaceCallId":"${id}"}`)).to.equal(false);
      expect(received).to.deep.equal([]);
    });

    it('never throws on hostile payloads', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const payloads: unknown[] = [undefined, null, 0, 'x'.repeat(1 << 20), proxy, JSON.parse('{"__proto__":{"category":"video.end","spaceCallId":"x"}}')];
      for (const payload of payloads) expect(() => reportSpacesCallEvent(payload)).not.to.throw();
    });

    it('says yes when any event of a batch was taken', () => {
      const id = newCallId();
      const received = follow(id);

      expect(reportSpacesCallEvent([webhook('space.call.rejected', newCallId()), webhook('space.call.rejected', id)])).to.equal(true);
      expect(received).to.have.length(1);
    });
  });

  describe('following a call', () => {
    it('stops when asked: nothing more arrives, and reports are no longer taken', () => {
      const id = newCallId();
      const received: CallEvent[] = [];
      const stop = followCall(id, (event) => received.push(event));

      stop();

      expect(reportSpacesCallEvent(webhook('space.call.accepted', id))).to.equal(false);
      expect(received).to.deep.equal([]);
    });

    it('a newer follower of the same call takes over from the older one', () => {
      const id = newCallId();
      const older = follow(id);
      const newer = follow(id);

      reportSpacesCallEvent(webhook('space.call.accepted', id));

      expect(older).to.deep.equal([]);
      expect(newer).to.deep.equal([{ kind: 'answered', spaceCallId: id }]);
    });

    it('the older follower stopping late does not stop the newer one', () => {
      const id = newCallId();
      const stopOlder = followCall(id, () => {});
      const newer = follow(id);

      stopOlder();

      expect(reportSpacesCallEvent(webhook('space.call.accepted', id))).to.equal(true);
      expect(newer).to.have.length(1);
    });

    it('deliverCallEvents hands already-read events the same way (the channel’s path)', () => {
      const id = newCallId();
      const received = follow(id);

      expect(deliverCallEvents([{ kind: 'failed', spaceCallId: id }])).to.equal(true);
      expect(deliverCallEvents([])).to.equal(false);
      expect(received).to.deep.equal([{ kind: 'failed', spaceCallId: id }]);
    });
  });

  describe('events that come before their call is known', () => {
    it('are handed, in order, to the follower that appears', () => {
      const id = newCallId();
      expect(reportSpacesCallEvent(webhook('space.call.accepted', id))).to.equal(false);
      reportSpacesCallEvent(webhook('space.call.ended', id));

      const received = follow(id);

      expect(received).to.deep.equal([
        { kind: 'answered', spaceCallId: id },
        { kind: 'ended', spaceCallId: id },
      ]);
    });

    it('are handed over once only', () => {
      const id = newCallId();
      reportSpacesCallEvent(webhook('space.call.rejected', id));
      follow(id);

      const second = follow(id);

      expect(second).to.deep.equal([]);
    });

    it('of other calls stay kept for their own follower', () => {
      const [mine, other] = [newCallId(), newCallId()];
      reportSpacesCallEvent(webhook('space.call.rejected', other));

      const receivedMine = follow(mine);
      const receivedOther = follow(other);

      expect(receivedMine).to.deep.equal([]);
      expect(receivedOther).to.deep.equal([{ kind: 'declined', spaceCallId: other }]);
    });

    it('are kept 500 at most (200 calls can be answered before their requests are): the oldest go first', () => {
      const [dropped, kept] = [newCallId(), newCallId()];
      reportSpacesCallEvent(webhook('space.call.rejected', dropped));
      for (let i = 0; i < 500; i++) reportSpacesCallEvent(webhook('space.call.failed', kept));

      expect(follow(dropped)).to.deep.equal([]);
      expect(follow(kept)).to.have.length(500);
    });

    it('are kept under 30 seconds', () => {
      const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 15), toFake: ['Date'] });
      const id = newCallId();
      reportSpacesCallEvent(webhook('space.call.rejected', id));

      clock.tick(29_999);
      reportSpacesCallEvent(webhook('space.call.rejected', newCallId()));

      expect(follow(id)).to.deep.equal([{ kind: 'declined', spaceCallId: id }]);
    });

    it('are dropped after 30 seconds, once other events arrive', () => {
      const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 15), toFake: ['Date'] });
      const id = newCallId();
      reportSpacesCallEvent(webhook('space.call.rejected', id));

      clock.tick(30_000);
      reportSpacesCallEvent(webhook('space.call.rejected', newCallId()));

      expect(follow(id)).to.deep.equal([]);
    });

    it('are dropped after 30 seconds, even when nothing else arrived since', () => {
      const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 15), toFake: ['Date'] });
      const id = newCallId();
      reportSpacesCallEvent(webhook('space.call.rejected', id));

      clock.tick(31_000);

      expect(follow(id)).to.deep.equal([]);
    });
  });

  describe('one registry per page', () => {
    it('is shared by every copy of the script', async () => {
      // Another copy of the module, as a page that loads the script twice has.
      const url = new URL('../../src/live/call-registry.ts', import.meta.url);
      url.search = '?second-copy';
      const copy: typeof import('../../src/live/call-registry.js') = await import(/* @vite-ignore */ url.href);
      expect(copy.followCall, 'a separate module instance').not.to.equal(followCall);
      const id = newCallId();
      const received = follow(id);

      const taken = copy.deliverCallEvents([{ kind: 'answered', spaceCallId: id }]);

      expect(taken).to.equal(true);
      expect(received).to.deep.equal([{ kind: 'answered', spaceCallId: id }]);
    });

    it('keeps early events for a follower of any copy', async () => {
      const url = new URL('../../src/live/call-registry.ts', import.meta.url);
      url.search = '?second-copy';
      const copy: typeof import('../../src/live/call-registry.js') = await import(/* @vite-ignore */ url.href);
      const id = newCallId();
      reportSpacesCallEvent(webhook('space.call.not.answered', id));

      const received: CallEvent[] = [];
      stops.push(copy.followCall(id, (event) => received.push(event)));

      expect(received).to.deep.equal([{ kind: 'not-answered', spaceCallId: id }]);
    });
  });
});
