import { APIError } from '@hidden-key/sdk';

/** What to tell a person about a failed call: the server's own words, without the status code. */
export function errorText(error: unknown): string {
  if (error instanceof APIError) return error.message.replace(/^\d{3} /, '');
  return error instanceof Error ? error.message : String(error);
}
