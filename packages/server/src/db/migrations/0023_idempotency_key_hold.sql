-- A request holds its Idempotency-Key for as long as its transaction runs: a duplicate that comes
-- while the first is still running is told so at once (409 idempotency_in_progress, SQLSTATE HKI01)
-- instead of waiting for it. The lock is the transaction's own (released by its commit or rollback,
-- by a crash too), and one on the database, so every instance of the server sees it.
CREATE OR REPLACE FUNCTION hk_hold_idempotency_key(lock_name text) RETURNS void AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtextextended(lock_name, 0)) THEN
    RAISE EXCEPTION USING ERRCODE = 'HKI01', MESSAGE = 'A request with this Idempotency-Key is still running';
  END IF;
END;
$$ LANGUAGE plpgsql;
