/**
 * The call type of a button that names none: its calls go to `POST {api}/api/spacescalling/aura/call`. Apart from
 * api-defaults.ts (the call code's), because the element names it too, in the error it reports when the call code
 * cannot be loaded.
 */
export const DEFAULT_CALL_TYPE = 'aura';
