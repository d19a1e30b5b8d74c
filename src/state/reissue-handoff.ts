import { create } from 'zustand';

/**
 * Tokens handed from one tool to another: to /introspect's Re-issue panel, to its Token box ("Introspect this
 * token"), and to the token editor ("Open in token editor"). They travel in memory, never in the URL (which lands in
 * history and Referer) or storage; the receiving page takes each once and clears it. A URL carries a token only as
 * a share link the user asks for (`/debugger#token=`, in the fragment).
 */
interface ReissueHandoffState {
  token: string;
  introspectToken: string;
  editorToken: string;
  actions: {
    reissueRequested(token: string): void;
    /** The Re-issue panel took the token over. */
    handoffTaken(): void;
    introspectionRequested(token: string): void;
    /** The Token box on /introspect took the token over. */
    introspectionHandoffTaken(): void;
    editorRequested(token: string): void;
    /** The token editor took the token over. */
    editorHandoffTaken(): void;
  };
}

const useReissueHandoffStore = create<ReissueHandoffState>()((set) => ({
  token: '',
  introspectToken: '',
  editorToken: '',
  actions: {
    reissueRequested: (token) => set({ token }),
    handoffTaken: () => set({ token: '' }),
    introspectionRequested: (introspectToken) => set({ introspectToken }),
    introspectionHandoffTaken: () => set({ introspectToken: '' }),
    editorRequested: (editorToken) => set({ editorToken }),
    editorHandoffTaken: () => set({ editorToken: '' }),
  },
}));

export const useReissueHandoff = () => useReissueHandoffStore((s) => s.token);
export const useIntrospectionHandoff = () => useReissueHandoffStore((s) => s.introspectToken);
export const useEditorHandoff = () => useReissueHandoffStore((s) => s.editorToken);
export const useReissueHandoffActions = () => useReissueHandoffStore((s) => s.actions);
