/* The UN document reader (see document.c). */
#ifndef HRTRACK_IMPORTER_DOCUMENT_H
#define HRTRACK_IMPORTER_DOCUMENT_H

#include "run.h"

/*
 * Reads one UN document (UTF-8 plain text) from run->source, splits it into
 * recommendations and stages them. Needs run->options->symbol and ->date;
 * ->state when the symbol does not name the state. Returns 0, HR_EPARAM
 * (options missing or wrong; explained on stderr), HR_EPARSE, HR_ELIMIT,
 * HR_EIO, or a database error: any of which aborts the run.
 */
int hr_document_read(hr_run *run);

#endif
