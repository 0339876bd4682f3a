import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EncodedTable } from '../src/data/table-encoding.js';

/**
 * scikit-learn's random forest (100 × depth 10), HistGradientBoosting and logistic regression on
 * exactly the rows our trainer saw, run by `sklearn_peers.py` under the system Python (Debian's
 * python3-sklearn). `HK_PYTHON` picks another interpreter.
 */
export type PeerName = 'random_forest' | 'hist_gradient_boosting' | 'logistic';
export type PeerResults = Record<PeerName, { auc: number; train_ms: number }>;

const SCRIPT = fileURLToPath(new URL('./sklearn_peers.py', import.meta.url));

export function findSklearnPython(): { python: string; version: string } | null {
  for (const python of [process.env.HK_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[]) {
    const probe = spawnSync(python, ['-c', 'import sklearn; print(sklearn.__version__)'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return null;
}

export function runSklearnPeers(
  python: string,
  train: EncodedTable,
  test: EncodedTable,
  categorical: readonly boolean[],
  seed: number,
): PeerResults {
  const dir = mkdtempSync(join(tmpdir(), 'hk-sklearn-'));
  try {
    const write = (name: string, table: EncodedTable) => {
      const width = table.featureNames.length;
      const lines: string[] = [];
      for (let i = 0; i < table.rows; i++) {
        const cells = Array.from(table.data.subarray(i * width, (i + 1) * width), (x) =>
          Number.isNaN(x) ? '' : String(x),
        );
        lines.push([...cells, String(table.labels![i])].join(','));
      }
      const path = join(dir, name);
      writeFileSync(path, `${lines.join('\n')}\n`);
      return path;
    };
    const job = { train: write('train.csv', train), test: write('test.csv', test), categorical, seed };
    const output = execFileSync(python, [SCRIPT], { input: JSON.stringify(job), encoding: 'utf8' });
    return JSON.parse(output) as PeerResults;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
