import { MissingResourceError } from './resources';
import { MinkaError } from './errors';

// MinkaError lives in the platform layer (stores throw it); re-exported for the layers above.
export { MinkaError };

/** Map SQLite and file-system failures to codes a person can act on. */
export function classifyError(e: unknown): MinkaError {
  if (e instanceof MinkaError) return e;
  // An install that lost a file: the person must fix the install, and no verdict is given.
  if (e instanceof MissingResourceError)
    return new MinkaError('ENVIRONMENT', 'error.missingResource', {
      file: e.file,
      searched: e.searched.join(', '),
    });
  const code = (e as { code?: unknown } | null)?.code;
  // The triggers under a sealed workshop (migration 6) speak through SQLite's message.
  if (
    e instanceof Error &&
    /minka: (the workshop is sealed|sealed minutes are never changed)/.test(e.message)
  )
    return new MinkaError('SEALED', 'error.sealed');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new MinkaError('DISK_FULL', 'error.diskFull');
  if (code === 'SQLITE_READONLY' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return new MinkaError('READ_ONLY', 'error.readOnly');
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new MinkaError('LOCKED', 'error.busy');
  if (code === 'SQLITE_IOERR' || (typeof code === 'string' && code.startsWith('SQLITE_IOERR')))
    return new MinkaError('IO_ERROR', 'error.io');
  // A file SQLite cannot open or create (a folder such as /proc, a missing one): the person
  // chose the place, so say so, not "internal error".
  if (code === 'SQLITE_CANTOPEN') return new MinkaError('IO_ERROR', 'error.cantOpen');
  // ON DELETE RESTRICT reports as SQLITE_CONSTRAINT_TRIGGER with the foreign-key message.
  const fk = e instanceof Error && e.message === 'FOREIGN KEY constraint failed';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || (code === 'SQLITE_CONSTRAINT_TRIGGER' && fk))
    return new MinkaError('CONFLICT', 'error.inUse');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return new MinkaError('CORRUPT_FILE', 'error.corrupt', { file: '' });
  return new MinkaError('INTERNAL', 'error.internal', {
    message: e instanceof Error ? e.message : String(e),
  });
}
