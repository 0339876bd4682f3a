-- The pipeline's per-stage count and sum of deal values read the board's index alone (an index-only
-- scan, once vacuum has marked the pages all-visible) instead of every page holding one of the
-- organisation's deals: the values ride after `id`, which is unique, so the board's order is unchanged.
DROP INDEX "opportunities_stage_position_idx";--> statement-breakpoint
CREATE INDEX "opportunities_stage_position_idx" ON "opportunities" USING btree ("organization_id","stage","position","id","property_value","offer_amount");