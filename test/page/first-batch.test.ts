/**
 * What the script tag's entry starts at once (src/page/first-batch.ts): the countries, calling codes and languages of
 * the buttons already in the page's HTML, read as the buttons will read them. The built entry's requests are tested in
 * test/bundle/first-batch.test.mjs.
 */
import { expect } from '@open-wc/testing';
import metadata from 'libphonenumber-js/min/metadata';
import { internationalNumber, pageNeeds as pageNeedsWith } from '../../src/page/first-batch.js';
import { pageDefaultCountry } from '../../src/page/page-defaults.js';

/** Every calling code, as the build reads them. */
const CALLING_CODES = [...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})];
/** With the pattern that the build writes into the entry. */
const pageNeeds = (doc: Document) => pageNeedsWith(doc, internationalNumber(CALLING_CODES));

/** A document of its own, as a page's HTML would be when the entry runs. */
function page(html: string, lang = ''): Document {
  const doc = document.implementation.createHTMLDocument('record');
  doc.documentElement.lang = lang;
  doc.documentElement.innerHTML = html;
  if (lang) doc.documentElement.lang = lang;
  return doc;
}

describe('the first batch', () => {
  it('needs nothing for a page without buttons', () => {
    expect(pageNeeds(page('<head></head><body><p>Call us</p></body>', 'en-GB'))).to.equal(undefined);
  });

  it('needs nothing for tel: links the page has not opted into upgrading', () => {
    expect(pageNeeds(page('<body><a href="tel:+442079460958">x</a></body>', 'en-GB'))).to.equal(undefined);
  });

  it('needs the default country for tel: links the page upgrades', () => {
    const doc = page('<head><meta name="spaces-call-button:upgrade-tel-links" content="true"></head><body><a href="TEL:+442079460958">x</a></body>', 'en-GB');
    expect(pageNeeds(doc)).to.deep.equal({ countries: ['GB'], callingCodes: [], languages: [], scan: false, telLinks: true });
  });

  it('takes the country of the meta tag over the document language’s region', () => {
    const doc = page('<head><meta name="spaces-call-button:default-country" content=" de "></head><body><spaces-call-button number="x"></spaces-call-button></body>', 'en-GB');
    expect(pageNeeds(doc)?.countries).to.deep.equal(['DE']);
  });

  it('takes the region of the document language when no meta tag names a country', () => {
    expect(pageNeeds(page('<body><spaces-call-button number="x"></spaces-call-button></body>', 'fr-CA'))?.countries).to.deep.equal(['CA']);
  });

  it('adds each button’s own default-country, once each, and leaves out what is not a country code', () => {
    const doc = page(
      `<body>
        <spaces-call-button default-country="jp"></spaces-call-button>
        <spaces-call-button default-country="JP"></spaces-call-button>
        <spaces-call-button default-country="UK1"></spaces-call-button>
        <spaces-call-button default-country=""></spaces-call-button>
        <spaces-call-button default-country="../x"></spaces-call-button>
      </body>`,
      'en-US',
    );
    expect(pageNeeds(doc)?.countries).to.deep.equal(['US', 'JP']);
  });

  it('reads the document language’s region as the buttons do (page-defaults.ts), for every form of tag', () => {
    const before = document.documentElement.lang;
    try {
      for (const lang of ['en-GB', 'de-CH', 'sr-Latn-RS', 'zh-Hant-TW', 'es-419', 'fr', 'EN_us', 'x', '', 'not a tag!']) {
        document.documentElement.lang = lang;
        const expected = pageDefaultCountry();
        const read = pageNeeds(page('<body><spaces-call-button></spaces-call-button></body>', lang))?.countries;
        expect(read, lang).to.deep.equal(expected && /^[A-Z]{2}$/.test(expected) ? [expected] : []);
      }
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('reads at most the first 100 buttons of a long list', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `<spaces-call-button default-country="${i < 100 ? 'GB' : 'DE'}"></spaces-call-button>`);
    expect(pageNeeds(page(`<body>${rows.join('')}</body>`, 'en-US'))?.countries).to.deep.equal(['US', 'GB']);
  });

  it('needs no country when neither the page nor its language names one', () => {
    expect(pageNeeds(page('<body><spaces-call-button number="+44 20 7946 0958"></spaces-call-button></body>', 'en'))?.countries).to.deep.equal([]);
    expect(pageNeeds(page('<body><spaces-call-button></spaces-call-button></body>', 'not a tag!'))?.countries).to.deep.equal([]);
  });

  it('needs the calling code of each number written with +, read from its first digits, once each', () => {
    const numbers = ['+44 20 7946 0958', 'tel:+1-415-555-0100', ' +7 (495) 123-45-67', '+353.1.234.5678', '+44 (0)113 496 0000', 'TEL:+4930901820', '+1 800 555 0199', '+420 601 123 456'];
    const doc = page(`<body>${numbers.map((number) => `<spaces-call-button number="${number}"></spaces-call-button>`).join('')}</body>`, 'en');
    expect(pageNeeds(doc)?.callingCodes).to.deep.equal(['44', '1', '7', '353', '49', '420']);
  });

  it('needs no calling code for a number written without +, or whose first digits do not tell it', () => {
    const numbers = ['020 7946 0958', '0044 20 7946 0958', '+', '+4', '+4 4 20 7946 0958', 'x+44 20 7946 0958', '+0 20 7946 0958', '+٤٤ 20 7946 0958'];
    const doc = page(`<body>${numbers.map((number) => `<spaces-call-button number="${number}"></spaces-call-button>`).join('')}</body>`, 'en-GB');
    expect(pageNeeds(doc)?.callingCodes).to.deep.equal([]);
  });

  it('tells every calling code from its first digits: the pattern is enough for all of them', () => {
    const pattern = internationalNumber(CALLING_CODES);
    const read = CALLING_CODES.map((code) => pageNeedsWith(page(`<body><spaces-call-button number="+${code} 123456"></spaces-call-button></body>`), pattern)?.callingCodes[0]);
    expect(read).to.deep.equal(CALLING_CODES);
    expect(CALLING_CODES.length).to.be.greaterThan(200);
  });

  it('needs the base language of each button’s nearest lang', () => {
    const doc = page(
      `<body>
        <spaces-call-button></spaces-call-button>
        <div lang="ja-JP"><spaces-call-button></spaces-call-button></div>
        <div lang="DE_ch"><spaces-call-button></spaces-call-button></div>
      </body>`,
      'fr-FR',
    );
    expect(pageNeeds(doc)?.languages).to.deep.equal(['fr', 'ja', 'de']);
  });

  describe('on a page that opts in to the scan', () => {
    it('needs the scan, the countries of its regions and their languages', () => {
      const doc = page(
        `<body>
          <section data-spaces-scan="de" lang="de"><p>030 901820</p></section>
          <section data-spaces-scan><p>020 7946 0958</p></section>
        </body>`,
        'en-GB',
      );
      expect(pageNeeds(doc)).to.deep.equal({ countries: ['GB', 'DE'], callingCodes: [], languages: ['de', 'en'], scan: true, telLinks: false });
    });

    it('needs the scan and the page’s country for the meta tag, not for a meta tag that says false', () => {
      const meta = (content: string) => `<head><meta name="spaces-call-button:scan" content="${content}"></head><body><p>020 7946 0958</p></body>`;
      expect(pageNeeds(page(meta('true'), 'en-GB'))).to.deep.equal({ countries: ['GB'], callingCodes: [], languages: [], scan: true, telLinks: false });
      expect(pageNeeds(page(meta('false'), 'en-GB'))).to.equal(undefined);
    });
  });
});
