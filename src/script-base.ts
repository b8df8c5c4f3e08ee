/**
 * The URL of the built script, for the phone metadata chunks that sit beside it.
 * The classic script has no `import.meta.url`, so its `document.currentScript` is read while
 * it runs; the entry module imports this module so that this happens at load, not later.
 */
const current = globalThis.document?.currentScript;
export const scriptBase: string = current instanceof HTMLScriptElement && current.src ? current.src : import.meta.url;
