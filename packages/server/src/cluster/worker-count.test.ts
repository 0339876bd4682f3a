import { describe, expect, it } from 'vitest';
import { parseWorkerCount, resolveWorkerCount } from './worker-count.js';

const postgres = { pglite: false, cores: 4 };

describe('serve --workers', () => {
  it('is one process unless asked, with --workers winning over WEB_CONCURRENCY', () => {
    expect(resolveWorkerCount(undefined, { ...postgres, env: {} })).toBe(1);
    expect(resolveWorkerCount(undefined, { ...postgres, env: { WEB_CONCURRENCY: '3' } })).toBe(3);
    expect(resolveWorkerCount(2, { ...postgres, env: { WEB_CONCURRENCY: '3' } })).toBe(2);
    expect(resolveWorkerCount('auto', { ...postgres, env: {} })).toBe(4);
    expect(resolveWorkerCount(undefined, { ...postgres, env: { WEB_CONCURRENCY: 'auto' } })).toBe(4);
  });

  it('refuses more than one on PGlite, naming what asked, and makes auto one there', () => {
    const pglite = { pglite: true, cores: 4 };
    expect(() => resolveWorkerCount(2, { ...pglite, env: {} })).toThrow(/^--workers 2 needs PostgreSQL/);
    expect(() => resolveWorkerCount(undefined, { ...pglite, env: { WEB_CONCURRENCY: '2' } })).toThrow(
      /^WEB_CONCURRENCY=2 needs PostgreSQL/,
    );
    expect(resolveWorkerCount('auto', { ...pglite, env: {} })).toBe(1);
    expect(resolveWorkerCount(1, { ...pglite, env: {} })).toBe(1);
  });

  it('takes a whole number from 1 or auto', () => {
    expect(parseWorkerCount('8')).toBe(8);
    for (const wrong of ['0', '-1', '1.5', 'two', '257']) expect(() => parseWorkerCount(wrong)).toThrow();
    expect(() => resolveWorkerCount(undefined, { ...postgres, env: { WEB_CONCURRENCY: 'lots' } })).toThrow(
      /WEB_CONCURRENCY=lots is not auto or a number of workers/,
    );
  });
});
