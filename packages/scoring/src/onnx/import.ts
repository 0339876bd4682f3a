import { averageInnerValues, type LinearTerm, MODEL_FORMAT, type Tree, type TreeModel } from '../model.js';
import {
  BASE_SCORE,
  LINEAR_FEATURES,
  LINEAR_MEANS,
  LINEAR_WEIGHTS,
  METADATA_FEATURE_NAMES,
} from './export.js';
import { type Attribute, ModelProto, type Tensor } from './onnx-proto.js';

export interface ImportedOnnx {
  model: TreeModel;
  metadata: Record<string, string>;
}

interface DecodedModel {
  graph?: { node?: { opType?: string; attribute?: Attribute[] }[]; initializer?: Tensor[] };
  metadataProps?: { key: string; value: string }[];
}

/** Reads back a model this package exported (the file is the model: nothing else is needed). */
export function importOnnx(bytes: Uint8Array): ImportedOnnx {
  const decoded = ModelProto.toObject(ModelProto.decode(bytes), {
    longs: Number,
    defaults: false,
  }) as DecodedModel;
  const metadata = Object.fromEntries((decoded.metadataProps ?? []).map(({ key, value }) => [key, value]));
  const ensemble = decoded.graph?.node?.find((node) => node.opType === 'TreeEnsembleRegressor');
  const tensors = new Map((decoded.graph?.initializer ?? []).map((tensor) => [tensor.name, tensor]));
  if (!ensemble && !tensors.has(LINEAR_WEIGHTS))
    throw new Error('the ONNX file has neither a TreeEnsembleRegressor nor linear weights');
  const attributes = new Map((ensemble?.attribute ?? []).map((attribute) => [attribute.name, attribute]));
  const numbers = (name: string) => {
    const attribute = attributes.get(name);
    return (attribute?.ints ?? attribute?.floats ?? []).map(Number);
  };
  const decoder = new TextDecoder();
  const modes = (attributes.get('nodes_modes')?.strings ?? []).map((mode) => decoder.decode(mode));
  const treeIds = numbers('nodes_treeids');
  const nodeIds = numbers('nodes_nodeids');
  const featureIds = numbers('nodes_featureids');
  const values = numbers('nodes_values');
  const trueIds = numbers('nodes_truenodeids');
  const falseIds = numbers('nodes_falsenodeids');
  const missingTracksTrue = numbers('nodes_missing_value_tracks_true');
  const hitRates = numbers('nodes_hitrates');

  const trees: Tree[] = [];
  const treeAt = (id: number): Tree => {
    while (trees.length <= id) {
      trees.push({ feature: [], threshold: [], left: [], right: [], missingLeft: [], value: [], cover: [] });
    }
    return trees[id]!;
  };
  treeIds.forEach((treeId, k) => {
    const tree = treeAt(treeId);
    const node = nodeIds[k]!;
    const isLeaf = modes[k] === 'LEAF';
    if (!isLeaf && modes[k] !== 'BRANCH_LEQ') throw new Error(`unsupported node mode ${modes[k]}`);
    tree.feature[node] = isLeaf ? -1 : featureIds[k]!;
    tree.threshold[node] = isLeaf ? 0 : values[k]!;
    tree.left[node] = isLeaf ? -1 : trueIds[k]!;
    tree.right[node] = isLeaf ? -1 : falseIds[k]!;
    tree.missingLeft[node] = isLeaf ? 0 : (missingTracksTrue[k] ?? 0);
    tree.value[node] = 0;
    tree.cover[node] = hitRates[k] ?? 1;
  });
  const targetTrees = numbers('target_treeids');
  const targetNodes = numbers('target_nodeids');
  const weights = numbers('target_weights');
  targetTrees.forEach((treeId, k) => {
    const tree = treeAt(treeId);
    tree.value[targetNodes[k]!] = (tree.value[targetNodes[k]!] ?? 0) + weights[k]!;
  });
  for (const tree of trees) averageInnerValues(tree);

  const values32 = (name: string) => (tensors.get(name)?.floatData ?? []).map(Number);
  const linearFeatures = (tensors.get(LINEAR_FEATURES)?.int64Data ?? []).map(Number);
  const means = values32(LINEAR_MEANS);
  const linearWeights = values32(LINEAR_WEIGHTS);
  const linear: LinearTerm[] = linearFeatures.map((feature, k) => ({
    feature,
    mean: means[k]!,
    weight: linearWeights[k]!,
  }));

  const width = Math.max(0, ...featureIds, ...linearFeatures) + 1;
  const featureNames = metadata[METADATA_FEATURE_NAMES]
    ? (JSON.parse(metadata[METADATA_FEATURE_NAMES]) as string[])
    : Array.from({ length: width }, (_, k) => `f${k}`);
  const baseScore = numbers('base_values')[0] ?? values32(BASE_SCORE)[0] ?? 0;
  return {
    model: { format: MODEL_FORMAT, featureNames, baseScore, trees, ...(linear.length > 0 ? { linear } : {}) },
    metadata,
  };
}
