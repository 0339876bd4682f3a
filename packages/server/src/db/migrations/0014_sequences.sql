CREATE TABLE "sequence_enrollments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"sequence_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"stop_reason" text,
	"next_step" integer,
	"next_run_at" timestamp (3) with time zone,
	"time_zone" text NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enrolled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sequence_enrollments_state_check" CHECK (state in ('active', 'completed', 'stopped')),
	CONSTRAINT "sequence_enrollments_stop_reason_check" CHECK (stop_reason is null or stop_reason in ('reply', 'opt_out', 'converted', 'lost', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "sequences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"quiet_hours" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_sequence_id_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_enrollments_sequence_lead_idx" ON "sequence_enrollments" USING btree ("sequence_id","lead_id");--> statement-breakpoint
CREATE INDEX "sequence_enrollments_list_idx" ON "sequence_enrollments" USING btree ("sequence_id","enrolled_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sequence_enrollments_lead_idx" ON "sequence_enrollments" USING btree ("lead_id","state");--> statement-breakpoint
CREATE INDEX "sequences_keyset_idx" ON "sequences" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);