import { z } from 'zod';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { customApiSchema } from '../../lib/catalog/custom-api';
import type { CustomApi } from '../../lib/catalog/custom-api';

interface ScopesData {
  /** User-defined and imported APIs: definitions only, no secrets. */
  customApis: CustomApi[];
  /** Tenant domain used in generated snippets; not a secret. */
  tenantDomain: string;
  query: string;
  focusedOperationId: string | null;
  /** A pasted token. Never persisted, never in a URL. */
  tokenInput: string;
  /** When the token was pasted (ms): the "now" of its expiry check. */
  tokenCheckedAt: number;
  why403OperationId: string | null;
}

/**
 * Every piece of state, classified once: what survives a reload and what must never be stored. This table alone
 * decides what is persisted: `partialize` stores its `persisted` keys, and each of them needs a repairer below.
 */
export const scopesStatePersistence = {
  customApis: 'persisted',
  tenantDomain: 'persisted',
  query: 'memory',
  focusedOperationId: 'memory',
  tokenInput: 'never-persisted',
  tokenCheckedAt: 'memory',
  why403OperationId: 'memory',
} as const satisfies Record<keyof ScopesData, 'persisted' | 'memory' | 'never-persisted'>;

type PersistedKey = { [K in keyof ScopesData]: (typeof scopesStatePersistence)[K] extends 'persisted' ? K : never }[keyof ScopesData];
type PersistedScopes = Pick<ScopesData, PersistedKey>;

const persistedKeys = (Object.keys(scopesStatePersistence) as (keyof ScopesData)[]).filter(
  (key): key is PersistedKey => scopesStatePersistence[key] === 'persisted',
);

/** What goes to storage: the persisted keys of the table, and nothing else. */
export function pickPersistedScopes(state: ScopesData): PersistedScopes {
  return Object.fromEntries(persistedKeys.map((key) => [key, state[key]])) as PersistedScopes;
}

const MAX_CUSTOM_APIS = 50;
const tenantDomainSchema = z.string().max(253).regex(/^[A-Za-z0-9.-]*$/);

/** One repairer per persisted key: what storage holds is brought into the current shape, never trusted. */
const repairers: { [K in PersistedKey]: (raw: unknown) => ScopesData[K] } = {
  customApis: (raw) => {
    const customApis: CustomApi[] = [];
    for (const candidate of (Array.isArray(raw) ? raw : []).slice(0, MAX_CUSTOM_APIS)) {
      const parsed = customApiSchema.safeParse(candidate);
      if (parsed.success && !customApis.some((api) => api.id === parsed.data.id)) customApis.push(parsed.data);
    }
    return customApis;
  },
  tenantDomain: (raw) => {
    const domain = tenantDomainSchema.safeParse(raw);
    return domain.success ? domain.data : '';
  },
};

/** Repairs whatever storage holds into the current shape: invalid entries are dropped, never trusted. */
export function repairPersistedScopes(raw: unknown): PersistedScopes {
  const record = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return Object.fromEntries(persistedKeys.map((key) => [key, repairers[key](record[key])])) as PersistedScopes;
}

interface ScopesState extends ScopesData {
  actions: {
    searchTyped: (query: string) => void;
    operationFocused: (id: string | null) => void;
    tokenPasted: (text: string) => void;
    why403EndpointChosen: (id: string | null) => void;
    tenantDomainChanged: (domain: string) => void;
    customApiSaved: (api: CustomApi) => void;
    customApiDeleted: (id: string) => void;
  };
}

export const SCOPES_STORAGE_KEY = 'token-workbench:scopes';

const useScopesStore = create<ScopesState>()(
  persist(
    (set) => ({
      customApis: [],
      tenantDomain: '',
      query: '',
      focusedOperationId: null,
      tokenInput: '',
      tokenCheckedAt: 0,
      why403OperationId: null,
      actions: {
        searchTyped: (query) => set({ query }),
        operationFocused: (focusedOperationId) => set({ focusedOperationId }),
        tokenPasted: (tokenInput) => set({ tokenInput, tokenCheckedAt: Date.now() }),
        why403EndpointChosen: (why403OperationId) => set({ why403OperationId }),
        tenantDomainChanged: (tenantDomain) => set({ tenantDomain: tenantDomain.trim() }),
        customApiSaved: (api) =>
          set((state) => ({ customApis: [...state.customApis.filter((a) => a.id !== api.id), api].slice(-MAX_CUSTOM_APIS) })),
        customApiDeleted: (id) => set((state) => ({ customApis: state.customApis.filter((a) => a.id !== id) })),
      },
    }),
    {
      name: SCOPES_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => pickPersistedScopes(state),
      migrate: (persisted) => repairPersistedScopes(persisted),
      merge: (persisted, current) => ({ ...current, ...repairPersistedScopes(persisted) }),
    },
  ),
);

export const useSearchQuery = () => useScopesStore((s) => s.query);
export const useFocusedOperationId = () => useScopesStore((s) => s.focusedOperationId);
export const useTokenInput = () => useScopesStore((s) => s.tokenInput);
export const useTokenCheckedAt = () => useScopesStore((s) => s.tokenCheckedAt);
export const useWhy403OperationId = () => useScopesStore((s) => s.why403OperationId);
export const useCustomApis = () => useScopesStore((s) => s.customApis);
export const useTenantDomain = () => useScopesStore((s) => s.tenantDomain);
export const useScopesActions = () => useScopesStore((s) => s.actions);
