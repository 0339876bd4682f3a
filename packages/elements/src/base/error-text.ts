import { APIConnectionError, AuthenticationError } from '@hidden-key/sdk';

/**
 * What to tell a person about a failed call: the server's own words, without the status code the
 * SDK puts first. Read from the message alone, so a component that only shows errors (the
 * calculator) does not bundle the SDK's error classes.
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^\d{3} /, '') : String(error);
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
