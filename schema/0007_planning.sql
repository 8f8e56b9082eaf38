-- Follow-up planning: clusters of recommendations, duplicate groups,
-- priorities and assignments to institutions, actions with budgets and
-- timelines, indicators and their measurements.
--
-- Every editable row carries a version: a write names the version it read
-- and is refused (409) when the row has moved on, so that two people
-- editing the same thing never overwrite each other silently. Every table
-- here is audited by hr_audit() (0006).

CREATE TABLE rec_cluster (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    priority text CHECK (priority IN ('high', 'medium', 'low')),
    priority_reason text NOT NULL DEFAULT '' CHECK (length(priority_reason) <= 2000),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rec_cluster_member (
    cluster_id bigint NOT NULL REFERENCES rec_cluster ON DELETE CASCADE,
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    PRIMARY KEY (cluster_id, recommendation_id)
);
CREATE INDEX rec_cluster_member_recommendation ON rec_cluster_member (recommendation_id);

-- Recommendations that say the same thing (across cycles and mechanisms)
-- are followed up once: a recommendation is in at most one group.
CREATE TABLE duplicate_group (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE duplicate_member (
    group_id bigint NOT NULL REFERENCES duplicate_group ON DELETE CASCADE,
    recommendation_id bigint NOT NULL UNIQUE REFERENCES recommendation ON DELETE CASCADE,
    PRIMARY KEY (group_id, recommendation_id)
);

-- The planning of one recommendation: its priority. A row exists once
-- someone has planned the recommendation; no row means version 0.
CREATE TABLE rec_plan (
    recommendation_id bigint PRIMARY KEY REFERENCES recommendation ON DELETE CASCADE,
    priority text CHECK (priority IN ('high', 'medium', 'low')),
    priority_reason text NOT NULL DEFAULT '' CHECK (length(priority_reason) <= 2000),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who follows a recommendation up: one lead institution and any number of
-- supporting ones. A focal point's scope is the recommendations assigned
-- to its institution (as lead or support).
CREATE TABLE rec_assignment (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    institution_id integer NOT NULL REFERENCES institution,
    role text NOT NULL CHECK (role IN ('lead', 'support')),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recommendation_id, institution_id)
);
CREATE UNIQUE INDEX rec_assignment_one_lead ON rec_assignment (recommendation_id) WHERE role = 'lead';
CREATE INDEX rec_assignment_institution ON rec_assignment (institution_id, recommendation_id);

-- The same for a cluster, as the coordinator decided it; assigning a
-- cluster also assigns each of its members (lib/db/planning.c).
CREATE TABLE cluster_assignment (
    cluster_id bigint NOT NULL REFERENCES rec_cluster ON DELETE CASCADE,
    institution_id integer NOT NULL REFERENCES institution,
    role text NOT NULL CHECK (role IN ('lead', 'support')),
    PRIMARY KEY (cluster_id, institution_id)
);
CREATE UNIQUE INDEX cluster_assignment_one_lead ON cluster_assignment (cluster_id) WHERE role = 'lead';

CREATE TABLE action (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    institution_id integer NOT NULL REFERENCES institution,
    start_date date,
    due_date date,
    budget_amount numeric(18, 2) CHECK (budget_amount >= 0),
    budget_currency text CHECK (budget_currency ~ '^[A-Z]{3}$'),
    budget_source text NOT NULL DEFAULT '' CHECK (length(budget_source) <= 300),
    status text NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date),
    CHECK ((budget_amount IS NULL) = (budget_currency IS NULL))
);
CREATE INDEX action_institution ON action (institution_id, id);
CREATE INDEX action_due ON action (due_date) WHERE status IN ('planned', 'in_progress');

CREATE TABLE action_recommendation (
    action_id bigint NOT NULL REFERENCES action ON DELETE CASCADE,
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    PRIMARY KEY (action_id, recommendation_id)
);
CREATE INDEX action_recommendation_recommendation ON action_recommendation (recommendation_id);

-- An indicator measures an action or a recommendation (exactly one).
CREATE TABLE indicator (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_id bigint REFERENCES action ON DELETE CASCADE,
    recommendation_id bigint REFERENCES recommendation ON DELETE CASCADE,
    institution_id integer NOT NULL REFERENCES institution,
    definition text NOT NULL CHECK (length(definition) BETWEEN 1 AND 2000),
    unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 50),
    baseline numeric,
    baseline_date date,
    target_value numeric,
    due_date date,
    reporting_schedule text NOT NULL DEFAULT 'annual'
        CHECK (reporting_schedule IN ('monthly', 'quarterly', 'semiannual', 'annual', 'once')),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(action_id, recommendation_id) = 1)
);
CREATE INDEX indicator_action ON indicator (action_id);
CREATE INDEX indicator_recommendation ON indicator (recommendation_id);
CREATE INDEX indicator_institution ON indicator (institution_id, id);

CREATE TABLE indicator_measurement (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_id bigint NOT NULL REFERENCES indicator ON DELETE CASCADE,
    measured_on date NOT NULL,
    value numeric NOT NULL,
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (indicator_id, measured_on)
);

CREATE TRIGGER rec_cluster_audit AFTER INSERT OR UPDATE OR DELETE ON rec_cluster
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER rec_cluster_member_audit AFTER INSERT OR DELETE ON rec_cluster_member
    FOR EACH ROW EXECUTE FUNCTION hr_audit('cluster_id', 'recommendation_id');
CREATE TRIGGER duplicate_group_audit AFTER INSERT OR UPDATE OR DELETE ON duplicate_group
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER duplicate_member_audit AFTER INSERT OR DELETE ON duplicate_member
    FOR EACH ROW EXECUTE FUNCTION hr_audit('group_id', 'recommendation_id');
CREATE TRIGGER rec_plan_audit AFTER INSERT OR UPDATE OR DELETE ON rec_plan
    FOR EACH ROW EXECUTE FUNCTION hr_audit('recommendation_id');
CREATE TRIGGER rec_assignment_audit AFTER INSERT OR UPDATE OR DELETE ON rec_assignment
    FOR EACH ROW EXECUTE FUNCTION hr_audit('recommendation_id', 'institution_id');
CREATE TRIGGER cluster_assignment_audit AFTER INSERT OR UPDATE OR DELETE ON cluster_assignment
    FOR EACH ROW EXECUTE FUNCTION hr_audit('cluster_id', 'institution_id');
CREATE TRIGGER action_audit AFTER INSERT OR UPDATE OR DELETE ON action
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER action_recommendation_audit AFTER INSERT OR DELETE ON action_recommendation
    FOR EACH ROW EXECUTE FUNCTION hr_audit('action_id', 'recommendation_id');
CREATE TRIGGER indicator_audit AFTER INSERT OR UPDATE OR DELETE ON indicator
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER indicator_measurement_audit AFTER INSERT OR UPDATE OR DELETE ON indicator_measurement
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
