/*
 * Stop words of English, Spanish and French, written as the word pipeline
 * sees them (case-folded, accents removed: "más" is "mas", "été" is "ete").
 *
 * Two kinds in each list: function words (articles, prepositions,
 * pronouns, auxiliaries; the usual lists, as in Snowball's and NLTK's), and
 * the boilerplate of recommendations ("continue", "ensure", "take
 * measures", "redoblar sus esfuerzos", "veiller à"), which nearly every
 * recommendation uses whatever its subject: left in, it would make a
 * recommendation on torture look like one on water because both "take the
 * necessary measures". Words that carry a subject stay even when frequent
 * ("rights", "national", "women").
 */
#include "sdg_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *stop_en[] = {
    "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "etc", "few", "for", "from", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "if", "in", "into", "is", "it", "its", "itself",
    "just", "may", "me", "might", "more", "most", "must", "my", "myself", "no", "nor", "not", "now",
    "of", "off", "on", "once", "only", "or", "other", "others", "our", "ours", "ourselves", "out",
    "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "you", "your", "yours", "inter", "alia", "including", "include",
    "includes", "particular", "particularly", "well", "order", "view", "regard", "regarding",
    "inter", "via", "thereof", "therein", "toward", "towards", "among", "amongst", "per",
    /* boilerplate of recommendations */
    "continue", "continues", "continued", "continuing", "ensure", "ensures", "ensuring", "take",
    "taking", "measure", "measures", "necessary", "step", "steps", "effort", "efforts", "further",
    "furthermore", "strengthen", "strengthening", "adopt", "adopting", "adopted", "consider",
    "considering", "recommendation", "recommendations", "recommended", "implement",
    "implementing", "implementation", "undertake", "pursue", "redouble", "make", "making",
    "appropriate", "relevant", "effective", "effectively", "full", "fully", "enhance",
    "enhancing", "intensify", "guarantee", "guaranteeing", "step", "keep", "carry", "set",
    "already", "progress", "continuation", "put", "place", "given", "give", "existing", "new",
    "necessary", "adequate", "adequately", "concrete", "specific", "like", "undertaken",
};

static const char *stop_es[] = {
    "al", "algo", "algun", "alguna", "algunas", "alguno", "algunos", "ante", "antes", "asi",
    "aun", "bajo", "cada", "como", "con", "contra", "cual", "cuales", "cualquier", "cuando",
    "cuya", "cuyas", "cuyo", "cuyos", "de", "del", "dentro", "desde", "donde", "dicha", "dichas",
    "dicho", "dichos", "durante", "el", "ella", "ellas", "ello", "ellos", "en", "entre", "era",
    "es", "esa", "esas", "ese", "eso", "esos", "esta", "estan", "estar", "estas",
    "este", "esto", "estos", "fue", "fueron", "ha", "haber", "han", "hasta", "hay", "hacia",
    "incluso", "la", "las", "le", "les", "lo", "los", "mas", "me", "mediante", "mi", "mismo",
    "misma", "mismos", "mismas", "mucho", "muchos", "muy", "nada", "ni", "no", "nos", "nosotros",
    "otra", "otras", "otro", "otros", "para", "pero", "poco", "por", "porque", "que", "quien",
    "quienes", "se", "sea", "sean", "segun", "ser", "si", "sido", "sin", "sobre", "son", "su",
    "sus", "tal", "tales", "tambien", "tanto", "toda", "todas", "todo", "todos", "tras", "un",
    "una", "uno", "unos", "unas", "ya", "yo", "via", "incluidas", "incluidos", "incluida",
    "incluido", "incluyendo", "particular", "especialmente", "fin", "respecto", "cuanto",
    /* boilerplate of recommendations */
    "seguir", "siga", "continuar", "continue", "garantizar", "garantice", "velar", "vele",
    "adoptar", "adopte", "medida", "medidas", "necesaria", "necesarias", "necesario",
    "necesarios", "esfuerzo", "esfuerzos", "fortalecer", "fortalezca", "redoblar", "considerar",
    "considere", "aplicar", "aplique", "aplicacion", "recomendacion", "recomendaciones",
    "intensificar", "intensifique", "tomar", "tome", "asegurar", "asegure", "eficaz", "eficaces",
    "eficazmente", "efectiva", "efectivas", "efectivo", "efectivos", "plena", "plenamente",
    "pleno", "adecuada", "adecuadas", "adecuado", "adecuados", "pertinente", "pertinentes",
    "reforzar", "refuerce", "mejorar", "mejore", "llevar", "cabo", "poner", "marcha", "nuevas",
    "nuevos", "nueva", "nuevo", "concretas", "concretos", "existentes", "seguimiento",
};

static const char *stop_fr[] = {
    "afin", "ainsi", "alors", "au", "aucun", "aucune", "aupres", "aussi", "autre", "autres",
    "aux", "avec", "avoir", "ce", "ceci", "cela", "celle", "celles", "celui", "ces", "cet",
    "cette", "ceux", "chaque", "chez", "comme", "compris", "contre", "dans", "de", "depuis",
    "des", "donc", "dont", "du", "elle", "elles", "en", "entre", "est", "et", "etaient", "etait",
    "ete", "etre", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lors", "lui",
    "ma", "mais", "me", "meme", "memes", "mes", "moi", "mon", "ne", "ni", "nos", "notamment",
    "notre", "nous", "on", "ont", "ou", "par", "parmi", "pas", "plus", "pour", "qu", "que",
    "quel", "quelle", "quelles", "quels", "qui", "sa", "sans", "se", "selon", "ses", "si",
    "son", "sont", "sous", "sur", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute",
    "toutes", "tres", "tu", "un", "une", "vers", "vos", "votre", "vous", "via", "egard",
    "particulier", "cadre", "vue", "ci", "dessus", "dela",
    /* boilerplate of recommendations */
    "continuer", "poursuivre", "veiller", "garantir", "prendre", "mesure", "mesures",
    "necessaire", "necessaires", "effort", "efforts", "renforcer", "adopter", "envisager",
    "appliquer", "application", "recommandation", "recommandations", "intensifier", "efficace",
    "efficaces", "efficacement", "pleinement", "plein", "pleine", "approprie", "appropriee",
    "appropriees", "appropries", "redoubler", "assurer", "mettre", "oeuvre", "nouvelles",
    "nouveaux", "nouvelle", "nouveau", "concretes", "existants", "existantes", "suivi",
    "ameliorer", "faire",
};

static struct {
    const char **words;
    size_t count;
} lists[HR_LANG_COUNT] = {
    [HR_LANG_EN] = {stop_en, sizeof stop_en / sizeof stop_en[0]},
    [HR_LANG_ES] = {stop_es, sizeof stop_es / sizeof stop_es[0]},
    [HR_LANG_FR] = {stop_fr, sizeof stop_fr / sizeof stop_fr[0]},
};

static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static int compare_words(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The lists are written by subject, not alphabetically: sort them once for bsearch. */
static void sort_lists(void)
{
    for (int l = 0; l < HR_LANG_COUNT; l++)
        qsort(lists[l].words, lists[l].count, sizeof lists[l].words[0], compare_words);
}

int sdg_is_stopword(hr_lang lang, const char *w, size_t len)
{
    char key[SDG_WORD_MAX + 1];
    if ((int)lang < 0 || (int)lang >= HR_LANG_COUNT || len > SDG_WORD_MAX)
        return 0;
    pthread_once(&sorted_once, sort_lists);
    memcpy(key, w, len);
    key[len] = '\0';
    const char *k = key;
    return bsearch(&k, lists[lang].words, lists[lang].count, sizeof lists[lang].words[0],
                   compare_words) != NULL;
}
