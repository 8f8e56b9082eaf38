/*
 * Reads the reference data files under data/ into an hr_reference:
 *   sdg/global_{goals,targets,indicators}_{en,es,fr}.yml   (open-sdg)
 *   reference/states.tsv, reference/state-aliases.tsv, reference/mechanisms.tsv
 * Every goal, target and indicator must have its text in all three
 * languages; the first gap is reported with its file.
 */
#ifndef HRTRACK_IMPORTER_REFERENCE_READ_H
#define HRTRACK_IMPORTER_REFERENCE_READ_H

#include "hrtrack/reference.h"

/*
 * Fills `ref` (which must be zeroed) from `data_dir`. On error `ref` may be
 * partly filled: free it with hr_reference_free() either way. Returns 0,
 * HR_EIO, HR_EPARSE or HR_ENOMEM; problems are logged with file and line.
 */
int hr_reference_read(hr_reference *ref, const char *data_dir);

#endif
