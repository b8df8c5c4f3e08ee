/**
 * The phone runtime hands itself to the element's loader as it is evaluated (src/phone/arrived-runtime.ts): once the
 * script tag's first batch has run it, numbers are checked synchronously, without waiting for the loader's own import.
 */
import { expect } from '@open-wc/testing';
import { normalizeNumber, numbersPrepared } from '../../src/phone/phone-loader.js';

describe('the phone runtime, evaluated by someone else', () => {
  it('lets the loader check numbers synchronously from then on', async () => {
    expect(numbersPrepared(), 'nothing loaded yet').to.equal(false);
    await import('../../src/phone/phone-runtime.js'); // as the first batch does, before the element asks

    const result = normalizeNumber('020 7946 0958', 'GB');

    expect(result).to.not.be.instanceOf(Promise);
    expect(result).to.deep.include({ ok: true, e164: '+442079460958' });
    expect(numbersPrepared()).to.equal(true);
  });
});
