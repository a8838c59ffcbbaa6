/**
 * The HTTP room's one public face: the rest of the package imports from here, never from a file inside.
 * transport.ts is the only place a request is sent; the other files are its parts.
 */
export type { Account, RequestScope } from './accounts';
export { Accounts } from './accounts';
export type { CheckedCredential } from './connection';
export { isPrototypeKey } from './plainData';
export { redactSecret, REDACTED } from './redact';
export { MAX_TIMER_MS, sleepFor, sleepUntil } from './runGate';
export { apiRequest, sendRequest } from './transport';
export type { ApiOutcome, ApiRequest, Context, IdField, Processed, RequestPolicy } from './types';
export { CREDENTIAL_TYPE } from './types';
