/** The browser side of test/support/hostile-api.mjs: a private session of the badly behaved API. */

export interface HostileRequest {
  case: string;
  arg: string;
  method: string;
  path: string;
  /** The Authorization header as the server received it, or null. */
  authorization: string | null;
  body: string;
  answer?: number | 'reset' | 'client-gone' | 'stalled';
  /** How the exchange ended: the whole answer sent, or the client went away first. */
  ended?: 'finished' | 'client-gone';
}

export interface HostileApi {
  session: string;
  /** The api-base that makes the server answer as `name` says (with `arg`, when the case takes one). */
  base(name: string, arg?: string | number): string;
  /** Every request this session's cases received (any method, any origin), oldest first. */
  requests(): Promise<HostileRequest[]>;
}

export function hostileApi(): HostileApi {
  const session = crypto.randomUUID();
  const root = new URL(`/hostile/${session}`, location.href).href;
  return {
    session,
    base: (name, arg) => `${root}/${name}${arg === undefined ? '' : `/${arg}`}`,
    requests: async () => (await fetch(`${root}/__log`)).json(),
  };
}

/** A loopback port that nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const { port } = await (await fetch('/hostile/__closed-port')).json();
  return port;
}
