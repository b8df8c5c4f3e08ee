// A CRM page's call log: every event of the buttons, in order, kept for the test.
window.received = [];
for (const type of ['spaces-call-start', 'spaces-call-success', 'spaces-call-error', 'spaces-call-update', 'spaces-call-end']) {
  document.addEventListener(type, (event) => {
    window.received.push({ type, target: event.target.id || event.composedPath()[0].id, detail: event.detail });
  });
}
