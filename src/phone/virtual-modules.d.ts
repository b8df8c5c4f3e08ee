/** Generated at build time by vite.config.ts from libphonenumber-js's metadata. */
declare module 'virtual:phone-calling-codes' {
  /** ISO 3166-1 alpha-2 country → its calling code (`GB` → `44`). */
  export const callingCodeOf: Record<string, string>;
  /** Every calling code that has a metadata chunk, non-geographic ones included. */
  export const callingCodes: string[];
  export const metadataVersion: number;
}
