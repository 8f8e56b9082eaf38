-- Accounts and access: institutions, users and their roles, sessions, login
-- failures (for rate limiting), password-reset tokens, and the audit log.
--
-- Who may do what is decided in lib/domain/access.c; the schema keeps what
-- must hold whatever the code does: a focal point or validator belongs to an
-- institution, secrets are stored only as hashes, the audit log only grows.

CREATE TABLE institution (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    acronym text NOT NULL UNIQUE CHECK (length(acronym) BETWEEN 1 AND 32 AND acronym !~ '[[:space:]/]'),
    name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 300),
    name_es text NOT NULL CHECK (length(name_es) BETWEEN 1 AND 300),
    name_fr text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 300),
    kind text NOT NULL CHECK (kind IN ('ministry', 'agency', 'judiciary', 'legislature', 'nhri',
                                       'local_government', 'other')),
    active boolean NOT NULL DEFAULT true,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stored folded to lower case: one account per address however typed.
    email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254
                                      AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
    institution_id integer REFERENCES institution,
    roles text[] NOT NULL DEFAULT '{}'
        CHECK (roles <@ ARRAY['admin', 'coordinator', 'focal_point', 'validator', 'cso', 'unct']),
    -- argon2id in libsodium's string form; NULL until a password is set.
    password_hash text CHECK (password_hash LIKE '$argon2id$%'),
    password_changed_at timestamptz,
    active boolean NOT NULL DEFAULT true,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (institution_id IS NOT NULL OR NOT (roles && ARRAY['focal_point', 'validator']))
);

-- A session is known by the SHA-256 of its token: a copy of this table
-- does not let anyone sign in.
CREATE TABLE user_session (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_session_user ON user_session (user_id);

-- One row per failed login, keyed by account ("email:...") and by address
-- ("addr:..."); rows older than an hour are deleted as new ones arrive.
CREATE TABLE login_failure (
    key text NOT NULL CHECK (length(key) <= 300),
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_key_at ON login_failure (key, at);

CREATE TABLE password_reset (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id integer NOT NULL REFERENCES app_user ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

-- Every change to an audited table, written by the trigger below in the
-- same transaction as the change. The acting user and the request come
-- from the transaction's settings hrtrack.user_id and hrtrack.request_id
-- (set by lib/db/audit.c); a change made outside the server (a command)
-- names its command in hrtrack.actor.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    user_id integer, -- no foreign key: the log outlives accounts
    actor text NOT NULL CHECK (length(actor) <= 100),
    request_id text CHECK (length(request_id) <= 64),
    action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    entity text NOT NULL,
    entity_id text NOT NULL,
    before jsonb,
    after jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);

-- TG_ARGV names the key columns (default "id"); several are joined by "/".
-- Secrets never reach the log: the password hash is dropped from both images.
CREATE FUNCTION hr_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before_image jsonb;
    after_image jsonb;
    key_image jsonb;
    key_text text := '';
    i integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        before_image := to_jsonb(OLD) - 'password_hash';
    END IF;
    IF TG_OP <> 'DELETE' THEN
        after_image := to_jsonb(NEW) - 'password_hash';
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
    VALUES (nullif(current_setting('hrtrack.user_id', true), '')::integer,
            coalesce(nullif(current_setting('hrtrack.actor', true), ''), session_user),
            nullif(current_setting('hrtrack.request_id', true), ''),
            lower(TG_OP), TG_TABLE_NAME, key_text, before_image, after_image);
    RETURN NULL;
END
$$;

-- The log is append-only, even for a role that was granted more by mistake.
CREATE FUNCTION hr_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION hr_audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION hr_audit_log_is_append_only();

CREATE TRIGGER institution_audit AFTER INSERT OR UPDATE OR DELETE ON institution
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER app_user_audit AFTER INSERT OR UPDATE OR DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION hr_audit();
CREATE TRIGGER import_run_audit AFTER INSERT ON import_run
    FOR EACH ROW EXECUTE FUNCTION hr_audit();

-- The application role. hrtrack-server switches to it (SET ROLE) when it
-- exists and the login role may use it, so that the server itself cannot
-- rewrite the audit log. Creating it needs CREATEROLE; on a server where
-- the migrating role lacks it, an administrator creates it
-- (docs/design.md) and the server runs with the login role's rights.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hrtrack_app') THEN
        BEGIN
            CREATE ROLE hrtrack_app NOLOGIN;
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'cannot create role hrtrack_app: the server will use the login role';
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database of the cluster created it meanwhile
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hrtrack_app') THEN
        BEGIN
            GRANT hrtrack_app TO CURRENT_USER;
        EXCEPTION
            WHEN OTHERS THEN
                NULL; -- already a member, or a superuser (who needs no grant)
        END;
        EXECUTE 'GRANT USAGE ON SCHEMA public TO hrtrack_app';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hrtrack_app';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hrtrack_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public '
                'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hrtrack_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public '
                'GRANT USAGE, SELECT ON SEQUENCES TO hrtrack_app';
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM hrtrack_app';
        EXECUTE 'REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM hrtrack_app';
    END IF;
END
$$;
