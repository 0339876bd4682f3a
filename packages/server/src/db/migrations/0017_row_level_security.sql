-- The database as the second wall (issue 11): every table that carries `organization_id` shows
-- the app only the rows of the organisation its transaction has set, whatever a query forgets.
--
-- Roles (cluster-wide, so created only when missing; two migrating databases may race):
--   hidden_key_app     the app's role. Owns nothing; DML only; sees one organisation's rows, the
--                      one in `app.organization_id` (set per transaction with set_config(..., true),
--                      so it is safe behind a transaction pooler). LOGIN so a deployment can connect
--                      as it (give it a password); NOINHERIT so being allowed to switch to the
--                      system role does not hand it the system role's rows.
--   hidden_key_system  explicit cross-organisation work: every row, reached only by
--                      `SET LOCAL ROLE` (`asSystem` in src/db/tenant.ts), never inherited.
-- The migration owner keeps the tables; FORCE makes the policies apply to it too, so an owner that
-- is neither superuser nor BYPASSRLS sees no tenant rows outside the two roles (see DEPLOYMENT.md).
DO $$
BEGIN
  CREATE ROLE hidden_key_app LOGIN NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  CREATE ROLE hidden_key_system NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- The owner switches to either role (the app demotes itself per transaction); the app role may
-- take the system path explicitly. A superuser needs neither grant, and granting twice is harmless.
DO $$
BEGIN
  EXECUTE format('GRANT hidden_key_app, hidden_key_system TO %I', current_user);
EXCEPTION WHEN invalid_grant_operation OR duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  GRANT hidden_key_system TO hidden_key_app;
EXCEPTION WHEN invalid_grant_operation OR duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hidden_key_app, hidden_key_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hidden_key_app, hidden_key_system;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hidden_key_app, hidden_key_system;
--> statement-breakpoint
-- Tables and sequences later migrations create get the same grants; their policies they add themselves
-- (the RLS test reads the catalog, so a new tenant table without them fails the suite).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hidden_key_app, hidden_key_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hidden_key_app, hidden_key_system;
--> statement-breakpoint
-- `nullif`: a setting set locally in an earlier transaction of the session reads back as '' later,
-- and ''::uuid would be an error instead of "no organisation".
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOR tenant_table IN
    SELECT c.relname
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO hidden_key_app '
      'USING (organization_id = nullif(current_setting(''app.organization_id'', true), '''')::uuid) '
      'WITH CHECK (organization_id = nullif(current_setting(''app.organization_id'', true), '''')::uuid)',
      tenant_table);
    EXECUTE format('CREATE POLICY system_access ON %I TO hidden_key_system USING (true) WITH CHECK (true)', tenant_table);
  END LOOP;
END $$;
