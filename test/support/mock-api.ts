/** A private corner of the mock Spaces API for one test, with its own request log. */

export interface MockRequest {
  callType: string;
  scheme: string;
  token: string;
  contentType: string;
  callees: { address: string; displayname: string }[] | string;
  scenario: string;
  answer?: number | 'dropped' | 'client-gone';
}

export interface MockApi {
  /** The API base to give the button or the client (absolute). */
  apiBase: string;
  /** Every call request the mock has received in this session, oldest first. */
  requests(): Promise<MockRequest[]>;
}

export function mockApi(): MockApi {
  const apiBase = new URL(`/mock/${crypto.randomUUID()}`, location.href).href;
  return {
    apiBase,
    requests: async () => (await fetch(`${apiBase}/__log`)).json(),
  };
}

/** The mock's reserved scenario numbers (see docs/mock-api.md). */
export const NUMBERS = {
  success: '+44 20 7946 0958',
  noLicense: '+44 20 7946 0900',
  billingCountry: '+44 20 7946 0901',
  notOptedIn: '+44 20 7946 0902',
  tokenExpired: '+44 20 7946 0903',
  rateLimited: '+44 20 7946 0904',
  serverError: '+44 20 7946 0905',
  unavailable: '+44 20 7946 0906',
  slow: '+44 20 7946 0907',
  malformed: '+44 20 7946 0908',
  noReceivers: '+44 20 7946 0909',
  dropped: '+44 20 7946 0910',
  declined: '+44 20 7946 0911',
  notAnswered: '+44 20 7946 0912',
  callFailed: '+44 20 7946 0913',
  answeredShort: '+44 20 7946 0914',
  silent: '+44 20 7946 0915',
  channelDrop: '+44 20 7946 0916',
} as const;

/** What the mock's real-time channel saw of one token (user): `GET {base}/__realtime`. */
export interface RealtimeLog {
  /** This token's connections open now. */
  connections: number;
  /** Every connection open now. */
  totalConnections: number;
  entries: { at: string; type: string; [detail: string]: unknown }[];
}

export async function realtimeLog(api: MockApi, token: string, scheme = 'jwt'): Promise<RealtimeLog> {
  return (await fetch(`${api.apiBase}/__realtime`, { headers: { authorization: `${scheme} ${token}` } })).json();
}

export const EXPIRED_TOKEN = 'mock-expired-token';

/** Resolves once `predicate` holds, polling; rejects after `timeout` ms with `what` in the message. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  const end = performance.now() + timeout;
  while (!(await predicate())) {
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
