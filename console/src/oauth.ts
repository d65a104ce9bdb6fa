/** Cognito hosted UI sign-in (authorization code with PKCE): the pure parts, no DOM. */

export interface CognitoSettings {
  /** The hosted UI base, e.g. https://kiara-privacy.auth.eu-west-1.amazoncognito.com */
  domain: string;
  clientId: string;
  scopes?: string[];
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function authorizeUrl(settings: CognitoSettings, redirectUri: string, state: string, challenge: string): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: (settings.scopes ?? ['openid', 'email', 'profile']).join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${trimSlash(settings.domain)}/oauth2/authorize?${params}`;
}

export function tokenRequest(settings: CognitoSettings, redirectUri: string, code: string, verifier: string) {
  return {
    url: `${trimSlash(settings.domain)}/oauth2/token`,
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: settings.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  };
}

export function logoutUrl(settings: CognitoSettings, logoutUri: string): string {
  return `${trimSlash(settings.domain)}/logout?${new URLSearchParams({ client_id: settings.clientId, logout_uri: logoutUri })}`;
}

/** Seconds until a JWT's `exp` (negative once expired); undefined when unreadable. */
export function jwtSecondsLeft(token: string, nowMs = Date.now()): number | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp - nowMs / 1000 : undefined;
  } catch {
    return undefined;
  }
}
