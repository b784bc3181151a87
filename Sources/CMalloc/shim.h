#ifndef FEEDD_CMALLOC_SHIM_H
#define FEEDD_CMALLOC_SHIM_H

#include <malloc.h>

/* Swift's Glibc module leaves out <malloc.h>: glibc's allocator settings, wrapped with fixed types. */

/* At most `count` arenas for the whole process (glibc's default is eight per core). */
static inline int cmalloc_set_arena_max(int count) {
    return mallopt(M_ARENA_MAX, count);
}

/* Blocks of `bytes` and more get their own mapping, and glibc stops moving this threshold up by itself. */
static inline int cmalloc_set_mmap_threshold(int bytes) {
    return mallopt(M_MMAP_THRESHOLD, bytes);
}

#endif
