-- Only changes that a public reply can show move the data generation
-- (schema 0014), so that the ministries' daily work does not empty the
-- server's response cache of public reads.
--
-- A status update is public once approved, and approved updates never
-- change again (0008's guard); drafts, submissions and returns are read by
-- their institution and the coordinators only. A comment is public while
-- published; pending, rejected and withdrawn-before-publication ones are
-- read by their author and the moderators only. An attachment is public
-- only through an approved update, which it cannot join afterwards; the
-- blobs are read only through GET /attachments/{id}, which is never cached.
-- bench/soak (64 connections, one request in seven a status-update draft)
-- emptied the cache several times a second before this.
--
-- Row triggers, one per event, because a WHEN condition may name OLD only
-- for UPDATE and DELETE and NEW only for INSERT and UPDATE; hr_data_changed
-- (0014) marks the transaction once however many rows fire it.

DROP TRIGGER data_generation ON status_update;
CREATE TRIGGER data_generation_insert AFTER INSERT ON status_update
    FOR EACH ROW WHEN (NEW.state = 'approved') EXECUTE FUNCTION hr_data_changed();
CREATE TRIGGER data_generation_update AFTER UPDATE ON status_update
    FOR EACH ROW WHEN (OLD.state = 'approved' OR NEW.state = 'approved')
    EXECUTE FUNCTION hr_data_changed();
CREATE TRIGGER data_generation_delete AFTER DELETE ON status_update
    FOR EACH ROW WHEN (OLD.state = 'approved') EXECUTE FUNCTION hr_data_changed();
CREATE TRIGGER data_generation_truncate AFTER TRUNCATE ON status_update
    FOR EACH STATEMENT EXECUTE FUNCTION hr_data_changed();

DROP TRIGGER data_generation ON comment;
CREATE TRIGGER data_generation_insert AFTER INSERT ON comment
    FOR EACH ROW WHEN (NEW.state = 'published') EXECUTE FUNCTION hr_data_changed();
CREATE TRIGGER data_generation_update AFTER UPDATE ON comment
    FOR EACH ROW WHEN (OLD.state = 'published' OR NEW.state = 'published')
    EXECUTE FUNCTION hr_data_changed();
CREATE TRIGGER data_generation_delete AFTER DELETE ON comment
    FOR EACH ROW WHEN (OLD.state = 'published') EXECUTE FUNCTION hr_data_changed();
CREATE TRIGGER data_generation_truncate AFTER TRUNCATE ON comment
    FOR EACH STATEMENT EXECUTE FUNCTION hr_data_changed();

-- What 0014's trigger does, callable from other functions.
CREATE FUNCTION hr_mark_data_changed() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('hrtrack.data_changed', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('hrtrack.data_changed', 'yes', true);
        INSERT INTO data_generation_pending (xact) VALUES (pg_current_xact_id())
            ON CONFLICT DO NOTHING;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION hr_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hr_mark_data_changed();
    RETURN NULL;
END $$;

-- An attachment changes only while its update is not approved (0008's
-- hr_attachment_guard), and the approval moves the generation itself; the
-- check below keeps that true should the guard ever change.
DROP TRIGGER data_generation ON attachment;
CREATE FUNCTION hr_attachment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    updates bigint[];
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        updates := updates || NEW.status_update_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        updates := updates || OLD.status_update_id;
    END IF;
    IF EXISTS (SELECT 1 FROM status_update u WHERE u.id = ANY (updates) AND u.state = 'approved') THEN
        PERFORM hr_mark_data_changed();
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER data_generation_row AFTER INSERT OR UPDATE OR DELETE ON attachment
    FOR EACH ROW EXECUTE FUNCTION hr_attachment_changed();
CREATE TRIGGER data_generation_truncate AFTER TRUNCATE ON attachment
    FOR EACH STATEMENT EXECUTE FUNCTION hr_data_changed();

-- Blobs are read only through GET /attachments/{id}, never cached.
DROP TRIGGER data_generation ON attachment_blob;
