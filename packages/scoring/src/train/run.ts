import type { TreeModel } from '../model.js';
import { SCORING_VERSION } from '../version.js';
import type { GbdtParams } from './gbdt.js';
import type { Metrics } from './metrics.js';

/**
 * What a training run leaves behind, beside the model, so runs can be compared later (the role
 * MLflow played in the original design). Plain JSON: a file next to the `.onnx`, or a table row.
 */
export interface RunRecord {
  format: 'hidden-key.run.v1';
  library: { name: '@hidden-key/scoring'; version: string };
  algorithm: 'gbdt';
  createdAt: string;
  trainingTimeMs: number;
  params: GbdtParams;
  data: { rows: number; positives: number; features: string[]; hash: string };
  model: { hash: string; trees: number; bestRound: number };
  metrics: {
    /** Held-out rows (the early-stopping split), scored by the model before any refit. */
    validation: Metrics | null;
    training: Metrics;
    /** Logistic regression fitted on the same rows and scored on the same held-out rows. */
    logisticBaseline: Pick<Metrics, 'auc' | 'logLoss' | 'accuracy'> | null;
  };
  featureImportance: { feature: string; gain: number }[];
}

export const LIBRARY = { name: '@hidden-key/scoring', version: SCORING_VERSION } as const;

/** `sha256:<hex>` of the bytes, with Web Crypto (Node 20 and browsers alike). */
export async function sha256(...parts: (Uint8Array | string)[]): Promise<string> {
  const chunks = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : part));
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', joined));
  return `sha256:${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function hashModel(model: TreeModel): Promise<string> {
  return sha256(JSON.stringify(model));
}

export function hashData(
  data: Float32Array,
  labels: Uint8Array,
  featureNames: readonly string[],
): Promise<string> {
  return sha256(
    JSON.stringify(featureNames),
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    labels,
  );
}
