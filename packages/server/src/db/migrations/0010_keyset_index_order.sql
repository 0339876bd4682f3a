DROP INDEX "api_keys_organization_idx";--> statement-breakpoint
DROP INDEX "leads_score_idx";--> statement-breakpoint
DROP INDEX "webhook_endpoints_organization_idx";--> statement-breakpoint
CREATE INDEX "opportunities_position_idx" ON "opportunities" USING btree ("organization_id","position","id");--> statement-breakpoint
CREATE INDEX "api_keys_organization_idx" ON "api_keys" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_score_idx" ON "leads" USING btree ("organization_id",coalesce("score", -1) desc nulls last,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organization_idx" ON "webhook_endpoints" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);