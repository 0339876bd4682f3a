CREATE TABLE "ml_features" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"features" jsonb NOT NULL,
	"probability" double precision NOT NULL,
	"scored_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ml_features" ADD CONSTRAINT "ml_features_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ml_features" ADD CONSTRAINT "ml_features_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ml_features" ADD CONSTRAINT "ml_features_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ml_features_model_idx" ON "ml_features" USING btree ("organization_id","model_id","scored_at");--> statement-breakpoint
CREATE INDEX "ml_features_lead_idx" ON "ml_features" USING btree ("lead_id");