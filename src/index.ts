/** The package's API without side effects: nothing is defined on import. */
export { SpacesCallButton, type CallStatus } from './spaces-call-button.component.js';
export { createSpacesClient, isSecureOrigin, type SpacesClient, type SpacesClientOptions, type PlaceCallRequest, type CallOutcome, type TokenProvider, type TokenType } from './spaces-client.js';
export { normalizePhone, type PhoneResult, type InvalidPhoneReason } from './phone.js';
export { configureSpacesCallButtons, type SpacesCallButtonDefaults } from './page-defaults.js';
export { upgradeTelLinks } from './tel-links.js';
export { forgetSpacesToken } from './sign-out.js';
export { reportSpacesCallEvent } from './live/report-call-event.js';
export type { CallError, CallErrorKind } from './call-error.js';
export type { Receiver } from './call-response.js';
export type { CallEndOutcome } from './call-lifecycle.js';
export { readCallEvents, type CallEvent, type CallEventKind } from './live/call-events.js';
export type * from './events.js';
