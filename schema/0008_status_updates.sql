-- Follow-up reporting: the implementation status of recommendations and
-- actions, reported by ministries and validated before it is public;
-- attachments to those reports; and the country's reporting deadlines.
--
-- A status update is written by a focal point as a draft, submitted, then
-- approved or returned (with a reason) by a validator of the same
-- institution. Only approved updates are public, and history is
-- append-only: an approved update never changes again (a trigger refuses
-- it, whatever the caller), a correction is a new update.

CREATE TABLE status_update (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What it reports on: a recommendation or an action (exactly one).
    -- RESTRICT: something with reported history is never deleted.
    recommendation_id bigint REFERENCES recommendation ON DELETE RESTRICT,
    action_id bigint REFERENCES action ON DELETE RESTRICT,
    -- The reporting institution; its validators decide.
    institution_id integer NOT NULL REFERENCES institution,
    status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'partially_implemented',
                                           'implemented', 'not_applicable')),
    -- The date the narrative speaks for ("as of 30 June").
    as_of date NOT NULL,
    narrative text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 20000),
    evidence_links text[] NOT NULL DEFAULT '{}' CHECK (cardinality(evidence_links) <= 20),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    return_reason text CHECK (length(return_reason) BETWEEN 1 AND 2000),
    -- Ministry accounts are deactivated, never deleted, once they have
    -- written history: these keep the default RESTRICT.
    author_id integer NOT NULL REFERENCES app_user,
    submitted_by integer REFERENCES app_user,
    submitted_at timestamptz,
    decided_by integer REFERENCES app_user,
    decided_at timestamptz,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(recommendation_id, action_id) = 1),
    CHECK ((state = 'returned') = (return_reason IS NOT NULL)),
    CHECK ((state IN ('submitted', 'approved', 'returned')) = (submitted_at IS NOT NULL)),
    CHECK ((state IN ('approved', 'returned')) = (decided_at IS NOT NULL)),
    -- Nobody approves what they submitted themselves.
    CHECK (state <> 'approved' OR decided_by <> submitted_by)
);
CREATE INDEX status_update_recommendation ON status_update (recommendation_id, id)
    WHERE recommendation_id IS NOT NULL;
CREATE INDEX status_update_action ON status_update (action_id, id) WHERE action_id IS NOT NULL;
CREATE INDEX status_update_institution ON status_update (institution_id, state, id);
-- The public history and the feeds read approved updates newest first.
CREATE INDEX status_update_approved ON status_update (decided_at, id) WHERE state = 'approved';

-- An approved update is history: it never changes and is never deleted.
-- A submitted one waits for its validator: only the decision may change.
CREATE FUNCTION hr_status_update_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'approved' THEN
        RAISE EXCEPTION 'an approved status update is history: add a new update instead'
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.state = 'submitted'
       AND (NEW.status, NEW.as_of, NEW.narrative, NEW.evidence_links, NEW.institution_id,
            NEW.recommendation_id, NEW.action_id)
           IS DISTINCT FROM
           (OLD.status, OLD.as_of, OLD.narrative, OLD.evidence_links, OLD.institution_id,
            OLD.recommendation_id, OLD.action_id) THEN
        RAISE EXCEPTION 'a submitted status update cannot be edited before its validator decides'
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER status_update_guard BEFORE UPDATE OR DELETE ON status_update
    FOR EACH ROW EXECUTE FUNCTION hr_status_update_guard();

-- The current status of each recommendation: its latest approved update
-- (by the date it speaks for, then by approval), kept by the trigger below
-- so that lists can filter and count by status cheaply.
CREATE TABLE rec_status (
    recommendation_id bigint PRIMARY KEY REFERENCES recommendation ON DELETE CASCADE,
    status text NOT NULL,
    status_update_id bigint NOT NULL REFERENCES status_update,
    as_of date NOT NULL,
    approved_at timestamptz NOT NULL
);
CREATE INDEX rec_status_status ON rec_status (status, recommendation_id);

-- The same for actions, which keep their own planning status
-- (planned/in progress/...) in action.status.
CREATE TABLE action_implementation (
    action_id bigint PRIMARY KEY REFERENCES action ON DELETE CASCADE,
    status text NOT NULL,
    status_update_id bigint NOT NULL REFERENCES status_update,
    as_of date NOT NULL,
    approved_at timestamptz NOT NULL
);

CREATE FUNCTION hr_status_update_current() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state <> 'approved' OR OLD.state = 'approved' THEN
        RETURN NULL;
    END IF;
    IF NEW.recommendation_id IS NOT NULL THEN
        INSERT INTO rec_status AS s (recommendation_id, status, status_update_id, as_of, approved_at)
        VALUES (NEW.recommendation_id, NEW.status, NEW.id, NEW.as_of, NEW.decided_at)
        ON CONFLICT (recommendation_id) DO UPDATE
            SET status = EXCLUDED.status, status_update_id = EXCLUDED.status_update_id,
                as_of = EXCLUDED.as_of, approved_at = EXCLUDED.approved_at
            WHERE (s.as_of, s.approved_at) <= (EXCLUDED.as_of, EXCLUDED.approved_at);
    ELSE
        INSERT INTO action_implementation AS s (action_id, status, status_update_id, as_of, approved_at)
        VALUES (NEW.action_id, NEW.status, NEW.id, NEW.as_of, NEW.decided_at)
        ON CONFLICT (action_id) DO UPDATE
            SET status = EXCLUDED.status, status_update_id = EXCLUDED.status_update_id,
                as_of = EXCLUDED.as_of, approved_at = EXCLUDED.approved_at
            WHERE (s.as_of, s.approved_at) <= (EXCLUDED.as_of, EXCLUDED.approved_at);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER status_update_current AFTER UPDATE OF state ON status_update
    FOR EACH ROW EXECUTE FUNCTION hr_status_update_current();

-- Attachments: evidence files (a scanned decree, a photo of a training).
-- Their bytes are stored once per content (content-addressed by SHA-256);
-- each attachment row names a file of one status update. Private by
-- default: the public sees a file only when it is marked public and its
-- update is approved.
CREATE TABLE attachment_blob (
    sha256 bytea PRIMARY KEY CHECK (length(sha256) = 32),
    size integer NOT NULL CHECK (size > 0),
    content bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (length(content) = size)
);
ALTER TABLE attachment_blob ALTER COLUMN content SET STORAGE EXTERNAL; -- mostly compressed formats

CREATE TABLE attachment (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status_update_id bigint NOT NULL REFERENCES status_update ON DELETE CASCADE,
    sha256 bytea NOT NULL REFERENCES attachment_blob,
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200
                                   AND file_name !~ '[/\\[:cntrl:]]'),
    media_type text NOT NULL CHECK (length(media_type) BETWEEN 3 AND 100),
    size integer NOT NULL CHECK (size > 0),
    is_public boolean NOT NULL DEFAULT false,
    created_by integer NOT NULL REFERENCES app_user,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_status_update ON attachment (status_update_id, id);
CREATE INDEX attachment_sha256 ON attachment (sha256);

-- The files of an approved update are part of its history.
CREATE FUNCTION hr_attachment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    update_state text;
BEGIN
    SELECT state INTO update_state FROM status_update
     WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.status_update_id ELSE OLD.status_update_id END;
    IF update_state = 'approved' THEN
        RAISE EXCEPTION 'the files of an approved status update cannot change'
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER attachment_guard BEFORE INSERT OR UPDATE OR DELETE ON attachment
    FOR EACH ROW EXECUTE FUNCTION hr_attachment_guard();

-- The country's reporting deadlines (UPR mid-term report, a treaty body's
-- follow-up, the voluntary national review, ...), kept by the coordinator.
CREATE TABLE report_deadline (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('upr_midterm', 'upr_national_report', 'treaty_periodic',
                                       'treaty_followup', 'special_procedure', 'vnr', 'other')),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    body_name text NOT NULL DEFAULT '' CHECK (length(body_name) <= 300),
    -- The institution that drafts it; NULL: the coordinator.
    institution_id integer REFERENCES institution,
    due_date date NOT NULL,
    submitted_on date,
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_deadline_due ON report_deadline (due_date) WHERE submitted_on IS NULL;
-- Deadlines of indicators are read by due date too.
CREATE INDEX indicator_due ON indicator (due_date) WHERE due_date IS NOT NULL;

CREATE TRIGGER status_update_audit AFTER INSERT OR UPDATE OR DELETE ON status_update
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER attachment_audit AFTER INSERT OR UPDATE OR DELETE ON attachment
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER report_deadline_audit AFTER INSERT OR UPDATE OR DELETE ON report_deadline
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
