/**
 * Watching a deployed model: the distribution of what it scores now against what it was trained
 * on. The reference (`profileTraining`) is ten quantile bins per feature and of the score, plus the
 * share of missing values, kept in the run record; `populationStability` compares a live sample
 * with it. PSI < 0.1 is usually read as stable, 0.1–0.25 as a shift worth a look, > 0.25 as drift.
 */
export interface DistributionProfile {
  /** Upper bin edges (ascending, last +Infinity serialised as null). */
  edges: (number | null)[];
  /** Share of present values in each bin, then the share of missing values last. */
  shares: number[];
}

export interface TrainingProfile {
  features: { feature: string; profile: DistributionProfile }[];
  score: DistributionProfile;
}

const BINS = 10;
/** Empty bins get this share so the logarithm in PSI stays finite. */
const FLOOR = 1e-4;

export function profileValues(values: ArrayLike<number>): DistributionProfile {
  const present = Float64Array.from(Array.from(values).filter((x) => !Number.isNaN(x))).sort();
  const edges: number[] = [];
  for (let k = 1; k < BINS; k++) {
    if (present.length === 0) break;
    const edge = present[Math.min(present.length - 1, Math.floor((k * present.length) / BINS))]!;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  edges.push(Number.POSITIVE_INFINITY);
  const profile = {
    edges: edges.map((edge) => (Number.isFinite(edge) ? edge : null)),
    shares: [] as number[],
  };
  return { ...profile, shares: shareOf(profile, values) };
}

/** Shares of `values` in the profile's bins (missing last). */
export function shareOf(profile: DistributionProfile, values: ArrayLike<number>): number[] {
  const counts = new Array<number>(profile.edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) {
      counts[profile.edges.length]!++;
      continue;
    }
    let bin = 0;
    while (bin < profile.edges.length - 1 && x > (profile.edges[bin] ?? Number.POSITIVE_INFINITY)) bin++;
    counts[bin]!++;
  }
  return counts.map((count) => (values.length > 0 ? count / values.length : 0));
}

/** Population stability index of `values` against the profile: Σ (live − ref) ln(live / ref). */
export function populationStability(profile: DistributionProfile, values: ArrayLike<number>): number {
  const live = shareOf(profile, values);
  let psi = 0;
  profile.shares.forEach((reference, k) => {
    const r = Math.max(reference, FLOOR);
    const l = Math.max(live[k]!, FLOOR);
    if (reference === 0 && live[k] === 0) return;
    psi += (l - r) * Math.log(l / r);
  });
  return psi;
}

/** The reference a run record keeps: every feature column of `data` and the training scores. */
export function profileTraining(
  featureNames: readonly string[],
  data: Float32Array,
  probabilities: ArrayLike<number>,
): TrainingProfile {
  const width = featureNames.length;
  const rows = data.length / width;
  return {
    features: featureNames.map((feature, k) => ({
      feature,
      profile: profileValues(Float64Array.from({ length: rows }, (_, i) => data[i * width + k]!)),
    })),
    score: profileValues(probabilities),
  };
}
