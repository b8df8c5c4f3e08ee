/**
 * Hardening (#5), phone input fuzz: 10,000 generated inputs through normalizePhone, compared with
 * libphonenumber-js itself, then a sample through the element, set as attribute and as property.
 *
 * The oracle is libphonenumber-js's own `parsePhoneNumberWithError(text, { defaultCountry, extract: false })`
 * + `isValid()`, applied to the same pre-processed text as normalizePhone: the input trimmed (libphonenumber
 * refuses surrounding whitespace with `extract: false`), the default country upper-cased and dropped when
 * the metadata does not know it, more than 250 characters refused (phone.ts's cap: libphonenumber-js has its own,
 * but not for a `tel:` URI with a `phone-context`), a `tel:` URI rewritten by fromTelUri, and `00` inputs that are
 * not valid as written retried as `+`, and, as phone.ts does, nothing longer than E.164's 15 digits. Inputs that
 * need none of the tel:/00 rewrites are counted as "compared as written".
 *
 * Inputs with `;phone-context=` are compared too: fromTelUri applies the context itself, because
 * libphonenumber-js 1.13.16 validates one with two stateful (`/g`) regular expressions, so such an input
 * given to it as written is valid and invalid on alternate calls (see the first regression test below).
 */
import { expect } from '@open-wc/testing';
import { parsePhoneNumberWithError, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/min/metadata';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { fromTelUri, normalizePhone, type PhoneResult } from '../../src/phone/phone.js';
import { mockApi, until } from '../support/mock-api.js';
import { watchPageErrors } from '../support/page-watch.js';
import { seededRandom } from '../support/seeded-random.js';
import { fuzzInputs, type FuzzInput } from './phone-fuzz-inputs.js';

const SEED = 0x5eed_0005;
const INPUTS = 10_000;
const ELEMENT_SAMPLE = 300;
const metadata = minMetadata as MetadataJson;
const REASONS = ['empty', 'not-a-number', 'control-character', 'no-country', 'unknown-country', 'too-short', 'too-long', 'invalid', 'unavailable'];
/** The mock's reserved failure numbers: not called from the fuzz sample (one of them answers after 5 s). */
const MOCK_SCENARIOS = /^\+4420794609(0\d|10)$/;
const CONTROL_OR_BIDI = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

const show = ({ kind, input, country }: FuzzInput) =>
  `${kind}: ${JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}… (${input.length} chars)` : input)} in ${JSON.stringify(country)}`;

function oracleCountry(country: string | undefined): CountryCode | undefined {
  const code = country?.trim().toUpperCase();
  return code && Object.hasOwn(metadata.countries, code) ? (code as CountryCode) : undefined;
}

function libphonenumber(text: string, defaultCountry: CountryCode | undefined): string | undefined {
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry, extract: false }, metadata);
    return parsed.isValid() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}

/** The E.164 libphonenumber-js gives for the pre-processed input, and whether a tel:/00 rewrite was involved. */
function oracle(input: string, country: string | undefined): { e164: string | undefined; rewritten: boolean } {
  // Controls around the number are trimmed like white space (phone.ts decides so); inside it they are refused.
  const text = input.replace(/^[\s\p{Cc}]+/u, '').replace(/[\s\p{Cc}]+$/u, '');
  if (text.length > 250 || /(?!\s)\p{Cc}/u.test(text)) return { e164: undefined, rewritten: false };
  const defaultCountry = oracleCountry(country);
  const isTel = /^tel:/i.test(text);
  let e164 = libphonenumber(isTel ? fromTelUri(text) : text, defaultCountry);
  const doubleZero = /^00[1-9]/.test(text);
  if (e164 === undefined && doubleZero) e164 = libphonenumber(`+${text.slice(2)}`, undefined);
  if (e164 !== undefined && e164.length > 16) e164 = undefined; // E.164's 15 digits, as phone.ts enforces
  return { e164, rewritten: isTel || doubleZero };
}

/** Everything a result must be, whatever the input. */
function shapeProblem(result: PhoneResult): string | undefined {
  if (typeof result !== 'object' || result === null) return 'not an object';
  if (!result.ok) return REASONS.includes(result.reason) ? undefined : `unknown reason ${String(result.reason)}`;
  // E.164 allows at most 15 digits; libphonenumber-js's min metadata accepts some longer numbers (see the E.164 test below).
  if (!/^\+[1-9]\d{2,17}$/.test(result.e164)) return `e164 ${result.e164} is not E.164`;
  if (!result.display || CONTROL_OR_BIDI.test(result.display) || /[<>]/.test(result.display)) return `display ${JSON.stringify(result.display)}`;
  if (result.extension !== undefined && !/^\d{1,20}$/.test(result.extension)) return `extension ${JSON.stringify(result.extension)}`;
  if (result.country !== undefined && !Object.hasOwn(metadata.countries, result.country)) return `country ${result.country}`;
  return undefined;
}

describe('hardening: phone input fuzz', () => {
  const random = seededRandom(SEED);
  const inputs = fuzzInputs(random, metadata, INPUTS);

  before(() => {
    console.log(`phone fuzz seed: 0x${SEED.toString(16)} (${INPUTS} inputs; change SEED in test/hardening/phone-fuzz.test.ts to vary)`);
  });

  it(`normalizePhone never throws on ${INPUTS} generated inputs, and agrees with libphonenumber-js`, function () {
    this.timeout(60_000);
    const thrown: string[] = [];
    const badShape: string[] = [];
    const disagreements: string[] = [];
    const unstable: string[] = [];
    const longNotRefused: string[] = [];
    let longInputs = 0;
    const kinds = new Map<string, { tried: number; valid: number }>();
    let asWritten = 0;
    let rewritten = 0;
    let phoneContext = 0;
    let longerThanE164 = 0;
    let valid = 0;
    let slowest = { ms: 0, what: '' };
    const started = performance.now();

    for (const item of inputs) {
      const { input, country } = item;
      let result: PhoneResult;
      const t0 = performance.now();
      try {
        result = normalizePhone(input, country, metadata);
      } catch (error) {
        thrown.push(`${show(item)} threw ${String(error)}`);
        continue;
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, what: show(item) };

      const problem = shapeProblem(result);
      if (problem) badShape.push(`${show(item)}: ${problem}`);
      if (result.ok && result.e164.length > 16) longerThanE164++;
      if (input.includes(';phone-context=')) phoneContext++;
      // Huge inputs are refused before any parsing (what keeps them cheap, whatever the machine's speed).
      const trimmed = input.replace(/^[\s\p{Cc}]+/u, '').replace(/[\s\p{Cc}]+$/u, '');
      if (trimmed.length > 250) {
        longInputs++;
        if (result.ok || result.reason !== 'too-long') longNotRefused.push(`${show(item)}: ${JSON.stringify(result)}`);
      }
      if (JSON.stringify(normalizePhone(input, country, metadata)) !== JSON.stringify(result)) unstable.push(show(item));

      const expected = oracle(input, country);
      if (expected.rewritten) rewritten++;
      else asWritten++;
      const ours = result.ok ? result.e164 : undefined;
      if (ours !== expected.e164) {
        disagreements.push(`${show(item)}: ours ${JSON.stringify(result)}, libphonenumber-js ${expected.e164 ?? 'invalid'}`);
      }
      if (result.ok) valid++;
      const kind = kinds.get(item.kind) ?? { tried: 0, valid: 0 };
      kind.tried++;
      if (result.ok) kind.valid++;
      kinds.set(item.kind, kind);
    }
    const elapsed = performance.now() - started;

    console.log(
      `RELIABILITY: phone fuzz: ${inputs.length} inputs (seed 0x${SEED.toString(16)}), ${valid} valid, ${inputs.length - valid} invalid; ` +
        `${thrown.length} threw; ${badShape.length} malformed results; ${disagreements.length} disagreements with libphonenumber-js ` +
        `(${asWritten} compared as written, ${rewritten} after the documented tel:/00 rewrite, ${phoneContext} of them with a phone-context); ` +
        `${longerThanE164} valid results longer than E.164's 15 digits; ${elapsed.toFixed(0)} ms, slowest ${slowest.ms.toFixed(1)} ms ` +
        `(machine-dependent figures, not asserted: npm run bench compares them with their budget)`,
    );
    console.log(`phone fuzz: ${longInputs} inputs over 250 characters, ${longInputs - longNotRefused.length} refused as too-long; the slowest input was ${slowest.what}`);
    console.log(`phone fuzz by generator: ${[...kinds].map(([kind, { tried, valid: ok }]) => `${kind} ${ok}/${tried}`).join(', ')}`);

    if (disagreements.length) console.log(`phone fuzz disagreements:\n${disagreements.join('\n')}`);
    expect(thrown, 'inputs that threw').to.deep.equal([]);
    expect(badShape, 'malformed results').to.deep.equal([]);
    expect(unstable, 'inputs whose result changed on a second call').to.deep.equal([]);
    expect(longNotRefused.slice(0, 20), `${longNotRefused.length} inputs over 250 characters not refused as too-long`).to.deep.equal([]);
    expect(longInputs, 'the generators make inputs over 250 characters').to.be.above(0);
    expect(disagreements.slice(0, 20), `${disagreements.length} disagreements with libphonenumber-js`).to.deep.equal([]);
    expect(valid, 'the generators reach valid numbers too').to.be.above(inputs.length / 10);
  });

  // Regression (was a bug): libphonenumber-js validates a tel: URI's phone-context with stateful /g regular
  // expressions, and normalizePhone passed such URIs to it as they were: the same input is valid, then invalid ("not a phone
  // number"), then valid again. Two buttons with the same tel: link on a page: the second one cannot call.
  it('a tel: URI with a phone-context gives the same result every time, on every button', async () => {
    const input = 'tel:020-7946-0958;phone-context=+44';
    const results = [1, 2, 3, 4].map(() => normalizePhone(input, undefined, metadata));
    expect(results.map((result) => (result.ok ? result.e164 : result.reason))).to.deep.equal(
      ['+442079460958', '+442079460958', '+442079460958', '+442079460958'],
    );

    const els = [1, 2, 3].map(() => {
      const el = document.createElement('spaces-call-button');
      el.number = input;
      document.body.append(el);
      return el;
    });
    await Promise.all(els.map((el) => el.updateComplete));
    expect(els.map((el) => el.e164)).to.deep.equal(['+442079460958', '+442079460958', '+442079460958']);
    els.forEach((el) => el.remove());
  });

  // Regression (was a bug): E.164 numbers have at most 15 digits, but normalizePhone returned longer ones that
  // libphonenumber-js (min metadata) calls valid; the mock API (and an E.164 API) answers 400 for them.
  it('never returns an "E.164" number longer than 15 digits', () => {
    const cases: [string, string | undefined][] = [
      ['+49 30 231250050500', undefined],
      ['+234 72078122423699', undefined],
      ['000373 78597826909', 'JP'],
      ...inputs.map((item): [string, string | undefined] => [item.input, item.country]),
    ];
    const tooLong = cases
      .map(([input, country]) => [input, normalizePhone(input, country, metadata)] as const)
      .filter(([, result]) => result.ok && result.e164.length > 16)
      .map(([input, result]) => `${input} → ${result.ok && result.e164}`);
    expect(tooLong).to.deep.equal([]);
  });

  describe('through the element', () => {
    let watch: ReturnType<typeof watchPageErrors>;
    beforeEach(() => {
      watch = watchPageErrors();
      delete (window as { __pwned?: unknown }).__pwned;
    });
    afterEach(() => watch.stop());

    it(`${ELEMENT_SAMPLE} inputs, as attribute and as property: no error, nothing rendered as HTML, no request for an invalid number`, async function () {
      this.timeout(60_000);
      const api = mockApi();
      const pick = random.fork('element sample');
      const sample = [
        ...inputs.filter((item) => item.kind.startsWith('100kb')),
        ...inputs.filter((item) => item.kind === 'markup').slice(0, 20),
      ];
      while (sample.length < ELEMENT_SAMPLE) sample.push(pick.pick(inputs));

      const container = document.createElement('div');
      document.body.append(container);
      const accepted: string[] = [];
      const started = new Set<Element>();
      container.addEventListener('spaces-call-start', (event) => {
        started.add(event.target as Element);
        if (MOCK_SCENARIOS.test(event.detail.number)) event.preventDefault();
        else accepted.push(event.detail.number);
      });

      const problems: string[] = [];
      let asAttribute = 0;
      let valid = 0;
      for (let offset = 0; offset < sample.length; offset += 50) {
        const batch = sample.slice(offset, offset + 50).map((item, i) => {
          const el = document.createElement('spaces-call-button');
          el.setAttribute('api-base', api.apiBase);
          el.setAttribute('token', 'fuzz-token');
          el.setAttribute('timeout', '3000');
          el.setAttribute('reset-delay', '60000');
          el.setAttribute('max-concurrent-calls', '0'); // every click of the batch at once (one-call-at-a-time has its own test)
          if ((offset + i) % 2 === 0) {
            asAttribute++;
            el.setAttribute('number', item.input);
            if (item.country !== undefined) el.setAttribute('default-country', item.country);
          } else {
            el.number = item.input;
            el.defaultCountry = item.country;
          }
          container.append(el);
          return { item, el };
        });
        await Promise.all(batch.map(({ el }) => el.updateComplete));

        for (const { item, el } of batch) {
          const root = el.shadowRoot!;
          const tags = [...root.querySelectorAll('*')].map((node) => node.localName);
          const unexpected = tags.filter((tag) => !['button', 'slot', 'svg', 'path', 'span'].includes(tag));
          if (unexpected.length || tags.filter((tag) => tag === 'span').length > 3 || el.children.length > 0) {
            problems.push(`${show(item)} rendered ${tags.join(',')} (+${el.children.length} light children)`);
          }
          const shown = root.querySelector('[part=number]')!.textContent ?? '';
          if (shown.length > 40 && el.status === 'invalid') problems.push(`${show(item)} shows ${shown.length} chars`);
          const expected = normalizePhone(item.input, item.country, metadata);
          // A phone-context input alternates between valid and invalid (the libphonenumber-js bug below): not compared.
          if (!item.input.includes(';phone-context=')) {
            if (el.e164 !== (expected.ok ? expected.e164 : null)) problems.push(`${show(item)}: element ${el.e164}, function ${JSON.stringify(expected)}`);
            if (el.status !== (expected.ok ? 'idle' : 'invalid')) problems.push(`${show(item)}: status ${el.status}`);
          }
          if (el.e164 !== null) valid++;
          root.querySelector<HTMLButtonElement>('[part=button]')!.click();
        }
        await until(() => batch.every(({ el }) => el.status !== 'placing'), 'the batch to settle', 8000);
        for (const { item, el } of batch) {
          if (el.e164 === null && started.has(el)) problems.push(`${show(item)}: an invalid number fired spaces-call-start`);
          if (root(el).querySelector('img, script, iframe, style, a, svg[onload]')) problems.push(`${show(item)}: markup after the click`);
        }
      }

      const requests = await api.requests();
      const addresses = requests.map((request) => (typeof request.callees === 'string' ? request.callees : request.callees[0]?.address));
      console.log(
        `RELIABILITY: element fuzz: ${sample.length} inputs (${asAttribute} as attribute, ${sample.length - asAttribute} as property), ` +
          `${valid} valid, ${accepted.length} calls accepted, ${requests.length} requests received, ${watch.errors.length} page errors, ${problems.length} problems`,
      );
      expect(problems.slice(0, 20), `${problems.length} problems`).to.deep.equal([]);
      expect(watch.errors).to.deep.equal([]);
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
      expect(addresses.sort(), 'one request per accepted click, each for a valid number').to.deep.equal(accepted.sort());
      container.remove();
    });

    // Regression (was a bug): a non-string `number` property (React/Vue passing a number, or null) threw inside Lit's update:
    // normalizePhone calls `(input ?? '').trim()` on it — "TypeError: (input ?? "").trim is not a function" as an
    // unhandled rejection, and the button never renders a state for it.
    it('a non-string number property (as frameworks may pass) does not throw and ends idle or invalid', async () => {
      const api = mockApi();
      const values: unknown[] = [442079460958, null, undefined, { toString: () => '+44 20 7946 0958' }, ['+44 20 7946 0958'], true, 0, NaN];
      const els = values.map((value) => {
        const el = document.createElement('spaces-call-button');
        Object.assign(el, { apiBase: api.apiBase, token: 't', defaultCountry: 'GB' });
        (el as unknown as { number: unknown }).number = value;
        document.body.append(el);
        return el;
      });
      await Promise.all(els.map((el) => el.updateComplete.catch((error: unknown) => watch.errors.push(String(error)))));
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(watch.errors).to.deep.equal([]);
      for (const el of els) expect(['idle', 'invalid']).to.include(el.status);
      els.forEach((el) => el.remove());
    });
  });
});

function root(el: SpacesCallButton): ShadowRoot {
  return el.shadowRoot!;
}
