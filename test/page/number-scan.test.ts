/**
 * The page scan on DOM built by the tests (the numbers' own matching has its tables in test/phone/find-numbers.test.ts):
 * what it inserts and where, what it leaves alone, and that stopping it gives the page back as it was. The fixtures
 * are HTML strings: DOM rendered with Lit's `html` is Lit's, which the scan leaves alone.
 */
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { until } from '../support/mock-api.js';

type Module = typeof import('../../src/spaces-call-button.js');
let module: Module;

const buttonsIn = (root: ParentNode) => [...root.querySelectorAll<SpacesCallButton>('spaces-call-button[data-spaces-scanned]')];
/** Idle time after idle time: what the scan had left to do is done by then (it works in idle slices). */
const idle = async (times = 3) => {
  for (let i = 0; i < times; i++) await new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve)));
};
/** Every Text node under `root`, in order. */
function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  return nodes;
}
/** Scans `root` and waits until it has `count` buttons, then for the rest of its work. */
async function scan(root: Element, count: number, options?: { defaultCountry?: string }): Promise<() => unknown> {
  const stop = module.scanPhoneNumbers(root, options);
  await until(() => buttonsIn(root).length >= count, `${count} buttons`);
  await idle();
  return stop;
}

describe('the page scan', () => {
  before(async () => {
    module = await import('../../src/spaces-call-button.js');
  });

  it('inserts a button right after each number, the text left in its own nodes', async () => {
    const box = await fixture(`<div><p>Call Jane on (213) 373-4253 today, or the desk: +44 20 7946 0958.</p></div>`);
    const original = textNodes(box)[0];

    await scan(box, 2, { defaultCountry: 'US' });

    const [us, gb] = buttonsIn(box);
    expect(us.getAttribute('number')).to.equal('+12133734253');
    expect(gb.getAttribute('number')).to.equal('+442079460958');
    expect(us.getAttribute('variant')).to.equal('icon');
    expect(us.previousSibling).to.equal(original);
    expect(original.data).to.equal('Call Jane on (213) 373-4253');
    expect((gb.previousSibling as Text).data).to.equal(' today, or the desk: +44 20 7946 0958');
    expect(box.textContent).to.equal('Call Jane on (213) 373-4253 today, or the desk: +44 20 7946 0958.');
    expect(us.getAttribute('label')).to.equal('Call (213) 373-4253');
    expect(gb.getAttribute('label')).to.equal('Call +44 20 7946 0958');
    expect(getComputedStyle(us).userSelect).to.equal('none');
    expect(parseFloat(getComputedStyle(us).marginInlineStart)).to.be.greaterThan(0, 'a little apart from the number');
  });

  it('finds a number split by inline formatting, with the button after its last part', async () => {
    const box = await fixture(`<div><p>Office: <b>(213)</b> <span>373-4253</span> ext. 12</p></div>`);

    await scan(box, 1, { defaultCountry: 'US' });

    const [button] = buttonsIn(box);
    expect(button.getAttribute('number')).to.equal('+12133734253;ext=12');
    expect((button.previousSibling as Text).data).to.equal(' ext. 12');
    expect(button.getAttribute('label')).to.equal('Call (213) 373-4253 ext. 12');
  });

  it('a second scan adds nothing', async () => {
    const box = await fixture(`<div><p>(213) 373-4253 and (213) 373-4254</p></div>`);
    const stop = await scan(box, 2, { defaultCountry: 'US' });

    const again = await scan(box, 2, { defaultCountry: 'US' });

    expect(buttonsIn(box)).to.have.length(2);
    await again();
    await stop();
  });

  it('stop() removes every button and gives back the text and the page’s own Text nodes', async () => {
    const box = await fixture(`<div>
      <p>Jane <b>(213)</b> 373-4253, fax (213) 373-4254.</p>
      <ul><li>+44 20 7946 0958</li><li>no number here</li></ul>
    </div>`);
    const nodes = textNodes(box);
    const texts = nodes.map((node) => node.data);
    const before = box.textContent;
    const stop = await scan(box, 3, { defaultCountry: 'US' });
    expect(textNodes(box).length).to.be.greaterThan(nodes.length);

    await stop();

    expect(buttonsIn(box)).to.have.length(0);
    const after = textNodes(box);
    expect(box.textContent).to.equal(before);
    expect(after).to.have.length(nodes.length);
    after.forEach((node, i) => expect(node, `Text node ${i} is the page's own`).to.equal(nodes[i]));
    expect(after.map((node) => node.data)).to.deep.equal(texts);
  });

  it('stopped before its code has loaded, scans nothing: the page is not touched', async () => {
    const box = await fixture(`<div><p>Call Jane on (213) 373-4253 today.</p></div>`);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(box, { subtree: true, childList: true, characterData: true, attributes: true });

    module.scanPhoneNumbers(box, { defaultCountry: 'US' })();
    await idle();

    observer.disconnect();
    expect(changes).to.have.length(0);
    expect(buttonsIn(box)).to.have.length(0);
  });

  describe('what it leaves alone', () => {
    const number = '(213) 373-4253';
    const skipped = [
      `<a href="/x">${number}</a>`,
      `<a href="tel:+12133734253">${number}</a>`,
      `<button>${number}</button>`,
      `<label><input value="${number}"> <textarea>${number}</textarea></label>`,
      `<select><option>${number}</option></select>`,
      `<div contenteditable>${number}</div>`,
      `<div contenteditable="true">${number}</div>`,
      `<div contenteditable="plaintext-only">${number}</div>`,
      `<script type="text/plain">${number}</script>`,
      `<style>/* ${number} */</style>`,
      `<template>${number}</template>`,
      `<noscript>${number}</noscript>`,
      `<code>${number}</code>`,
      `<pre>${number}</pre>`,
      `<kbd>${number}</kbd>`,
      `<samp>${number}</samp>`,
      `<var>${number}</var>`,
      `<time>${number}</time>`,
      `<data value="1">${number}</data>`,
      `<svg><text>${number}</text></svg>`,
      `<math><mi>${number}</mi></math>`,
      `<canvas>${number}</canvas>`,
      `<p hidden>${number}</p>`,
      `<p inert>${number}</p>`,
      `<p aria-hidden="true">${number}</p>`,
      `<div role="button">${number}</div>`,
      `<div role="gridcell">${number}</div>`,
      `<span role="link">${number}</span>`,
      `<div data-spaces-call="off"><p>${number}</p></div>`,
      `<div ng-version="17.0.0"><p>${number}</p></div>`,
      `<div _ngcontent-abc-c12=""><p>${number}</p></div>`,
      `<div data-v-app=""><p>${number}</p></div>`,
      `<div><!--?lit$1234$--><p>${number}</p></div>`,
      `<spaces-call-button number="+12133734253">${number}</spaces-call-button>`,
    ];
    for (const markup of skipped) {
      it(markup, async () => {
        const box = await fixture(`<div></div>`);
        box.innerHTML = `<p>Control (213) 373-4200</p>${markup}`;
        const before = box.innerHTML;

        const stop = await scan(box, 1, { defaultCountry: 'US' });

        expect(buttonsIn(box)).to.have.length(1);
        expect(buttonsIn(box)[0].getAttribute('number')).to.equal('+12133734200');
        await stop();
        expect(box.innerHTML).to.equal(before);
      });
    }

    it('an iframe, and DOM that React and Vue own (their properties on the nodes)', async () => {
      const box = await fixture(`<div></div>`);
      box.innerHTML = `<p>Control (213) 373-4200</p><iframe></iframe><div id="react"><p>${number}</p></div><div id="vue"><p>${number}</p></div><div id="ng"><p>${number}</p></div>`;
      Object.assign(box.querySelector('#react p')!, { __reactFiber$x1y2: {} });
      Object.defineProperty(box.querySelector('#vue p')!, '__vueParentComponent', { value: {}, enumerable: false });
      Object.assign(box.querySelector('#ng')!, { __ngContext__: 1 });

      await scan(box, 1, { defaultCountry: 'US' });

      expect(buttonsIn(box)).to.have.length(1);
    });

    it('other components’ shadow roots', async () => {
      const box = await fixture(`<div><p>Control (213) 373-4200</p><div id="host"></div></div>`);
      box.querySelector('#host')!.attachShadow({ mode: 'open' }).innerHTML = `<p>${number}</p>`;

      await scan(box, 1, { defaultCountry: 'US' });

      expect(buttonsIn(box)).to.have.length(1);
      expect(box.querySelector('#host')!.shadowRoot!.querySelector('spaces-call-button')).to.equal(null);
    });

    it('a root inside what it leaves alone', async () => {
      const box = await fixture(`<div data-spaces-call="off"><p>${number}</p></div>`);
      module.scanPhoneNumbers(box.querySelector('p')!, { defaultCountry: 'US' });
      await idle();
      expect(buttonsIn(box)).to.have.length(0);
    });
  });

  describe('as the page changes', () => {
    it('scans rows appended later', async () => {
      const table = await fixture<HTMLTableElement>(`<table><tbody><tr><td>Jane</td><td>(213) 373-4253</td></tr></tbody></table>`);
      const stop = await scan(table, 1, { defaultCountry: 'US' });

      table.tBodies[0].insertAdjacentHTML('beforeend', '<tr><td>John</td><td>(213) 373-4254</td></tr><tr><td>Ann</td><td>(213) 373-4255</td></tr>');

      await until(() => buttonsIn(table).length === 3, 'the new rows’ buttons');
      expect(buttonsIn(table).map((button) => button.getAttribute('number'))).to.deep.equal(['+12133734253', '+12133734254', '+12133734255']);
      await stop();
    });

    it('updates the button of a number whose text changes, and removes it when the number goes', async () => {
      const box = await fixture(`<div><p id="p">Phone: (213) 373-4253</p></div>`);
      const stop = await scan(box, 1, { defaultCountry: 'US' });
      const text = box.querySelector('#p')!.firstChild as Text;

      text.data = 'Phone: (213) 373-9999';
      await until(() => buttonsIn(box)[0]?.getAttribute('number') === '+12133739999', 'the new number’s button');
      expect(buttonsIn(box)).to.have.length(1);

      box.querySelector('#p')!.textContent = 'Phone: none';
      await until(() => buttonsIn(box).length === 0, 'the button removed');
      await idle();
      expect(buttonsIn(box)).to.have.length(0);
      await stop();
      expect(box.querySelector('#p')!.textContent).to.equal('Phone: none');
    });

    it('keeps the button of a number whose text stays when other text of its block changes', async () => {
      const box = await fixture(`<div><p>Phone: (213) 373-4253 <span id="note">old</span></p></div>`);
      const stop = await scan(box, 1, { defaultCountry: 'US' });
      const [button] = buttonsIn(box);

      box.querySelector('#note')!.textContent = 'new';
      await idle();

      expect(buttonsIn(box)).to.deep.equal([button]);
      await stop();
    });
  });

  describe('accessibility', () => {
    it('Tab reaches each button in reading order, named with the number as written', async () => {
      const box = await fixture(`<div>
        <p>Jane: <b>(213)</b> 373-4253</p>
        <p>John: 213.373.4254 <a href="#x">profile</a></p>
        <p>Desk: +1 213 373 4255</p>
      </div>`);
      await scan(box, 3, { defaultCountry: 'US' });
      await Promise.all(buttonsIn(box).map((button) => button.updateComplete));
      const first = document.createElement('button');
      box.prepend(first);
      first.focus();

      const names: string[] = [];
      for (let i = 0; i < 4; i++) {
        await sendKeys({ press: 'Tab' });
        const host = document.activeElement!;
        names.push(host.localName === 'spaces-call-button' ? host.shadowRoot!.activeElement!.getAttribute('aria-label')! : host.textContent!);
      }

      expect(names).to.deep.equal(['Call (213) 373-4253', 'Call 213.373.4254', 'profile', 'Call +1 213 373 4255']);
    });

    it('the button’s name comes in its language', async () => {
      const box = await fixture(`<div lang="de"><p>Telefon: 030 901820</p></div>`);
      await scan(box, 1, { defaultCountry: 'DE' });
      await until(() => buttonsIn(box)[0].getAttribute('label') !== null, 'the label');
      expect(buttonsIn(box)[0].getAttribute('label')).to.equal('030 901820 anrufen');
    });

    it('axe finds no violation on a scanned page', async () => {
      const box = await fixture(`<main>
        <h1>Contacts</h1>
        <table><thead><tr><th>Name</th><th>Phone</th></tr></thead>
          <tbody><tr><td>Jane</td><td>(213) 373-4253</td></tr><tr><td>John</td><td>+44 20 7946 0958</td></tr></tbody></table>
        <p>Front desk: <b>(213)</b> 373-4200, ext. 7</p>
      </main>`);
      await scan(box, 3, { defaultCountry: 'US' });
      await Promise.all(buttonsIn(box).map((button) => button.updateComplete));

      await expect(box).to.be.accessible();
    });
  });
});
