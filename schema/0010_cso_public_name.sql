-- A CSO account's display name is its public name: it is shown under
-- every comment it publishes. A name with an "@" is most likely an email
-- (`hrtrack-server add-user` used to fill a missing name with the email),
-- and publishing it would tell everyone who wrote what. Existing accounts
-- named so get a neutral name that the person can change; new ones are
-- refused.
UPDATE app_user SET display_name = 'Commenter ' || id
 WHERE 'cso' = ANY (roles) AND position('@' IN display_name) > 0;

ALTER TABLE app_user ADD CONSTRAINT app_user_cso_public_name
    CHECK (NOT ('cso' = ANY (roles)) OR position('@' IN display_name) = 0);
