/** A Vue 3 app that uses the button the way docs/frameworks.md shows. Bundled by frameworks.test.mjs. */
import { createApp, h, ref } from 'vue';
// The package by name, as an app installs it: its exports map gives the built module.
import 'spaces-call-button';
import type { CallSuccessEvent } from '../../src/spaces-call-button.js';

const apiBase = new URLSearchParams(location.search).get('api')!;

createApp({
  setup() {
    const log = ref<string[]>([]);
    const number = ref('020 7946 0958');
    const office = ref('020 7946 0958');
    return () => [
      h('spaces-call-button', {
        id: 'vue-button',
        number: number.value,
        'default-country': 'GB',
        'api-base': apiBase,
        '.getToken': () => 'vue-token',
        'onSpaces-call-success': (event: CallSuccessEvent) => log.value.push(event.detail.number),
      }),
      h('button', { id: 'change-number', onClick: () => (number.value = '+1 202 555 0143') }, 'change'),
      h('output', { id: 'log' }, log.value.join(',')),
      h('p', { id: 'contact-text' }, `Office: ${office.value}`),
      h('button', { id: 'change-text', onClick: () => (office.value = '020 7946 0000') }, 'change the text'),
    ];
  },
}).mount('#root');
