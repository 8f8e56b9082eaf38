-- Civil-society participation: comments on the follow-up of a
-- recommendation (or on one status update), held for moderation, and the
-- answers of ministries.
--
-- People who comment on human rights face reprisals. A CSO account holds
-- the least data: an email (to sign in), a public name that may be a
-- pseudonym (app_user.display_name) and, optionally, an organisation.
-- Who wrote a comment is known only through comment.author_id, which no
-- public reply, export, feed or log line shows; admins may read it, and
-- that reading is itself written to the audit log (action 'read').
-- Erasing an account deletes its app_user row: its comments either stay,
-- shown as written by a withdrawn account (author_id becomes NULL), or are
-- withdrawn with it (their text removed), as the commenter chooses.

ALTER TABLE app_user
    ADD COLUMN organisation text CHECK (length(organisation) BETWEEN 1 AND 200);

CREATE TABLE comment (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What it is about: a recommendation's follow-up, or one status update
    -- (exactly one).
    recommendation_id bigint REFERENCES recommendation ON DELETE CASCADE,
    status_update_id bigint REFERENCES status_update ON DELETE CASCADE,
    author_id integer REFERENCES app_user ON DELETE SET NULL,
    -- NULL once withdrawn: the text goes with the commenter's choice.
    body text CHECK (length(body) BETWEEN 1 AND 5000),
    state text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'published', 'rejected', 'withdrawn')),
    -- Told to the author only, when a moderator rejects.
    moderation_reason text CHECK (length(moderation_reason) BETWEEN 1 AND 2000),
    moderated_by integer REFERENCES app_user ON DELETE SET NULL,
    moderated_at timestamptz,
    published_at timestamptz,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(recommendation_id, status_update_id) = 1),
    CHECK ((body IS NULL) = (state = 'withdrawn')),
    CHECK ((state = 'published') = (published_at IS NOT NULL) OR state = 'withdrawn')
);
CREATE INDEX comment_recommendation ON comment (recommendation_id, id)
    WHERE recommendation_id IS NOT NULL;
CREATE INDEX comment_status_update ON comment (status_update_id, id)
    WHERE status_update_id IS NOT NULL;
CREATE INDEX comment_author ON comment (author_id) WHERE author_id IS NOT NULL;
-- The moderation queue, oldest first.
CREATE INDEX comment_pending ON comment (created_at, id) WHERE state = 'pending';
-- The feeds read published comments newest first.
CREATE INDEX comment_published ON comment (published_at, id) WHERE state = 'published';

-- A ministry's answer to a published comment, shown under it. It speaks
-- for the institution; the staff member who wrote it is kept for the audit.
CREATE TABLE comment_answer (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    comment_id bigint NOT NULL REFERENCES comment ON DELETE CASCADE,
    institution_id integer NOT NULL REFERENCES institution,
    author_id integer NOT NULL REFERENCES app_user,
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comment_answer_comment ON comment_answer (comment_id, id);

-- Reading who wrote a comment is logged as action 'read'.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('insert', 'update', 'delete', 'read'));

-- hr_audit() as in 0006, with the privacy rules of participation:
--  * a CSO account's email and organisation never reach the log;
--  * a comment's author is never in its images, and a change made by the
--    author (writing, withdrawing) is logged without their user id, so
--    that reading the audit log (coordinators may) does not tell who wrote
--    what. Moderators' and admins' changes keep their names.
CREATE OR REPLACE FUNCTION hr_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before_image jsonb;
    after_image jsonb;
    key_image jsonb;
    key_text text := '';
    acting_user integer := nullif(current_setting('hrtrack.user_id', true), '')::integer;
    actor_name text := coalesce(nullif(current_setting('hrtrack.actor', true), ''), session_user);
    i integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        before_image := to_jsonb(OLD) - 'password_hash';
    END IF;
    IF TG_OP <> 'DELETE' THEN
        after_image := to_jsonb(NEW) - 'password_hash';
    END IF;
    IF TG_TABLE_NAME = 'app_user' THEN
        IF before_image->'roles' ? 'cso' THEN
            before_image := before_image - 'email' - 'organisation';
        END IF;
        IF after_image->'roles' ? 'cso' THEN
            after_image := after_image - 'email' - 'organisation';
        END IF;
    ELSIF TG_TABLE_NAME = 'comment' THEN
        IF acting_user IS NOT NULL
           AND acting_user IN (coalesce((before_image->>'author_id')::integer, 0),
                               coalesce((after_image->>'author_id')::integer, 0)) THEN
            acting_user := NULL;
            actor_name := 'comment author';
        END IF;
        before_image := before_image - 'author_id';
        after_image := after_image - 'author_id';
    END IF;
    IF TG_OP = 'UPDATE' AND before_image = after_image THEN
        RETURN NULL;
    END IF;
    key_image := coalesce(after_image, before_image);
    IF TG_NARGS = 0 THEN
        key_text := key_image->>'id';
    ELSE
        FOR i IN 0 .. TG_NARGS - 1 LOOP
            key_text := key_text || CASE WHEN i > 0 THEN '/' ELSE '' END || (key_image->>TG_ARGV[i]);
        END LOOP;
    END IF;
    INSERT INTO audit_log (user_id, actor, request_id, action, entity, entity_id, before, after)
    VALUES (acting_user, actor_name, nullif(current_setting('hrtrack.request_id', true), ''),
            lower(TG_OP), TG_TABLE_NAME, key_text, before_image, after_image);
    RETURN NULL;
END
$$;

CREATE TRIGGER comment_audit AFTER INSERT OR UPDATE OR DELETE ON comment
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER comment_answer_audit AFTER INSERT OR UPDATE OR DELETE ON comment_answer
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
