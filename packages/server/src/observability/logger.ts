import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * JSON lines on stdout at `LOG_LEVEL` (default `info`). Authorization headers, keys and tokens
 * are never logged: request lines carry ids and outcomes only, and these paths are redacted in
 * case an error object carries them.
 */
export function createLogger(env: Record<string, string | undefined> = process.env): Logger {
  const level = env.LOG_LEVEL || 'info';
  const levels = [...Object.keys(pino.levels.values), 'silent'];
  // pino's own message for an unknown level ("default level:… must be included in custom levels") names no variable.
  if (!levels.includes(level)) throw new Error(`LOG_LEVEL must be one of ${levels.join(', ')}, not ${level}`);
  return pino({
    level,
    base: { service: 'hidden-key' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'authorization',
        'headers.authorization',
        '*.authorization',
        'key',
        'token',
        'secret',
        'password',
      ],
      censor: '[redacted]',
    },
  });
}

/** Logs nothing: the default for apps built in tests and scripts. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
