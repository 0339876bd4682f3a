/** What the PostgreSQL benches share: a database of their own, and p50/p99 lines. */
import pg from 'pg';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** One result line: `name` padded to `width`, then p50, p99 and the count. */
export const latencyLine = (name: string, values: number[], width: number) =>
  `${name.padEnd(width)} p50 ${percentile(values, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(
    values,
    99,
  )
    .toFixed(2)
    .padStart(7)} ms   (n=${values.length})`;

/** Runs `run` on a fresh database `<prefix>_<pid>_<time>` on `adminUrl`'s server, dropped after. */
export async function withScratchDatabase<T>(
  adminUrl: string,
  prefix: string,
  run: (url: string) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
