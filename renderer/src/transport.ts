// The renderer reaches the core through one of two transports, chosen at start-up: the
// Electron preload's bridge, or the web host's POST /api/<channel> with the run's token.
import type { Channel, ErrorEnvelope, Input, Output, Result } from '../../shared/api';

interface Bridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    minka?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
  }
}

const TOKEN_KEY = 'minka.token';

/** Take the token from the URL once, keep it for this tab, and drop it from the address bar. */
function webToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let token: string | null = null;

async function webInvoke(channel: string, input: unknown): Promise<Result<unknown>> {
  token ??= webToken();
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-minka-token': token },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      error: {
        code: 'IO_ERROR',
        key: 'error.hostGone',
        params: {},
        message: 'web host unreachable',
      },
    };
  }
  if (res.status === 403)
    return {
      ok: false,
      error: { code: 'NOT_AVAILABLE', key: 'error.forbidden', params: {}, message: 'forbidden' },
    };
  if (res.status === 413)
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', key: 'error.tooLarge', params: {}, message: 'too large' },
    };
  return (await res.json()) as Result<unknown>;
}

export async function invoke<K extends Channel>(channel: K, input: Input<K>): Promise<Output<K>> {
  const r = window.minka
    ? await window.minka.invoke(channel, input)
    : await webInvoke(channel, input);
  if (!r.ok) throw new ApiError(r.error);
  return r.value as Output<K>;
}
