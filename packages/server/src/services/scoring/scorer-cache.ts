import {
  createTreeScorer,
  FEATURE_NAMES,
  MODEL_FORMAT,
  type TreeModel,
  type TreeScorer,
} from '@hidden-key/scoring';
import type { Executor } from '../../db/database.js';
import { latestModelRef, loadModel, type ModelRef } from './model-store.js';

/** An organisation's latest model, ready to score: its trees laid out for the evaluator. */
export interface LoadedModel {
  ref: ModelRef;
  model: TreeModel;
  scorer: TreeScorer;
}

export interface ScorerCache {
  /**
   * The organisation's latest model, or null when it has none. Each call checks the latest version
   * in the database (one indexed read), so a model trained by another process is picked up at once;
   * the model itself is loaded and laid out only when that version changes.
   */
  forOrganization(db: Executor, organizationId: string): Promise<LoadedModel | null>;
}

/** Thrown when a stored model cannot score this server's lead features. */
export class IncompatibleModelError extends Error {
  override name = 'IncompatibleModelError';
}

/** A per-process cache of scorers, one entry per organisation, keyed by model version. */
export function createScorerCache({ maxOrganizations = 1000 } = {}): ScorerCache {
  const entries = new Map<string, LoadedModel>();
  return {
    async forOrganization(db, organizationId) {
      const ref = await latestModelRef(db, organizationId);
      if (!ref) {
        entries.delete(organizationId);
        return null;
      }
      const cached = entries.get(organizationId);
      // Re-inserting keeps the map in least-recently-used order for eviction.
      entries.delete(organizationId);
      if (cached?.ref.id === ref.id) {
        entries.set(organizationId, cached);
        return cached;
      }
      const stored = await loadModel(db, organizationId, ref.id);
      if (!stored) return null;
      const loaded = { ref, model: stored.model, scorer: createTreeScorer({ model: checked(stored.model) }) };
      entries.set(organizationId, loaded);
      if (entries.size > maxOrganizations) entries.delete(entries.keys().next().value!);
      return loaded;
    },
  };
}

/** A model scores leads only if it reads exactly the features `featuresFromLead` produces. */
function checked(model: TreeModel): TreeModel {
  if (model.format !== MODEL_FORMAT) {
    throw new IncompatibleModelError(`Model format ${String(model.format)} is not ${MODEL_FORMAT}`);
  }
  const names = model.featureNames;
  if (!Array.isArray(names) || names.join() !== FEATURE_NAMES.join()) {
    throw new IncompatibleModelError('Model features differ from the lead features; train a new model');
  }
  if (!Array.isArray(model.trees)) throw new IncompatibleModelError('Model has no trees');
  return model;
}
