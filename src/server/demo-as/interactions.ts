import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { loginPageUsers, renderLoginPage } from './login-page';
import { readBody } from './request-body';
import { renderLoginExpiredPage, tenantPageHeaders } from './tenant-page';
import type { TenantStore } from './tenant-store';

/** The login interaction at `/interaction/{uid}`: pick a user, or cancel; consent is granted as Auth0 does for first-party apps. */
export async function handleInteraction(provider: Provider, tenant: TenantStore, req: IncomingMessage, res: ServerResponse, path: string, appOrigin?: string): Promise<void> {
  const refuse = (message: string) => {
    const page = renderLoginExpiredPage(message, appOrigin);
    res.writeHead(400, tenantPageHeaders(page.csp)).end(page.html);
  };
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  const [, , uid, action] = path.split('/');
  if (uid !== details.uid) {
    refuse('This login page does not belong to the current login. Start again from the app.');
    return;
  }

  if (req.method === 'POST' && action === 'abort') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the login' }, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const user = tenant.users.get(form.get('user') ?? '');
    if (!user) {
      refuse('Unknown demo user: pick one of the users listed on the login page.');
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.user_id } }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'login') {
    const audience = typeof params.audience === 'string' ? params.audience : undefined;
    const page = renderLoginPage({ uid: details.uid, clientId: String(params.client_id), scope: String(params.scope ?? ''), audience, users: loginPageUsers(tenant) });
    res.writeHead(200, tenantPageHeaders(page.csp)).end(page.html);
    return;
  }
  if (prompt.name === 'consent') {
    // First-party apps skip consent at Auth0: grant what the user's RBAC permissions allow, reject the rest.
    const accountId = session?.accountId ?? '';
    const permissions = (resource: string) => tenant.userPermissions(accountId, resource);
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(params.client_id) });
    if (!grant) throw new Error('grant not found');
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      const allowed = tenant.resourceServer(resource)?.enforce_policies ? scopes.filter((s) => permissions(resource).includes(s)) : scopes;
      const denied = scopes.filter((s) => !allowed.includes(s));
      if (allowed.length) grant.addResourceScope(resource, allowed.join(' '));
      if (denied.length) grant.rejectResourceScope(resource, denied.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(400, { 'content-type': 'text/plain' }).end(`Unsupported prompt ${prompt.name}`);
}
