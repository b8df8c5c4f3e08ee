/** A Lit app that renders its contact into the page (light DOM), with the page scan on. Bundled by frameworks.test.mjs. */
import { html, render } from 'lit';
// The package by name, as an app installs it: its exports map gives the built module.
import 'spaces-call-button';

let office = '020 7946 0958';

function update(): void {
  render(
    html`<p id="contact-text">Office: ${office}</p>
      <button id="change-text" @click=${() => ((office = '020 7946 0000'), update())}>change the text</button>`,
    document.getElementById('root')!,
  );
}
update();
