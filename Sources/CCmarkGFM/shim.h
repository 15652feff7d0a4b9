// The C surface of cmark-gfm that MarkdownHTML uses: the core parser/renderer
// and the GitHub extensions (table, strikethrough, autolink, tasklist, tagfilter).
// Provided by Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
#ifndef BRIEFING_CCMARKGFM_SHIM_H
#define BRIEFING_CCMARKGFM_SHIM_H

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#endif
