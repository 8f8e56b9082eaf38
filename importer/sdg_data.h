/*
 * Feeding the SDG-target linker from data/ alone, for programs that have no
 * database (the evaluation in bench/sdg, tests, a first run): the goal,
 * target and indicator texts of data/sdg through the importer's reference
 * reader (libyaml), and the term lists of data/sdg/terms.
 */
#ifndef HRTRACK_IMPORTER_SDG_DATA_H
#define HRTRACK_IMPORTER_SDG_DATA_H

#include "hrtrack/sdg_linker.h"

/*
 * Adds to `linker` (not yet built) every text of
 * data_dir/sdg/global_{goals,targets,indicators}_{en,es,fr}.yml and loads
 * data_dir/sdg/terms. Returns 0 or the first error (HR_EIO, HR_EPARSE,
 * HR_ELIMIT, HR_ESTATE, HR_ENOMEM); problems are logged with file and line.
 */
int hr_sdg_linker_load_data(hr_sdg_linker *linker, const char *data_dir);

#endif
