-- SDG-target suggestions (issue 9). `hrtrack-import suggest-sdg` writes
-- links of source 'suggested' (0002) for recommendations that have no link
-- of their own, each with the linker's score and its reason; a coordinator
-- confirms one (it becomes 'manual') or rejects it. A rejection is kept, so
-- that the same target is never suggested again for that recommendation.

-- The reason of a suggestion, for people: the terms or the labelled
-- neighbours that led to it ("terms: tortura, tratos crueles → 16.1, 16.3").
-- A suggestion always has one, and no other link does. Nothing wrote
-- suggestions before this migration; should a database hold some, they get
-- a reason that says so rather than none.
ALTER TABLE recommendation_sdg
    ADD COLUMN reason text CHECK (reason <> '' AND length(reason) <= 500);
UPDATE recommendation_sdg SET reason = 'suggested before reasons were recorded'
 WHERE source = 'suggested';
ALTER TABLE recommendation_sdg ADD CONSTRAINT recommendation_sdg_reason
    CHECK ((source = 'suggested') = (reason IS NOT NULL));

-- Rejected suggestions: what was suggested (score, reason: the linker's
-- mistakes are worth studying), who rejected it and when. The unique
-- indexes mirror those of recommendation_sdg: one row per target, one per
-- goal-level suggestion.
CREATE TABLE recommendation_sdg_rejection (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    goal smallint NOT NULL REFERENCES sdg_goal,
    target text REFERENCES sdg_target,
    score real NOT NULL CHECK (score BETWEEN 0 AND 1),
    reason text NOT NULL CHECK (reason <> '' AND length(reason) <= 500),
    rejected_by integer NOT NULL REFERENCES app_user,
    rejected_at timestamptz NOT NULL DEFAULT now(),
    CHECK (target IS NULL OR split_part(target, '.', 1)::smallint = goal)
);
CREATE UNIQUE INDEX recommendation_sdg_rejection_target
    ON recommendation_sdg_rejection (recommendation_id, target) WHERE target IS NOT NULL;
CREATE UNIQUE INDEX recommendation_sdg_rejection_goal
    ON recommendation_sdg_rejection (recommendation_id, goal) WHERE target IS NULL;

-- A suggestion run is recorded with the other import runs: its file is the
-- folder of term lists, its digest that of their contents, its records the
-- recommendations it considered.
ALTER TABLE import_run DROP CONSTRAINT import_run_kind_check;
ALTER TABLE import_run ADD CONSTRAINT import_run_kind_check
    CHECK (kind IN ('uhri', 'upr-info', 'document', 'suggest-sdg'));

-- The audit log (0006, 0009). A link a person made, confirmed or removed is
-- logged row by row, with who and when: a confirmation is an update from
-- 'suggested' to 'manual'. Links that programs write ('uhri', 'import',
-- 'suggested': hundreds of thousands per run) are not: each run is logged
-- once, by import_run's trigger, with its counts. Rejections are people's
-- decisions and are all logged. The key is the recommendation (a goal-level
-- link has no target); the images tell which link.
CREATE TRIGGER recommendation_sdg_audit_insert AFTER INSERT ON recommendation_sdg
    FOR EACH ROW WHEN (NEW.source = 'manual')
    EXECUTE FUNCTION hr_audit('recommendation_id');
CREATE TRIGGER recommendation_sdg_audit_update AFTER UPDATE ON recommendation_sdg
    FOR EACH ROW WHEN (OLD.source = 'manual' OR NEW.source = 'manual')
    EXECUTE FUNCTION hr_audit('recommendation_id');
CREATE TRIGGER recommendation_sdg_audit_delete AFTER DELETE ON recommendation_sdg
    FOR EACH ROW WHEN (OLD.source = 'manual')
    EXECUTE FUNCTION hr_audit('recommendation_id');
CREATE TRIGGER recommendation_sdg_rejection_audit
    AFTER INSERT OR UPDATE OR DELETE ON recommendation_sdg_rejection
    FOR EACH ROW EXECUTE FUNCTION hr_audit('recommendation_id');
