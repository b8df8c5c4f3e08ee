/**
 * The page scan's opt-in, as a CRM template writes it: a region marked `data-spaces-scan` (its value its country) and
 * the meta tag for the whole `<body>`, both in the page before the script loads; taking either away undoes its scan.
 */
import { expect } from '@open-wc/testing';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { until } from '../support/mock-api.js';
import { addPageMeta as meta } from '../support/page-meta.js';

const numbers = (root: ParentNode) =>
  [...root.querySelectorAll<SpacesCallButton>('spaces-call-button[data-spaces-scanned]')].map((button) => button.getAttribute('number'));

describe('the page scan’s opt-in', () => {
  let scanMeta: HTMLMetaElement;
  const page = `
    <section id="de" data-spaces-scan="DE" lang="de"><p>Büro: 030 901820</p></section>
    <p id="us">Desk: (213) 373-4253</p>`;

  before(async () => {
    document.body.innerHTML = page;
    scanMeta = meta('scan', 'true');
    meta('default-country', 'US');
    await import('../../src/spaces-call-button.js');
  });

  it('scans a marked region with its country, and the body (the meta tag) with the page’s, each once', async () => {
    await until(() => numbers(document.body).length === 2, 'both buttons');
    expect(numbers(document.querySelector('#de')!)).to.deep.equal(['+4930901820']);
    expect(numbers(document.querySelector('#us')!)).to.deep.equal(['+12133734253']);
  });

  it('a region marked later is scanned, and unmarking it undoes its scan', async () => {
    const region = document.createElement('div');
    region.innerHTML = '<p>Bureau : 01 23 45 67 89</p>';
    const before = region.innerHTML;
    document.body.append(region);
    region.dataset.spacesScan = 'FR';
    await until(() => numbers(region).length === 1, 'the French number’s button');
    expect(numbers(region)).to.deep.equal(['+33123456789']);

    delete region.dataset.spacesScan;
    await until(() => numbers(region).length === 0, 'the region’s scan undone');
    expect(region.innerHTML).to.equal(before);
    region.remove();
  });

  it('removing the meta tag undoes the body’s scan, not the region’s', async () => {
    scanMeta.remove();
    await until(() => numbers(document.querySelector('#us')!).length === 0, 'the body’s scan undone');
    expect(document.querySelector('#us')!.outerHTML).to.equal('<p id="us">Desk: (213) 373-4253</p>');
    expect(numbers(document.querySelector('#de')!)).to.deep.equal(['+4930901820']);
  });
});
