-- Functions that a restore evaluates must name the objects they use with
-- their schema.
--
-- pg_restore (and pg_dump's plain scripts) run with an empty search_path,
-- so that a restored database cannot pick up objects from elsewhere. The
-- search vector's generation expression calls hr_text_config while its
-- table is created and while its rows are loaded; an unqualified
-- 'hr_es'::regconfig then names nothing, and the restore of every backup
-- failed (found by tests/db/test_backup.sh). Same result, qualified names;
-- still a single SQL expression, so that it is still inlined.
CREATE OR REPLACE FUNCTION hr_text_config(lang text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE lang WHEN 'es' THEN 'public.hr_es'::regconfig
                           WHEN 'fr' THEN 'public.hr_fr'::regconfig
                           ELSE 'public.hr_en'::regconfig END $$;

-- Called by queries only (never while restoring), but qualified the same
-- way so that it works whatever the caller's search_path.
CREATE OR REPLACE FUNCTION hr_status_name(status text, lang text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE lang WHEN 'es' THEN s.name_es WHEN 'fr' THEN s.name_fr ELSE s.name_en END
          FROM public.implementation_status s WHERE s.status = hr_status_name.status $$;
