import type { OpportunityStage } from '@hidden-key/sdk/schemas';
import { CLOSED_STAGES } from '@hidden-key/sdk/schemas/lists';

/*
 * The contract's lists come from `@hidden-key/sdk/schemas/lists`, which loads no zod: importing
 * the zod enums from `@hidden-key/sdk/schemas` at run time would bundle classic zod (about 27 KB
 * min+gz) into every page that shows a status select.
 */
export {
  CLOSED_STAGES,
  DEAL_TYPES,
  LEAD_PRIORITIES,
  LEAD_STATUSES,
  OPPORTUNITY_STAGES,
  STAGE_PROBABILITY,
} from '@hidden-key/sdk/schemas/lists';

/**
 * The `reopen` flag a move from `from` to `to` needs: the board and the detail view move a deal
 * only on a user's own drag, key or select, so leaving won or lost there is the explicit choice.
 */
export const reopenFlag = (from: OpportunityStage, to: OpportunityStage): { reopen?: true } =>
  from !== to && CLOSED_STAGES.has(from) ? { reopen: true } : {};
