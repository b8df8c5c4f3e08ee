/**
 * The countries of the demo's contacts: people's names, cities, and phone numbers written the local way.
 *
 * Numbers are fictional: the regulators' ranges for drama where there is one (Ofcom's 020 7946 0xxx and
 * 0113/0117/0121/0131/0161 496 0xxx, NANP 555-01xx, Bundesnetzagentur's film ranges, ARCEP's numéros de
 * fiction, ACMA's 5550/7010 and 0491 570…), made up elsewhere. All are valid for libphonenumber-js.
 * Ofcom has no mobile range that libphonenumber accepts (07700 900xxx is refused), so UK contacts have no mobile.
 */

/** The deterministic choices a number needs; contacts.ts backs it with a seeded generator. */
export interface Chance {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** `count` random digits. */
  digits(count: number): string;
  one<T>(items: readonly T[]): T;
}

/** A national significant number in the groups its country writes it in: `['20', '7946', '0123']`. */
export type NumberGroups = string[];

export interface Country {
  code: string;
  name: string;
  callingCode: string;
  /** How people in the country write a national number. */
  national: (groups: NumberGroups) => string;
  cities: { name: string; landline: (chance: Chance) => NumberGroups }[];
  mobile?: (chance: Chance, landline: NumberGroups) => NumberGroups;
  firstNames: readonly string[];
  lastNames: readonly string[];
  companySuffix: string;
  /** The e-mail domain ending; `.example` keeps the addresses fictional. */
  domainSuffix: string;
}

const pad = (value: number, length: number) => String(value).padStart(length, '0');

/** Ofcom's drama range is 0000–0999; 0900–0910 are the mock API's failure scenarios, so stay below 0900. */
const ukDrama = (area: string, exchange: string) => (chance: Chance) => [area, exchange, `0${pad(chance.int(0, 899), 3)}`];
/** NANP's fictional 555-0100 to 555-0199. */
const nanp = (area: string) => (chance: Chance) => [area, '555', `01${chance.digits(2)}`];
const nanpMobile = (chance: Chance, landline: NumberGroups) => [landline[0], '555', `01${chance.digits(2)}`];
const nanpNational = ([area, exchange, line]: NumberGroups) => `(${area}) ${exchange}-${line}`;
const arcep = (...prefix: string[]) => (chance: Chance) => [...prefix, chance.digits(2), chance.digits(2)];
const acma = (area: string) => (chance: Chance) => [area, chance.one(['5550', '7010']), chance.digits(4)];
const ACMA_MOBILES = ['570 006', '570 156', '570 157', '570 158', '570 159', '570 110', '570 313', '570 737', '571 266', '571 491'];
const bnetza = (area: string, block: string) => (chance: Chance) => [area, block, chance.digits(3)];
const withArea = (area: string, first: [number, number], firstLength: number) => (chance: Chance) => [
  area,
  pad(chance.int(...first), firstLength),
  chance.digits(4),
];

export const COUNTRIES: readonly Country[] = [
  {
    code: 'GB',
    name: 'United Kingdom',
    callingCode: '44',
    national: (groups) => `0${groups.join(' ')}`,
    cities: [
      { name: 'London', landline: ukDrama('20', '7946') },
      { name: 'London', landline: ukDrama('20', '7946') },
      { name: 'Leeds', landline: ukDrama('113', '496') },
      { name: 'Bristol', landline: ukDrama('117', '496') },
      { name: 'Birmingham', landline: ukDrama('121', '496') },
      { name: 'Edinburgh', landline: ukDrama('131', '496') },
      { name: 'Manchester', landline: ukDrama('161', '496') },
    ],
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Jack', 'Emily', 'Charlotte', 'Thomas', 'Sophie', 'William', 'Freya', 'James', 'Grace', 'Alfie'],
    lastNames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Johnson', 'Roberts', 'Walker', 'Wright', 'Hughes', 'Edwards', 'Green', 'Hall', 'Clarke'],
    companySuffix: 'Ltd',
    domainSuffix: 'co.uk.example',
  },
  {
    code: 'US',
    name: 'United States',
    callingCode: '1',
    national: nanpNational,
    cities: [
      { name: 'Washington', landline: nanp('202') },
      { name: 'New York', landline: nanp('212') },
      { name: 'Chicago', landline: nanp('312') },
      { name: 'San Francisco', landline: nanp('415') },
      { name: 'Boston', landline: nanp('617') },
      { name: 'Seattle', landline: nanp('206') },
      { name: 'Miami', landline: nanp('305') },
      { name: 'Austin', landline: nanp('512') },
      { name: 'Denver', landline: nanp('303') },
    ],
    mobile: nanpMobile,
    firstNames: ['Liam', 'Olivia', 'Noah', 'Emma', 'Ethan', 'Mia', 'Mason', 'Harper', 'Logan', 'Abigail', 'Lucas', 'Madison', 'Jackson', 'Avery', 'Aiden', 'Chloe'],
    lastNames: ['Miller', 'Davis', 'Garcia', 'Rodriguez', 'Martinez', 'Anderson', 'Thompson', 'White', 'Lopez', 'Lee', 'Gonzalez', 'Clark', 'Lewis', 'Young', 'Allen', 'King'],
    companySuffix: 'Inc.',
    domainSuffix: 'com.example',
  },
  {
    code: 'DE',
    name: 'Germany',
    callingCode: '49',
    national: ([area, block, line]) => `0${area} ${block}-${line}`,
    cities: [
      { name: 'Berlin', landline: bnetza('30', '23125') },
      { name: 'Hamburg', landline: bnetza('40', '66969') },
      { name: 'Frankfurt am Main', landline: bnetza('69', '90009') },
      { name: 'München', landline: bnetza('89', '99998') },
    ],
    firstNames: ['Lukas', 'Mia', 'Leon', 'Hannah', 'Finn', 'Emma', 'Jonas', 'Lea', 'Paul', 'Marie', 'Felix', 'Lena', 'Maximilian', 'Sophie', 'Jan', 'Laura'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann'],
    companySuffix: 'GmbH',
    domainSuffix: 'de.example',
  },
  {
    code: 'FR',
    name: 'France',
    callingCode: '33',
    national: (groups) => `0${groups.join(' ')}`,
    cities: [
      { name: 'Paris', landline: arcep('1', '99', '00') },
      { name: 'Rennes', landline: arcep('2', '61', '91') },
      { name: 'Lille', landline: arcep('3', '53', '01') },
      { name: 'Lyon', landline: arcep('4', '65', '71') },
      { name: 'Bordeaux', landline: arcep('5', '36', '49') },
    ],
    mobile: arcep('6', '39', '98'),
    firstNames: ['Gabriel', 'Louise', 'Raphaël', 'Jade', 'Léo', 'Ambre', 'Louis', 'Alice', 'Arthur', 'Chloé', 'Jules', 'Lina', 'Hugo', 'Léa', 'Adam', 'Manon'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Fournier'],
    companySuffix: 'SAS',
    domainSuffix: 'fr.example',
  },
  {
    code: 'ES',
    name: 'Spain',
    callingCode: '34',
    national: (groups) => groups.join(' '),
    cities: [
      { name: 'Madrid', landline: (chance) => [`91${chance.digits(1)}`, chance.digits(3), chance.digits(3)] },
      { name: 'Barcelona', landline: (chance) => [`93${chance.digits(1)}`, chance.digits(3), chance.digits(3)] },
      { name: 'Valencia', landline: (chance) => [`96${chance.digits(1)}`, chance.digits(3), chance.digits(3)] },
      { name: 'Sevilla', landline: (chance) => [`95${chance.digits(1)}`, chance.digits(3), chance.digits(3)] },
    ],
    mobile: (chance) => [`6${chance.digits(2)}`, chance.digits(3), chance.digits(3)],
    firstNames: ['Hugo', 'Lucía', 'Martín', 'Sofía', 'Pablo', 'Martina', 'Daniel', 'María', 'Alejandro', 'Paula', 'Álvaro', 'Julia', 'Adrián', 'Valeria', 'Diego', 'Carmen'],
    lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Álvarez', 'Navarro'],
    companySuffix: 'S.L.',
    domainSuffix: 'es.example',
  },
  {
    code: 'JP',
    name: 'Japan',
    callingCode: '81',
    national: (groups) => `0${groups.join('-')}`,
    cities: [
      { name: 'Tokyo', landline: withArea('3', [3000, 6999], 4) },
      { name: 'Osaka', landline: withArea('6', [6000, 6999], 4) },
      { name: 'Nagoya', landline: withArea('52', [200, 999], 3) },
      { name: 'Sapporo', landline: withArea('11', [200, 999], 3) },
    ],
    mobile: withArea('90', [1000, 9999], 4),
    firstNames: ['Haruto', 'Yui', 'Sota', 'Hina', 'Yuto', 'Aoi', 'Riku', 'Sakura', 'Ren', 'Mei', 'Kaito', 'Yuna', 'Hiroshi', 'Akiko', 'Takumi', 'Emi'],
    lastNames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada', 'Sasaki', 'Matsumoto', 'Inoue', 'Kimura'],
    companySuffix: 'K.K.',
    domainSuffix: 'co.jp.example',
  },
  {
    code: 'IN',
    name: 'India',
    callingCode: '91',
    national: (groups) => `0${groups.join(' ')}`,
    cities: [
      { name: 'Mumbai', landline: withArea('22', [2000, 6999], 4) },
      { name: 'New Delhi', landline: withArea('11', [2000, 4999], 4) },
      { name: 'Bengaluru', landline: withArea('80', [2000, 4999], 4) },
      { name: 'Chennai', landline: withArea('44', [2000, 4999], 4) },
    ],
    mobile: (chance) => [`98${chance.digits(3)}`, chance.digits(5)],
    firstNames: ['Aarav', 'Ananya', 'Vihaan', 'Diya', 'Arjun', 'Saanvi', 'Rohan', 'Priya', 'Aditya', 'Kavya', 'Ishaan', 'Meera', 'Rahul', 'Pooja', 'Vikram', 'Nisha'],
    lastNames: ['Sharma', 'Patel', 'Gupta', 'Iyer', 'Reddy', 'Nair', 'Singh', 'Kumar', 'Mehta', 'Joshi', 'Rao', 'Desai', 'Chopra', 'Menon', 'Banerjee', 'Kapoor'],
    companySuffix: 'Pvt Ltd',
    domainSuffix: 'in.example',
  },
  {
    code: 'AU',
    name: 'Australia',
    callingCode: '61',
    national: (groups) => `0${groups.join(' ')}`,
    cities: [
      { name: 'Sydney', landline: acma('2') },
      { name: 'Melbourne', landline: acma('3') },
      { name: 'Brisbane', landline: acma('7') },
      { name: 'Perth', landline: acma('8') },
      { name: 'Adelaide', landline: acma('8') },
    ],
    mobile: (chance) => ['491', ...chance.one(ACMA_MOBILES).split(' ')],
    firstNames: ['Charlie', 'Matilda', 'Cooper', 'Ruby', 'Lachlan', 'Zoe', 'Riley', 'Evie', 'Hudson', 'Sienna', 'Archie', 'Willow', 'Harrison', 'Scarlett', 'Max', 'Lily'],
    lastNames: ['Nguyen', 'Kelly', 'Ryan', 'Murphy', 'Campbell', 'Mitchell', 'Stewart', 'Morris', 'O’Brien', 'Cook', 'Ward', 'Morgan', 'Bennett', 'Reid', 'Murray', 'Hayes'],
    companySuffix: 'Pty Ltd',
    domainSuffix: 'com.au.example',
  },
  {
    code: 'BR',
    name: 'Brazil',
    callingCode: '55',
    national: ([area, first, last]) => `(${area}) ${first}-${last}`,
    cities: [
      { name: 'São Paulo', landline: withArea('11', [3000, 3999], 4) },
      { name: 'Rio de Janeiro', landline: withArea('21', [2000, 3999], 4) },
      { name: 'Belo Horizonte', landline: withArea('31', [3000, 3999], 4) },
      { name: 'Porto Alegre', landline: withArea('51', [3000, 3999], 4) },
    ],
    mobile: (chance, [area]) => [area, `9${chance.int(6000, 9999)}`, chance.digits(4)],
    firstNames: ['Miguel', 'Helena', 'Arthur', 'Alice', 'Heitor', 'Laura', 'Bernardo', 'Manuela', 'Davi', 'Valentina', 'Gabriel', 'Sophia', 'Pedro', 'Isabella', 'Lorenzo', 'Beatriz'],
    lastNames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Ferreira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Carvalho', 'Araújo', 'Ribeiro', 'Gomes', 'Barbosa'],
    companySuffix: 'Ltda.',
    domainSuffix: 'com.br.example',
  },
  {
    code: 'CA',
    name: 'Canada',
    callingCode: '1',
    national: nanpNational,
    cities: [
      { name: 'Toronto', landline: nanp('416') },
      { name: 'Vancouver', landline: nanp('604') },
      { name: 'Montréal', landline: nanp('514') },
      { name: 'Ottawa', landline: nanp('613') },
      { name: 'Calgary', landline: nanp('403') },
    ],
    mobile: nanpMobile,
    firstNames: ['Benjamin', 'Charlotte', 'Owen', 'Amélie', 'Nathan', 'Chloé', 'Samuel', 'Maya', 'Félix', 'Léa', 'Jacob', 'Ava', 'Elijah', 'Rosalie', 'Logan', 'Camille'],
    lastNames: ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'MacDonald', 'Campbell', 'Leblanc', 'Bélanger', 'Fraser', 'Chen', 'Singh', 'Pelletier'],
    companySuffix: 'Inc.',
    domainSuffix: 'ca.example',
  },
];

const countryByCode = new Map(COUNTRIES.map((country) => [country.code, country]));

export const countryName = (code: string) => countryByCode.get(code)?.name ?? code;
