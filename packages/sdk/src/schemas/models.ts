import * as z from 'zod';
import { Id, Timestamp } from './common.js';

/** How a model is doing since it was trained, computed from `ml_features` and later outcomes. */
export const ModelLiveFigures = z
  .object({
    /** Scorings recorded with this model. */
    scored: z.number().int().min(0),
    /**
     * Population stability of the scores and of each feature against the training distribution
     * (null before anything was scored). < 0.1 stable, 0.1–0.25 worth a look, > 0.25 drifted.
     */
    drift: z
      .object({
        score_psi: z.number(),
        features: z.array(z.object({ feature: z.string(), psi: z.number() })),
      })
      .nullable(),
    /** Leads scored by this model that were converted or lost after it was trained. */
    outcomes: z.object({
      count: z.number().int().min(0),
      converted: z.number().int().min(0),
      /** Null until both outcomes have been seen. */
      auc: z.number().nullable(),
      /** Expected calibration error of the stored probabilities (null without outcomes). */
      ece: z.number().nullable(),
      calibration: z.array(
        z.object({
          from: z.number(),
          to: z.number(),
          count: z.number().int(),
          mean_predicted: z.number(),
          observed_rate: z.number(),
        }),
      ),
    }),
  })
  .meta({
    id: 'ModelLiveFigures',
    description:
      'How a model is doing since it was trained: drift, and AUC and calibration on later outcomes.',
  });
export type ModelLiveFigures = z.infer<typeof ModelLiveFigures>;

/** One version of an organisation's scoring model; the highest version scores new leads. */
export const ScoringModel = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    format: z.string(),
    /** The kind chosen by cross-validation: gbdt, logistic or blend. */
    algorithm: z.string(),
    /** Whether this version scores new leads now. */
    active: z.boolean(),
    created_at: Timestamp,
    /** The training run record: candidates and their CV scores, calibration, metrics, hashes, profile. */
    run: z.record(z.string(), z.unknown()),
    live: ModelLiveFigures,
  })
  .meta({
    id: 'ScoringModel',
    description: "One version of an organisation's scoring model; the highest version scores new leads.",
  });
export type ScoringModel = z.infer<typeof ScoringModel>;
