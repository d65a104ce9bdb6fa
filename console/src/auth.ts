import type { ConsoleConfig } from './config.js';
import { authorizeUrl, jwtSecondsLeft, logoutUrl, pkceChallenge, randomToken, tokenRequest } from './oauth.js';

const TOKEN_KEY = 'kiara-console.token';
const PKCE_KEY = 'kiara-console.pkce';

/** The signed-in session: the header value the admin API wants, kept for this tab only. */
export function currentToken(): string | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const left = token.includes('.') ? jwtSecondsLeft(token) : undefined;
  if (left !== undefined && left < 30) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return token;
}

export function authorizationHeader(config: ConsoleConfig, token: string): string {
  // The local runtime takes a bearer token; API Gateway's Cognito authorizer the ID token itself.
  return config.auth === 'dev-token' ? `Bearer ${token}` : token;
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

const redirectUri = () => `${location.origin}${location.pathname}`;

export async function startCognitoSignIn(config: Extract<ConsoleConfig, { auth: 'cognito' }>): Promise<void> {
  const verifier = randomToken(48);
  const state = randomToken(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, hash: location.hash }));
  location.assign(authorizeUrl(config.cognito, redirectUri(), state, await pkceChallenge(verifier)));
}

/** Finishes a hosted-UI sign-in when the page was opened with `?code=…&state=…`. */
export async function completeCognitoSignIn(config: ConsoleConfig): Promise<void> {
  if (config.auth !== 'cognito') return;
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string; hash: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', `${location.pathname}${saved?.hash ?? ''}`);
  if (!saved || saved.state !== params.get('state')) throw new Error('The sign-in response does not match this browser tab. Sign in again.');
  const request = tokenRequest(config.cognito, redirectUri(), code, saved.verifier);
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: request.body,
  });
  if (!response.ok) throw new Error(`Sign-in failed (HTTP ${response.status}). Sign in again.`);
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('Sign-in returned no ID token.');
  storeToken(tokens.id_token);
}

export function signOut(config: ConsoleConfig): void {
  sessionStorage.removeItem(TOKEN_KEY);
  if (config.auth === 'cognito') location.assign(logoutUrl(config.cognito, redirectUri()));
}
