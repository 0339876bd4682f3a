import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseOpenError } from './database.js';

const LOCK_FILE = 'hk-server.lock';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite has one writer: two processes on the same folder corrupt it. A lock file holding the
 * owner's pid keeps the second one out, and a lock left by a dead process is taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseOpenError(
          `The data folder ${dataDir} is in use by another process (pid ${owner}). Stop it, or pass another --data-dir; to manage keys while it runs, use \`hidden-key keys\` (over HTTP).`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseOpenError(`Could not lock the data folder ${dataDir}.`);
}
