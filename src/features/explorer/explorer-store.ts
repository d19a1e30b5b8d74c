import { create } from 'zustand';
import type { HttpMethod } from '../../lib/catalog/schema';

/** How the call is authorized: a pasted token, a least-privilege token the profile mints, or a token obtained in this tab. */
export type AuthorizeMode = 'paste' | 'mint' | 'tab';

/** What the user typed for one endpoint: kept as typed, errors or not. Query values are raw text (arrays comma-separated). */
export interface EndpointDraft {
  pathParams: Record<string, string>;
  query: Record<string, string>;
  bodyText: string;
}

/** A request to one of the profile's own APIs: no catalog, so a method and a free path. */
export interface OwnApiDraft {
  method: HttpMethod;
  /** The path with its query string, if any: `/appointments?day=today`. */
  path: string;
  bodyText: string;
}

/** One call of this tab, and what restores its form. No token. */
export interface HistoryEntry {
  id: number;
  at: number;
  method: string;
  path: string;
  status: number | null;
  elapsedMs: number | null;
  /** '' for the Management API, else the API identifier. */
  api: string;
  /** The Management API operation id, for restoring the endpoint. */
  operationId: string | null;
  draft: EndpointDraft | OwnApiDraft;
}

const HISTORY_LIMIT = 50;

/**
 * The explorer's form. Never persisted: tokens typed or obtained here live as long as the page, and so does the
 * history. The endpoint itself lives in the URL (`?endpoint=`), so that the page is a deep link.
 */
interface ExplorerState {
  profileId: string;
  /** '' for the Management API, else one of the profile's API identifiers. */
  api: string;
  drafts: Record<string, EndpointDraft>;
  ownDrafts: Record<string, OwnApiDraft>;
  mode: AuthorizeMode;
  pastedToken: string;
  tabTokenId: string;
  history: HistoryEntry[];
  actions: {
    profileSelected(profileId: string): void;
    apiSelected(api: string): void;
    draftEdited(operationId: string, draft: EndpointDraft): void;
    /** A deep link named these path parameters: they go into the endpoint's draft (`initial` when it has none yet). */
    pathParamsLinked(operationId: string, pathParams: Record<string, string>, initial: EndpointDraft): void;
    ownDraftEdited(api: string, draft: OwnApiDraft): void;
    modeSelected(mode: AuthorizeMode): void;
    tokenPasted(token: string): void;
    tabTokenSelected(id: string): void;
    callSent(entry: Omit<HistoryEntry, 'id' | 'at'>): number;
    callAnswered(id: number, status: number | null, elapsedMs: number | null): void;
    historyRestored(entry: HistoryEntry): void;
  };
}

let nextId = 1;

const useExplorerStore = create<ExplorerState>()((set) => ({
  profileId: '',
  api: '',
  drafts: {},
  ownDrafts: {},
  mode: 'mint',
  pastedToken: '',
  tabTokenId: '',
  history: [],
  actions: {
    profileSelected: (profileId) => set({ profileId, api: '' }),
    apiSelected: (api) => set({ api }),
    draftEdited: (operationId, draft) => set((s) => ({ drafts: { ...s.drafts, [operationId]: draft } })),
    pathParamsLinked: (operationId, pathParams, initial) =>
      set((s) => {
        const current = s.drafts[operationId] ?? initial;
        return { drafts: { ...s.drafts, [operationId]: { ...current, pathParams: { ...current.pathParams, ...pathParams } } } };
      }),
    ownDraftEdited: (api, draft) => set((s) => ({ ownDrafts: { ...s.ownDrafts, [api]: draft } })),
    modeSelected: (mode) => set({ mode }),
    tokenPasted: (pastedToken) => set({ pastedToken }),
    tabTokenSelected: (tabTokenId) => set({ tabTokenId }),
    callSent: (entry) => {
      const id = nextId++;
      set((s) => ({ history: [{ ...entry, id, at: Date.now() }, ...s.history].slice(0, HISTORY_LIMIT) }));
      return id;
    },
    callAnswered: (id, status, elapsedMs) => set((s) => ({ history: s.history.map((h) => (h.id === id ? { ...h, status, elapsedMs } : h)) })),
    historyRestored: (entry) =>
      set((s) =>
        entry.operationId !== null && 'pathParams' in entry.draft
          ? { api: '', drafts: { ...s.drafts, [entry.operationId]: entry.draft } }
          : 'method' in entry.draft
            ? { api: entry.api, ownDrafts: { ...s.ownDrafts, [entry.api]: entry.draft } }
            : {},
      ),
  },
}));

export const useProfileId = () => useExplorerStore((s) => s.profileId);
export const useApiChoice = () => useExplorerStore((s) => s.api);
export const useDraft = (operationId: string | null) => useExplorerStore((s) => (operationId ? s.drafts[operationId] : undefined));
export const useOwnDraft = (api: string) => useExplorerStore((s) => s.ownDrafts[api]);
export const useAuthorizeMode = () => useExplorerStore((s) => s.mode);
export const usePastedToken = () => useExplorerStore((s) => s.pastedToken);
export const useTabTokenId = () => useExplorerStore((s) => s.tabTokenId);
export const useHistory = () => useExplorerStore((s) => s.history);
export const useExplorerActions = () => useExplorerStore((s) => s.actions);
