import { useId } from 'react';
import type { ReactNode } from 'react';
import { HTTP_METHODS } from '../../lib/catalog/schema';
import type { HttpMethod, RequestParam } from '../../lib/catalog/schema';
import type { EndpointShape, RequestInputError } from '../../lib/explorer/request-form';
import type { EndpointDraft, OwnApiDraft } from './explorer-store';

/** Input errors by field (`path.id`, `query.per_page`, `body`), shown next to the field only once the user tried to send. */
export type FieldErrors = ReadonlyMap<string, string>;

export function fieldErrors(errors: readonly RequestInputError[]): FieldErrors {
  const byField = new Map<string, string>();
  for (const error of errors) if (!byField.has(error.field)) byField.set(error.field, error.message);
  return byField;
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  children: (props: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': boolean }) => ReactNode;
}

/** A labelled input with its hint and, when there is one, its error right below it. */
function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) })}
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function paramHint(param: RequestParam): string {
  const type = param.type === 'array' ? 'list, comma-separated' : param.type;
  return [`${type}${param.required ? ', required' : ''}`, param.description].filter(Boolean).join('. ');
}

function QueryInput({ param, value, error, onChange }: { param: RequestParam; value: string; error: string | undefined; onChange: (value: string) => void }) {
  const choices = param.enum?.map(String) ?? (param.type === 'boolean' ? ['true', 'false'] : null);
  return (
    <Field label={param.name} hint={paramHint(param)} error={error}>
      {(props) =>
        choices ? (
          <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">(not sent)</option>
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...props}
            type="text"
            className="mono"
            inputMode={param.type === 'integer' || param.type === 'number' ? 'numeric' : undefined}
            value={value}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

function BodyField({ value, error, disabled, onChange }: { value: string; error: string | undefined; disabled?: boolean; onChange: (value: string) => void }) {
  return (
    <Field label="Body (JSON)" error={error} hint={disabled ? 'GET requests have no body.' : 'Sent as application/json.'}>
      {(props) => <textarea {...props} className="mono" rows={8} value={value} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

interface CatalogRequestFieldsProps {
  shape: EndpointShape;
  draft: EndpointDraft;
  errors: FieldErrors;
  onChange: (draft: EndpointDraft) => void;
}

/** The catalog operation's form: path parameters, query parameters (type, enum, required) and the JSON body. */
export function CatalogRequestFields({ shape, draft, errors, onChange }: CatalogRequestFieldsProps) {
  const pathNames = Object.keys(draft.pathParams);
  const queryParams = shape.request?.queryParams ?? [];
  const describedPath = new Map((shape.request?.pathParams ?? []).map((p) => [p.name, p]));
  const hasBody = shape.method !== 'GET' && (shape.request === null || shape.request.body !== null);
  return (
    <>
      {pathNames.length > 0 ? (
        <fieldset className="explorer-params">
          <legend>Path parameters</legend>
          {pathNames.map((name) => {
            const param = describedPath.get(name);
            return (
              <Field key={name} label={name} hint={param ? paramHint(param) : 'string, required'} error={errors.get(`path.${name}`)}>
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    className="mono"
                    value={draft.pathParams[name] ?? ''}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(e) => onChange({ ...draft, pathParams: { ...draft.pathParams, [name]: e.target.value } })}
                  />
                )}
              </Field>
            );
          })}
        </fieldset>
      ) : null}
      {queryParams.length > 0 ? (
        <details className="explorer-params" open={queryParams.some((p) => p.required || errors.has(`query.${p.name}`)) || Object.values(draft.query).some(Boolean) || undefined}>
          <summary>Query parameters ({queryParams.length})</summary>
          <div className="explorer-param-grid">
            {queryParams.map((param) => (
              <QueryInput
                key={param.name}
                param={param}
                value={draft.query[param.name] ?? ''}
                error={errors.get(`query.${param.name}`)}
                onChange={(value) => onChange({ ...draft, query: { ...draft.query, [param.name]: value } })}
              />
            ))}
          </div>
        </details>
      ) : null}
      {hasBody || draft.bodyText.trim() !== '' ? (
        <BodyField value={draft.bodyText} error={errors.get('body')} disabled={shape.method === 'GET'} onChange={(bodyText) => onChange({ ...draft, bodyText })} />
      ) : null}
    </>
  );
}

/** An own API has no catalog: a method, a free path (with its query string) and a JSON body. */
export function OwnRequestFields({ draft, errors, onChange }: { draft: OwnApiDraft; errors: FieldErrors; onChange: (draft: OwnApiDraft) => void }) {
  return (
    <>
      <div className="explorer-method-path">
        <Field label="Method" error={undefined}>
          {(props) => (
            <select {...props} value={draft.method} onChange={(e) => onChange({ ...draft, method: e.target.value as HttpMethod })}>
              {HTTP_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Path" error={errors.get('path')} hint="Relative to the API's base URL, with a query string if you need one.">
          {(props) => <input {...props} type="text" className="mono" value={draft.path} autoComplete="off" spellCheck={false} onChange={(e) => onChange({ ...draft, path: e.target.value })} />}
        </Field>
      </div>
      <BodyField value={draft.bodyText} error={errors.get('body')} disabled={draft.method === 'GET'} onChange={(bodyText) => onChange({ ...draft, bodyText })} />
    </>
  );
}
