/// <reference path="./onnxruntime.d.ts" />
// The reference lets packages that typecheck this source (the server) see the `#onnxruntime` alias.
import type { InferenceSession } from 'onnxruntime-web';
import type { TreeModel } from '../model.js';
import { exportOnnx, ONNX_INPUT, ONNX_MARGIN, ONNX_PROBABILITY } from './export.js';

/**
 * Scores with onnxruntime-web's wasm backend, in browsers and Node alike. The runtime (≈14 MB of
 * wasm) is imported lazily on first use, so pages that only need the tree evaluator never load it.
 */
export interface OnnxScorer {
  /** Probability for one row of features (NaN = missing). */
  score(row: ArrayLike<number>): Promise<number>;
  /** Probabilities and margins for `rows` rows stored row-major in `data`. */
  scoreBatch(
    data: Float32Array | Float64Array,
    rows?: number,
  ): Promise<{ probability: Float32Array; margin: Float32Array }>;
  release(): Promise<void>;
}

export interface CreateScorerOptions {
  /** The ONNX bytes, or a model to export first. */
  model: Uint8Array | TreeModel;
  /** Number of features; read from the model when it is a TreeModel. */
  features?: number;
}

export async function createScorer(options: CreateScorerOptions): Promise<OnnxScorer> {
  const bytes = options.model instanceof Uint8Array ? options.model : exportOnnx(options.model);
  // `#onnxruntime` (package.json "imports") is onnxruntime-web's Node build under Node and
  // `onnxruntime-web/wasm` everywhere else: the wasm-only browser bundle cannot start in Node.
  const ort = await import('#onnxruntime');
  const session: InferenceSession = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
  });
  const declared = options.model instanceof Uint8Array ? options.features : options.model.featureNames.length;

  const scoreBatch: OnnxScorer['scoreBatch'] = async (data, rows) => {
    const width = declared ?? (rows ? data.length / rows : data.length);
    const count = rows ?? data.length / width;
    const input = new ort.Tensor('float32', data instanceof Float32Array ? data : Float32Array.from(data), [
      count,
      width,
    ]);
    const outputs = await session.run({ [ONNX_INPUT]: input });
    const probability = outputs[ONNX_PROBABILITY]!.data as Float32Array;
    const margin = outputs[ONNX_MARGIN]!.data as Float32Array;
    input.dispose();
    return { probability, margin };
  };

  return {
    scoreBatch,
    async score(row) {
      const { probability } = await scoreBatch(Float32Array.from(row as ArrayLike<number>), 1);
      return probability[0]!;
    },
    release: () => session.release(),
  };
}
