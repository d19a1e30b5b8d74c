import { create } from 'zustand';

/**
 * A token handed from an "Open in token editor" result to the Re-issue panel on /introspect. It travels in memory, never
 * in the URL (which lands in history and Referer); the panel takes it once and clears it.
 */
interface ReissueHandoffState {
  token: string;
  actions: {
    reissueRequested(token: string): void;
    /** The Re-issue panel took the token over. */
    handoffTaken(): void;
  };
}

const useReissueHandoffStore = create<ReissueHandoffState>()((set) => ({
  token: '',
  actions: {
    reissueRequested: (token) => set({ token }),
    handoffTaken: () => set({ token: '' }),
  },
}));

export const useReissueHandoff = () => useReissueHandoffStore((s) => s.token);
export const useReissueHandoffActions = () => useReissueHandoffStore((s) => s.actions);
