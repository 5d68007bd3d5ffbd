// A real OpenID provider for the sign-in tests: oidc-provider 9.x (npm), a
// certified implementation; `scripts/test` installs it and tells the tests
// where (TEAMSHOT_TEST_OIDC_PROVIDER, passed on as OIDC_PROVIDER_MODULE).
//
//   node oidc-provider.mjs [PORT]
//
// Env (all optional except where noted):
//   OIDC_PORT            port on 127.0.0.1 (or argv[2]); 0 = any free port
//   OIDC_CLIENT_ID       default "teamshot"
//   OIDC_CLIENT_SECRET   default "teamshot-secret"
//   OIDC_REDIRECT_URIS   space/comma separated; default
//                        "http://127.0.0.1/login/sso/callback". The client is
//                        application_type "native", so any port on an
//                        http://127.0.0.1 (or localhost / [::1]) redirect URI
//                        matches (RFC 8252 7.3): one provider serves every
//                        test server, whatever port it bound.
//   OIDC_AUTH_METHOD     client_secret_basic (default) | client_secret_post
//                        (9.x accepts either at /token for both settings)
//
// Prints one line "listening <issuer>" on stdout once it accepts connections
// (a test can wait for that line, or poll the discovery document).
//
// Login: the dev login form (POST /interaction/:uid, fields prompt=login,
// login=<anything>, password=<anything>). The login name becomes the account:
//   sub   = the login as typed
//   email = the login if it contains "@", else "<login>@example.com"
//   email_verified = false if the login contains "+unverified", else true
//   name  = the part before "@"
// Consent is granted automatically (no second form).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

// ESM ignores NODE_PATH: either run this file from a directory whose
// node_modules holds oidc-provider, or point OIDC_PROVIDER_MODULE at
// .../node_modules/oidc-provider/lib/index.js.
const { default: Provider, interactionPolicy } = await import(process.env.OIDC_PROVIDER_MODULE
  ? pathToFileURL(process.env.OIDC_PROVIDER_MODULE).href
  : 'oidc-provider');

const port = Number(process.argv[2] ?? process.env.OIDC_PORT ?? 0);
const clientId = process.env.OIDC_CLIENT_ID ?? 'teamshot';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'teamshot-secret';
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? 'http://127.0.0.1/login/sso/callback')
  .split(/[\s,]+/).filter(Boolean);
const authMethod = process.env.OIDC_AUTH_METHOD ?? 'client_secret_basic';

// Native clients get a consent prompt at every authorization
// ("native_client_prompt"); drop that check so only the login form shows.
const policy = interactionPolicy.base();
policy.get('consent').checks.remove('native_client_prompt');

function account(login) {
  const email = login.includes('@') ? login : `${login}@example.com`;
  return {
    accountId: login,
    async claims() {
      return {
        sub: login,
        email,
        email_verified: !login.includes('+unverified'),
        name: email.split('@')[0],
      };
    },
  };
}

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    application_type: 'native', // loopback redirect URIs on any port
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: authMethod,
  }],
  // Every login name is an account.
  findAccount: async (_ctx, sub) => account(sub),
  // Standard claims per scope ("openid email profile").
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Put the scope's claims into the ID token too (the default, true, leaves
  // them to the userinfo endpoint whenever an access token is issued).
  conformIdTokenClaims: false,
  // PKCE (S256 only in 9.x) required of every client, so a test fails if the
  // app forgets it.
  pkce: { required: () => true },
  interactions: { policy },
  features: {
    devInteractions: { enabled: true }, // the default; stated for clarity
  },
  // Skip the consent page: grant whatever the client asked for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    await grant.save();
    return grant;
  },
  // No `jwks`: the package's built-in development RSA key signs the ID
  // tokens (RS256, kid "keystore-CHANGE-ME", published at /jwks).
  // Cookie signing keys (adds *.sig cookies); cookies are `secure` only when
  // the request is https, so plain http on 127.0.0.1 works.
  cookies: { keys: ['teamshot-test-cookie-key'] },
};

// The issuer must be known before listening; with port 0 listen first on a
// plain http server and build the provider from the bound port.
const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const bound = server.address().port;
  const issuer = `http://127.0.0.1:${bound}`;
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());
  process.stdout.write(`listening ${issuer}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
