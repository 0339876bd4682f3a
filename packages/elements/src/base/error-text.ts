import { APIConnectionError, APIError, AuthenticationError } from '@hidden-key/sdk';

/** What to tell a person about a failed call: the server's own words, without the status code. */
export function errorText(error: unknown): string {
  if (error instanceof APIError) return error.message.replace(/^\d{3} /, '');
  return error instanceof Error ? error.message : String(error);
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
