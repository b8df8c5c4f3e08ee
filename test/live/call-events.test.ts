/**
 * Reading Spaces call events (src/live/call-events.ts): every documented or observed shape in, the call
 * events out; anything else is left out, and nothing throws.
 */
import { expect } from '@open-wc/testing';
import { readCallEvents, type CallEventKind } from '../../src/live/call-events.js';

/** A `MEDIA_SESSION_RESPONSE` payload or webhook body, as ../shared/spaces-api/REALTIME.md describes it. */
function spacesEvent(category: string, spaceCallId = 'call-1', extra: Record<string, unknown> = {}) {
  return {
    sender: { _id: 'callee-user', type: 'user', displayname: 'Ada' },
    receivers: [{ _id: 'caller-user', type: 'user' }],
    spaceCallId,
    topicId: 'topic-1',
    category,
    content: { callType: 'aura' },
    startTime: '2026-01-15T09:30:00.000Z',
    ...extra,
  };
}

describe('readCallEvents', () => {
  describe('maps both spellings of each category', () => {
    const categories: [string, CallEventKind][] = [
      ['space.call.accepted', 'answered'],
      ['space.call.offer.accepted', 'answered'],
      ['space.call.rejected', 'declined'],
      ['space.call.offer.rejected', 'declined'],
      ['space.call.not.answered', 'not-answered'],
      ['space.call.offer.not.answered', 'not-answered'],
      ['space.call.failed', 'failed'],
      ['space.call.offer.failed', 'failed'],
      ['space.call.no.capability', 'failed'],
      ['space.call.cancelled', 'cancelled'],
      ['space.call.ended', 'ended'],
      ['video.end', 'ended'],
    ];
    for (const [category, kind] of categories) {
      it(`${category} → ${kind}`, () => {
        expect(readCallEvents(spacesEvent(category, 'call-7'))).to.deep.equal([{ kind, spaceCallId: 'call-7' }]);
      });
    }
  });

  describe('accepts each shape events come in', () => {
    it('one event object (a webhook body or a channel payload)', () => {
      expect(readCallEvents(spacesEvent('space.call.accepted'))).to.deep.equal([{ kind: 'answered', spaceCallId: 'call-1' }]);
    });

    it('a { data: [ … ] } wrapper, as the cancelled and not-answered webhooks are sent', () => {
      const body = { data: [spacesEvent('space.call.not.answered')], app_client_id: 'app-1' };
      expect(readCallEvents(body)).to.deep.equal([{ kind: 'not-answered', spaceCallId: 'call-1' }]);
    });

    it('an array of events, in their order', () => {
      const payload = [spacesEvent('space.call.accepted', 'a'), spacesEvent('space.call.ended', 'a'), spacesEvent('space.call.rejected', 'b')];
      expect(readCallEvents(payload)).to.deep.equal([
        { kind: 'answered', spaceCallId: 'a' },
        { kind: 'ended', spaceCallId: 'a' },
        { kind: 'declined', spaceCallId: 'b' },
      ]);
    });

    it('a JSON text parsed by the host, as its server relayed it', () => {
      const relayed = JSON.parse(JSON.stringify({ data: [spacesEvent('space.call.cancelled', 'c-9')] }));
      expect(readCallEvents(relayed)).to.deep.equal([{ kind: 'cancelled', spaceCallId: 'c-9' }]);
    });

    it('gives only the kind and the call id, nothing else of the payload', () => {
      const [read] = readCallEvents(spacesEvent('space.call.accepted', 'call-1', { token: 'secret', extra: '<b>x</b>' }));
      expect(Object.keys(read)).to.have.members(['kind', 'spaceCallId']);
    });
  });

  describe('leaves out what is not a call outcome', () => {
    it('unknown categories, keeping the known ones around them', () => {
      const payload = [spacesEvent('space.call.offer.sent'), spacesEvent('space.call.rejected'), spacesEvent('MESSAGE_SENT'), spacesEvent('space.call.offer')];
      expect(readCallEvents(payload)).to.deep.equal([{ kind: 'declined', spaceCallId: 'call-1' }]);
    });

    for (const category of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '']) {
      it(`a category named "${category}" (a key every object has, or none)`, () => {
        expect(readCallEvents(spacesEvent(category))).to.deep.equal([]);
      });
    }

    it('a category that is not a string', () => {
      for (const category of [42, null, ['space.call.accepted'], { toString: () => 'space.call.accepted' }, true]) {
        expect(readCallEvents({ category, spaceCallId: 'call-1' }), String(category)).to.deep.equal([]);
      }
    });

    it('an event without a call id, or with an empty or non-string one', () => {
      for (const spaceCallId of [undefined, '', 7, null, { id: 'call-1' }, ['call-1']]) {
        expect(readCallEvents({ category: 'space.call.accepted', spaceCallId }), String(spaceCallId)).to.deep.equal([]);
      }
      expect(readCallEvents({ category: 'space.call.accepted' })).to.deep.equal([]);
    });

    it('a call id longer than 200 characters (not one of ours); 200 is still read', () => {
      expect(readCallEvents(spacesEvent('space.call.accepted', 'x'.repeat(201)))).to.deep.equal([]);
      expect(readCallEvents(spacesEvent('space.call.accepted', 'x'.repeat(200)))).to.have.length(1);
    });

    it('fields inherited from a prototype, not the object’s own', () => {
      const inherited = Object.create({ category: 'space.call.accepted', spaceCallId: 'call-1' });
      const wrapped = Object.create({ data: [spacesEvent('space.call.accepted')] });
      expect(readCallEvents(inherited)).to.deep.equal([]);
      expect(readCallEvents(wrapped)).to.deep.equal([]);
    });

    it('events nested deeper than a wrapper or an array', () => {
      expect(readCallEvents([[spacesEvent('space.call.accepted')]])).to.deep.equal([]);
      expect(readCallEvents({ data: { data: [spacesEvent('space.call.accepted')] } })).to.deep.equal([]);
      expect(readCallEvents({ payload: spacesEvent('space.call.accepted') })).to.deep.equal([]);
    });

    it('more than 50 events at once: the first 50 are read', () => {
      const payload = Array.from({ length: 60 }, (_, i) => spacesEvent('space.call.rejected', `call-${i}`));
      const read = readCallEvents({ data: payload });
      expect(read).to.have.length(50);
      expect(read.at(-1)).to.deep.equal({ kind: 'declined', spaceCallId: 'call-49' });
    });
  });

  describe('never throws on hostile payloads', () => {
    const megabyte = 'a'.repeat(1 << 20);
    const cyclic: Record<string, unknown> = { category: 'space.call.accepted' };
    cyclic.spaceCallId = cyclic;
    cyclic.data = [cyclic];
    const cyclicArray: unknown[] = [];
    cyclicArray.push(cyclicArray, cyclicArray);
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const { proxy: revokedArray, revoke: revokeArray } = Proxy.revocable([spacesEvent('space.call.accepted')], {});
    revokeArray();
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('get');
        },
        has: () => {
          throw new Error('has');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('getOwnPropertyDescriptor');
        },
        ownKeys: () => {
          throw new Error('ownKeys');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf');
        },
      },
    );
    const throwingArray = new Proxy([spacesEvent('space.call.accepted')], {
      get: () => {
        throw new Error('get');
      },
    });
    const throwingGetter = Object.defineProperty({ spaceCallId: 'call-1' }, 'category', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    });

    const hostile: [string, unknown][] = [
      ['undefined', undefined],
      ['null', null],
      ['zero', 0],
      ['NaN', NaN],
      ['a number', 42],
      ['a bigint', 10n],
      ['true', true],
      ['a symbol', Symbol('space.call.accepted')],
      ['a function', () => 'space.call.accepted'],
      ['a category as a bare string', 'space.call.accepted'],
      ['a megabyte string', megabyte],
      ['a megabyte category', { category: megabyte, spaceCallId: 'call-1' }],
      ['a megabyte call id', { category: 'space.call.accepted', spaceCallId: megabyte }],
      ['markup as the category', { category: '<img src=x onerror="alert(1)">', spaceCallId: 'call-1' }],
      ['a __proto__ key (JSON)', JSON.parse('{"__proto__": {"category": "space.call.accepted", "spaceCallId": "call-1"}}')],
      ['a __proto__ wrapper (JSON)', JSON.parse('{"__proto__": {"data": [{"category": "space.call.accepted", "spaceCallId": "call-1"}]}}')],
      ['a constructor key', { constructor: { category: 'space.call.accepted', spaceCallId: 'call-1' } }],
      ['a null-prototype object without fields', Object.create(null)],
      ['data that is a string', { data: megabyte }],
      ['data that is null', { data: null }],
      ['a cyclic object', cyclic],
      ['a cyclic array', cyclicArray],
      ['a Proxy whose every trap throws', throwing],
      ['a revoked Proxy', revoked],
      ['a revoked Proxy of an array', revokedArray],
      ['an array Proxy that throws on get', throwingArray],
      ['a { data } wrapper of a throwing Proxy', { data: throwingArray }],
      ['a getter that throws', throwingGetter],
      ['a Date', new Date(0)],
      ['a regular expression', /space\.call\.accepted/],
      ['a Map of events', new Map([['category', 'space.call.accepted']])],
      ['a million empty slots', new Array(1_000_000)],
    ];
    for (const [name, payload] of hostile) {
      it(`${name}: no events, no throw`, () => {
        let read: unknown;
        expect(() => (read = readCallEvents(payload))).not.to.throw();
        expect(read).to.deep.equal([]);
      });
    }

    it('a null-prototype event is read (JSON parsers that build them exist)', () => {
      const event = Object.assign(Object.create(null), { category: 'space.call.rejected', spaceCallId: 'call-1' });
      expect(readCallEvents(event)).to.deep.equal([{ kind: 'declined', spaceCallId: 'call-1' }]);
    });

    it('markup in a call id stays text: an id to compare, never parsed', () => {
      const spaceCallId = '<img src=x onerror="alert(1)">';
      expect(readCallEvents(spacesEvent('space.call.accepted', spaceCallId))).to.deep.equal([{ kind: 'answered', spaceCallId }]);
    });

    it('a throwing entry among good ones leaves out only itself', () => {
      const payload = [spacesEvent('space.call.accepted', 'a'), throwing, throwingGetter, revoked, spacesEvent('space.call.ended', 'a')];
      expect(readCallEvents(payload)).to.deep.equal([
        { kind: 'answered', spaceCallId: 'a' },
        { kind: 'ended', spaceCallId: 'a' },
      ]);
    });
  });
});
