/*
 * The words of reports (headings, labels, the names of statuses and
 * positions) in English, Spanish and French, and dates written as each
 * language writes them. Like the error registry (error.h), each text is
 * one line of one table: adding a text means adding one line here.
 */
#ifndef HRTRACK_REPORT_TEXT_H
#define HRTRACK_REPORT_TEXT_H

#include "hrtrack/buf.h"
#include "hrtrack/lang.h"

/* X(id, en, es, fr) */
#define HR_REPORT_TEXTS(X)                                                                         \
    X(HR_RT_TITLE_UPR, "UPR mid-term report", "Informe de mitad de período del EPU",               \
      "Rapport à mi-parcours de l'EPU")                                                            \
    X(HR_RT_TITLE_TREATY, "Treaty body follow-up report",                                          \
      "Informe de seguimiento de un órgano de tratado", "Rapport de suivi d'un organe de traité")  \
    X(HR_RT_TITLE_VNR, "SDG view for the voluntary national review",                               \
      "Vista de los ODS para el examen nacional voluntario",                                       \
      "Vue des ODD pour l'examen national volontaire")                                             \
    X(HR_RT_STATE, "State", "Estado", "État")                                                      \
    X(HR_RT_CYCLE, "UPR cycle", "Ciclo del EPU", "Cycle de l'EPU")                                 \
    X(HR_RT_DOCUMENT, "Document", "Documento", "Document")                                         \
    X(HR_RT_BODY, "Body", "Órgano", "Organe")                                                      \
    X(HR_RT_PUBLISHED, "Published", "Publicado", "Publié")                                         \
    X(HR_RT_GENERATED, "Generated on", "Generado el", "Généré le")                                 \
    X(HR_RT_SUMMARY, "Summary", "Resumen", "Résumé")                                               \
    X(HR_RT_BY_STATUS, "Recommendations by current status", "Recomendaciones por estado actual",   \
      "Recommandations par état actuel")                                                           \
    X(HR_RT_BY_POSITION, "Recommendations by position", "Recomendaciones por posición",            \
      "Recommandations par position")                                                              \
    X(HR_RT_TOTAL, "Total", "Total", "Total")                                                      \
    X(HR_RT_COUNT, "Number", "Número", "Nombre")                                                   \
    X(HR_RT_RECOMMENDATIONS, "Recommendations", "Recomendaciones", "Recommandations")              \
    X(HR_RT_SEVERAL, "Recommendations in more than one section (listed under each, counted once)", \
      "Recomendaciones en más de una sección (listadas en cada una, contadas una vez)",            \
      "Recommandations dans plus d'une section (listées dans chacune, comptées une fois)")         \
    X(HR_RT_NOT_GROUPED, "Not grouped", "Sin agrupar", "Non regroupées")                           \
    X(HR_RT_CLUSTER, "Cluster", "Grupo temático", "Groupe thématique")                             \
    X(HR_RT_SECTION, "Section", "Sección", "Section")                                              \
    X(HR_RT_PARAGRAPH, "Paragraph", "Párrafo", "Paragraphe")                                       \
    X(HR_RT_TEXT, "Recommendation", "Recomendación", "Recommandation")                             \
    X(HR_RT_RECOMMENDING_STATES, "Recommending states", "Estados recomendantes",                   \
      "États recommandants")                                                                       \
    X(HR_RT_POSITION, "Position", "Posición", "Position")                                          \
    X(HR_RT_STATUS, "Current status", "Estado actual", "État actuel")                              \
    X(HR_RT_AS_OF, "as of", "al", "au")                                                            \
    X(HR_RT_LEAD, "Lead institution", "Institución responsable", "Institution chef de file")       \
    X(HR_RT_NOT_ASSIGNED, "Not assigned", "Sin asignar", "Non attribuée")                          \
    X(HR_RT_ACTIONS, "Actions taken", "Acciones realizadas", "Actions menées")                     \
    X(HR_RT_NO_ACTIONS, "No action recorded.", "No hay acciones registradas.",                     \
      "Aucune action enregistrée.")                                                                \
    X(HR_RT_ACTION, "Action", "Acción", "Action")                                                  \
    X(HR_RT_INSTITUTION, "Institution", "Institución", "Institution")                              \
    X(HR_RT_ACTION_STATUS, "Status", "Estado", "Statut")                                           \
    X(HR_RT_START, "Start", "Inicio", "Début")                                                     \
    X(HR_RT_DUE, "Due", "Vencimiento", "Échéance")                                                 \
    X(HR_RT_GOAL, "Goal", "Objetivo", "Objectif")                                                  \
    X(HR_RT_TARGET, "Target", "Meta", "Cible")                                                     \
    X(HR_RT_GOAL_ONLY, "Linked to the goal only (no specific target)",                             \
      "Vinculadas solo al objetivo (sin meta específica)",                                         \
      "Liées à l'objectif seulement (sans cible précise)")                                         \
    X(HR_RT_ACTIONS_SCOPE, "Actions shown: those of your institution only.",                       \
      "Acciones mostradas: solo las de su institución.",                                           \
      "Actions affichées : uniquement celles de votre institution.")                               \
    X(HR_RT_NONE, "No recommendations.", "Ninguna recomendación.", "Aucune recommandation.")       \
    X(HR_RT_COLON, ": ", ": ", " : ") /* French sets a space before the colon */                   \
    X(HR_RT_NO_PARAGRAPH, "Without paragraph number", "Sin número de párrafo",                     \
      "Sans numéro de paragraphe")

typedef enum hr_report_text_id {
#define HR_REPORT_TEXT_ENUM_(id, en, es, fr) id,
    HR_REPORT_TEXTS(HR_REPORT_TEXT_ENUM_)
#undef HR_REPORT_TEXT_ENUM_
        HR_RT_COUNT_
} hr_report_text_id;

/* The text `id` in `lang`; never NULL, static storage. */
const char *hr_report_text(hr_report_text_id id, hr_lang lang);

/* What a coded value is: a recommendation's status, a UPR position, an action's status. */
typedef enum hr_report_code_kind {
    HR_CODE_STATUS,
    HR_CODE_POSITION,
    HR_CODE_ACTION_STATUS
} hr_report_code_kind;

/*
 * The label of a coded value in `lang` ("implemented" -> "Implementada");
 * `code` NULL is the label of no value ("No report yet", "No position").
 * An unknown code comes back unchanged. Never NULL.
 */
const char *hr_report_code_label(hr_report_code_kind kind, const char *code, hr_lang lang);

/*
 * The codes of `kind` in report order, NULL-terminated (no value, NULL,
 * is not among them).
 */
const char *const *hr_report_codes(hr_report_code_kind kind);

/* A date formatter for one language (ICU), opened once per rendering. */
typedef struct hr_report_dates hr_report_dates;

/* Opens the formatter of `lang`. Returns 0, HR_ENOMEM or HR_EINTERNAL (ICU). */
int hr_report_dates_open(hr_report_dates **out, hr_lang lang);

/* Closes a formatter; NULL is fine. */
void hr_report_dates_close(hr_report_dates *dates);

/*
 * Appends an ISO date ("2025-06-30") as people of the formatter's language
 * write it ("30 de junio de 2025"). A value that is not a date is appended
 * unchanged. Returns 0 or a buffer error.
 */
int hr_report_date(hr_buf *out, hr_report_dates *dates, const char *iso);

#endif
