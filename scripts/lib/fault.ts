/**
 * Faults of the machine (disk full, read-only disk, no permission) as one plain line for the person running the
 * refresh, never a stack trace: `cannot write /srv/zonemap/dist/data: disk full (ENOSPC)`.
 */

/** An error whose message is meant for the user as is (the CLI prints it after `refresh: `, without a stack). */
export class RefreshFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefreshFault';
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'a parent folder is missing',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'a folder in the way is not empty',
  EBUSY: 'it is busy (in use or a mount point)',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'input/output error (a failing disk?)',
  EXDEV: 'it is on another file system',
};

/** The code of a Node fs error (`ENOSPC`), or undefined for anything else. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns an fs error into a RefreshFault naming `path`; other errors (bugs) pass through unchanged.
 *
 * @example fsFault(enospcError, '/srv/data', 'write') // cannot write /srv/data: disk full (ENOSPC)
 */
export function fsFault(e: unknown, path: string, verb: 'read' | 'write' = 'write'): Error {
  if (e instanceof RefreshFault) return e;
  const code = errorCode(e);
  if (code === undefined) return e instanceof Error ? e : new Error(String(e));
  return new RefreshFault(`cannot ${verb} ${path}: ${REASONS[code] ?? (e as Error).message} (${code})`);
}
