/*
 * `hrtrack-import suggest-sdg`: builds the SDG linker (lib/sdg) from what
 * the database holds (goal, target and indicator texts in es/en/fr; every
 * recommendation that UHRI or a person linked to goals or targets, as a
 * labelled example) and the curated term lists of data/sdg/terms/, then
 * suggests goals and targets for the recommendations that have no link of
 * their own and writes them as links of source 'suggested', with score and
 * reason, in one transaction (see hrtrack/sdg_suggest.h for which
 * recommendations and what a re-run does).
 */
#ifndef HRTRACK_IMPORTER_SUGGEST_SDG_H
#define HRTRACK_IMPORTER_SUGGEST_SDG_H

#include "hrtrack/config.h"

/*
 * Runs the command with its options (argv[0] is the first option, not the
 * command's name). Prints the summary on standard output and progress on
 * standard error. Returns an HR_EXIT_* code of run.h.
 */
int hr_suggest_sdg(const hr_config *cfg, int argc, char **argv);

#endif
