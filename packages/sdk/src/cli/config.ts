import { HiddenKey } from '../client/hidden-key.js';

export interface ConnectionFlags {
  apiKey?: string;
  baseUrl?: string;
}

/** A client from the flags, falling back to `HIDDEN_KEY_API_KEY` and `HIDDEN_KEY_BASE_URL`. */
export function clientFromFlags(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): HiddenKey {
  const apiKey = flags.apiKey ?? env.HIDDEN_KEY_API_KEY;
  const baseUrl = flags.baseUrl ?? env.HIDDEN_KEY_BASE_URL;
  if (!apiKey) throw new Error('No API key: pass --api-key or set HIDDEN_KEY_API_KEY');
  if (!baseUrl) throw new Error('No API URL: pass --base-url or set HIDDEN_KEY_BASE_URL');
  // A bulk job should ride out a longer outage than an interactive call.
  return new HiddenKey({ apiKey, baseUrl, maxRetries: 5 });
}
