import { useMemo } from 'react';
import { CopyButton } from '../../components/ui/copy-button';
import type { ApiDefinition, TokenKind } from '../../lib/catalog/api-model';
import { generateOutputs } from '../../lib/catalog/generate-outputs';
import { useScopesActions, useTenantDomain } from './scopes-store';

interface GeneratedOutputsProps {
  api: ApiDefinition;
  scopes: readonly string[];
  kind: TokenKind;
}

function Snippet({ title, text }: { title: string; text: string }) {
  return (
    <figure className="snippet">
      <figcaption>
        {title} <CopyButton text={text} label={`Copy ${title}`} />
      </figcaption>
      <pre aria-label={title}>{text}</pre>
    </figure>
  );
}

/** Client grant, token request and Terraform for the selection. Placeholders only: no secret is ever filled in. */
export function GeneratedOutputs({ api, scopes, kind }: GeneratedOutputsProps) {
  const tenantDomain = useTenantDomain();
  const { tenantDomainChanged } = useScopesActions();
  const outputs = useMemo(() => generateOutputs(api, scopes, { tenantDomain }), [api, scopes, tenantDomain]);
  return (
    <section className="panel" aria-labelledby="generated-outputs-h">
      <h2 id="generated-outputs-h">Generated outputs</h2>
      {api.kind === 'auth0-management' ? (
        <label className="field">
          <span>Tenant domain</span>
          <input type="text" value={tenantDomain} placeholder="example.eu.auth0.com" onChange={(e) => tenantDomainChanged(e.target.value)} spellCheck={false} />
        </label>
      ) : null}
      {kind === 'm2m' ? (
        <>
          <Snippet title="POST /api/v2/client-grants body" text={outputs.clientGrantBody} />
          <Snippet title="Client-credentials token request (curl)" text={outputs.tokenCurl} />
          <Snippet title="Terraform auth0_client_grant" text={outputs.terraform} />
          <p className="field-hint">The secret is read from $AUTH0_CLIENT_SECRET: never paste a real secret into a command line.</p>
        </>
      ) : (
        <>
          <Snippet title="Login request parameters" text={outputs.authorizeParams} />
          <p className="field-hint">User tokens get their scopes at login (authorize request), not from a client grant.</p>
        </>
      )}
    </section>
  );
}
