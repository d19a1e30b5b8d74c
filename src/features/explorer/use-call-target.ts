import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiDefinition, ApiOperation } from '../../lib/catalog/api-model';
import { parseEndpointParam } from '../../lib/explorer/endpoint-param';
import type { EndpointParamError } from '../../lib/explorer/endpoint-param';
import { buildOwnApiRequest, ownApiDefinition } from '../../lib/explorer/own-api';
import { buildFormRequest, endpointShape, initialRequestInputs } from '../../lib/explorer/request-form';
import type { BuildRequestResult, EndpointShape, RequestInputs } from '../../lib/explorer/request-form';
import type { ApiDefinition as ProfileApi, ProfileSummary } from '../../shared/api-contract';
import { useManagementApi, useManagementRequests } from './catalog-queries';
import { useApiChoice, useDraft, useExplorerActions, useOwnDraft } from './explorer-store';
import type { EndpointDraft, OwnApiDraft } from './explorer-store';

/** What the form is about to call: the API, the operation (when known), what was typed, and the request it builds. */
export type CallTarget =
  | {
      kind: 'management';
      api: ApiDefinition;
      operation: ApiOperation | null;
      endpointError: EndpointParamError | null;
      shape: EndpointShape | null;
      draft: EndpointDraft | null;
      built: BuildRequestResult | null;
      /** Where the catalog's paths start: the issuer (the Management API is at `{issuer}api/v2/`). */
      baseUrl: string;
    }
  | {
      kind: 'own';
      api: ApiDefinition;
      profileApi: ProfileApi;
      operation: ApiOperation | null;
      draft: OwnApiDraft;
      built: BuildRequestResult;
      baseUrl: string;
    };

/** The APIs of a profile the explorer may call besides the Management API: those with a base URL. */
export function ownApis(profile: ProfileSummary | undefined): ProfileApi[] {
  return profile?.apis.filter((a) => a.baseUrl !== undefined) ?? [];
}

/** The form's values for the builder: array query values are typed comma-separated. */
export function draftToInputs(shape: EndpointShape, draft: EndpointDraft): RequestInputs {
  const arrays = new Set((shape.request?.queryParams ?? []).filter((p) => p.type === 'array').map((p) => p.name));
  const query = Object.fromEntries(
    Object.entries(draft.query).map(([name, value]) => [name, arrays.has(name) ? value.split(',').map((v) => v.trim()).filter(Boolean) : value]),
  );
  return { pathParams: draft.pathParams, query, bodyText: draft.bodyText };
}

export function initialDraft(shape: EndpointShape, seeded: Record<string, string>): EndpointDraft {
  const initial = initialRequestInputs(shape);
  return { pathParams: { ...initial.pathParams, ...seeded }, query: {}, bodyText: initial.bodyText };
}

export function defaultOwnDraft(api: ApiDefinition): OwnApiDraft {
  return { method: 'GET', path: api.operations[0]?.path ?? '/', bodyText: '' };
}

export function useCallTarget(profile: ProfileSummary | undefined) {
  const [params] = useSearchParams();
  const endpointParam = params.get('endpoint');
  const choice = useApiChoice();
  const management = useManagementApi();
  const requests = useManagementRequests();
  const profileApi = ownApis(profile).find((a) => a.identifier === choice);
  const ownApi = useMemo(() => (profileApi ? ownApiDefinition(profileApi.identifier, profileApi.name) : null), [profileApi]);
  const parsed = useMemo(() => (management.data ? parseEndpointParam(endpointParam, management.data.operations) : null), [management.data, endpointParam]);
  const operation = parsed?.ok ? parsed.operation : null;
  const storedDraft = useDraft(operation?.id ?? null);
  const storedOwnDraft = useOwnDraft(choice);
  const { pathParamsLinked } = useExplorerActions();

  // A link to a filled-in path (`/api/v2/users/auth0|bob`) sets those path parameters once, when the request forms are in;
  // the rest of the draft stays as typed, and typing afterwards is never overwritten.
  const formsReady = !requests.isPending;
  const seededOperation = formsReady && parsed?.ok && Object.keys(parsed.pathParams).length > 0 ? parsed : null;
  useEffect(() => {
    if (!seededOperation) return;
    const shape = endpointShape(seededOperation.operation, requests.data ?? null);
    pathParamsLinked(seededOperation.operation.id, seededOperation.pathParams, initialDraft(shape, {}));
  }, [seededOperation, pathParamsLinked, requests.data]);

  const target = useMemo((): CallTarget | null => {
    if (profileApi && ownApi) {
      const draft = storedOwnDraft ?? defaultOwnDraft(ownApi);
      const path = draft.path.split('?')[0] ?? '';
      const known = parseEndpointParam(`${draft.method} ${path}`, ownApi.operations);
      return { kind: 'own', api: ownApi, profileApi, operation: known.ok ? known.operation : null, draft, built: buildOwnApiRequest(draft), baseUrl: profileApi.baseUrl ?? '' };
    }
    if (!management.data) return null;
    const baseUrl = profile?.issuer ?? '';
    if (!parsed?.ok) return { kind: 'management', api: management.data, operation: null, endpointError: parsed?.error ?? null, shape: null, draft: null, built: null, baseUrl };
    const shape = endpointShape(parsed.operation, requests.data ?? null);
    const draft = storedDraft ?? initialDraft(shape, parsed.pathParams);
    return { kind: 'management', api: management.data, operation: parsed.operation, endpointError: null, shape, draft, built: buildFormRequest(shape, draftToInputs(shape, draft)), baseUrl };
  }, [profileApi, ownApi, storedOwnDraft, management.data, parsed, requests.data, storedDraft, profile?.issuer]);

  return { target, catalogPending: management.isPending, catalogError: management.isError, requestsPending: requests.isPending };
}
