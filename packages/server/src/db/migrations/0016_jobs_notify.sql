-- Wake idle workers when a job becomes claimable, however that happens: inserted (enqueueJob, or
-- the webhook fan-out trigger) or put back to a due `queued` (a delivery retried by hand). One
-- NOTIFY per job name per statement on channel `hk_jobs`, delivered on commit. Only a wake-up:
-- workers claim from this table, plan a wake-up for the next due run_at, and poll slowly.
CREATE OR REPLACE FUNCTION hk_jobs_notify_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('hk_jobs', name) FROM (SELECT DISTINCT name FROM inserted_jobs) AS added;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER jobs_notify_inserted AFTER INSERT ON jobs
  REFERENCING NEW TABLE AS inserted_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION hk_jobs_notify_inserted();
--> statement-breakpoint
-- A failed try also goes back to `queued`, with a later run_at: that needs no wake-up now. The
-- second of slack covers run_at's millisecond rounding (now() rounded up is "later" than now()).
CREATE OR REPLACE FUNCTION hk_jobs_notify_requeued() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('hk_jobs', name) FROM (
    SELECT DISTINCT new_job.name
    FROM new_jobs new_job JOIN old_jobs old_job ON old_job.id = new_job.id
    WHERE new_job.state = 'queued' AND old_job.state <> 'queued' AND new_job.run_at <= now() + interval '1 second'
  ) AS requeued;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER jobs_notify_requeued AFTER UPDATE ON jobs
  REFERENCING OLD TABLE AS old_jobs NEW TABLE AS new_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION hk_jobs_notify_requeued();
