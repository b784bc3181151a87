#ifndef FEEDD_CSPAWN_SHIM_H
#define FEEDD_CSPAWN_SHIM_H

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

/* Swift's Glibc module is built without _GNU_SOURCE, which hides these two; glibc has had both since 2.34
   (Debian 12 ships 2.36), so they are declared here and wrapped with fixed types. */
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
extern int pipe2(int fds[2], int flags);

/* The child closes every descriptor from `from` up, after the earlier file actions have placed its stdio. */
static inline int cspawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

/* A pipe whose ends are close-on-exec from the start, so no other thread's spawn inherits them. */
static inline int cspawn_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

#endif
