/** The package's API without side effects: nothing is defined on import. */
export { SpacesCallButton, type CallStatus } from './element/spaces-call-button.component.js';
export { createSpacesClient, isSecureOrigin, type SpacesClient, type SpacesClientOptions, type PlaceCallRequest, type CallOutcome, type TokenProvider, type TokenType } from './api/spaces-client.js';
export { normalizePhone, type PhoneResult, type InvalidPhoneReason } from './phone/phone.js';
export { configureSpacesCallButtons, type SpacesCallButtonDefaults } from './page/page-defaults.js';
export { upgradeTelLinks } from './page/tel-link-loader.js';
export { scanPhoneNumbers, type ScanOptions } from './page/scan-loader.js';
export { forgetSpacesToken } from './api/sign-out.js';
export { reportSpacesCallEvent } from './live/report-call-event.js';
export type { CallError, CallErrorKind } from './api/call-error.js';
export type { Receiver } from './api/call-response.js';
export type { CallEndOutcome } from './call/call-lifecycle.js';
export { readCallEvents, type CallEvent, type CallEventKind } from './live/call-events.js';
export type * from './element/events.js';
