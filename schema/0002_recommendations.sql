-- Recommendations and where they come from: documents, the controlled
-- vocabularies (themes, affected persons, regions, bodies), the links to SDG
-- goals and targets with their source, and the record of each import run.
-- Filled by `hrtrack-import uhri|upr-info|document`.

-- Controlled vocabularies: each name once, as the source publishes it (NFC,
-- single spaces). Recommendations point at them; no free text in the rows.
CREATE TABLE theme (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> '' AND length(name) <= 300)
);

CREATE TABLE affected_person (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> '' AND length(name) <= 300)
);

-- UN regions and regional groups ("Latin America and the Caribbean", "WEOG").
CREATE TABLE region (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> '' AND length(name) <= 300)
);

-- The body that issued a recommendation: a treaty body, the UPR Working
-- Group, or one special procedure mandate ("Special Rapporteur on ...").
CREATE TABLE body (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> '' AND length(name) <= 300),
    mechanism text NOT NULL REFERENCES mechanism
);

CREATE TABLE import_run (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('uhri', 'upr-info', 'document')),
    file_name text NOT NULL CHECK (length(file_name) <= 1000),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    records_read bigint NOT NULL CHECK (records_read >= 0),
    inserted bigint NOT NULL CHECK (inserted >= 0),
    updated bigint NOT NULL CHECK (updated >= 0),
    unchanged bigint NOT NULL CHECK (unchanged >= 0),
    rejected bigint NOT NULL CHECK (rejected >= 0),
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now(),
    -- Only committed runs are recorded: a failed run changes nothing at all.
    outcome text NOT NULL CHECK (outcome IN ('succeeded', 'succeeded_with_rejects')),
    CHECK (inserted + updated + unchanged + rejected = records_read)
);

CREATE TABLE document (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol text NOT NULL UNIQUE CHECK (symbol ~ '^[A-Za-z0-9][A-Za-z0-9./()_ -]{0,99}$'),
    external_id uuid, -- UHRI's DocumentId; not unique, the symbol is the key
    mechanism text NOT NULL REFERENCES mechanism,
    body_id integer REFERENCES body,
    published date,
    upr_cycle smallint CHECK (upr_cycle BETWEEN 1 AND 20),
    upr_session smallint CHECK (upr_session BETWEEN 1 AND 200)
);
CREATE INDEX document_external_id ON document (external_id);

CREATE TABLE recommendation (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('uhri', 'upr-info', 'document')),
    -- Stable key within the source: UHRI's AnnotationId, a digest of the UPR
    -- Info row, or "symbol#paragraph" for a split document.
    external_key text NOT NULL CHECK (external_key <> '' AND length(external_key) <= 200),
    document_id bigint REFERENCES document,
    mechanism text NOT NULL REFERENCES mechanism,
    body_id integer REFERENCES body,
    paragraph text CHECK (paragraph <> '' AND length(paragraph) <= 32),
    text_published text NOT NULL CHECK (text_published <> ''),
    text_plain text NOT NULL CHECK (text_plain <> ''),
    language text NOT NULL REFERENCES language,
    annotation_type text CHECK (length(annotation_type) <= 200),
    upr_position text CHECK (upr_position IN ('supported', 'noted')),
    upr_cycle smallint CHECK (upr_cycle BETWEEN 1 AND 20),
    upr_session smallint CHECK (upr_session BETWEEN 1 AND 200),
    action_category smallint CHECK (action_category BETWEEN 1 AND 5),
    published date,
    published_on_uhri timestamp,
    -- SHA-256 of everything the import wrote: an unchanged record is skipped.
    content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    import_run_id bigint NOT NULL REFERENCES import_run,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, external_key),
    CHECK (upr_position IS NULL OR mechanism = 'UPR')
);
CREATE INDEX recommendation_document ON recommendation (document_id);

-- The states a recommendation is addressed to (usually one).
CREATE TABLE recommendation_state (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    state text NOT NULL REFERENCES state,
    PRIMARY KEY (recommendation_id, state)
);
CREATE INDEX recommendation_state_state ON recommendation_state (state, recommendation_id);

-- UPR: the states that made the recommendation.
CREATE TABLE recommendation_recommending_state (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    state text NOT NULL REFERENCES state,
    PRIMARY KEY (recommendation_id, state)
);
CREATE INDEX recommendation_recommending_state_state
    ON recommendation_recommending_state (state, recommendation_id);

-- Regions of the state concerned (role 'concerned') or of the recommending
-- states (role 'recommending').
CREATE TABLE recommendation_region (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    region_id integer NOT NULL REFERENCES region,
    role text NOT NULL CHECK (role IN ('concerned', 'recommending')),
    PRIMARY KEY (recommendation_id, role, region_id)
);

CREATE TABLE recommendation_theme (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    theme_id integer NOT NULL REFERENCES theme,
    PRIMARY KEY (recommendation_id, theme_id)
);
CREATE INDEX recommendation_theme_theme ON recommendation_theme (theme_id, recommendation_id);

CREATE TABLE recommendation_affected_person (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    affected_person_id integer NOT NULL REFERENCES affected_person,
    PRIMARY KEY (recommendation_id, affected_person_id)
);
CREATE INDEX recommendation_affected_person_person
    ON recommendation_affected_person (affected_person_id, recommendation_id);

-- Links to SDG targets and goals. `source` says who made the link: 'uhri'
-- (the index's own tags), 'import' (another importer), 'manual' (a person),
-- 'suggested' (the linker, with its score). Imports replace only their own
-- kind of link, so a link a person made or confirmed is never overwritten.
CREATE TABLE recommendation_sdg (
    recommendation_id bigint NOT NULL REFERENCES recommendation ON DELETE CASCADE,
    goal smallint NOT NULL REFERENCES sdg_goal,
    target text REFERENCES sdg_target,
    source text NOT NULL CHECK (source IN ('uhri', 'import', 'manual', 'suggested')),
    score real CHECK (score BETWEEN 0 AND 1),
    CHECK ((source = 'suggested') = (score IS NOT NULL)),
    CHECK (target IS NULL OR split_part(target, '.', 1)::smallint = goal)
);
-- One link per target, and one goal-level link per goal.
CREATE UNIQUE INDEX recommendation_sdg_target
    ON recommendation_sdg (recommendation_id, target) WHERE target IS NOT NULL;
CREATE UNIQUE INDEX recommendation_sdg_goal
    ON recommendation_sdg (recommendation_id, goal) WHERE target IS NULL;
CREATE INDEX recommendation_sdg_by_target ON recommendation_sdg (target, recommendation_id);
CREATE INDEX recommendation_sdg_by_goal ON recommendation_sdg (goal, recommendation_id);
