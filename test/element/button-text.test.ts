/**
 * What the button says once a call is followed (src/element/button-text.ts): the answered status, how the call ended,
 * and durations as m:ss.
 */
import { expect } from '@open-wc/testing';
import { formatDuration, statusText, type StatusFacts } from '../../src/element/button-text.js';
import type { CallEndOutcome, Lifecycle, PlacedCall } from '../../src/call/call-lifecycle.js';
import type { Receiver } from '../../src/api/call-response.js';
import ar from '../../src/i18n/ar.js';
import de from '../../src/i18n/de.js';
import { en } from '../../src/i18n/en.js';
import es from '../../src/i18n/es.js';
import fr from '../../src/i18n/fr.js';
import ja from '../../src/i18n/ja.js';
import type { Messages } from '../../src/i18n/messages.js';
import type { PhoneResult } from '../../src/phone/phone.js';

const T0 = Date.UTC(2026, 0, 15, 9, 30);
const PHONE: PhoneResult = { ok: true, e164: '+442079460958', display: '020 7946 0958', country: 'GB' };
const call: PlacedCall = {
  spaceCallId: 'call-1',
  topicId: 'topic-1',
  receivers: [{ address: '+442079460958', displayname: 'Ada Lovelace', callStatus: 'calling' }],
  startedAt: T0,
  live: true,
};
const byDisplayName = (receiver: Receiver) => receiver.displayname;
const facts = (state: Lifecycle, phone: PhoneResult | undefined = PHONE): StatusFacts => ({ phone, state, nameOf: byDisplayName });
const ended = (outcome: CallEndOutcome, answeredAt?: number, endedAt = T0 + 200_000): Lifecycle => ({
  status: 'ended',
  call,
  outcome,
  ...(answeredAt === undefined ? {} : { answeredAt }),
  endedAt,
});

describe('formatDuration', () => {
  const cases: [ms: number, shown: string][] = [
    [0, '0:00'],
    [999, '0:00'],
    [1_000, '0:01'],
    [9_999, '0:09'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [134_000, '2:14'],
    [600_000, '10:00'],
    [3_599_999, '59:59'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
    [36_000_000 + 5_000, '10:00:05'],
  ];
  for (const [ms, shown] of cases) {
    it(`${ms} ms is ${shown}`, () => {
      expect(formatDuration(ms)).to.equal(shown);
    });
  }

  it('a negative time (a clock set back) is 0:00', () => {
    expect(formatDuration(-1)).to.equal('0:00');
    expect(formatDuration(-90_000)).to.equal('0:00');
  });
});

describe('statusText of a followed call', () => {
  describe('when the callee answered', () => {
    it('names who answered', () => {
      expect(statusText(facts({ status: 'answered', call, answeredAt: T0 + 4_000 }), en, {})).to.equal('Ada Lovelace answered');
    });

    it('names them as the button shows them (formatted or masked)', () => {
      const masked = { ...facts({ status: 'answered', call, answeredAt: T0 }), nameOf: () => '••• 0958' };
      expect(statusText(masked, en, {})).to.equal('••• 0958 answered');
    });

    it('does not change with the elapsed time (announced once)', () => {
      const early = statusText(facts({ status: 'answered', call, answeredAt: T0 }), en, {});
      const later = statusText(facts({ status: 'answered', call, answeredAt: T0 - 3_600_000 }), en, {});
      expect(later).to.equal(early);
      expect(early).not.to.match(/\d:\d\d/);
    });

    it('ignores the calling label override', () => {
      expect(statusText(facts({ status: 'answered', call, answeredAt: T0 }), en, { callingLabel: 'Ringing {name}' })).to.equal('Ada Lovelace answered');
    });
  });

  describe('when the call ended', () => {
    const outcomes: [CallEndOutcome, string][] = [
      ['declined', 'Declined'],
      ['not-answered', 'No answer'],
      ['cancelled', 'Call cancelled'],
      ['failed', 'Call failed'],
      ['unknown', 'Call status unknown'],
    ];
    for (const [outcome, shown] of outcomes) {
      it(`as "${outcome}", says "${shown}"`, () => {
        expect(statusText(facts(ended(outcome)), en, {})).to.equal(shown);
      });
    }

    it('after an answer, says so with the duration from answer to end', () => {
      expect(statusText(facts(ended('answered', T0 + 4_000, T0 + 138_000)), en, {})).to.equal('Call ended · 2:14');
    });

    it('rounds the whole call to the nearest second (a 7.99 s call took 0:08)', () => {
      expect(statusText(facts(ended('answered', T0 + 4_000, T0 + 4_400)), en, {})).to.equal('Call ended · 0:00');
      expect(statusText(facts(ended('answered', T0 + 4_000, T0 + 11_990)), en, {})).to.equal('Call ended · 0:08');
    });

    it('after an answer of over an hour, shows the hours', () => {
      expect(statusText(facts(ended('answered', T0, T0 + 3_723_000)), en, {})).to.equal('Call ended · 1:02:03');
    });

    it('counts the duration from the answer, not from the start of the call', () => {
      const text = statusText(facts(ended('answered', T0 + 60_000, T0 + 90_000)), en, {});
      expect(text).to.equal('Call ended · 0:30');
    });

    it('without an answer time, says only that it ended', () => {
      expect(statusText(facts(ended('answered')), en, {})).to.equal('Call ended');
    });

    it('an invalid number still says why it cannot be called', () => {
      const invalid: PhoneResult = { ok: false, reason: 'too-short' };
      expect(statusText(facts(ended('declined'), invalid), en, {})).to.equal(en.invalid('too-short'));
    });
  });

  describe('in every language', () => {
    const languages: [string, Messages][] = [
      ['ar', ar],
      ['de', de],
      ['en', en],
      ['es', es],
      ['fr', fr],
      ['ja', ja],
    ];
    for (const [lang, messages] of languages) {
      it(`${lang}: each outcome has its own words, the answered one with its duration`, () => {
        const texts = (['declined', 'not-answered', 'cancelled', 'failed', 'unknown'] as const).map((outcome) => statusText(facts(ended(outcome)), messages, {}));
        const afterAnswer = statusText(facts(ended('answered', T0, T0 + 134_000)), messages, {});
        const answered = statusText(facts({ status: 'answered', call, answeredAt: T0 }), messages, {});

        for (const text of [...texts, afterAnswer, answered]) expect(text, lang).to.be.a('string').and.not.equal('');
        expect(new Set(texts).size, texts.join(' | ')).to.equal(texts.length);
        expect(texts, 'no text says the same as after an answer').not.to.include(afterAnswer);
        expect(afterAnswer).to.contain('2:14');
        expect(answered).to.contain('Ada Lovelace');
      });
    }
  });
});
