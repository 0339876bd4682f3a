import { leafOf, linearContribution, sigmoid, type TreeModel } from './model.js';
import { addTreeShap } from './tree-shap.js';

/**
 * Per-feature contributions as exact Shapley values: TreeSHAP for every tree (the cover-weighted
 * expectation over the features left out), and for a linear term its own `weight × (x − mean)`,
 * which is that term's exact Shapley value. `bias` is the margin expected over the training rows,
 * and `bias + Σ contributions` equals the margin.
 */
export interface Contribution {
  feature: string;
  index: number;
  value: number;
  /** Change in log-odds this feature caused. */
  contribution: number;
}

export interface Explanation {
  /** The expected margin: base score plus each tree's root value (its cover-weighted mean leaf). */
  bias: number;
  margin: number;
  probability: number;
  /** One entry per feature, in the model's feature order. */
  contributions: Contribution[];
  /** The features that moved the score most, strongest first, in plain words. */
  reasons: Reason[];
}

export interface Reason {
  feature: string;
  contribution: number;
  text: string;
}

/** Turns a feature's value into words, e.g. "asking price 18 % under estimated value". */
export type DescribeFeature = (feature: string, value: number, row: ArrayLike<number>) => string;

export interface ExplainOptions {
  describe?: DescribeFeature;
  /** How many reasons to return (default 3). */
  top?: number;
}

export function explain(model: TreeModel, row: ArrayLike<number>, options: ExplainOptions = {}): Explanation {
  const width = model.featureNames.length;
  if (row.length !== width)
    throw new RangeError(`explain: the row has ${row.length} values; the model takes ${width} features`);
  const top = options.top ?? 3;
  if (!Number.isInteger(top) || top < 0)
    throw new RangeError(`explain: top must be a whole number, not ${top}`);
  const totals = new Float64Array(model.featureNames.length);
  let bias = model.baseScore;
  let margin = model.baseScore;
  for (const tree of model.trees) {
    bias += tree.value[0]!;
    margin += tree.value[leafOf(tree, row)]!;
    addTreeShap(tree, row, totals);
  }
  for (const term of model.linear ?? []) {
    const contribution = linearContribution(term, row);
    margin += contribution;
    totals[term.feature]! += contribution;
  }
  const contributions = model.featureNames.map((feature, index) => ({
    feature,
    index,
    value: row[index]!,
    contribution: totals[index]!,
  }));
  const describe = options.describe ?? describePlainly;
  const reasons = [...contributions]
    .filter((entry) => entry.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, top)
    .map(({ feature, value, contribution }) => ({
      feature,
      contribution,
      text: `${describe(feature, value, row)} (${contribution > 0 ? 'raises' : 'lowers'} the score)`,
    }));
  return { bias, margin, probability: sigmoid(margin), contributions, reasons };
}

/** The fallback wording: "tenure is 2", "total_charges is missing". */
export function describePlainly(feature: string, value: number): string {
  const name = feature.replaceAll('_', ' ');
  return Number.isNaN(value) ? `${name} is missing` : `${name} is ${Number(value.toPrecision(6))}`;
}
