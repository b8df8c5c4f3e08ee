/** Generated at build time by vite.config.ts from libphonenumber-js's metadata. */
declare module 'virtual:phone-calling-codes' {
  /** ISO 3166-1 alpha-2 country → its calling code (`GB` → `44`). */
  export const callingCodeOf: Record<string, string>;
  /** The calling codes of no country (`800`, `870`…): with `callingCodeOf`'s, every code that has a metadata chunk. */
  export const nonGeographicCodes: string[];
  export const metadataVersion: number;
}
