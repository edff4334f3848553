import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrfToken, openSession, type Principal, signSession } from './access';
import type { HttpDeps } from './deps';

export const sessionCookie = 'pc_session';
const sessionHours = 8;

export type AuthEnv = { Variables: { principal: Principal; via: 'bearer' | 'cookie' } };

function fromRequest(
  deps: HttpDeps,
  c: Context,
): { principal: Principal; via: 'bearer' | 'cookie' } | undefined {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const principal = deps.access.byToken(bearer);
    return principal ? { principal, via: 'bearer' } : undefined;
  }
  const session = openSession(deps.secret, getCookie(c, sessionCookie));
  const principal = session && deps.access.byTokenHash(session.tokenSha256);
  return principal ? { principal, via: 'cookie' } : undefined;
}

/** Pages: a browser without a session is sent to the login form. */
export function requirePageLogin(deps: HttpDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const found = fromRequest(deps, c);
    if (!found) {
      const next_ = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''));
      return c.redirect(`/login?next=${next_}`, 303);
    }
    c.set('principal', found.principal);
    c.set('via', found.via);
    await next();
  };
}

/**
 * API: a bearer token, or the browser session. Writes with the session cookie must carry the
 * session's CSRF token in `x-csrf-token` (SameSite=Strict already keeps other sites out).
 */
export function requireApiAuth(deps: HttpDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const found = fromRequest(deps, c);
    if (!found)
      return c.json(
        { error: 'unauthorized', message: 'Send "Authorization: Bearer <your access token>".' },
        401,
      );
    if (
      found.via === 'cookie' &&
      c.req.method !== 'GET' &&
      c.req.header('x-csrf-token') !== csrfToken(deps.secret, found.principal.tokenSha256)
    ) {
      return c.json({ error: 'csrf', message: 'Missing or wrong x-csrf-token for a cookie session.' }, 403);
    }
    c.set('principal', found.principal);
    c.set('via', found.via);
    await next();
  };
}

export function startSession(deps: HttpDeps, c: Context, principal: Principal): void {
  const expires = Date.now() + sessionHours * 3600_000;
  setCookie(c, sessionCookie, signSession(deps.secret, principal.tokenSha256, expires), {
    httpOnly: true,
    sameSite: 'Strict',
    secure: deps.publicBaseUrl.startsWith('https://'),
    path: '/',
    maxAge: sessionHours * 3600,
  });
}

export const endSession = (c: Context): void => {
  deleteCookie(c, sessionCookie, { path: '/' });
};
