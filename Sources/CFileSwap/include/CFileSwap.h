#ifndef C_FILE_SWAP_H
#define C_FILE_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE, macOS renamex_np with RENAME_SWAP). Returns 0 on success,
/// -1 with errno set otherwise (ENOSYS or EINVAL where the kernel or file system lacks it).
int cfs_exchange(const char *a, const char *b);

#endif
