/** A button's texts follow the language of its nearest `lang` (English until a translation has loaded). */
import { languageOf, messagesFor } from '../i18n/locale.js';
import { en } from '../i18n/en.js';
import type { Messages } from '../i18n/messages.js';

export interface TranslatedButton extends Element {
  /** The texts in the language of the nearest `lang`; English when unset. */
  messages?: Messages;
  /** The translation being loaded, if any. */
  messagesReady?: Promise<unknown>;
}

export function followLanguage(button: TranslatedButton): void {
  const messages = messagesFor(languageOf(button));
  if (messages instanceof Promise) {
    const pending: Promise<unknown> = messages.then((loaded) => {
      if (button.messagesReady === pending) button.messagesReady = undefined;
      button.messages = loaded;
    });
    button.messagesReady = pending;
  } else {
    if (button.messagesReady) button.messagesReady = undefined;
    if (messages !== (button.messages ?? en)) button.messages = messages;
  }
}
