-- Keep updated_at current on every UPDATE. The app sets updated_at from its injected clock; the
-- trigger only fills it in when a statement left it unchanged (raw SQL, scripts, migrations).
CREATE OR REPLACE FUNCTION hk_touch_updated_at() RETURNS trigger AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER leads_touch_updated_at BEFORE UPDATE ON leads
  FOR EACH ROW EXECUTE FUNCTION hk_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER opportunities_touch_updated_at BEFORE UPDATE ON opportunities
  FOR EACH ROW EXECUTE FUNCTION hk_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER activities_touch_updated_at BEFORE UPDATE ON activities
  FOR EACH ROW EXECUTE FUNCTION hk_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER investors_touch_updated_at BEFORE UPDATE ON investors
  FOR EACH ROW EXECUTE FUNCTION hk_touch_updated_at();
