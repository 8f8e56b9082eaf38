/*
 * The JSON shapes of a status update, shared by the statements of
 * status_updates.c, status_history.c and attachments.c, so that a list
 * item, a reply to a write, the "current" of a 409 and a history entry
 * each have one shape.
 *
 *   UPDATE_JSON(u)               staff: every field, who wrote and decided
 *   UPDATE_PUBLIC_JSON(u, lang)  public: approved content, public files,
 *                                never a person (lang: an SQL expression
 *                                giving "en", "es" or "fr")
 */
#ifndef HRTRACK_DB_UPDATE_JSON_H
#define HRTRACK_DB_UPDATE_JSON_H

#define ATTACHMENT_JSON(a)                                                                         \
    "json_build_object('id', " a ".id, 'status_update_id', " a ".status_update_id,"                \
    " 'file_name', " a ".file_name, 'media_type', " a ".media_type, 'size', " a ".size,"           \
    " 'public', " a ".is_public, 'sha256', encode(" a ".sha256, 'hex'),"                           \
    " 'created_by', " a ".created_by, 'created_at', " a ".created_at,"                             \
    " 'url', '/api/v1/attachments/' || " a ".id)"

#define ATTACHMENT_PUBLIC_JSON(a)                                                                  \
    "json_build_object('id', " a ".id, 'file_name', " a ".file_name,"                              \
    " 'media_type', " a ".media_type, 'size', " a ".size, 'sha256', encode(" a ".sha256, 'hex'),"  \
    " 'url', '/api/v1/attachments/' || " a ".id)"

#define UPDATE_JSON(u)                                                                             \
    "json_build_object('id', " u ".id, 'recommendation_id', " u ".recommendation_id,"              \
    " 'action_id', " u ".action_id, 'institution_id', " u ".institution_id,"                       \
    " 'institution', (SELECT acronym FROM institution WHERE id = " u ".institution_id),"           \
    " 'status', " u ".status, 'as_of', " u ".as_of, 'narrative', " u ".narrative,"                 \
    " 'evidence_links', to_json(" u ".evidence_links), 'state', " u ".state,"                      \
    " 'return_reason', " u ".return_reason, 'author_id', " u ".author_id,"                         \
    " 'submitted_by', " u ".submitted_by, 'submitted_at', " u ".submitted_at,"                     \
    " 'decided_by', " u ".decided_by, 'decided_at', " u ".decided_at, 'version', " u ".version,"   \
    " 'created_at', " u ".created_at, 'updated_at', " u ".updated_at,"                             \
    " 'attachments', (SELECT coalesce(json_agg(" ATTACHMENT_JSON(                                  \
        "a") " ORDER BY a.id), '[]') FROM attachment a WHERE a.status_update_id = " u ".id))"

#define UPDATE_PUBLIC_JSON(u, lang)                                                                \
    "json_build_object('id', " u ".id, 'recommendation_id', " u ".recommendation_id,"              \
    " 'action_id', " u ".action_id,"                                                               \
    " 'institution', (SELECT json_build_object('id', i.id, 'acronym', i.acronym, 'name',"          \
    "  CASE " lang " WHEN 'es' THEN i.name_es WHEN 'fr' THEN i.name_fr ELSE i.name_en END)"        \
    "  FROM institution i WHERE i.id = " u ".institution_id),"                                     \
    " 'status', " u ".status, 'as_of', " u ".as_of, 'approved_at', " u ".decided_at,"              \
    " 'narrative', " u ".narrative, 'evidence_links', to_json(" u ".evidence_links),"              \
    " 'attachments', (SELECT coalesce(json_agg(" ATTACHMENT_PUBLIC_JSON(                           \
        "a") " ORDER BY a.id), '[]') FROM attachment a"                                            \
             " WHERE a.status_update_id = " u ".id AND a.is_public))"

/*
 * The status in words for exports, in the language `lang` (an SQL
 * expression giving "en", "es" or "fr"); the API itself gives codes. The
 * names are those of implementation_status (schema 0011, 0012).
 */
#define UPDATE_STATUS_LABEL(s, lang) "hr_status_name(" s ", " lang ")"

#endif
