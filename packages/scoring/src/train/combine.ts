import type { Tree, TreeModel } from '../model.js';

/**
 * Model algebra on the shared shape. Every part of the margin is linear in the stored numbers, so
 * `scale × margin + shift` (a blend weight, a Platt calibration) is folded into the leaves, linear
 * weights and base score, and a blend is the two models' parts side by side. The results are
 * ordinary models: the evaluators and the ONNX graph need nothing new. Values stay float32.
 */
export function affineModel(model: TreeModel, scale: number, shift = 0): TreeModel {
  const scaleTree = (tree: Tree): Tree => ({
    ...tree,
    value: tree.value.map((value) => Math.fround(value * scale)),
  });
  return {
    ...model,
    baseScore: Math.fround(model.baseScore * scale + shift),
    trees: model.trees.map(scaleTree),
    ...(model.linear
      ? { linear: model.linear.map((term) => ({ ...term, weight: Math.fround(term.weight * scale) })) }
      : {}),
  };
}

export function sumModels(first: TreeModel, second: TreeModel): TreeModel {
  if (first.featureNames.join('\u0000') !== second.featureNames.join('\u0000'))
    throw new Error('only models over the same features can be summed');
  const linear = [...(first.linear ?? []), ...(second.linear ?? [])];
  return {
    format: first.format,
    featureNames: [...first.featureNames],
    baseScore: Math.fround(first.baseScore + second.baseScore),
    trees: [...first.trees, ...second.trees],
    ...(linear.length > 0 ? { linear } : {}),
  };
}

/** `weight × first + (1 − weight) × second`, in margins. */
export function blendModels(first: TreeModel, second: TreeModel, weight: number): TreeModel {
  return sumModels(affineModel(first, weight), affineModel(second, 1 - weight));
}
