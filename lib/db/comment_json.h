/*
 * The JSON shapes of comments and answers, shared by the statements of
 * comments.c, public_comments.c and comment_answers.c so that a list item,
 * a reply to a write and the "current" of a 409 have one shape each.
 *
 * None of them reads comment.author_id beyond "is it NULL" and the public
 * name: that is the whole point of participation.h.
 */
#ifndef HRTRACK_DB_COMMENT_JSON_H
#define HRTRACK_DB_COMMENT_JSON_H

/* An institution's name in the language parameter `lang` ("$3"). */
#define INSTITUTION_NAME(i, lang)                                                                  \
    "CASE " lang "::text WHEN 'es' THEN " i ".name_es WHEN 'fr' THEN " i ".name_fr"                \
    " ELSE " i ".name_en END"

/* One answer `a`; it speaks for its institution, never names its writer. */
#define ANSWER_JSON(a, lang)                                                                       \
    "(SELECT json_build_object('id', " a ".id, 'comment_id', " a ".comment_id,"                    \
    " 'institution_id', " a ".institution_id, 'institution', i.acronym,"                           \
    " 'institution_name', " INSTITUTION_NAME("i", lang) ", 'body', " a ".body,"                    \
                                                        " 'created_at', " a                        \
                                                        ".created_at, 'updated_at', " a            \
                                                        ".updated_at, 'version', " a ".version)"   \
                                                        " FROM institution i WHERE i.id = " a      \
                                                        ".institution_id)"

/* The answers under comment `c`, oldest first. */
#define ANSWERS_JSON(c, lang)                                                                      \
    "(SELECT coalesce(json_agg(" ANSWER_JSON(                                                      \
        "x", lang) " ORDER BY x.id), '[]')"                                                        \
                   " FROM comment_answer x WHERE x.comment_id = " c ".id)"

/* What comment `c` is about, for moderators and ministries. */
#define COMMENT_ABOUT(c)                                                                           \
    "CASE WHEN " c ".recommendation_id IS NOT NULL THEN (SELECT json_build_object("                \
    "  'kind', 'recommendation', 'recommendation_id', r.id, 'document', d.symbol,"                 \
    "  'paragraph', r.paragraph, 'text', r.text_plain) FROM recommendation r"                      \
    "  LEFT JOIN document d ON d.id = r.document_id WHERE r.id = " c ".recommendation_id)"         \
    " ELSE (SELECT json_build_object('kind', 'status_update', 'status_update_id', s.id,"           \
    "  'recommendation_id', s.recommendation_id, 'action_id', s.action_id,"                        \
    "  'institution', (SELECT acronym FROM institution WHERE id = s.institution_id),"              \
    "  'status', s.status, 'as_of', s.as_of, 'narrative', s.narrative)"                            \
    "  FROM status_update s WHERE s.id = " c ".status_update_id) END"

/* A comment as moderators (and its author, after a move) see it: never who wrote it. */
#define COMMENT_JSON(c)                                                                            \
    "json_build_object('id', " c ".id, 'recommendation_id', " c ".recommendation_id,"              \
    " 'status_update_id', " c ".status_update_id, 'about', " COMMENT_ABOUT(                        \
        c) ","                                                                                     \
           " 'body', " c ".body, 'state', " c ".state, 'moderation_reason', " c                    \
           ".moderation_reason,"                                                                   \
           " 'created_at', " c ".created_at, 'moderated_at', " c ".moderated_at,"                  \
           " 'published_at', " c ".published_at, 'updated_at', " c ".updated_at,"                  \
           " 'version', " c ".version)"

/* A comment as its author sees it: the reason only when rejected, answers once published. */
#define OWN_COMMENT_JSON(c, lang)                                                                  \
    "json_build_object('id', " c ".id, 'recommendation_id', " c ".recommendation_id,"              \
    " 'status_update_id', " c ".status_update_id, 'body', " c ".body, 'state', " c ".state,"       \
    " 'moderation_reason', CASE WHEN " c ".state = 'rejected' THEN " c ".moderation_reason END,"   \
    " 'created_at', " c ".created_at, 'published_at', " c ".published_at,"                         \
    " 'updated_at', " c ".updated_at, 'version', " c ".version,"                                   \
    " 'answers', CASE WHEN " c ".state = 'published' THEN " ANSWERS_JSON(c, lang) " ELSE '[]'"     \
                                                                                  " END)"

/* A published comment as the public sees it: the public name, or `label` once erased. */
#define PUBLIC_COMMENT_JSON(c, lang, label)                                                        \
    "json_build_object('id', " c ".id, 'recommendation_id', " c ".recommendation_id,"              \
    " 'status_update_id', " c ".status_update_id,"                                                 \
    " 'author', coalesce((SELECT display_name FROM app_user WHERE id = " c ".author_id), " label   \
    "::text), 'withdrawn_account', " c ".author_id IS NULL,"                                       \
    " 'published_at', " c ".published_at, 'body', " c ".body,"                                     \
    " 'answers', " ANSWERS_JSON(c, lang) ")"

#endif
