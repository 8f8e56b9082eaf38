-- One name per status everywhere: the names of implementation_status
-- (0011) become those of the C table (lib/domain/implementation_status.c)
-- that feeds, reports and the API use; "not applicable" is also where a
-- state did not accept the recommendation, as issue 7 names it.
UPDATE implementation_status
   SET name_en = 'Not accepted / not applicable',
       name_es = 'No aceptada / no aplicable',
       name_fr = 'Non acceptée / sans objet'
 WHERE status = 'not_applicable';
