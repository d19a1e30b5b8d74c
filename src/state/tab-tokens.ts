import { create } from 'zustand';

/** Where a token of this tab came from. */
export type TabTokenSource = 'authorize' | 'mint';

/** A token this tab obtained: by the authorize flow, or minted through the companion server. */
export interface TabToken {
  id: string;
  /** What it is, in words: "Access token from the authorize flow (demo-spa)". */
  label: string;
  token: string;
  source: TabTokenSource;
  /** ms since the epoch. */
  obtainedAt: number;
}

/** Enough for a teaching session; the oldest goes first. */
const MAX_TOKENS = 12;

/**
 * The tokens obtained in this tab, shared by the tools that obtain them (the authorize callback, the introspection
 * mint panel, the explorer) and the explorer that spends them. In memory only, never persisted: a reload forgets them.
 */
interface TabTokensState {
  tokens: TabToken[];
  actions: {
    /** Adds a token once; obtaining the same token again keeps the first entry. */
    tokenObtained(token: Omit<TabToken, 'id' | 'obtainedAt'>): void;
  };
}

let nextId = 1;

const useTabTokensStore = create<TabTokensState>()((set) => ({
  tokens: [],
  actions: {
    tokenObtained: (obtained) =>
      set((state) => {
        if (obtained.token.trim() === '' || state.tokens.some((t) => t.token === obtained.token)) return state;
        const entry: TabToken = { ...obtained, id: `tab-token-${nextId++}`, obtainedAt: Date.now() };
        return { tokens: [entry, ...state.tokens].slice(0, MAX_TOKENS) };
      }),
  },
}));

export const useTabTokens = () => useTabTokensStore((s) => s.tokens);
export const useTabTokenActions = () => useTabTokensStore((s) => s.actions);
