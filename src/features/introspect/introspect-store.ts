import { create } from 'zustand';
import type { tokenTypeHints } from '../../shared/oauth-contract';

export type TokenTypeHint = (typeof tokenTypeHints)[number] | '';

/** The panel's inputs. Never persisted: a token typed here lives only as long as the page. */
interface IntrospectState {
  token: string;
  profileId: string;
  hint: TokenTypeHint;
  /** The Re-issue panel should take focus once it shows the token (it came from a "Re-issue" link). */
  reissueFocusPending: boolean;
  actions: {
    tokenChanged(token: string): void;
    profileSelected(profileId: string): void;
    hintChanged(hint: TokenTypeHint): void;
    /** A minted token was taken over into the Token box, with the profile that can introspect it. */
    mintedTokenUsed(token: string): void;
    /** A token was sent to the Re-issue panel: into the Token box, and the panel takes focus. */
    reissueOpened(token: string): void;
    reissueFocused(): void;
  };
}

const useIntrospectStore = create<IntrospectState>()((set) => ({
  token: '',
  profileId: '',
  hint: '',
  reissueFocusPending: false,
  actions: {
    tokenChanged: (token) => set({ token }),
    profileSelected: (profileId) => set({ profileId }),
    hintChanged: (hint) => set({ hint }),
    mintedTokenUsed: (token) => set({ token, hint: 'access_token' }),
    reissueOpened: (token) => set({ token, hint: 'access_token', reissueFocusPending: true }),
    reissueFocused: () => set({ reissueFocusPending: false }),
  },
}));

export const useToken = () => useIntrospectStore((s) => s.token);
export const useProfileId = () => useIntrospectStore((s) => s.profileId);
export const useHint = () => useIntrospectStore((s) => s.hint);
export const useReissueFocusPending = () => useIntrospectStore((s) => s.reissueFocusPending);
export const useIntrospectActions = () => useIntrospectStore((s) => s.actions);
