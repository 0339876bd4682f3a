export type { ActivityLoggedDetail } from './activity-log/activity-log.js';
export { HkActivityLog } from './activity-log/activity-log.js';
export * from './base/index.js';
export { Connection, type LiveStatus, standaloneConnection } from './connection.js';
export { ConnectionController, type HkContext, hkContext } from './context.js';
export type {
  AnalysisChangeDetail,
  AnalysisSavedDetail,
  DealCalculatorClient,
} from './deal-calculator/deal-calculator.js';
export { HkDealCalculator } from './deal-calculator/deal-calculator.js';
export type { DealStageChangedDetail } from './deal-detail/deal-detail.js';
export { HkDealDetail } from './deal-detail/deal-detail.js';
export { HkDealNarrative } from './deal-narrative/deal-narrative.js';
export { HkLeadDetail } from './lead-detail/lead-detail.js';
export type { LeadFailedDetail, LeadQueuedDetail, LeadSubmittedDetail } from './lead-form/lead-form.js';
export { HkLeadForm } from './lead-form/lead-form.js';
export { HkLeadInsights } from './lead-insights/lead-insights.js';
export type { LeadSelectedDetail, LeadStatusChangedDetail } from './lead-list/lead-list.js';
export { HkLeadList } from './lead-list/lead-list.js';
export type {
  DealCreatedDetail,
  DealMovedDetail,
  DealMoveFailedDetail,
  DealSelectedDetail,
} from './pipeline-board/pipeline-board.js';
export { HkPipelineBoard } from './pipeline-board/pipeline-board.js';
export { HkProvider } from './provider/provider.js';
export type { SupabaseAuthClient, SupabaseSession } from './provider/supabase-session.js';
export * from './stores/index.js';
