import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.js';
import { DatabaseOpenError } from './database.js';

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'hk-lock-')), 'data');

describe('lockDataDir', () => {
  it('writes the owner pid and removes the lock on release', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'hk-server.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'hk-server.lock'))).toBe(false);
  });

  it('refuses a folder locked by another live process', () => {
    const dir = freshDir();
    lockDataDir(dir)();
    writeFileSync(join(dir, 'hk-server.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DatabaseOpenError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another process/);
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = freshDir();
    lockDataDir(dir)();
    writeFileSync(join(dir, 'hk-server.lock'), '2147483646');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'hk-server.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
