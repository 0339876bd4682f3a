import type { TreeModel } from '../model.js';
import { SCORING_VERSION } from '../version.js';
import {
  type Attribute,
  AttributeType,
  FLOAT_TENSOR,
  INT64_TENSOR,
  ModelProto,
  type Tensor,
} from './onnx-proto.js';

/**
 * ONNX export: one `TreeEnsembleRegressor` (ai.onnx.ml) that sums the trees into a margin, plus,
 * for models with linear terms, `Gather` → `Sub` (means) → `IsNaN`/`Where` (missing adds nothing)
 * → `MatMul` (weights) added to it, then a `Sigmoid`. Deliberately no `ZipMap` and no `post_transform`, which misbehave in onnxruntime 1.30.
 * Splits are `BRANCH_LEQ` with the learned missing-value direction in
 * `nodes_missing_value_tracks_true`; `nodes_hitrates` carries each node's training cover so
 * explanations can be rebuilt from the file alone. Inputs: `X` float32 [N, features].
 * Outputs: `probability` [N, 1] and `margin` [N, 1].
 */
export const ONNX_INPUT = 'X';
export const ONNX_PROBABILITY = 'probability';
export const ONNX_MARGIN = 'margin';
export const METADATA_FEATURE_NAMES = 'hidden_key.feature_names';
/** Initializers of the linear part, read back by importOnnx. */
export const LINEAR_FEATURES = 'linear_features';
export const LINEAR_MEANS = 'linear_means';
export const LINEAR_WEIGHTS = 'linear_weights';
export const BASE_SCORE = 'base_score';

export function exportOnnx(model: TreeModel, metadata: Record<string, string> = {}): Uint8Array {
  const nodes = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as Uint8Array[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTracksTrue: [] as number[],
    hitRates: [] as number[],
  };
  const targets = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    ids: [] as number[],
    weights: [] as number[],
  };
  const branch = utf8('BRANCH_LEQ');
  const leaf = utf8('LEAF');

  model.trees.forEach((tree, treeId) => {
    tree.feature.forEach((feature, nodeId) => {
      const isLeaf = feature < 0;
      nodes.treeIds.push(treeId);
      nodes.nodeIds.push(nodeId);
      nodes.featureIds.push(isLeaf ? 0 : feature);
      nodes.modes.push(isLeaf ? leaf : branch);
      nodes.values.push(isLeaf ? 0 : tree.threshold[nodeId]!);
      nodes.trueIds.push(isLeaf ? 0 : tree.left[nodeId]!);
      nodes.falseIds.push(isLeaf ? 0 : tree.right[nodeId]!);
      nodes.missingTracksTrue.push(isLeaf ? 0 : tree.missingLeft[nodeId]!);
      nodes.hitRates.push(tree.cover[nodeId]!);
      if (isLeaf) {
        targets.treeIds.push(treeId);
        targets.nodeIds.push(nodeId);
        targets.ids.push(0);
        targets.weights.push(tree.value[nodeId]!);
      }
    });
  });

  const linear = model.linear ?? [];
  const hasTrees = model.trees.length > 0;
  const treeOutput = linear.length > 0 ? 'tree_margin' : ONNX_MARGIN;
  const graphNodes: object[] = [];
  const initializer: Tensor[] = [];
  if (hasTrees) {
    graphNodes.push({
      opType: 'TreeEnsembleRegressor',
      domain: 'ai.onnx.ml',
      name: 'trees',
      input: [ONNX_INPUT],
      output: [treeOutput],
      attribute: [
        int('n_targets', 1),
        ints('nodes_treeids', nodes.treeIds),
        ints('nodes_nodeids', nodes.nodeIds),
        ints('nodes_featureids', nodes.featureIds),
        { name: 'nodes_modes', type: AttributeType.STRINGS, strings: nodes.modes },
        floats('nodes_values', nodes.values),
        ints('nodes_truenodeids', nodes.trueIds),
        ints('nodes_falsenodeids', nodes.falseIds),
        ints('nodes_missing_value_tracks_true', nodes.missingTracksTrue),
        floats('nodes_hitrates', nodes.hitRates),
        ints('target_treeids', targets.treeIds),
        ints('target_nodeids', targets.nodeIds),
        ints('target_ids', targets.ids),
        floats('target_weights', targets.weights),
        floats('base_values', [model.baseScore]),
        { name: 'aggregate_function', type: AttributeType.STRING, s: utf8('SUM') },
      ],
    });
  }
  if (linear.length > 0) {
    const k = linear.length;
    initializer.push(
      {
        name: LINEAR_FEATURES,
        dims: [k],
        dataType: INT64_TENSOR,
        int64Data: linear.map((term) => term.feature),
      },
      { name: LINEAR_MEANS, dims: [k], dataType: FLOAT_TENSOR, floatData: linear.map((term) => term.mean) },
      {
        name: LINEAR_WEIGHTS,
        dims: [k, 1],
        dataType: FLOAT_TENSOR,
        floatData: linear.map((term) => term.weight),
      },
      { name: 'zero', dims: [], dataType: FLOAT_TENSOR, floatData: [0] },
    );
    const node = (opType: string, input: string[], output: string, attribute: Attribute[] = []) => ({
      opType,
      name: output,
      input,
      output: [output],
      attribute,
    });
    graphNodes.push(
      node('Gather', [ONNX_INPUT, LINEAR_FEATURES], 'linear_inputs', [int('axis', 1)]),
      node('Sub', ['linear_inputs', LINEAR_MEANS], 'centered'),
      node('IsNaN', ['centered'], 'missing'),
      // A missing input adds nothing; its learned effect is a lookup tree of the ensemble.
      node('Where', ['missing', 'zero', 'centered'], 'filled'),
      node('MatMul', ['filled', LINEAR_WEIGHTS], 'linear_margin'),
    );
    if (hasTrees) graphNodes.push(node('Add', [treeOutput, 'linear_margin'], ONNX_MARGIN));
    else {
      initializer.push({ name: BASE_SCORE, dims: [1], dataType: FLOAT_TENSOR, floatData: [model.baseScore] });
      graphNodes.push(node('Add', ['linear_margin', BASE_SCORE], ONNX_MARGIN));
    }
  }
  if (graphNodes.length === 0) throw new Error('a model needs at least one tree or linear term to export');
  const sigmoid = { opType: 'Sigmoid', name: 'sigmoid', input: [ONNX_MARGIN], output: [ONNX_PROBABILITY] };

  const message = ModelProto.fromObject({
    irVersion: 8,
    producerName: '@hidden-key/scoring',
    producerVersion: SCORING_VERSION,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    metadataProps: Object.entries({
      [METADATA_FEATURE_NAMES]: JSON.stringify(model.featureNames),
      ...metadata,
    }).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'hidden_key_lead_score',
      node: [...graphNodes, sigmoid],
      initializer,
      input: [tensorInfo(ONNX_INPUT, ['N', model.featureNames.length])],
      output: [tensorInfo(ONNX_PROBABILITY, ['N', 1]), tensorInfo(ONNX_MARGIN, ['N', 1])],
    },
  });
  return ModelProto.encode(message).finish();
}

function tensorInfo(name: string, dims: (string | number)[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT_TENSOR,
        shape: { dim: dims.map((dim) => (typeof dim === 'string' ? { dimParam: dim } : { dimValue: dim })) },
      },
    },
  };
}

const encoder = new TextEncoder();
function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
function int(name: string, value: number): Attribute {
  return { name, type: AttributeType.INT, i: value };
}
function ints(name: string, values: number[]): Attribute {
  return { name, type: AttributeType.INTS, ints: values };
}
function floats(name: string, values: number[]): Attribute {
  return { name, type: AttributeType.FLOATS, floats: values };
}
