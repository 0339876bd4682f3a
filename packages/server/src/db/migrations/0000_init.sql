CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"subject" text,
	"description" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scheduled_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"assigned_to" text,
	"lead_id" uuid,
	"opportunity_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_type_check" CHECK (type in ('call', 'email', 'sms', 'meeting', 'note', 'task')),
	CONSTRAINT "activities_status_check" CHECK (status in ('pending', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"type" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	CONSTRAINT "api_keys_hash_unique" UNIQUE("hash"),
	CONSTRAINT "api_keys_type_check" CHECK (type in ('secret', 'publishable'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"type" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_type_check" CHECK (type in ('lead.created', 'lead.updated', 'lead.deleted', 'opportunity.created', 'opportunity.updated', 'opportunity.moved', 'opportunity.deleted', 'activity.created', 'activity.updated', 'activity.deleted'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"organization_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"response_status" integer,
	"response_body" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "idempotency_keys_organization_id_key_pk" PRIMARY KEY("organization_id","key"),
	CONSTRAINT "idempotency_keys_status_check" CHECK (status in ('in_progress', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "investors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"company" text,
	"contact_email" text,
	"contact_phone" text,
	"markets" text[] DEFAULT '{}'::text[] NOT NULL,
	"deal_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_price" double precision,
	"max_price" double precision,
	"notes" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(company, '') || ' ' || coalesce(contact_email, ''))) STORED,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investors_deal_types_check" CHECK (deal_types <@ array['wholesale', 'fix_and_flip', 'buy_and_hold', 'brrrr']::text[]),
	CONSTRAINT "investors_price_range_check" CHECK (min_price is null or max_price is null or min_price <= max_price)
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"priority_rank" smallint GENERATED ALWAYS AS (case priority when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 else 1 end) STORED,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"property" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"motivation" text,
	"attribution" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consent" jsonb,
	"enrichment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score" double precision,
	"score_details" jsonb,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(contact_name, '') || ' ' || coalesce(contact_email, '') || ' ' || coalesce(property->>'address', '') || ' ' || coalesce(property->>'city', '') || ' ' || coalesce(property->>'state', '') || ' ' || coalesce(property->>'zip', ''))) STORED,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_contacted_at" timestamp (3) with time zone,
	CONSTRAINT "leads_status_check" CHECK (status in ('new', 'contacted', 'qualified', 'converted', 'lost')),
	CONSTRAINT "leads_priority_check" CHECK (priority in ('low', 'medium', 'high', 'urgent')),
	CONSTRAINT "leads_score_check" CHECK (score is null or (score >= 0 and score <= 100))
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"lead_id" uuid,
	"title" text,
	"stage" text DEFAULT 'prospecting' NOT NULL,
	"deal_type" text DEFAULT 'wholesale' NOT NULL,
	"property_value" double precision,
	"offer_amount" double precision,
	"estimated_profit" double precision,
	"property" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"analysis" jsonb,
	"close_date" date,
	"position" double precision NOT NULL,
	"stage_changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opportunities_stage_check" CHECK (stage in ('prospecting', 'qualified', 'proposal', 'negotiation', 'due_diligence', 'closing', 'won', 'lost')),
	CONSTRAINT "opportunities_deal_type_check" CHECK (deal_type in ('wholesale', 'fix_and_flip', 'buy_and_hold', 'brrrr'))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"default_region" text DEFAULT 'US' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investors" ADD CONSTRAINT "investors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_keyset_idx" ON "activities" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activities_type_idx" ON "activities" USING btree ("organization_id","type");--> statement-breakpoint
CREATE INDEX "activities_status_idx" ON "activities" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "activities_lead_idx" ON "activities" USING btree ("organization_id","lead_id");--> statement-breakpoint
CREATE INDEX "activities_opportunity_idx" ON "activities" USING btree ("organization_id","opportunity_id");--> statement-breakpoint
CREATE INDEX "api_keys_organization_idx" ON "api_keys" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "events_organization_idx" ON "events" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "investors_keyset_idx" ON "investors" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "investors_markets_idx" ON "investors" USING gin ("markets");--> statement-breakpoint
CREATE INDEX "investors_deal_types_idx" ON "investors" USING gin ("deal_types");--> statement-breakpoint
CREATE INDEX "investors_search_idx" ON "investors" USING gin ("search");--> statement-breakpoint
CREATE INDEX "leads_keyset_idx" ON "leads" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_updated_idx" ON "leads" USING btree ("organization_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("organization_id","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_source_idx" ON "leads" USING btree ("organization_id","source","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_priority_idx" ON "leads" USING btree ("organization_id","priority_rank" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_score_idx" ON "leads" USING btree ("organization_id","score" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("organization_id","contact_email");--> statement-breakpoint
CREATE INDEX "leads_phone_idx" ON "leads" USING btree ("organization_id","contact_phone");--> statement-breakpoint
CREATE INDEX "leads_search_idx" ON "leads" USING gin ("search");--> statement-breakpoint
CREATE INDEX "opportunities_keyset_idx" ON "opportunities" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "opportunities_stage_position_idx" ON "opportunities" USING btree ("organization_id","stage","position","id");--> statement-breakpoint
CREATE INDEX "opportunities_deal_type_idx" ON "opportunities" USING btree ("organization_id","deal_type");--> statement-breakpoint
CREATE INDEX "opportunities_lead_idx" ON "opportunities" USING btree ("organization_id","lead_id");