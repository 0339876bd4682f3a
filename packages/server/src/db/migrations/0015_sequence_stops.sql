-- Nova's sequences stop at once, in the transaction of the change that stops them, whichever code
-- path (API, inbound SMS, import, script) makes it: a converted or lost status, an SMS opt-out
-- (the `sms_opt_out` tag, or the consent withdrawn), or a reply (an activity recorded with
-- `metadata.direction = 'inbound'`). Erasing the lead deletes its enrollments by cascade.
CREATE OR REPLACE FUNCTION hk_stop_lead_sequences(lead uuid, reason text) RETURNS void AS $$
BEGIN
  UPDATE sequence_enrollments
     SET state = 'stopped', stop_reason = reason, stopped_at = now(), next_step = NULL,
         next_run_at = NULL, updated_at = now()
   WHERE lead_id = lead AND state = 'active';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hk_stop_sequences_on_lead_change() RETURNS trigger AS $$
BEGIN
  IF NEW.status IN ('converted', 'lost') AND NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM hk_stop_lead_sequences(NEW.id, NEW.status);
  ELSIF ('sms_opt_out' = ANY (NEW.tags) AND NOT ('sms_opt_out' = ANY (OLD.tags)))
     OR (OLD.consent IS NOT NULL AND NEW.consent IS NULL) THEN
    PERFORM hk_stop_lead_sequences(NEW.id, 'opt_out');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER leads_stop_sequences AFTER UPDATE OF status, tags, consent ON leads
  FOR EACH ROW EXECUTE FUNCTION hk_stop_sequences_on_lead_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hk_stop_sequences_on_reply() RETURNS trigger AS $$
BEGIN
  PERFORM hk_stop_lead_sequences(NEW.lead_id, 'reply');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER activities_stop_sequences AFTER INSERT ON activities
  FOR EACH ROW WHEN (NEW.lead_id IS NOT NULL AND NEW.metadata ->> 'direction' = 'inbound')
  EXECUTE FUNCTION hk_stop_sequences_on_reply();
--> statement-breakpoint
CREATE TRIGGER sequences_touch_updated_at BEFORE UPDATE ON sequences
  FOR EACH ROW EXECUTE FUNCTION hk_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER sequence_enrollments_touch_updated_at BEFORE UPDATE ON sequence_enrollments
  FOR EACH ROW EXECUTE FUNCTION hk_touch_updated_at();
