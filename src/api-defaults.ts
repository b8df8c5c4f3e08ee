/** Defaults of the Spaces calling API that both the element and the client use. */

/** The Spaces API origins named by the `environment` attribute. */
export const ENVIRONMENTS: Record<string, string> = {
  production: 'https://spacesapis.avayacloud.com',
  staging: 'https://loganstagingapis.esna.com',
};

/** Milliseconds before a call request is given up. */
export const DEFAULT_TIMEOUT = 15_000;

export const DEFAULT_CALL_TYPE = 'aura';
