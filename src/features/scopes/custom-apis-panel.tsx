import { useId, useState } from 'react';
import { APPOINTMENTS_EXAMPLE, customApiSchema, formatEndpointLines, parseEndpointLines } from '../../lib/catalog/custom-api';
import type { CustomApi } from '../../lib/catalog/custom-api';
import { splitScope } from '../../lib/oauth/scope';
import { importOpenApi, OpenApiImportError } from '../../lib/catalog/openapi-import';
import type { OpenApiImportErrorCode } from '../../lib/catalog/openapi-import';
import { useCustomApis, useScopesActions } from './scopes-store';

const IMPORT_ERRORS: Record<OpenApiImportErrorCode, string> = {
  ERR_IMPORT_TOO_LARGE: 'The document is too large (10 MB at most).',
  ERR_IMPORT_PARSE_FAILED: 'This is neither valid JSON nor valid YAML.',
  ERR_IMPORT_NOT_OPENAPI3: 'Only OpenAPI 3.x documents can be imported (Swagger 2.0 must be converted first).',
  ERR_IMPORT_INVALID: 'This does not look like an OpenAPI document.',
  ERR_IMPORT_NO_OPERATIONS: 'The document declares no operations.',
};

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'api';

interface CustomApisPanelProps {
  onOpen: (key: string) => void;
}

/** Define an API by hand or import an OpenAPI 3 document; definitions are stored locally and hold no secrets. */
export function CustomApisPanel({ onOpen }: CustomApisPanelProps) {
  const apis = useCustomApis();
  const { customApiSaved, customApiDeleted } = useScopesActions();
  const [name, setName] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [scopes, setScopes] = useState('');
  const [endpoints, setEndpoints] = useState('');
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [openApiText, setOpenApiText] = useState('');
  const [anyOf, setAnyOf] = useState(false);
  const [importMessage, setImportMessage] = useState<{ tone: 'ok' | 'danger'; lines: string[] } | null>(null);
  const formId = useId();

  const fillExample = () => {
    setName(APPOINTMENTS_EXAMPLE.name);
    setIdentifier(APPOINTMENTS_EXAMPLE.identifier);
    setScopes(APPOINTMENTS_EXAMPLE.scopes.map((s) => s.name).join(' '));
    setEndpoints(formatEndpointLines(APPOINTMENTS_EXAMPLE.operations));
  };

  const save = (open: boolean) => {
    const parsed = parseEndpointLines(endpoints);
    const errors = parsed.errors.map((e) => `Line ${e.line}: ${e.message}`);
    const declared = splitScope(scopes);
    const used = parsed.operations.flatMap((op) => op.anyOf.flat());
    const candidate = customApiSchema.safeParse({
      id: slug(name),
      name: name.trim(),
      identifier: identifier.trim(),
      scopes: [...new Set([...declared, ...used])].map((s) => ({ name: s, description: '' })),
      operations: parsed.operations,
    });
    if (!candidate.success) errors.push(...candidate.error.issues.map((i) => `${i.path.join('.') || 'API'}: ${i.message}`));
    if (parsed.operations.length === 0) errors.push('Add at least one endpoint line.');
    setFormErrors(errors);
    if (errors.length > 0 || !candidate.success) return;
    customApiSaved(candidate.data);
    if (open) onOpen(`custom:${candidate.data.id}`);
  };

  const runImport = async () => {
    try {
      const result = await importOpenApi(openApiText, { semantics: anyOf ? 'any-of' : 'openapi' });
      const api: CustomApi = { ...result.api, id: slug(result.api.name) };
      customApiSaved(api);
      const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
      setImportMessage({ tone: 'ok', lines: [`Imported ${api.name}: ${count(api.operations.length, 'endpoint')}, ${count(api.scopes.length, 'scope')}.`, ...result.warnings] });
      onOpen(`custom:${api.id}`);
    } catch (error) {
      const message = error instanceof OpenApiImportError ? IMPORT_ERRORS[error.code] : 'The import failed.';
      setImportMessage({ tone: 'danger', lines: [message] });
    }
  };

  return (
    <section className="panel" aria-labelledby={`${formId}-h`}>
      <h2 id={`${formId}-h`}>Your own APIs</h2>
      <p className="muted">Define an API or import its OpenAPI 3 document; picking and “Why 403?” then work for it. Stored in this browser only.</p>

      {apis.length > 0 ? (
        <ul className="custom-api-list" aria-label="Saved APIs">
          {apis.map((api) => (
            <li key={api.id}>
              <strong>{api.name}</strong> <span className="mono muted">{api.identifier}</span>{' '}
              <button type="button" className="small" onClick={() => onOpen(`custom:${api.id}`)}>
                Open {api.name}
              </button>{' '}
              <button type="button" className="small" onClick={() => customApiDeleted(api.id)}>
                Delete {api.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <div className="grid-2">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save(true);
          }}
          aria-label="Define an API"
        >
          <h3>Define an API</h3>
          <label className="field">
            <span>API name</span>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>API identifier (audience)</span>
            <input type="text" value={identifier} onChange={(e) => setIdentifier(e.target.value)} placeholder="https://api.example.com/" spellCheck={false} />
          </label>
          <label className="field">
            <span>Scopes</span>
            <input type="text" value={scopes} onChange={(e) => setScopes(e.target.value)} placeholder="read:things write:things" spellCheck={false} />
          </label>
          <label className="field">
            <span>Endpoints</span>
            <textarea className="mono" rows={5} value={endpoints} onChange={(e) => setEndpoints(e.target.value)} spellCheck={false} placeholder={'GET /things read:things\nPOST /things write:things'} />
          </label>
          <p className="field-hint">One per line: METHOD /path scope… (any one scope is enough; a+b needs both).</p>
          {formErrors.length > 0 ? (
            <ul className="status danger" role="alert">
              {formErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
          <div className="button-row">
            <button type="submit" className="primary">
              Save API
            </button>
            <button type="button" onClick={fillExample}>
              Use the appointments example
            </button>
          </div>
        </form>

        <form
          onSubmit={(e) => {
            e.preventDefault();
            void runImport();
          }}
          aria-label="Import OpenAPI"
        >
          <h3>Import OpenAPI 3</h3>
          <label className="field">
            <span>OpenAPI file</span>
            <input
              type="file"
              accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void file.text().then(setOpenApiText);
              }}
            />
          </label>
          <label className="field">
            <span>OpenAPI document</span>
            <textarea className="mono" rows={5} value={openApiText} onChange={(e) => setOpenApiText(e.target.value)} spellCheck={false} placeholder="openapi: 3.0.3 …" />
          </label>
          <label>
            <input type="checkbox" checked={anyOf} onChange={(e) => setAnyOf(e.target.checked)} /> Any one listed scope is enough (Auth0 style)
          </label>
          <p className="field-hint">By default, several scopes in one security requirement are all needed, as OpenAPI says.</p>
          {importMessage ? (
            <ul className={`status ${importMessage.tone}`} role={importMessage.tone === 'danger' ? 'alert' : 'status'}>
              {importMessage.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
          <div className="button-row">
            <button type="submit" disabled={openApiText.trim() === ''}>
              Import OpenAPI
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
