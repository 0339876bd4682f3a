-- The organisations table behind the same wall (issue 11): the app role sees and changes only the
-- row of the organisation its transaction has set (its settings, its phone region), the system role
-- every row (creating an organisation, inbound senders found by phone number or Stripe customer).
-- Foreign keys from the tenant tables still resolve: referential checks do not go through policies.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations TO hidden_key_app
  USING (id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON organizations TO hidden_key_system USING (true) WITH CHECK (true);
--> statement-breakpoint
-- A server that logs in as hidden_key_app (the production setup, DEPLOYMENT.md) cannot migrate;
-- it reads which migrations the database has, so it can refuse to start on an older schema.
GRANT USAGE ON SCHEMA drizzle TO hidden_key_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO hidden_key_app;
