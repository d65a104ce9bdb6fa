import { authorizationHeader, currentToken } from './auth.js';
import type { ConsoleConfig } from './config.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AdminApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/** The admin API with the signed-in user's token; 401 calls `onUnauthorized`. */
export function adminApi(config: ConsoleConfig, onUnauthorized: (message: string) => void): AdminApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = currentToken();
    if (!token) {
      onUnauthorized('Please sign in.');
      throw new ApiError(401, 'unauthorized', 'Please sign in.');
    }
    let response: Response;
    try {
      response = await fetch(`${config.apiUrl}/admin${path}`, {
        method,
        headers: {
          authorization: authorizationHeader(config, token),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'network', 'The admin API could not be reached. Check your connection and try again.');
    }
    const text = await response.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed as T;
    const error = parsed?.error ?? {};
    const message = error.message ?? parsed?.message ?? `HTTP ${response.status}`;
    if (response.status === 401) onUnauthorized('Your session has ended. Please sign in again.');
    if (response.status === 403) throw new ApiError(403, error.code ?? 'forbidden', 'Your account is not in the privacy-team group.');
    throw new ApiError(response.status, error.code ?? `http_${response.status}`, message);
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
  };
}
