/** The Spaces API origins named by the `environment` attribute. */
export const ENVIRONMENTS: Record<string, string> = {
  production: 'https://spacesapis.avayacloud.com',
  staging: 'https://loganstagingapis.esna.com',
};
