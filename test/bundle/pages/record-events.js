// What a host page does with the events: keep them, as a CRM logs call activity.
window.received = [];
for (const type of ['spaces-call-start', 'spaces-call-success', 'spaces-call-error']) {
  document.addEventListener(type, (event) => {
    window.received.push({ type, target: event.target.id || event.composedPath()[0].id, detail: event.detail });
  });
}
