import { create } from 'zustand';

/**
 * Tokens handed to /introspect: from an "Open in token editor" result to the Re-issue panel, and from
 * "Introspect this token" to the Token box. They travel in memory, never in the URL (which lands in history and
 * Referer) or storage; /introspect takes each once and clears it.
 */
interface ReissueHandoffState {
  token: string;
  introspectToken: string;
  actions: {
    reissueRequested(token: string): void;
    /** The Re-issue panel took the token over. */
    handoffTaken(): void;
    introspectionRequested(token: string): void;
    /** The Token box on /introspect took the token over. */
    introspectionHandoffTaken(): void;
  };
}

const useReissueHandoffStore = create<ReissueHandoffState>()((set) => ({
  token: '',
  introspectToken: '',
  actions: {
    reissueRequested: (token) => set({ token }),
    handoffTaken: () => set({ token: '' }),
    introspectionRequested: (introspectToken) => set({ introspectToken }),
    introspectionHandoffTaken: () => set({ introspectToken: '' }),
  },
}));

export const useReissueHandoff = () => useReissueHandoffStore((s) => s.token);
export const useIntrospectionHandoff = () => useReissueHandoffStore((s) => s.introspectToken);
export const useReissueHandoffActions = () => useReissueHandoffStore((s) => s.actions);
