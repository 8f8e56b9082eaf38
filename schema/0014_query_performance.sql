-- What the query API needs to answer fast: a data generation that tells
-- hrtrack-server's response cache when public data changed, and an index
-- for the related recommendations of a recommendation's page.

-- The data generation: one number that grows at the commit of every
-- transaction that changed data. hrtrack-server reads it before it answers
-- an anonymous read and keeps replies only for the generation they were
-- computed in (server/http/cached.c), so that a change is seen by the next
-- request after its commit.
--
-- It is bumped at commit, not when the data changes: a deferred trigger
-- runs once per writing transaction, as its last action. The row lock on
-- data_generation is then held only for the moment of the commit, so that
-- writers never queue behind a long transaction (an import holds its own
-- for minutes) and cannot deadlock on it. The new number and the changed
-- data become visible at the same commit, so a reader that saw the new
-- number also sees the data; a reader that saw the old one may keep a
-- newer reply under the old number, which no reader asks for once the
-- commit is visible.
CREATE TABLE data_generation (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    generation bigint NOT NULL
);
INSERT INTO data_generation (one, generation) VALUES (true, 1);

-- One row per writing transaction, between its first change and its
-- commit (removed by the commit trigger itself).
CREATE TABLE data_generation_pending (
    xact xid8 PRIMARY KEY
);

CREATE FUNCTION hr_data_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_generation SET generation = generation + 1;
    DELETE FROM data_generation_pending WHERE xact = NEW.xact;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER data_generation_at_commit AFTER INSERT ON data_generation_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hr_data_generation_bump();

-- After each statement that may have changed a watched table: the first
-- one of a transaction schedules the bump. A transaction-local setting
-- remembers that it did (a rolled-back savepoint forgets it together with
-- its pending row).
CREATE FUNCTION hr_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('hrtrack.data_changed', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('hrtrack.data_changed', 'yes', true);
        INSERT INTO data_generation_pending (xact) VALUES (pg_current_xact_id())
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- Watches a table: every later migration that creates a table calls it
-- (tests/db/test_data_generation.c fails for a table that is neither
-- watched nor in its list of tables that no public reply reads).
CREATE FUNCTION hr_watch_data(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER data_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE'
                   ' ON %s FOR EACH STATEMENT EXECUTE FUNCTION hr_data_changed()', t);
END $$;

-- Every table but those no reply to an anonymous caller reads: sessions
-- and sign-in throttling (written on every signed-in request and every
-- sign-in, they would empty the cache all the time), password resets, the
-- audit log (written with the tables it records), the migrations and the
-- generation itself.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT c.oid::regclass AS name FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
             AND c.relname NOT IN ('user_session', 'login_failure', 'password_reset',
                                   'audit_log', 'schema_migrations', 'data_generation',
                                   'data_generation_pending')
             ORDER BY c.relname
    LOOP
        PERFORM hr_watch_data(t.name);
    END LOOP;
END $$;

-- The server's role writes the generation through the triggers above.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hrtrack_app') THEN
        EXECUTE 'GRANT SELECT, UPDATE ON data_generation TO hrtrack_app';
        EXECUTE 'GRANT SELECT, INSERT, DELETE ON data_generation_pending TO hrtrack_app';
    END IF;
END $$;

-- Related recommendations of a recommendation's page (lib/db/rec_detail.c):
-- the recommendations that share one of its SDG targets, read from the
-- index alone. With 0002's index on (target, recommendation_id) each of
-- them was a heap visit to check the link's source (about 8,000 visits,
-- 13-17 ms on the 250,000-record set; 1.5 ms from this index).
CREATE INDEX recommendation_sdg_confirmed_target ON recommendation_sdg (target, recommendation_id)
    WHERE source <> 'suggested' AND target IS NOT NULL;
