/** A React 19 app that uses the button the way docs/frameworks.md shows. Bundled by frameworks.test.mjs. */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
// The package by name, as an app installs it: its exports map gives the built module.
import 'spaces-call-button';
import type { CallSuccessEvent, SpacesCallButton } from '../../src/spaces-call-button.js';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'spaces-call-button': React.DetailedHTMLProps<React.HTMLAttributes<SpacesCallButton>, SpacesCallButton> & {
        number?: string;
        'default-country'?: string;
        'api-base'?: string;
        getToken?: SpacesCallButton['getToken'];
        'onspaces-call-success'?: (event: CallSuccessEvent) => void;
      };
    }
  }
}

const apiBase = new URLSearchParams(location.search).get('api')!;

function App() {
  const [log, setLog] = useState<string[]>([]);
  const [number, setNumber] = useState('020 7946 0958');
  const [office, setOffice] = useState('020 7946 0958');
  return (
    <>
      <spaces-call-button
        id="react-button"
        number={number}
        default-country="GB"
        api-base={apiBase}
        getToken={() => 'react-token'}
        onspaces-call-success={(event) => setLog((entries) => [...entries, event.detail.number])}
      />
      <button id="change-number" onClick={() => setNumber('+1 202 555 0143')}>change</button>
      <output id="log">{log.join(',')}</output>
      <p id="contact-text">Office: {office}</p>
      <button id="change-text" onClick={() => setOffice('020 7946 0000')}>change the text</button>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
