/*
 * libFuzzer target for the document splitter: whatever the bytes,
 * hr_doc_split() and hr_doc_symbol_info() must return a code, never crash,
 * leak or hang, and a successful split must keep the promises of
 * document_split.h (a paragraph and a non-empty text for every item, no
 * paragraph twice). The input is split as each kind of document; its first
 * line is also tried as a symbol with the rest as the text.
 *
 * Seeds: tests/fuzz/corpus/document_split/ (snippets of the real documents
 * in tests/data/documents).
 */
#include "document_split.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts when a successful result breaks the header's promises. */
static void check_items(const hr_doc_items *items)
{
    for (size_t i = 0; i < items->count; i++) {
        const hr_doc_item *item = &items->items[i];
        if (item->paragraph == NULL || item->text == NULL || item->text[0] == '\0' ||
            strlen(item->paragraph) >= 32 || item->line == 0)
            abort();
        /* Inputs are small here; the quadratic check is cheap. */
        for (size_t j = 0; j < i; j++) {
            if (strcmp(items->items[j].paragraph, item->paragraph) == 0)
                abort();
        }
    }
}

static void try_symbol(const char *text, size_t size)
{
    char symbol[128];
    size_t n = 0;
    while (n < size && n < sizeof symbol - 1 && text[n] != '\n')
        n++;
    memcpy(symbol, text, n);
    symbol[n] = '\0';
    size_t rest = n < size ? n + 1 : n;
    hr_doc_kind kind;
    char mechanism[12], alpha3[4];
    if (hr_doc_symbol_info(&kind, mechanism, alpha3, symbol, text + rest, size - rest) == 0 &&
        (strlen(mechanism) == 0 || strlen(alpha3) > 3))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const hr_doc_kind kinds[] = {HR_DOC_UPR_REPORT, HR_DOC_TREATY_BODY, HR_DOC_SPECIAL_PROCEDURE};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        hr_doc_items items;
        int rc = hr_doc_split(&items, size > 0 ? text : NULL, size, kinds[k]);
        if (rc == 0)
            check_items(&items);
        else if (items.count != 0 || items.items != NULL)
            abort();
        hr_doc_items_free(&items);
    }
    try_symbol(text, size);
    return 0;
}
