// Loaded first on the strict pages (no inline script is allowed there): keeps every CSP or Trusted Types
// violation and every call event, for the test to read.
const page = /** @type {any} */ (window);
page.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  page.violations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: `${event.sourceFile}:${event.lineNumber}`,
  });
});
page.received = [];
for (const type of ['spaces-call-start', 'spaces-call-success', 'spaces-call-error']) {
  document.addEventListener(type, (event) => {
    const { target, detail } = /** @type {CustomEvent} */ (event);
    page.received.push({ type, target: /** @type {Element} */ (target).id, kind: detail.kind });
  });
}
