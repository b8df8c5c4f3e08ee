/**
 * The demo CRM's contacts: generated from a fixed seed (the same list on every load), plus a few
 * hand-typed records with the numbers real CRM data has: odd formats, extensions, and invalid ones.
 */
import { COUNTRIES, type Chance, type Country, type NumberGroups } from './countries.js';

export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  title: string;
  company: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  city: string;
  email: string;
  /** The office number as it was typed into the CRM: any format, sometimes wrong. */
  phone: string;
  mobile?: string;
}

const SEED = 0x5ace5;
const GENERATED_COUNT = 204;
/** The UK and the US are the CRM's biggest markets. */
const COUNTRY_DRAW = COUNTRIES.flatMap((country) => (country.code === 'GB' || country.code === 'US' ? [country, country, country] : [country]));

const COMPANY_NAMES = [
  'Blue Heron Logistics', 'Kestrel Analytics', 'Harbourside Foods', 'Meridian Health', 'Quantum Ridge Energy',
  'Larkspur Legal', 'Copperleaf Software', 'Atlas Freight', 'Silver Birch Insurance', 'Orchard & Vine',
  'Tidewater Marine', 'Brightwell Pharma', 'Granite Peak Capital', 'Nimbus Cloud Services', 'Foxglove Design',
  'Ironbridge Engineering', 'Sunburst Solar', 'Riverstone Retail', 'Pinecrest Hotels', 'Evergreen Education',
];
const TITLES = [
  'Head of Procurement', 'Sales Director', 'Office Manager', 'Chief Financial Officer', 'IT Manager', 'Operations Lead',
  'Account Executive', 'Facilities Coordinator', 'Purchasing Manager', 'Managing Director', 'Customer Success Lead',
];

/** mulberry32: a small, fast, seeded generator. */
function seededChance(seed: number): Chance {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    digits: (count) => Array.from({ length: count }, () => int(0, 9)).join(''),
    one: (items) => items[int(0, items.length - 1)],
  };
}

/** Writes a number the ways people type them into a CRM; `extension` is for office numbers. */
function writeNumber(chance: Chance, country: Country, groups: NumberGroups, extension?: string): string {
  const style = chance.one(['national', 'national', 'national', 'international', 'international', 'double-zero', 'tel'] as const);
  if (style === 'tel') return `tel:+${country.callingCode}-${groups.join('-')}${extension ? `;ext=${extension}` : ''}`;
  const number =
    style === 'national'
      ? country.national(groups)
      : `${style === 'international' ? '+' : '00'}${country.callingCode} ${groups.join(' ')}`;
  return extension ? `${number}${chance.one([' x', ' ext. ', ' ext '])}${extension}` : number;
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');

function generateContact(chance: Chance, id: string): Contact {
  const country = chance.one(COUNTRY_DRAW);
  const city = chance.one(country.cities);
  const firstName = chance.one(country.firstNames);
  const lastName = chance.one(country.lastNames);
  const companyName = chance.one(COMPANY_NAMES);
  const landline = city.landline(chance);
  const extension = chance.int(1, 7) === 1 ? String(chance.int(1, 999)) : undefined;
  const mobile = country.mobile && chance.int(1, 5) <= 3 ? writeNumber(chance, country, country.mobile(chance, landline)) : undefined;
  return {
    id,
    firstName,
    lastName,
    title: chance.one(TITLES),
    company: `${companyName} ${country.companySuffix}`,
    country: country.code,
    city: city.name,
    email: `${slug(firstName)}.${slug(lastName)}@${slug(companyName)}.${country.domainSuffix}`,
    phone: writeNumber(chance, country, landline, extension),
    ...(mobile ? { mobile } : {}),
  };
}

type HandTyped = Omit<Contact, 'id' | 'email'>;

/** Records as users typed them: unusual but valid forms first, then numbers no button can call. */
const HAND_TYPED: HandTyped[] = [
  { firstName: 'Eleanor', lastName: 'Ashworth', title: 'Practice Manager', company: 'Ashworth & Daughters "Antiques" Ltd', country: 'GB', city: 'London', phone: '+44 (0)20 7946 0321' },
  { firstName: 'Marcus', lastName: 'Bell', title: 'Procurement', company: 'Kestrel Analytics Ltd', country: 'GB', city: 'London', phone: '020-7946-0654 ext 12', mobile: '001 212 555 0177' },
  { firstName: 'Dana', lastName: 'Whitaker', title: 'Sales Director', company: 'Atlas Freight Inc.', country: 'US', city: 'New York', phone: 'tel:+1-212-555-0142;ext=204', mobile: '+1 (212) 555-0166' },
  { firstName: 'Rosa', lastName: 'Delgado', title: 'IT Manager', company: 'Sunburst Solar Inc.', country: 'US', city: 'San Francisco', phone: '415.555.0163 x7' },
  { firstName: 'Alan', lastName: 'Abbott', title: 'Office Manager', company: 'Riverstone Retail Ltd', country: 'GB', city: 'Leeds', phone: '020 7946' },
  { firstName: 'Beatrice', lastName: 'Hale', title: 'Receptionist', company: 'Pinecrest Hotels Ltd', country: 'GB', city: 'Bristol', phone: 'ask reception' },
  { firstName: 'Carter', lastName: 'Boyd', title: 'Account Executive', company: 'Granite Peak Capital Ltd', country: 'GB', city: 'London', phone: '(415) 555-0132' },
  { firstName: 'Camille', lastName: 'Aubert', title: 'Responsable achats', company: 'Foxglove Design SAS', country: 'FR', city: 'Paris', phone: '020 7946 0456' },
  { firstName: 'Tyler', lastName: 'Briggs', title: 'Operations Lead', company: 'Blue Heron Logistics Inc.', country: 'US', city: 'Chicago', phone: '555-0123' },
  { firstName: 'Nadia', lastName: 'Farouk', title: 'Chief Financial Officer', company: 'Meridian Health Ltd', country: 'GB', city: 'Manchester', phone: '+999 123 4567' },
  { firstName: 'Gregor', lastName: 'Albrecht', title: 'Einkauf', company: 'Ironbridge Engineering GmbH', country: 'DE', city: 'Berlin', phone: 'TBC' },
  { firstName: 'Ken', lastName: 'Abe', title: 'Sales Director', company: 'Nimbus Cloud Services K.K.', country: 'JP', city: 'Tokyo', phone: '' },
  { firstName: 'Owen', lastName: 'Baxter', title: 'Facilities Coordinator', company: 'Harbourside Foods Ltd', country: 'GB', city: 'Edinburgh', phone: '+44 20 7946 0123 4567' },
];

function buildContacts(): Contact[] {
  const chance = seededChance(SEED);
  const generated = Array.from({ length: GENERATED_COUNT }, (_, index) => generateContact(chance, `C-${1001 + index}`));
  const handTyped = HAND_TYPED.map((contact, index) => ({
    ...contact,
    id: `C-${1001 + GENERATED_COUNT + index}`,
    email: `${slug(contact.firstName)}.${slug(contact.lastName)}@${slug(contact.company)}.example`,
  }));
  const byName = new Intl.Collator('en');
  return [...generated, ...handTyped].sort(
    (a, b) => byName.compare(a.lastName, b.lastName) || byName.compare(a.firstName, b.firstName),
  );
}

/** Every contact, by last name. */
export const contacts: readonly Contact[] = buildContacts();

export const contactById = new Map(contacts.map((contact) => [contact.id, contact]));

export const fullName = (contact: Contact) => `${contact.firstName} ${contact.lastName}`;
