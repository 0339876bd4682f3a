// CPU time from Linux's /proc, for the bench and its load generator's thread (plain JavaScript, so
// the worker thread can import it without a TypeScript loader).
import { readFileSync } from 'node:fs';

/**
 * CPU time in ms from a Linux `stat` file's text (utime + stime, in clock ticks of 10 ms); the
 * command name in brackets may hold spaces, so the fields are counted after it.
 * @param {string} stat
 */
export const statCpuMs = (stat) => {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/**
 * CPU time of the calling thread in ms: unlike an event loop's busy time, it does not grow when
 * other processes take the cores. Undefined off Linux.
 * @returns {number | undefined}
 */
export function threadCpuMs() {
  try {
    return statCpuMs(readFileSync('/proc/thread-self/stat', 'utf8'));
  } catch {
    return undefined;
  }
}
