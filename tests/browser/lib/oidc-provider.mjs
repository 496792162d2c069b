// A small OpenID Connect provider for the browser tests (node:http + node:crypto only): the
// authorization code flow with PKCE for one public client, auto-approving one configured
// person. It signs RS256 id tokens with `iss`, `aud` = the client id, `exp`, `sub`, the IIN
// claim (`custom:iin`, as the Cognito pool of infra/template.yaml), `name` and the `nonce`.
//
//   const p = await startProvider({ user: { iin, name }, clientId, ttl });
//   p.issuer, p.jwksUrl, p.clientId; p.log.{authorize,token,logout} (what each endpoint was
//   asked, in order); p.issued (every id token signed); await p.close()
//
// Endpoints: /.well-known/openid-configuration, /authorize (redirects back with a code),
// /token (authorization_code, PKCE S256 checked; refresh_token), /jwks, /logout (Cognito's
// `logout_uri` or the standard `post_logout_redirect_uri`). Every answer allows any origin:
// the site calls discovery and /token from its own origin.

import crypto from 'node:crypto';
import http from 'node:http';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

export async function startProvider({ user, clientId = 'qabyldau-site', ttl = 3600,
  iinClaim = 'custom:iin', nameClaim = 'name' }) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = crypto.randomUUID();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const sub = crypto.randomUUID(); // as Cognito: an opaque subject, the IIN in its own claim
  const codes = new Map();
  const refreshTokens = new Set();
  const log = { authorize: [], token: [], logout: [] };
  const issued = [];
  let issuer = '';

  const idToken = (nonce) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer, aud: clientId, sub, iat: now, exp: now + ttl, token_use: 'id',
      [iinClaim]: user.iin, [nameClaim]: user.name, ...(nonce ? { nonce } : {}) };
    const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${b64url(JSON.stringify(claims))}`;
    const token = `${input}.${b64url(crypto.sign('sha256', Buffer.from(input), privateKey))}`;
    issued.push(token);
    return token;
  };

  const send = (res, status, body, headers = {}) => {
    const json = typeof body !== 'string';
    res.writeHead(status, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*',
      'cache-control': 'no-store', 'content-type': json ? 'application/json' : 'text/plain', ...headers });
    res.end(json ? JSON.stringify(body) : body);
  };
  const redirect = (res, to) => send(res, 302, '', { location: to });

  async function handle(req, res) {
    const url = new URL(req.url, issuer);
    const q = url.searchParams;
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (url.pathname === '/.well-known/openid-configuration') {
      return send(res, 200, { issuer, authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'], subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'], code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code', 'refresh_token'] });
    }
    if (url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const p = Object.fromEntries(q);
      log.authorize.push(p);
      if (p.response_type !== 'code' || p.client_id !== clientId || !p.redirect_uri || !p.state
        || p.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge ?? '')) {
        return send(res, 400, `bad authorization request: ${JSON.stringify(p)}`);
      }
      const code = b64url(crypto.randomBytes(16));
      codes.set(code, { redirectUri: p.redirect_uri, challenge: p.code_challenge, nonce: p.nonce });
      const back = new URL(p.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.state);
      return redirect(res, back.href);
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const f = Object.fromEntries(new URLSearchParams(body));
      log.token.push({ ...f, contentType: req.headers['content-type'] });
      const refuse = (why) => send(res, 400, { error: 'invalid_grant', error_description: why });
      if (f.client_id !== clientId) return send(res, 401, { error: 'invalid_client' });
      if (f.grant_type === 'authorization_code') {
        const c = codes.get(f.code);
        codes.delete(f.code); // one use
        if (!c) return refuse('unknown or used code');
        if (c.redirectUri !== f.redirect_uri) return refuse('redirect_uri differs');
        const challenge = b64url(crypto.createHash('sha256').update(f.code_verifier ?? '').digest());
        if (challenge !== c.challenge) return refuse('PKCE verifier does not match');
        const refresh = b64url(crypto.randomBytes(24));
        refreshTokens.add(refresh);
        return send(res, 200, { id_token: idToken(c.nonce), access_token: b64url(crypto.randomBytes(24)),
          refresh_token: refresh, token_type: 'Bearer', expires_in: ttl });
      }
      if (f.grant_type === 'refresh_token') {
        if (!refreshTokens.has(f.refresh_token)) return refuse('unknown refresh token');
        // As Cognito: new id and access tokens, the refresh token stays.
        return send(res, 200, { id_token: idToken(), access_token: b64url(crypto.randomBytes(24)),
          token_type: 'Bearer', expires_in: ttl });
      }
      return send(res, 400, { error: 'unsupported_grant_type' });
    }
    if (url.pathname === '/logout') {
      const p = Object.fromEntries(q);
      log.logout.push(p);
      const to = p.logout_uri ?? p.post_logout_redirect_uri;
      if (!to || p.client_id !== clientId) return send(res, 400, `bad logout request: ${JSON.stringify(p)}`);
      refreshTokens.clear();
      return redirect(res, to);
    }
    return send(res, 404, 'not found');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, String(e)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return {
    issuer, clientId, log, issued, jwksUrl: `${issuer}/jwks`, jwks: { keys: [jwk] },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
