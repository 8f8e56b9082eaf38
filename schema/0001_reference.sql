-- Reference data that every other table points at: languages, the SDG goals,
-- targets and indicators, states (ISO 3166-1) and the human-rights mechanisms.
-- Loaded by `hrtrack-import reference` from data/; texts in en, es and fr.
-- Codes are kept as published ("16.3", "16.a", "17.19"); `ordinal` gives the
-- natural order (numbered targets first, then lettered ones).

CREATE TABLE language (
    code text PRIMARY KEY CHECK (code IN ('en', 'es', 'fr'))
);
INSERT INTO language (code) VALUES ('en'), ('es'), ('fr');

CREATE TABLE sdg_goal (
    goal smallint PRIMARY KEY CHECK (goal BETWEEN 1 AND 17)
);

CREATE TABLE sdg_goal_text (
    goal smallint NOT NULL REFERENCES sdg_goal ON DELETE CASCADE,
    lang text NOT NULL REFERENCES language,
    title text NOT NULL CHECK (title <> ''),
    short_title text NOT NULL CHECK (short_title <> ''),
    PRIMARY KEY (goal, lang)
);

CREATE TABLE sdg_target (
    code text PRIMARY KEY CHECK (code ~ '^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$'),
    goal smallint NOT NULL REFERENCES sdg_goal,
    ordinal smallint NOT NULL CHECK (ordinal > 0),
    UNIQUE (goal, ordinal),
    CHECK (split_part(code, '.', 1)::smallint = goal)
);

CREATE TABLE sdg_target_text (
    target text NOT NULL REFERENCES sdg_target ON DELETE CASCADE,
    lang text NOT NULL REFERENCES language,
    title text NOT NULL CHECK (title <> ''),
    PRIMARY KEY (target, lang)
);

CREATE TABLE sdg_indicator (
    code text PRIMARY KEY CHECK (code ~ '^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])\.[1-9][0-9]?$'),
    target text NOT NULL REFERENCES sdg_target,
    ordinal smallint NOT NULL CHECK (ordinal > 0),
    UNIQUE (target, ordinal),
    CHECK (code LIKE target || '.%')
);

CREATE TABLE sdg_indicator_text (
    indicator text NOT NULL REFERENCES sdg_indicator ON DELETE CASCADE,
    lang text NOT NULL REFERENCES language,
    title text NOT NULL CHECK (title <> ''),
    PRIMARY KEY (indicator, lang)
);

CREATE TABLE state (
    alpha2 text PRIMARY KEY CHECK (alpha2 ~ '^[A-Z]{2}$'),
    alpha3 text NOT NULL UNIQUE CHECK (alpha3 ~ '^[A-Z]{3}$'),
    numeric_code smallint UNIQUE CHECK (numeric_code BETWEEN 1 AND 999),
    un_member boolean NOT NULL
);

CREATE TABLE state_name (
    state text NOT NULL REFERENCES state ON DELETE CASCADE,
    lang text NOT NULL REFERENCES language,
    name text NOT NULL CHECK (name <> ''),
    PRIMARY KEY (state, lang)
);

-- Every spelling under which a state may arrive in an import (its names in
-- the three languages, its codes, UN-style and historical names), keyed by
-- the folded form that hr_text_fold_key() computes.
CREATE TABLE state_alias (
    alias_key text PRIMARY KEY CHECK (alias_key <> ''),
    alias text NOT NULL,
    state text NOT NULL REFERENCES state ON DELETE CASCADE
);
CREATE INDEX state_alias_state ON state_alias (state);

CREATE TABLE mechanism (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,10}$'),
    kind text NOT NULL CHECK (kind IN ('upr', 'treaty_body', 'special_procedures')),
    ordinal smallint NOT NULL UNIQUE CHECK (ordinal > 0)
);

CREATE TABLE mechanism_name (
    mechanism text NOT NULL REFERENCES mechanism ON DELETE CASCADE,
    lang text NOT NULL REFERENCES language,
    name text NOT NULL CHECK (name <> ''),
    PRIMARY KEY (mechanism, lang)
);
