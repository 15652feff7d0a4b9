#ifndef C_MARK_ARENA_H
#define C_MARK_ARENA_H

/// A bump allocator for cmark-gfm, one per thread.
///
/// cmark-gfm's own arena (`cmark_get_arena_mem_allocator`) is one for the whole process, so
/// only one document can use it at a time. This one keeps its memory in thread-local storage:
/// documents parsed on different threads never share it, and a document parsed inside another
/// on the same thread (a link mapping that renders Markdown) nests on top of it.
///
/// `cma_arena_begin` returns the allocator, a `cmark_mem *` (typed `void *` here so this
/// module does not carry a second copy of cmark-gfm's declarations), for the calling thread only.
/// Every allocation from it stays valid until the matching `cma_arena_end` on the same thread
/// that ends the outermost `begin`; then all of them are released at once (`free` is a no-op).
void *cma_arena_begin(void);
void cma_arena_end(void);

#endif
