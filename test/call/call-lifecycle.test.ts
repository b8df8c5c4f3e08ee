/**
 * The call's lifecycle as a pure state machine (src/call/call-lifecycle.ts): inputs and the time in, the next
 * state out. Time is controlled: every step names its `now`.
 */
import { expect } from '@open-wc/testing';
import { callErrors } from '../../src/api/call-error.js';
import {
  advance,
  deadlineOf,
  endOf,
  IDLE,
  type CallEnd,
  type CallEndOutcome,
  type Lifecycle,
  type LifecycleInput,
  type LifecycleTimes,
  type PlacedCall,
} from '../../src/call/call-lifecycle.js';
import type { CallEventKind } from '../../src/live/call-events.js';
import { seededRandom, type Random } from '../support/seeded-random.js';

const TIMES: LifecycleTimes = { resetDelay: 5_000, answerTimeout: 60_000 };
/** When the API accepted the call in these tests. */
const T0 = Date.UTC(2026, 0, 15, 9, 30);

const EVENT_KINDS: CallEventKind[] = ['answered', 'declined', 'not-answered', 'failed', 'cancelled', 'ended'];

function placedCall(overrides: Partial<PlacedCall> = {}): PlacedCall {
  return {
    spaceCallId: 'call-1',
    topicId: 'topic-1',
    receivers: [{ address: '+442079460958', displayname: 'Ada', callStatus: 'calling' }],
    startedAt: T0,
    live: true,
    ...overrides,
  };
}

const event = (kind: CallEventKind): LifecycleInput => ({ type: 'event', kind });
const step = (state: Lifecycle, input: LifecycleInput, now = T0 + 1_000) => advance(state, input, now, TIMES);

const placing: Lifecycle = { status: 'placing' };
const calling = (call = placedCall()): Lifecycle => ({ status: 'calling', call });
const answered = (call = placedCall(), answeredAt = T0 + 4_000): Lifecycle => ({ status: 'answered', call, answeredAt });
const ended = (outcome: CallEndOutcome = 'declined', endedAt = T0 + 9_000): Lifecycle => ({ status: 'ended', call: placedCall(), outcome, endedAt });
const failed: Lifecycle = { status: 'error', error: callErrors.network() };

/** Inputs that are not `reset`, one of each kind. */
const ALL_INPUTS: LifecycleInput[] = [
  { type: 'place' },
  { type: 'placed', call: placedCall({ spaceCallId: 'call-2' }) },
  { type: 'failed', error: callErrors.timeout(15_000) },
  ...EVENT_KINDS.map(event),
  { type: 'cancel' },
  { type: 'unfollow' },
  { type: 'deadline' },
];
const describeInput = (input: LifecycleInput) => (input.type === 'event' ? `event "${input.kind}"` : `"${input.type}"`);

describe('call lifecycle', () => {
  describe('placing a call', () => {
    for (const [name, state] of [
      ['idle', IDLE],
      ['error', failed],
      ['ended', ended()],
    ] as const) {
      it(`a click while ${name} starts placing`, () => {
        expect(step(state, { type: 'place' })).to.deep.equal({ status: 'placing' });
      });
    }

    it('the API’s acceptance makes it calling, with the call as placed', () => {
      const call = placedCall();
      expect(step(placing, { type: 'placed', call })).to.deep.equal({ status: 'calling', call });
    });

    it('a failed request makes it an error, with that error', () => {
      const error = callErrors.timeout(15_000);
      expect(step(placing, { type: 'failed', error })).to.deep.equal({ status: 'error', error });
    });

    for (const input of [...EVENT_KINDS.map(event), { type: 'cancel' }, { type: 'unfollow' }, { type: 'deadline' }, { type: 'place' }] as LifecycleInput[]) {
      it(`while placing, ${describeInput(input)} changes nothing`, () => {
        expect(step(placing, input)).to.equal(placing);
      });
    }

    for (const input of [{ type: 'place' }, { type: 'placed', call: placedCall({ spaceCallId: 'call-2' }) }, { type: 'failed', error: callErrors.network() }] as LifecycleInput[]) {
      it(`while calling, ${describeInput(input)} changes nothing (one call at a time)`, () => {
        const state = calling();
        expect(step(state, input)).to.equal(state);
      });
    }
  });

  describe('while calling, an event of the call', () => {
    it('"answered" makes it answered at that time', () => {
      const call = placedCall();
      expect(step(calling(call), event('answered'), T0 + 3_000)).to.deep.equal({ status: 'answered', call, answeredAt: T0 + 3_000 });
    });

    const outcomes: [CallEventKind, CallEndOutcome][] = [
      ['declined', 'declined'],
      ['not-answered', 'not-answered'],
      ['failed', 'failed'],
      ['cancelled', 'cancelled'],
      // An end before any answer says nothing of how it went.
      ['ended', 'unknown'],
    ];
    for (const [kind, outcome] of outcomes) {
      it(`"${kind}" ends it at that time with outcome "${outcome}"`, () => {
        const call = placedCall();
        expect(step(calling(call), event(kind), T0 + 7_000)).to.deep.equal({ status: 'ended', call, outcome, endedAt: T0 + 7_000 });
      });
    }

    it('is followed on a call without live too (events the host reports)', () => {
      const call = placedCall({ live: false });
      expect(step(calling(call), event('declined'), T0 + 2_000)).to.deep.equal({ status: 'ended', call, outcome: 'declined', endedAt: T0 + 2_000 });
    });
  });

  describe('once answered', () => {
    it('"ended" ends it with outcome "answered", keeping when it was answered', () => {
      const call = placedCall();
      expect(step(answered(call, T0 + 4_000), event('ended'), T0 + 138_000)).to.deep.equal({
        status: 'ended',
        call,
        outcome: 'answered',
        answeredAt: T0 + 4_000,
        endedAt: T0 + 138_000,
      });
    });

    for (const kind of EVENT_KINDS.filter((k) => k !== 'ended')) {
      it(`event "${kind}" changes nothing`, () => {
        const state = answered();
        expect(step(state, event(kind))).to.equal(state);
      });
    }

    it('cannot be cancelled (there is no documented hang-up of an answered call)', () => {
      const state = answered();
      expect(step(state, { type: 'cancel' })).to.equal(state);
    });

    it('has no deadline: it lasts until the call ends', () => {
      const state = answered();
      expect(deadlineOf(state, TIMES)).to.equal(undefined);
      expect(step(state, { type: 'deadline' }, T0 + 10 * TIMES.answerTimeout)).to.equal(state);
    });

    it('an answered call whose channel is lost for good ends there, as answered (the end time is when following stopped)', () => {
      const after = step(answered(), { type: 'unfollow' }, T0 + 30_000);
      expect(after).to.include({ status: 'ended', outcome: 'answered', endedAt: T0 + 30_000 });
      expect(deadlineOf(after, TIMES)).to.be.a('number');
    });
  });

  describe('cancel', () => {
    it('ends a live call that is calling, as "cancelled"', () => {
      const call = placedCall({ live: true });
      expect(step(calling(call), { type: 'cancel' }, T0 + 2_500)).to.deep.equal({ status: 'ended', call, outcome: 'cancelled', endedAt: T0 + 2_500 });
    });

    it('does nothing for a call without live (nothing could send it)', () => {
      const state = calling(placedCall({ live: false }));
      expect(step(state, { type: 'cancel' })).to.equal(state);
    });

    for (const [name, state] of [
      ['idle', IDLE],
      ['placing', placing],
      ['ended', ended()],
      ['error', failed],
    ] as const) {
      it(`does nothing while ${name}`, () => {
        expect(step(state, { type: 'cancel' })).to.equal(state);
      });
    }
  });

  describe('unfollow (the channel cannot be used)', () => {
    it('turns a live call into one without live, otherwise the same', () => {
      const call = placedCall({ live: true });
      expect(step(calling(call), { type: 'unfollow' })).to.deep.equal({ status: 'calling', call: { ...call, live: false } });
    });

    it('moves its deadline from the answer timeout to the reset delay', () => {
      const state = calling(placedCall({ live: true }));
      expect(deadlineOf(state, TIMES)).to.equal(T0 + TIMES.answerTimeout);

      const after = step(state, { type: 'unfollow' });

      expect(deadlineOf(after, TIMES)).to.equal(T0 + TIMES.resetDelay);
    });

    it('makes a live call no longer cancellable', () => {
      const after = step(calling(placedCall({ live: true })), { type: 'unfollow' });
      expect(step(after, { type: 'cancel' })).to.equal(after);
    });

    it('changes nothing for a call already without live', () => {
      const state = calling(placedCall({ live: false }));
      expect(step(state, { type: 'unfollow' })).to.equal(state);
    });

    it('changes nothing once the call has ended', () => {
      const state = ended();
      expect(step(state, { type: 'unfollow' })).to.equal(state);
    });
  });

  describe('deadlines', () => {
    describe('of a live call', () => {
      it('is the answer timeout after the API accepted it', () => {
        expect(deadlineOf(calling(placedCall({ live: true })), TIMES)).to.equal(T0 + TIMES.answerTimeout);
      });

      it('before its time changes nothing', () => {
        const state = calling(placedCall({ live: true }));
        expect(step(state, { type: 'deadline' }, T0 + TIMES.answerTimeout - 1)).to.equal(state);
      });

      it('at its time ends the call as "unknown"', () => {
        const call = placedCall({ live: true });
        const now = T0 + TIMES.answerTimeout;
        expect(step(calling(call), { type: 'deadline' }, now)).to.deep.equal({ status: 'ended', call, outcome: 'unknown', endedAt: now });
      });
    });

    describe('of a call without live', () => {
      it('is the reset delay after the API accepted it', () => {
        expect(deadlineOf(calling(placedCall({ live: false })), TIMES)).to.equal(T0 + TIMES.resetDelay);
      });

      it('before its time changes nothing', () => {
        const state = calling(placedCall({ live: false }));
        expect(step(state, { type: 'deadline' }, T0 + TIMES.resetDelay - 1)).to.equal(state);
      });

      it('at its time makes the button idle again, as it always has', () => {
        expect(step(calling(placedCall({ live: false })), { type: 'deadline' }, T0 + TIMES.resetDelay)).to.equal(IDLE);
      });

      it('already past when the channel is given up: the call is over at the next deadline', () => {
        const later = T0 + TIMES.resetDelay + 1_000;
        const unfollowed = step(calling(placedCall({ live: true })), { type: 'unfollow' }, later);

        expect(deadlineOf(unfollowed, TIMES)).to.be.below(later);
        expect(step(unfollowed, { type: 'deadline' }, later)).to.equal(IDLE);
      });
    });

    describe('of an ended call', () => {
      it('is the reset delay after its end', () => {
        expect(deadlineOf(ended('declined', T0 + 9_000), TIMES)).to.equal(T0 + 9_000 + TIMES.resetDelay);
      });

      it('before its time changes nothing', () => {
        const state = ended('declined', T0 + 9_000);
        expect(step(state, { type: 'deadline' }, T0 + 9_000 + TIMES.resetDelay - 1)).to.equal(state);
      });

      it('at its time makes the button idle', () => {
        expect(step(ended('declined', T0 + 9_000), { type: 'deadline' }, T0 + 9_000 + TIMES.resetDelay)).to.equal(IDLE);
      });
    });

    for (const [name, state] of [
      ['idle', IDLE],
      ['placing', placing],
      ['error', failed],
    ] as const) {
      it(`there is none while ${name}, and a stray one changes nothing`, () => {
        expect(deadlineOf(state, TIMES)).to.equal(undefined);
        expect(step(state, { type: 'deadline' }, T0 + 1e9)).to.equal(state);
      });
    }
  });

  describe('after the end', () => {
    for (const input of ALL_INPUTS.filter((i) => i.type !== 'place' && i.type !== 'deadline')) {
      it(`${describeInput(input)} is ignored`, () => {
        const state = ended('declined');
        expect(step(state, input)).to.equal(state);
      });
    }

    for (const kind of EVENT_KINDS) {
      it(`event "${kind}" while idle or in error is ignored`, () => {
        expect(step(IDLE, event(kind))).to.equal(IDLE);
        expect(step(failed, event(kind))).to.equal(failed);
      });
    }
  });

  describe('reset (the number changed)', () => {
    for (const [name, state] of [
      ['placing', placing],
      ['calling', calling()],
      ['answered', answered()],
      ['ended', ended()],
      ['error', failed],
    ] as const) {
      it(`makes ${name} idle`, () => {
        expect(step(state, { type: 'reset' })).to.equal(IDLE);
      });
    }

    it('changes nothing while idle', () => {
      const idle: Lifecycle = { status: 'idle' };
      expect(step(idle, { type: 'reset' })).to.equal(idle);
    });
  });

  describe('endOf: the end a step brings about', () => {
    it('is none for a step that changes nothing', () => {
      const state = calling();
      expect(endOf(state, state, T0)).to.equal(undefined);
    });

    it('is none when the callee answers', () => {
      expect(endOf(calling(), answered(), T0 + 4_000)).to.equal(undefined);
    });

    it('is none when a call loses its channel but goes on', () => {
      const before = calling(placedCall({ live: true }));
      expect(endOf(before, step(before, { type: 'unfollow' }), T0 + 1_000)).to.equal(undefined);
    });

    it('is the ended state’s, for an outcome while calling', () => {
      const call = placedCall();
      const after = step(calling(call), event('not-answered'), T0 + 29_000);
      expect(endOf(calling(call), after, T0 + 29_000)).to.deep.equal({ call, outcome: 'not-answered', answeredAt: undefined, endedAt: T0 + 29_000 });
    });

    it('is "answered" with both times when an answered call ends', () => {
      const call = placedCall();
      const before = answered(call, T0 + 4_000);
      const after = step(before, event('ended'), T0 + 138_000);
      expect(endOf(before, after, T0 + 138_000)).to.deep.equal({ call, outcome: 'answered', answeredAt: T0 + 4_000, endedAt: T0 + 138_000 });
    });

    it('is "unknown" at that time when a call without live returns to idle', () => {
      const call = placedCall({ live: false });
      const now = T0 + TIMES.resetDelay;
      const after = step(calling(call), { type: 'deadline' }, now);
      expect(endOf(calling(call), after, now)).to.deep.equal({ call, outcome: 'unknown', answeredAt: undefined, endedAt: now });
    });

    it('is "unknown" when the number changes while calling', () => {
      const call = placedCall();
      expect(endOf(calling(call), step(calling(call), { type: 'reset' }), T0 + 2_000)).to.deep.equal({
        call,
        outcome: 'unknown',
        answeredAt: undefined,
        endedAt: T0 + 2_000,
      });
    });

    it('is "answered" when the number changes during an answered call', () => {
      const call = placedCall();
      const before = answered(call, T0 + 4_000);
      expect(endOf(before, step(before, { type: 'reset' }), T0 + 50_000)).to.deep.equal({
        call,
        outcome: 'answered',
        answeredAt: T0 + 4_000,
        endedAt: T0 + 50_000,
      });
    });

    it('is none when an ended call returns to idle: its end was already reported', () => {
      const before = ended('declined', T0 + 9_000);
      const now = T0 + 9_000 + TIMES.resetDelay;
      expect(endOf(before, step(before, { type: 'deadline' }, now), now)).to.equal(undefined);
      expect(endOf(before, step(before, { type: 'reset' }, T0 + 10_000), T0 + 10_000)).to.equal(undefined);
    });

    it('is none for a request that never became a call', () => {
      expect(endOf(placing, step(placing, { type: 'failed', error: callErrors.network() }), T0)).to.equal(undefined);
      expect(endOf(placing, step(placing, { type: 'reset' }), T0)).to.equal(undefined);
    });
  });

  describe('exactly one end per call, whatever comes in', () => {
    /** A random input, as the element, the channel and the host could send it, and the time it comes at. */
    function randomStep(random: Random, state: Lifecycle, now: number, nextId: () => string): { input: LifecycleInput; now: number } {
      const deadline = deadlineOf(state, TIMES);
      const roll = random.int(0, 9);
      if (roll === 0 && deadline !== undefined) {
        // As the element's timer: at (or after) the deadline; or a stale timer before it.
        return { input: { type: 'deadline' }, now: random.chance(0.7) ? Math.max(now, deadline + random.int(0, 50)) : now };
      }
      const later = now + random.int(0, 3_000);
      switch (roll) {
        case 1:
          return { input: { type: 'place' }, now: later };
        case 2:
          return { input: { type: 'placed', call: placedCall({ spaceCallId: nextId(), startedAt: later, live: random.chance(0.6) }) }, now: later };
        case 3:
          return { input: { type: 'failed', error: callErrors.network() }, now: later };
        case 4:
          return { input: { type: 'cancel' }, now: later };
        case 5:
          return { input: { type: 'unfollow' }, now: later };
        case 6:
          return { input: { type: 'reset' }, now: later };
        default:
          return { input: event(random.pick(EVENT_KINDS)), now: later };
      }
    }

    for (const seed of [1, 2, 3, 0x5eed, 0xca11, 0xdead_beef, 20_260_115, 42]) {
      it(`seed ${seed}: 400 random inputs, then a reset`, () => {
        const random = seededRandom(seed);
        let id = 0;
        const nextId = () => `call-${++id}`;
        const reachedCalling = new Set<string>();
        const ends = new Map<string, CallEnd[]>();
        let state: Lifecycle = IDLE;
        let now = T0;

        const apply = (input: LifecycleInput, at: number) => {
          now = at;
          const before = state;
          state = advance(before, input, now, TIMES);
          if (state.status === 'calling' && before.status !== 'calling') reachedCalling.add(state.call.spaceCallId);
          const end = endOf(before, state, now);
          if (!end) return;
          // An end belongs to the call that was going on, and no call can end before it started.
          expect(before.status === 'calling' || before.status === 'answered', `end from ${before.status}`).to.equal(true);
          expect(end.call.spaceCallId).to.equal('call' in before ? before.call.spaceCallId : undefined);
          expect(end.endedAt).to.be.at.least(end.call.startedAt);
          expect(end.answeredAt !== undefined, `outcome ${end.outcome} with answeredAt ${end.answeredAt}`).to.equal(end.outcome === 'answered');
          ends.set(end.call.spaceCallId, [...(ends.get(end.call.spaceCallId) ?? []), end]);
        };

        for (let i = 0; i < 400; i++) {
          const { input, now: at } = randomStep(random, state, now, nextId);
          apply(input, at);
        }
        apply({ type: 'reset' }, now + 1);

        expect(reachedCalling.size, 'calls placed in this run').to.be.above(5);
        for (const callId of reachedCalling) expect(ends.get(callId)?.length ?? 0, `ends of ${callId}`).to.equal(1);
        expect([...ends.keys()].filter((callId) => !reachedCalling.has(callId)), 'ends of calls never placed').to.deep.equal([]);
      });
    }
  });
});
