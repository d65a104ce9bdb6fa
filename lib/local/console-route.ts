import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildConsole } from '../../console/build.js';

/** What the local console learns from `config.json`: same-origin API, dev-token sign-in. */
export interface LocalConsoleConfig {
  /** Base URL of the admin API; '' = the console's own origin (the local API server). */
  apiUrl: string;
  auth: 'dev-token';
  /** Prefilled in the sign-in field. Only ever served by the local runtime. */
  devToken?: string;
}

export interface ConsoleRouteOptions {
  /** Where the console is served. Default `/console`. */
  basePath?: string;
  /** The admin token to prefill on the sign-in page (local runtime only); omit to ask for it. */
  devToken?: string;
  /** Bundle the console again on every request of app.js (while editing it). Default false. */
  rebuild?: boolean;
  log?: (line: string) => void;
}

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'config.json': 'application/json; charset=utf-8',
};

/** The same policy CloudFront sends in AWS, less the Cognito hosts. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/**
 * Serves the privacy console for the local runtime's `extraRoutes`: `/console` redirects
 * to `/console/`, which serves index.html, app.js (bundled with esbuild on first request
 * and cached), console.css and a `config.json` that says "local, dev-token sign-in".
 * Returns false for every other path, so the API routes still answer them.
 */
export function consoleRoute(options: ConsoleRouteOptions = {}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const base = (options.basePath ?? '/console').replace(/\/+$/, '');
  const config: LocalConsoleConfig = { apiUrl: '', auth: 'dev-token', ...(options.devToken ? { devToken: options.devToken } : {}) };
  let files: Promise<Map<string, Uint8Array>> | undefined;
  const bundle = () => {
    if (!files || options.rebuild) {
      files = buildConsole();
      // A failed build is not cached: the next request tries again.
      files.catch(() => (files = undefined));
    }
    return files;
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array, head: boolean, extra: Record<string, string> = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, {
      'content-type': type,
      'content-length': String(bytes.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': CONSOLE_CSP,
      ...extra,
    });
    res.end(head ? undefined : bytes);
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return false;
    const method = (req.method ?? 'GET').toUpperCase();
    const head = method === 'HEAD';
    if (method !== 'GET' && !head) {
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', head, { allow: 'GET, HEAD' });
      return true;
    }
    if (url.pathname === base) {
      res.writeHead(301, { location: `${base}/${url.search}`, 'content-length': '0' });
      res.end();
      return true;
    }
    const name = url.pathname.slice(base.length + 1) || 'index.html';
    if (name === 'config.json') {
      send(res, 200, TYPES['config.json']!, JSON.stringify(config), head);
      return true;
    }
    if (!TYPES[name]) {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found\n', head);
      return true;
    }
    bundle().then(
      (built) => send(res, 200, TYPES[name]!, built.get(name)!, head),
      (error: unknown) => {
        options.log?.(`[console] build failed: ${(error as Error).message}`);
        send(res, 500, 'text/plain; charset=utf-8', `The console could not be built: ${(error as Error).message}\n`, head);
      },
    );
    return true;
  };
}
