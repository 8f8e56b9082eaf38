-- Follow-up rows for the 250,000-record benchmark set (bench/query's database
-- hrtrack_bench_query), so that the status, institution, cluster and priority
-- filters and facets can be checked with EXPLAIN ANALYZE at a realistic
-- size: 20 institutions; about 40 % of the recommendations assigned (a
-- quarter of those with a supporting institution too); 2,000 clusters of
-- about 20; 30 % prioritised; 30 % with an approved status update (inserted
-- as submitted, then approved by another user, so that the trigger of
-- schema 0008 fills rec_status). Run once, after the import:
--   psql "$HRTRACK_DB" -f bench/followup-data.sql
-- then print a request's SQL with `hrtrack-server sql TARGET` and EXPLAIN it.
\set ON_ERROR_STOP 1
SELECT setseed(0.42);
INSERT INTO institution (acronym, name_en, name_es, name_fr, kind)
SELECT 'INST' || g, 'Institution ' || g, 'Institución ' || g, 'Institution ' || g, 'ministry'
FROM generate_series(1, 20) g;
INSERT INTO app_user (email, display_name, institution_id, roles)
SELECT 'focal@bench', 'Focal', min(id), '{focal_point}' FROM institution;
INSERT INTO app_user (email, display_name, institution_id, roles)
SELECT 'validator@bench', 'Validator', min(id), '{validator}' FROM institution;
INSERT INTO rec_assignment (recommendation_id, institution_id, role)
SELECT r.id, (SELECT min(id) FROM institution) + (r.id % 20), 'lead'
FROM recommendation r WHERE random() < 0.4;
INSERT INTO rec_assignment (recommendation_id, institution_id, role)
SELECT a.recommendation_id, (SELECT min(id) FROM institution) + ((a.recommendation_id + 7) % 20),
       'support'
FROM rec_assignment a WHERE random() < 0.25 ON CONFLICT DO NOTHING;
INSERT INTO rec_cluster (name) SELECT 'Cluster ' || g FROM generate_series(1, 2000) g;
INSERT INTO rec_cluster_member (cluster_id, recommendation_id)
SELECT (SELECT min(id) FROM rec_cluster) + (r.id % 2000), r.id
FROM recommendation r WHERE random() < 0.16;
INSERT INTO rec_plan (recommendation_id, priority)
SELECT r.id, (ARRAY['high', 'medium', 'low'])[1 + (r.id % 3)]
FROM recommendation r WHERE random() < 0.3;
INSERT INTO status_update (recommendation_id, institution_id, status, as_of, narrative, author_id,
                           state, submitted_by, submitted_at)
SELECT r.id, (SELECT min(id) FROM institution),
       (ARRAY['not_started', 'in_progress', 'partially_implemented', 'implemented',
              'not_applicable'])[1 + (r.id % 5)],
       DATE '2025-06-30', 'bench', u.id, 'submitted', u.id, now()
FROM recommendation r, app_user u WHERE u.email = 'focal@bench' AND random() < 0.3;
UPDATE status_update SET state = 'approved', decided_at = now(),
       decided_by = (SELECT id FROM app_user WHERE email = 'validator@bench')
WHERE state = 'submitted' AND narrative = 'bench';
VACUUM ANALYZE;
