import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Write a whole file so that after any crash or power cut it is the old one or the new one, never half:
 * write a temporary file, fsync it, rename it over the old one, fsync the directory.
 */
export function durableWrite(file: string, text: string, mode = 0o600): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncDirectory(dirname(file));
}

/** A new or renamed file's name is durable only once its directory is synced. */
export function syncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; its NTFS journal keeps renames.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
