-- Full-text search over recommendations, accent- and case-insensitive, with
-- stemming in the text's own language (English, Spanish, French).
--
-- Each language has a configuration that removes accents (unaccent) before
-- stemming, so "niños", "ninos" and "NIÑOS" are the same word. The search
-- vector is a stored generated column: it can never disagree with the text.

CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION hr_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION hr_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION hr_es (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION hr_es
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
CREATE TEXT SEARCH CONFIGURATION hr_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION hr_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- The configuration for a language code; English for any other.
-- (A quoted body, not RETURN, so that PostgreSQL 13 accepts it.)
CREATE FUNCTION hr_text_config(lang text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE lang WHEN 'es' THEN 'hr_es'::regconfig
                           WHEN 'fr' THEN 'hr_fr'::regconfig
                           ELSE 'hr_en'::regconfig END $$;

ALTER TABLE recommendation
    ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector(hr_text_config(language), text_plain)) STORED;
CREATE INDEX recommendation_search ON recommendation USING gin (search);

-- Lists are ordered newest first; undated records (UPR Info has no dates) last.
CREATE INDEX recommendation_by_date
    ON recommendation ((coalesce(published, DATE '0001-01-01')) DESC, id DESC);
CREATE INDEX recommendation_by_mechanism ON recommendation (mechanism, id);
