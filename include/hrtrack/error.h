/*
 * The one registry of hrtrack error codes.
 *
 * Every function of libhrtrack returns 0 on success or one of the negative
 * codes below. Each code has exactly one line in HR_ERROR_TABLE: its number,
 * the name the API shows in {"error":{"code": ...}}, the HTTP status it maps
 * to, and its message in English, Spanish and French. Adding an error means
 * adding one line here and nothing else.
 */
#ifndef HRTRACK_ERROR_H
#define HRTRACK_ERROR_H

#include "hrtrack/lang.h"

/* X(enum name, value, API code, HTTP status, en, es, fr) */
#define HR_ERROR_TABLE(X)                                                                          \
    X(HR_EINTERNAL, -1, "internal_error", 500, "Something went wrong on the server.",              \
      "Se produjo un error en el servidor.", "Une erreur s'est produite sur le serveur.")          \
    X(HR_ENOMEM, -2, "out_of_memory", 500, "The server ran out of memory.",                        \
      "El servidor se quedó sin memoria.", "Le serveur manque de mémoire.")                        \
    X(HR_EINVAL, -3, "bad_request", 400, "The request is not valid.",                              \
      "La solicitud no es válida.", "La requête n'est pas valide.")                                \
    X(HR_EPARAM, -4, "invalid_parameter", 400, "A parameter has a value that is not accepted.",    \
      "Un parámetro tiene un valor no aceptado.", "Un paramètre a une valeur non acceptée.")       \
    X(HR_ENOTFOUND, -5, "not_found", 404, "Nothing was found at this address.",                    \
      "No se encontró nada en esta dirección.", "Rien n'a été trouvé à cette adresse.")            \
    X(HR_EMETHOD, -6, "method_not_allowed", 405,                                                   \
      "This method is not allowed here; see the Allow header.",                                    \
      "Este método no está permitido aquí; vea la cabecera Allow.",                                \
      "Cette méthode n'est pas autorisée ici ; voir l'en-tête Allow.")                             \
    X(HR_EURITOOLONG, -7, "uri_too_long", 414, "The address (URL) is too long.",                   \
      "La dirección (URL) es demasiado larga.", "L'adresse (URL) est trop longue.")                \
    X(HR_EBODYTOOLARGE, -8, "payload_too_large", 413, "The request body is too large.",            \
      "El cuerpo de la solicitud es demasiado grande.", "Le corps de la requête est trop grand.")  \
    X(HR_EHEADERTOOLARGE, -9, "headers_too_large", 431, "The request headers are too large.",      \
      "Las cabeceras de la solicitud son demasiado grandes.",                                      \
      "Les en-têtes de la requête sont trop grands.")                                              \
    X(HR_EUNSUPPORTEDMEDIA, -10, "unsupported_media_type", 415,                                    \
      "The request body must be JSON (application/json).",                                         \
      "El cuerpo de la solicitud debe ser JSON (application/json).",                               \
      "Le corps de la requête doit être du JSON (application/json).")                              \
    X(HR_EUNAUTHENTICATED, -11, "unauthenticated", 401, "Please sign in first.",                   \
      "Inicie sesión primero.", "Veuillez d'abord vous connecter.")                                \
    X(HR_EFORBIDDEN, -12, "forbidden", 403, "You are not allowed to do this.",                     \
      "No tiene permiso para hacer esto.", "Vous n'êtes pas autorisé à faire ceci.")               \
    X(HR_ECONFLICT, -13, "conflict", 409, "This conflicts with the current state of the data.",    \
      "Esto entra en conflicto con el estado actual de los datos.",                                \
      "Ceci est en conflit avec l'état actuel des données.")                                       \
    X(HR_ELIMIT, -14, "limit_exceeded", 400, "A size or count limit was exceeded.",                \
      "Se superó un límite de tamaño o de cantidad.",                                              \
      "Une limite de taille ou de nombre a été dépassée.")                                         \
    X(HR_ETIMEOUT, -15, "timeout", 503, "The operation took too long; please try again.",          \
      "La operación tardó demasiado; inténtelo de nuevo.",                                         \
      "L'opération a pris trop de temps ; veuillez réessayer.")                                    \
    X(HR_EDBUNAVAILABLE, -16, "database_unavailable", 503,                                         \
      "The database is not reachable right now; please try again shortly.",                        \
      "La base de datos no está disponible ahora; inténtelo de nuevo en breve.",                   \
      "La base de données est injoignable pour le moment ; réessayez sous peu.")                   \
    X(HR_ERETRY, -17, "retry", 503, "The database asked to retry; please try again.",              \
      "La base de datos pidió reintentar; inténtelo de nuevo.",                                    \
      "La base de données a demandé de réessayer ; veuillez réessayer.")                           \
    X(HR_ESCHEMA, -18, "schema_out_of_date", 503,                                                  \
      "The database schema is out of date; run `hrtrack-server migrate`.",                         \
      "El esquema de la base de datos está desactualizado; ejecute `hrtrack-server migrate`.",     \
      "Le schéma de la base de données n'est pas à jour ; lancez `hrtrack-server migrate`.")       \
    X(HR_EMIGRATION, -19, "migration_changed", 500,                                                \
      "An already-applied migration file was changed.",                                            \
      "Se modificó un archivo de migración ya aplicado.",                                          \
      "Un fichier de migration déjà appliqué a été modifié.")                                      \
    X(HR_EIO, -20, "io_error", 500, "A file could not be read or written.",                        \
      "No se pudo leer o escribir un archivo.", "Un fichier n'a pas pu être lu ou écrit.")         \
    X(HR_EPARSE, -21, "parse_error", 422, "The input could not be parsed.",                        \
      "No se pudo interpretar la entrada.", "L'entrée n'a pas pu être analysée.")                  \
    X(HR_EUNPROCESSABLE, -22, "unprocessable", 422, "The request is well-formed but not valid.",   \
      "La solicitud está bien formada pero no es válida.",                                         \
      "La requête est bien formée mais n'est pas valide.")                                         \
    X(HR_ERATELIMITED, -23, "rate_limited", 429, "Too many requests; please slow down.",           \
      "Demasiadas solicitudes; espere un momento.", "Trop de requêtes ; veuillez ralentir.")       \
    X(HR_EREQUESTTIMEOUT, -24, "request_timeout", 408, "The request took too long to arrive.",     \
      "La solicitud tardó demasiado en llegar.", "La requête a mis trop de temps à arriver.")      \
    X(HR_EBADLOGIN, -25, "invalid_credentials", 401, "The email or the password is wrong.",        \
      "El correo o la contraseña no son correctos.",                                               \
      "L'adresse électronique ou le mot de passe est incorrect.")                                  \
    X(HR_ESTATE, -26, "invalid_transition", 409,                                                   \
      "This step is not possible in the current state (e.g. approving a draft, editing an "        \
      "approved update).",                                                                         \
      "Este paso no es posible en el estado actual (p. ej., aprobar un borrador o editar una "     \
      "actualización aprobada).",                                                                  \
      "Cette étape n'est pas possible dans l'état actuel (p. ex. approuver un brouillon, "       \
      "modifier une mise à jour approuvée).")                                                      \
    X(HR_EFILETYPE, -27, "unsupported_file_type", 415,                                             \
      "This type of file is not accepted (PDF, PNG, JPEG, text, CSV, ODT, ODS, DOCX, XLSX).",      \
      "Este tipo de archivo no se acepta (PDF, PNG, JPEG, texto, CSV, ODT, ODS, DOCX, XLSX).",     \
      "Ce type de fichier n'est pas accepté (PDF, PNG, JPEG, texte, CSV, ODT, ODS, DOCX, XLSX).")  \
    X(HR_ESHUTDOWN, -28, "shutting_down", 503,                                                     \
      "The server is restarting; please try again in a moment.",                                   \
      "El servidor se está reiniciando; inténtelo de nuevo en un momento.",                        \
      "Le serveur redémarre ; veuillez réessayer dans un instant.")

/* The codes, as an enum so that switch statements are checked. */
typedef enum hr_error {
    HR_OK = 0,
#define HR_ERROR_ENUM_(name, value, code, status, en, es, fr) name = value,
    HR_ERROR_TABLE(HR_ERROR_ENUM_)
#undef HR_ERROR_ENUM_
} hr_error;

/*
 * The name the API shows for `err` ("not_found"). An unknown value (a bug)
 * is reported as "internal_error"; never returns NULL.
 */
const char *hr_error_code(int err);

/* The HTTP status `err` maps to; 500 for an unknown value, 200 for HR_OK. */
unsigned hr_error_http_status(int err);

/* The message for `err` in `lang`; never NULL, static storage. */
const char *hr_error_message(int err, hr_lang lang);

/* Whether `err` is one of the codes of the table (HR_OK is not). */
int hr_error_is_known(int err);

#endif
