CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"event_type" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"url" text NOT NULL,
	"events" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"secret" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_type_check";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_event_idx" ON "webhook_deliveries" USING btree ("endpoint_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_list_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organization_idx" ON "webhook_endpoints" USING btree ("organization_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_type_check" CHECK (type in ('lead.created', 'lead.updated', 'lead.deleted', 'opportunity.created', 'opportunity.updated', 'opportunity.moved', 'opportunity.deleted', 'activity.created', 'activity.updated', 'activity.deleted', 'investor.created', 'investor.updated', 'investor.deleted', 'webhook_endpoint.disabled'));
--> statement-breakpoint
-- Fan each new event out to the organisation's matching webhook endpoints, in the event's own
-- transaction: one delivery row per endpoint and one `webhook.deliver` job per delivery. The
-- job's max_attempts is only a ceiling: the handler ends a delivery after the configured schedule
-- (HK_WEBHOOK_RETRY_DELAYS_MS), which the database does not know.
CREATE OR REPLACE FUNCTION hk_webhook_fan_out() RETURNS trigger AS $$
BEGIN
  WITH deliveries AS (
    INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, event_type)
    SELECT gen_random_uuid(), NEW.organization_id, endpoint.id, NEW.id, NEW.type
    FROM webhook_endpoints endpoint
    WHERE endpoint.organization_id = NEW.organization_id
      AND NOT endpoint.disabled
      AND (NEW.type = ANY (endpoint.events) OR '*' = ANY (endpoint.events))
    ON CONFLICT DO NOTHING
    RETURNING id, organization_id
  )
  INSERT INTO jobs (organization_id, name, payload, key, max_attempts)
  SELECT organization_id, 'webhook.deliver', jsonb_build_object('delivery_id', id), 'delivery:' || id, 1000
  FROM deliveries;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER events_webhook_fan_out AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION hk_webhook_fan_out();
