/* The SDG-target linker fed from data/ (see sdg_data.h). */
#include "sdg_data.h"

#include "hrtrack/error.h"
#include "hrtrack/reference.h"
#include "reference_read.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

int hr_sdg_linker_load_data(hr_sdg_linker *linker, const char *data_dir)
{
    char terms[PATH_MAX];
    if ((size_t)snprintf(terms, sizeof terms, "%s/sdg/terms", data_dir) >= sizeof terms)
        return HR_ELIMIT;
    hr_reference ref;
    memset(&ref, 0, sizeof ref);
    int rc = hr_reference_read(&ref, data_dir);
    if (rc == 0)
        rc = hr_sdg_linker_add_reference(linker, &ref);
    if (rc == 0)
        rc = hr_sdg_linker_load_terms(linker, terms);
    hr_reference_free(&ref);
    return rc;
}
