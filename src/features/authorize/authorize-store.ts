import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { appendParam, getParam, parseAuthorizeUrl, removeParamAt, replaceParamAt, setParam } from '../../lib/oauth/authorize-url';
import type { AuthorizeRequest } from '../../lib/oauth/authorize-url';
import { issuerInputFromEndpoint } from '../../lib/oauth/issuer';
import { createPkcePair, defaultRandom } from '../../lib/oauth/pkce';
import { applyParamPatch } from '../../lib/oauth/pitfalls';
import type { PatchOp } from '../../lib/oauth/pitfalls';
import { findPreset } from '../../lib/oauth/presets';
import type { ClientKind, PresetId } from '../../lib/oauth/presets';

/**
 * The builder's state. Nothing here is persisted: the request lives in the URL the user copies, and
 * the PKCE verifier only goes to sessionStorage for the round trip (see pending-authorization.ts).
 */
interface AuthorizeState {
  domainInput: string;
  presetId: PresetId;
  clientKind: ClientKind;
  profileId: string | undefined;
  /** The parameters, in order; the single source of truth for every field and the URL. */
  request: AuthorizeRequest;
  /** The endpoint of a pasted URL, kept exactly until the domain changes. */
  pastedEndpoint: string | undefined;
  codeVerifier: string | undefined;
  /** Set when a pasted URL has a code_challenge whose verifier we do not know. */
  verifierUnknown: boolean;
  parseError: string | undefined;
  actions: AuthorizeActions;
}

interface AuthorizeActions {
  domainChanged(value: string): void;
  presetSelected(id: PresetId, redirectUri: string): void;
  clientKindChanged(kind: ClientKind): void;
  profileSelected(profile: { id: string; issuer: string; clientId: string; clientKind: ClientKind } | undefined): void;
  paramChanged(name: string, value: string | undefined): void;
  customParamChanged(index: number, next: { name: string; value: string }): void;
  customParamAdded(): void;
  customParamRemoved(index: number): void;
  urlPasted(text: string): void;
  stateGenerated(): void;
  nonceGenerated(): void;
  pkceToggled(on: boolean): Promise<void>;
  fixApplied(patch: readonly PatchOp[]): Promise<void>;
}

const EMPTY_REQUEST: AuthorizeRequest = { endpoint: '', params: [] };

async function withPkce(request: AuthorizeRequest): Promise<{ request: AuthorizeRequest; codeVerifier: string }> {
  const pair = await createPkcePair();
  return {
    request: setParam(setParam(request, 'code_challenge', pair.codeChallenge), 'code_challenge_method', pair.codeChallengeMethod),
    codeVerifier: pair.codeVerifier,
  };
}

function withoutPkce(request: AuthorizeRequest): AuthorizeRequest {
  return setParam(setParam(request, 'code_challenge', undefined), 'code_challenge_method', undefined);
}

const INITIAL_DATA = {
  domainInput: '',
  presetId: 'auth0-spa',
  clientKind: 'public',
  profileId: undefined,
  request: EMPTY_REQUEST,
  pastedEndpoint: undefined,
  codeVerifier: undefined,
  verifierUnknown: false,
  parseError: undefined,
} satisfies Omit<AuthorizeState, 'actions'>;

const useAuthorizeStore = create<AuthorizeState>()((set, get) => ({
  ...INITIAL_DATA,
  actions: {
    domainChanged: (domainInput) => set({ domainInput, pastedEndpoint: undefined }),
    presetSelected: (presetId, redirectUri) => {
      const preset = findPreset(presetId);
      let request = get().request;
      for (const [name, value] of Object.entries(preset.params)) request = setParam(request, name, value);
      if (!getParam(request, 'redirect_uri')) request = setParam(request, 'redirect_uri', redirectUri);
      set({ presetId, clientKind: preset.clientKind, request });
    },
    clientKindChanged: (clientKind) => set({ clientKind }),
    profileSelected: (profile) => {
      if (!profile) {
        set({ profileId: undefined });
        return;
      }
      set((state) => ({
        profileId: profile.id,
        domainInput: profile.issuer,
        pastedEndpoint: undefined,
        clientKind: profile.clientKind,
        request: setParam(state.request, 'client_id', profile.clientId),
      }));
    },
    paramChanged: (name, value) => set((state) => ({ request: setParam(state.request, name, value) })),
    customParamChanged: (index, next) => set((state) => ({ request: replaceParamAt(state.request, index, next) })),
    customParamAdded: () => set((state) => ({ request: appendParam(state.request, { name: '', value: '' }) })),
    customParamRemoved: (index) => set((state) => ({ request: removeParamAt(state.request, index) })),
    urlPasted: (text) => {
      try {
        const request = parseAuthorizeUrl(text);
        set({
          request,
          pastedEndpoint: request.endpoint,
          domainInput: issuerInputFromEndpoint(request.endpoint),
          codeVerifier: undefined,
          verifierUnknown: getParam(request, 'code_challenge') !== undefined,
          parseError: undefined,
        });
      } catch (error) {
        set({ parseError: error instanceof Error ? error.message : 'This is not an /authorize URL.' });
      }
    },
    stateGenerated: () => set((state) => ({ request: setParam(state.request, 'state', defaultRandom.state()) })),
    nonceGenerated: () => set((state) => ({ request: setParam(state.request, 'nonce', defaultRandom.nonce()) })),
    pkceToggled: async (on) => {
      if (!on) {
        set((state) => ({ request: withoutPkce(state.request), codeVerifier: undefined, verifierUnknown: false }));
        return;
      }
      const { request, codeVerifier } = await withPkce(get().request);
      set({ request, codeVerifier, verifierUnknown: false });
    },
    fixApplied: async (patch) => {
      for (const op of patch) {
        if (op.op === 'set-domain') set({ domainInput: op.value, pastedEndpoint: undefined });
        else if (op.op === 'generate' && op.what === 'state') get().actions.stateGenerated();
        else if (op.op === 'generate' && op.what === 'nonce') get().actions.nonceGenerated();
        else if (op.op === 'generate' && op.what === 'pkce') await get().actions.pkceToggled(true);
        else set((state) => ({ request: applyParamPatch(state.request, [op]) }));
      }
    },
  },
}));

/** Starts a fresh request for this app's callback: the Auth0 SPA preset, a state, a nonce and PKCE. */
export async function initializeAuthorizeRequest(redirectUri: string, options: { startOver?: boolean } = {}): Promise<void> {
  const { actions, request } = useAuthorizeStore.getState();
  if (request.params.length > 0 && !options.startOver) return;
  useAuthorizeStore.setState({
    ...INITIAL_DATA,
    request: {
      endpoint: '',
      params: [
        { name: 'response_type', value: 'code' },
        { name: 'client_id', value: '' },
        { name: 'redirect_uri', value: redirectUri },
        { name: 'scope', value: 'openid profile email' },
        { name: 'state', value: defaultRandom.state() },
        { name: 'nonce', value: defaultRandom.nonce() },
      ],
    },
  });
  await actions.pkceToggled(true);
}

export const useDomainInput = () => useAuthorizeStore((state) => state.domainInput);
export const usePresetId = () => useAuthorizeStore((state) => state.presetId);
export const useClientKind = () => useAuthorizeStore((state) => state.clientKind);
export const useProfileId = () => useAuthorizeStore((state) => state.profileId);
export const useAuthorizeRequest = () => useAuthorizeStore((state) => state.request);
export const usePastedEndpoint = () => useAuthorizeStore((state) => state.pastedEndpoint);
export const useParseError = () => useAuthorizeStore((state) => state.parseError);
export const usePkce = () => useAuthorizeStore(useShallow((state) => ({ codeVerifier: state.codeVerifier, verifierUnknown: state.verifierUnknown })));
export const useAuthorizeActions = () => useAuthorizeStore((state) => state.actions);
