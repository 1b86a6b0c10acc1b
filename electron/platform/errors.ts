// The platform layer's error: every layer above (store, services, hosts) throws it; the
// core maps it to the error envelope (platform/classify-error.ts re-exports it with classifyError).
import type { ErrorCode } from '../../shared/api';
import type { Params } from '../../shared/i18n';

/**
 * A failure with a stable code and an i18n key: crosses the dispatch boundary as an error
 * envelope, and the CLI prints it translated. Never carries a stack to the user.
 */
export class MinkaError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params: Params = {},
  ) {
    super(`${code}: ${key} ${JSON.stringify(params)}`);
  }
}
