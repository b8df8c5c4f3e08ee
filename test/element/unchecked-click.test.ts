/**
 * The first buttons of a page render before the phone library has loaded. A click then
 * checks the number first: an invalid one is never called, a valid one is called once.
 * Each test here must run before anything else in this file's page loads the phone code.
 */
import { expect } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { mockApi } from '../support/mock-api.js';

describe('a click before the number has been checked', () => {
  it('never calls an invalid number, and calls a valid one once', async () => {
    const api = mockApi();
    const make = (number: string) => {
      const el = document.createElement('spaces-call-button') as SpacesCallButton;
      Object.assign(el, { number, apiBase: api.apiBase, token: 't', defaultCountry: 'GB' });
      document.body.append(el);
      return el;
    };
    const invalid = make('020 7946');
    const valid = make('020 7946 0958');
    expect(invalid.e164, 'not checked yet').to.equal(null);

    const calls = [invalid.call(), valid.call(), valid.call()];
    await Promise.all(calls);

    expect(invalid.status).to.equal('invalid');
    expect(valid.status).to.equal('calling');
    const requests = await api.requests();
    expect(requests.map((r) => r.callees)).to.deep.equal([[{ address: '+442079460958', displayname: '' }]]);
    invalid.remove();
    valid.remove();
  });
});
