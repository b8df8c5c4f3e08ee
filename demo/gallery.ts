/**
 * Fills the gallery: each state panel gets one button per state (put into it by calling the mock's
 * scenario numbers), each looks panel every variant at every size.
 */
import type { SpacesCallButton } from '../src/spaces-call-button.js';

const STATES = [
  { state: 'idle', number: '020 7946 0958', call: false },
  { state: 'invalid', number: '020 7946', call: false },
  { state: 'placing', number: '020 7946 0907', call: true }, // the mock's slow answer
  { state: 'calling', number: '020 7946 0958', call: true },
  { state: 'error', number: '020 7946 0905', call: true }, // the mock's 500
];

function row(name: string, attributes: Record<string, string>): { row: HTMLElement; button: SpacesCallButton } {
  const row = document.createElement('p');
  row.className = 'row';
  const label = document.createElement('span');
  label.className = 'name';
  label.textContent = name;
  const button = document.createElement('spaces-call-button');
  for (const [key, value] of Object.entries(attributes)) button.setAttribute(key, value);
  row.append(label, button);
  return { row, button };
}

for (const panel of document.querySelectorAll<HTMLElement>('[data-states]')) {
  for (const { state, number, call } of STATES) {
    const { row: line, button } = row(state, { number, 'data-state': state });
    panel.append(line);
    if (call) void button.updateComplete.then(() => button.call());
  }
}

for (const panel of document.querySelectorAll<HTMLElement>('[data-looks]')) {
  for (const variant of ['button', 'link', 'icon']) {
    for (const size of ['small', 'medium', 'large']) {
      panel.append(row(`${variant}, ${size}`, { variant, size, number: '020 7946 0958' }).row);
    }
  }
}
