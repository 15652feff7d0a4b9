#include "CMarkArena.h"

#include <cmark-gfm.h>
#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Every block is aligned like `malloc`'s.
#define ALIGNMENT alignof(max_align_t)
#define ROUND_UP(n) (((n) + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1))

/// Small blocks are bumped from chunks of this size; a block over a quarter of it gets a chunk of its own.
#define CHUNK_SIZE ((size_t)1 << 20)

typedef struct chunk {
    struct chunk *previous;
    size_t capacity;  // bytes after the header
    size_t used;
} chunk;

#define CHUNK_HEADER ROUND_UP(sizeof(chunk))
/// Each block starts with its size, for `realloc`; the header keeps the block aligned.
#define BLOCK_HEADER ROUND_UP(sizeof(size_t))

typedef struct arena {
    chunk *current;      // where small blocks are bumped from
    chunk *oversized;    // chunks holding one large block each
    unsigned char *last; // the newest block in `current`, which may grow in place
    unsigned depth;      // nested begins
} arena;

static _Thread_local arena *thread_arena;
static pthread_key_t arena_key;
static pthread_once_t arena_key_once = PTHREAD_ONCE_INIT;

static void free_chunks(chunk *c) {
    while (c) {
        chunk *previous = c->previous;
        free(c);
        c = previous;
    }
}

/// Releases a thread's arena when the thread ends.
static void destroy_arena(void *value) {
    arena *a = value;
    free_chunks(a->current);
    free_chunks(a->oversized);
    free(a);
}

static void make_key(void) {
    if (pthread_key_create(&arena_key, destroy_arena) != 0) abort();
}

static void out_of_memory(void) {
    fprintf(stderr, "[cmark] arena allocation failed; aborting\n");
    abort();
}

static chunk *new_chunk(size_t capacity, chunk *previous) {
    if (capacity > SIZE_MAX - CHUNK_HEADER) out_of_memory();
    chunk *c = malloc(CHUNK_HEADER + capacity);
    if (!c) out_of_memory();
    c->previous = previous;
    c->capacity = capacity;
    c->used = 0;
    return c;
}

static inline unsigned char *chunk_bytes(chunk *c) { return (unsigned char *)c + CHUNK_HEADER; }

/// A block of `size` bytes (not zeroed) with its size stored before it.
static void *allocate(size_t size) {
    arena *a = thread_arena;
    if (!a) abort();  // used outside begin/end, or on another thread
    if (size > SIZE_MAX - BLOCK_HEADER - ALIGNMENT) out_of_memory();
    size_t needed = BLOCK_HEADER + ROUND_UP(size);
    unsigned char *block;
    if (needed > CHUNK_SIZE / 4) {
        // A large block gets a chunk of its own, so the current chunk's free space is not lost.
        a->oversized = new_chunk(needed, a->oversized);
        a->oversized->used = needed;
        block = chunk_bytes(a->oversized);
    } else {
        if (!a->current || a->current->capacity - a->current->used < needed) {
            a->current = new_chunk(CHUNK_SIZE, a->current);
        }
        block = chunk_bytes(a->current) + a->current->used;
        a->current->used += needed;
        a->last = block;
    }
    *(size_t *)block = size;
    return block + BLOCK_HEADER;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) out_of_memory();
    void *p = allocate(count * size);
    memset(p, 0, count * size);
    return p;
}

static void *arena_realloc(void *pointer, size_t size) {
    if (!pointer) return allocate(size);
    unsigned char *block = (unsigned char *)pointer - BLOCK_HEADER;
    size_t old = *(size_t *)block;
    arena *a = thread_arena;
    if (!a) abort();
    // The newest small block grows in place while its chunk has room (cmark's buffers grow
    // one at a time, so this is the common case).
    if (block == a->last && size <= SIZE_MAX - BLOCK_HEADER - ALIGNMENT) {
        size_t start = (size_t)(block - chunk_bytes(a->current));
        size_t needed = BLOCK_HEADER + ROUND_UP(size);
        if (needed <= CHUNK_SIZE / 4 && a->current->capacity - start >= needed) {
            a->current->used = start + needed;
            *(size_t *)block = size;
            return pointer;
        }
    }
    if (size <= old) return pointer;
    void *moved = allocate(size);
    memcpy(moved, pointer, old);
    return moved;
}

/// Blocks are released together at the outermost `cma_arena_end`.
static void arena_free(void *pointer) { (void)pointer; }

static cmark_mem arena_allocator = {arena_calloc, arena_realloc, arena_free};

void *cma_arena_begin(void) {
    arena *a = thread_arena;
    if (!a) {
        pthread_once(&arena_key_once, make_key);
        a = calloc(1, sizeof(arena));
        if (!a) out_of_memory();
        if (pthread_setspecific(arena_key, a) != 0) abort();
        thread_arena = a;
    }
    a->depth += 1;
    return &arena_allocator;
}

void cma_arena_end(void) {
    arena *a = thread_arena;
    if (!a || a->depth == 0) abort();  // an end without a begin
    a->depth -= 1;
    if (a->depth > 0) return;
    free_chunks(a->oversized);
    a->oversized = NULL;
    a->last = NULL;
    // Keep one chunk (1 MiB) for the thread's next document; release the rest.
    chunk *c = a->current;
    if (!c) return;
    free_chunks(c->previous);
    c->previous = NULL;
    c->used = 0;
}
