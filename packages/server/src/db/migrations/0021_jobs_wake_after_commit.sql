-- Wake idle workers after the commit instead of inside the transaction. A NOTIFY in a transaction
-- takes a database-wide lock that PostgreSQL holds through the commit's WAL flush, so every
-- transaction that added a job (each event of an organisation with a webhook endpoint, through
-- the fan-out trigger) waited for the commit of the one before it. Where the session says it sends
-- wake-ups after its commits (`hk.wake_after_commit`, set by the app's pooled transactions), the
-- trigger hands the job's name to it as a notice (SQLSTATE HKW01, channel in the message, payload
-- in the detail), which costs no lock; anywhere else it notifies as before.
CREATE OR REPLACE FUNCTION hk_jobs_wake(job_name text) RETURNS void AS $$
BEGIN
  IF current_setting('hk.wake_after_commit', true) = 'on' THEN
    RAISE NOTICE USING ERRCODE = 'HKW01', MESSAGE = 'hk_jobs', DETAIL = job_name;
  ELSE
    PERFORM pg_notify('hk_jobs', job_name);
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hk_jobs_notify_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM hk_jobs_wake(name) FROM (SELECT DISTINCT name FROM inserted_jobs) AS added;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hk_jobs_notify_requeued() RETURNS trigger AS $$
BEGIN
  PERFORM hk_jobs_wake(name) FROM (
    SELECT DISTINCT new_job.name
    FROM new_jobs new_job JOIN old_jobs old_job ON old_job.id = new_job.id
    WHERE new_job.state = 'queued' AND old_job.state <> 'queued' AND new_job.run_at <= now() + interval '1 second'
  ) AS requeued;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
