import { APIConnectionError, AuthenticationError } from '@hidden-key/sdk';
import type { FailureLabels } from './domain-labels.js';

/** A component's texts, as far as `failureText` needs them. */
interface FailureTerms {
  term(key: keyof FailureLabels): string;
}

/**
 * Failures whose own words help nobody ("Connection error: Failed to fetch", a proxy's 502 page,
 * anything busy or down that answered outside the error envelope), read from the error's name,
 * status and code alone, so no SDK class is bundled for it.
 */
function failureKey(error: unknown): keyof FailureLabels | null {
  const { name, status, code } = (error ?? {}) as { name?: unknown; status?: unknown; code?: unknown };
  if (name === 'APIConnectionError' || name === 'APITimeoutError' || error instanceof TypeError)
    return 'failure_offline';
  // An answer in the error envelope (the server's, the portal's offline worker's) says why itself.
  if (code !== undefined) return null;
  if (status === 429) return 'failure_busy';
  if (status === 502 || status === 503 || status === 504) return 'failure_unavailable';
  return null;
}

/**
 * What to tell a person about a failed call: the server's own words, without the status code the
 * SDK puts first. Read from the message alone, so a component that only shows errors (the
 * calculator) does not bundle the SDK's error classes.
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^\d{3} /, '') : String(error);
}

/**
 * `errorText`, except that a server that could not be reached, or is busy or down, is told in the
 * component's own words and language (`terms`, its localize controller).
 */
export function failureText(error: unknown, terms: FailureTerms): string {
  const key = failureKey(error);
  return key ? terms.term(key) : errorText(error);
}

/**
 * Why a load failed, in the terms a person acts on: the server cannot be reached (check the
 * connection), the session is not accepted (sign in again), or the server refused for a reason it
 * states. A board that could not load must say so, not look like an empty pipeline.
 */
export type LoadProblem = 'offline' | 'unauthorized' | 'refused';

export function loadProblemOf(error: unknown): LoadProblem {
  if (error instanceof AuthenticationError) return 'unauthorized';
  if (error instanceof APIConnectionError || error instanceof TypeError) return 'offline';
  return 'refused';
}
