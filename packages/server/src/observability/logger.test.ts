import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('logs at LOG_LEVEL, and refuses a level pino does not know by naming the variable', () => {
    expect(createLogger({}).level).toBe('info');
    expect(createLogger({ LOG_LEVEL: 'warn' }).level).toBe('warn');
    expect(createLogger({ LOG_LEVEL: 'silent' }).level).toBe('silent');
    expect(() => createLogger({ LOG_LEVEL: 'loud' })).toThrow(
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not loud',
    );
  });
});
