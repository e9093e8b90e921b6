// A real OpenID Connect provider (the certified `oidc-provider` package) on loopback,
// for tests/sso. It listens on a random free port and prints "READY <issuer>" once it
// accepts connections; the Python fixture waits for that line and kills the process.
//
// Configuration comes as JSON in OIDC_TEST_CONFIG:
//   {"clients": [{client_id, client_secret, redirect_uris}], "api_resources": ["urn:…"],
//    "accounts": {"<sub>": {email, preferred_username, groups, amr, acr, wrong_audience}}}
// `amr`/`acr` are what the login "asserted" (as a real IdP does after MFA).
// `wrong_audience` makes the provider sign that account's ID token for another client:
// the misbehaving provider Schakel must refuse.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { URLSearchParams } from 'node:url';

import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG || '{}');
const accounts = config.accounts || {};
// Resource indicators of APIs the provider issues access tokens for: Schakel's, and one
// of "another application" (a token for it must not open Schakel's API).
const apiResources = config.api_resources || [];

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: (config.clients || []).map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...client,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(16).toString('hex')] },
  claims: {
    // amr/acr with the openid scope, as Entra ID and Keycloak put them in every ID token.
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['preferred_username', 'name'],
    groups: ['groups'],
  },
  features: {
    devInteractions: { enabled: false },
    // Access tokens for Schakel's API (RFC 8707 resource indicators, RFC 9068 JWT access
    // tokens), as Entra ID, ADFS and Keycloak issue for an API registered with them.
    // Only when the client asks for that resource: the login flow keeps its own tokens.
    resourceIndicators: {
      enabled: true,
      defaultResource: async (ctx, client, oneOf) => oneOf,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (ctx, resource) => {
        if (!apiResources.includes(resource)) throw new errors.InvalidTarget();
        return { scope: 'api', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 300 };
      },
    },
  },
  // What an enterprise IdP puts in an access token about the person: who, groups, how.
  async extraTokenClaims(ctx, token) {
    const account = accounts[token.accountId];
    if (!account) return undefined;
    return { email: account.email, groups: account.groups || [], amr: account.amr || [] };
  },
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: account.email,
          email_verified: true,
          preferred_username: account.preferred_username,
          name: account.name || account.preferred_username,
          groups: account.groups || [],
        };
      },
    };
  },
  // First-party client: consent is implied, as with an enterprise IdP's admin consent.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const existing = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid email profile groups');
    for (const resource of apiResources) grant.addResourceScope(resource, 'api');
    await grant.save();
    session.grantIdFor(client.clientId, grant.jti);
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = 'text/plain';
    ctx.body = `${out.error}: ${out.error_description}`;
  },
});

const originalIssue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function issue(options) {
  const account = accounts[this.available?.sub];
  if (!account?.wrong_audience || options?.use !== 'idtoken') {
    return originalIssue.call(this, options);
  }
  const realClient = this.client;
  this.client = Object.create(realClient, { clientId: { value: 'een-andere-applicatie' } });
  try {
    return await originalIssue.call(this, options);
  } finally {
    this.client = realClient;
  }
};

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

// The login screen: a form with the account to log in as (no passwords: test accounts).
async function interaction(req, res) {
  const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  if (!match) return false;
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'POST' && match[2]) {
    const form = await readForm(req);
    const sub = form.get('login');
    const account = accounts[sub];
    if (!account) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('unknown test account');
      return true;
    }
    await provider.interactionFinished(req, res, {
      login: { accountId: sub, amr: account.amr, acr: account.acr },
    }, { mergeWithLastSubmission: false });
    return true;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>Test IdP</title><form method="post" action="/interaction/${details.uid}/login">
<label>Account <input name="login"></label><button>Log in</button></form>`);
  return true;
}

const callback = provider.callback();
server.on('request', (req, res) => {
  interaction(req, res).then((handled) => {
    if (!handled) callback(req, res);
  }).catch((error) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(`READY ${issuer}\n`);
