// Sign-in through an OpenID Connect provider (lib/oidc-provider.mjs), as a deployment does
// with Cognito: a runner of the scenario's own serves the provider's config.json and accepts its
// RS256 id tokens (JWT_* variables). «Войти» leads to the sign-in app (/signin/, its own bundle),
// which goes to /authorize with a PKCE S256 challenge, comes back to /signin/?code=&state=,
// trades the code (the provider checks the verifier), keeps the tokens in sessionStorage only
// and returns to the page the sign-in started from; the main app sends the id token as the
// API's bearer token, keeps the session over a reload, refreshes the short-lived id token, and
// signs out at the provider.

import { startProvider } from '../lib/oidc-provider.mjs';
import { people } from '../lib/flow.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
// Short-lived id tokens: the site refreshes them halfway (oidc::refresh_in).
const TTL = 12;

const storage = (page) => page.evaluate(() => ({
  session: Object.fromEntries(Object.entries(sessionStorage)),
  local: Object.fromEntries(Object.entries(localStorage)),
}));

// Nothing of the session in localStorage: no key of a token, no token's text.
function assertNothingLocal(assert, local, tokens, when) {
  for (const [k, v] of Object.entries(local)) {
    assert.ok(!/token|oidc/i.test(k), `${when}: localStorage holds ${k}`);
    for (const t of tokens) assert.ok(!v.includes(t.slice(-20)), `${when}: localStorage ${k} holds a token`);
  }
}

export default async function oidcSignIn({ newPage, startRunner, shot, assert, pageErrors }) {
  const parent = people.parent;
  const provider = await startProvider({ user: parent, clientId: 'qabyldau-site', ttl: TTL });
  try {
    const siteConfig = { auth: { mode: 'oidc', issuer: provider.issuer, client_id: provider.clientId,
      scope: 'openid phone profile', iin_claim: 'custom:iin', name_claim: 'name',
      logout_url: `${provider.issuer}/logout` } };
    const runner = await startRunner({ env: {
      JWT_ISSUER: provider.issuer, JWT_AUDIENCE: provider.clientId, JWT_JWKS_URL: provider.jwksUrl,
      JWT_IIN_CLAIM: 'custom:iin', JWT_NAME_CLAIM: 'name', SITE_CONFIG_JSON: JSON.stringify(siteConfig),
    } });
    // The runner serves SITE_CONFIG_JSON and accepts the provider's tokens (infra/local).
    const served = await runner.api('GET', '/config.json');
    assert.equal(served.body?.auth?.mode, 'oidc',
      `the runner serves SITE_CONFIG_JSON at /config.json: ${JSON.stringify(served.body)}`);
    const page = await newPage({ ...DESKTOP, baseURL: runner.baseUrl });
    const bearers = [];
    page.on('request', (r) => {
      const auth = r.headers().authorization;
      if (new URL(r.url()).pathname.startsWith('/api/') && auth) bearers.push(auth);
    });

    // A way back that this tab did not start is refused with a message, and nothing is asked.
    await page.goto('/signin/?code=forged&state=forged');
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').textContent(), /устарел|другой вкладке/);
    assert.equal(provider.log.token.length, 0, 'no token request for a foreign state');
    assert.equal(await page.getByTestId('login-retry').getAttribute('href'), '/signin/?return=%2F');
    await shot(page, '14-oidc-refused');

    // Sign in from a page that needs it: its «Войти», the sign-in app, the provider, and back
    // on that page signed in.
    await page.goto('/my');
    await page.locator('main a.btn', { hasText: 'Войти' }).click();
    await page.getByTestId('who').waitFor();
    assert.equal((await page.getByTestId('who').textContent()).trim(), parent.name);
    assert.equal(new URL(page.url()).pathname, '/my', 'back on the page the sign-in started from');

    const [authorize] = provider.log.authorize;
    assert.equal(authorize.client_id, provider.clientId);
    assert.equal(authorize.redirect_uri, `${runner.baseUrl}/signin/`);
    assert.equal(authorize.code_challenge_method, 'S256');
    assert.equal(authorize.scope, 'openid phone profile');
    assert.ok(authorize.state && authorize.nonce, 'state and nonce sent');
    const [exchange] = provider.log.token;
    assert.equal(exchange.grant_type, 'authorization_code');
    assert.equal(exchange.contentType, 'application/x-www-form-urlencoded');
    assert.equal(exchange.client_secret, undefined, 'a public client sends no secret');
    assert.ok(exchange.code_verifier.length >= 43, 'a PKCE verifier of 32 random bytes');

    // The id token is the session's token, in sessionStorage only, and the API's bearer.
    let seen = await storage(page);
    const idToken = seen.session['qabyldau.token'];
    assert.ok(provider.issued.includes(idToken), 'the stored token is the id token the provider signed');
    assert.ok(seen.session['qabyldau.oidc.refresh'], 'the refresh token is kept for the tab');
    assert.equal(seen.session['qabyldau.oidc.logout'],
      `${provider.issuer}/logout?client_id=${provider.clientId}&logout_uri=${encodeURIComponent(`${runner.baseUrl}/`)}`);
    assert.ok(Number(seen.session['qabyldau.oidc.expires']) > Date.now() / 1000, 'the id token\'s expiry kept');
    assert.equal(seen.session['qabyldau.oidc.pending'], undefined, 'the sign-in under way is used up');
    assertNothingLocal(assert, seen.local, [idToken], 'signed in');
    assert.ok(bearers.includes(`Bearer ${idToken}`), 'the API got the id token as its bearer token');
    const me = await runner.api('GET', '/api/me', { token: idToken });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.iin, parent.iin, 'the IIN read from the custom:iin claim');

    // A reload keeps the session (sessionStorage survives it).
    await page.reload();
    await page.getByTestId('who').waitFor();
    await page.goto('/my');
    await page.getByTestId('who').waitFor();
    await shot(page, '14-oidc-signed-in');

    // The short-lived id token is refreshed with the refresh token before it expires.
    const deadline = Date.now() + TTL * 1000 + 5_000;
    while (!provider.log.token.some((t) => t.grant_type === 'refresh_token')) {
      assert.ok(Date.now() < deadline, 'no refresh within the id token\'s life');
      await page.waitForTimeout(250);
    }
    await page.waitForFunction((old) => sessionStorage.getItem('qabyldau.token') !== old, idToken);
    seen = await storage(page);
    const fresh = seen.session['qabyldau.token'];
    assert.ok(provider.issued.includes(fresh), 'the refreshed id token is the provider\'s');
    assertNothingLocal(assert, seen.local, [idToken, fresh], 'refreshed');
    const again = await runner.api('GET', '/api/me', { token: fresh });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    await page.getByTestId('who').waitFor();

    // Sign out: the session is gone and the provider's logout sends the browser home.
    await page.getByRole('button', { name: 'Выйти', exact: true }).click();
    await page.waitForURL(`${runner.baseUrl}/`);
    await page.locator('header a.btn', { hasText: 'Войти' }).waitFor();
    assert.equal(provider.log.logout.length, 1, 'signed out at the provider');
    assert.equal(provider.log.logout[0].logout_uri, `${runner.baseUrl}/`);
    assert.equal(provider.log.logout[0].client_id, provider.clientId);
    seen = await storage(page);
    assert.deepEqual(Object.keys(seen.session).filter((k) => k.startsWith('qabyldau.')), [],
      'no token left in sessionStorage');
    assertNothingLocal(assert, seen.local, [idToken, fresh], 'signed out');

    // The sign-in returns only to a page of the site: another origin's address leads home.
    await page.goto(`/signin/?return=${encodeURIComponent('//evil.example/x')}`);
    await page.waitForURL(`${runner.baseUrl}/`);
    await page.getByTestId('who').waitFor();
    assert.deepEqual(pageErrors().map((e) => e.message), []);
  } finally {
    await provider.close();
  }
}
