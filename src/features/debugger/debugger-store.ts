import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { JwsAlg } from '../../lib/jwt/algorithms';
import { decodeTokenMemo } from '../../lib/jwt/decode';
import { stringifyJson } from '../../lib/jwt/deep-json';
import { formatJson } from '../../lib/jwt/json-format';
import { readJson } from '../../lib/jwt/json-text';
import { cleanTokenInput } from '../../lib/jwt/lenient-input';
import type { LoadedExample } from '../../lib/jwt/examples';
import type { GeneratedKey } from '../../lib/jwt/keygen';
import type { SecretEncoding } from '../../lib/jwt/keys';
import type { ValidationProfile } from '../../lib/jwt/validation';
import { draftError } from './json-draft';

/**
 * The token editor's state. Nothing here is persisted: keys and secrets live only in memory,
 * and the token only enters through paste or the URL fragment.
 */
interface DebuggerState {
  /** What the user typed or pasted into "Encoded token". */
  input: string;
  /** Editor text after the user edited the header/payload; null = show the decoded token. */
  headerDraft: string | null;
  payloadDraft: string | null;
  /** The header or payload changed without a signing key: the signature no longer matches. */
  signatureStale: boolean;
  signError: string | null;
  verificationKey: string;
  secretEncoding: SecretEncoding;
  /** The JWE recipient key; here rather than in the panel, so an example can bring its own. */
  decryptionKey: string;
  signingKey: string;
  generated: GeneratedKey | null;
  clockSkew: number;
  profile: ValidationProfile;
  maskClaims: string[];
  stripSignature: boolean;
}

interface DebuggerActions {
  tokenPasted: (input: string) => void;
  /** An example from the menu: its token, with the key that verifies or decrypts it. */
  exampleLoaded: (example: LoadedExample) => void;
  decryptionKeyChanged: (text: string) => void;
  headerEdited: (text: string) => void;
  payloadEdited: (text: string) => void;
  verificationKeyChanged: (text: string) => void;
  secretEncodingChanged: (encoding: SecretEncoding) => void;
  signingKeyChanged: (text: string) => void;
  signRequested: () => void;
  keyGenerated: (key: GeneratedKey) => void;
  generatedKeyApplied: () => void;
  clockSkewChanged: (seconds: number) => void;
  profileChanged: (patch: Partial<ValidationProfile>) => void;
  profileAlgorithmToggled: (alg: JwsAlg, on: boolean) => void;
  maskedClaimToggled: (claim: string, on: boolean) => void;
  stripSignatureChanged: (on: boolean) => void;
}

const initialState: DebuggerState = {
  input: '',
  headerDraft: null,
  payloadDraft: null,
  signatureStale: false,
  signError: null,
  verificationKey: '',
  secretEncoding: 'utf8',
  decryptionKey: '',
  signingKey: '',
  generated: null,
  clockSkew: 0,
  profile: { issuer: '', audience: '', algorithms: ['RS256'], clockTolerance: 0 },
  maskClaims: [],
  stripSignature: true,
};

/** The current token's segments, to keep the old signature when only re-encoding. */
function currentParts(input: string): { headerText: string; payloadText: string; signature: string } | undefined {
  const decoded = decodeTokenMemo(cleanTokenInput(input).token);
  if (decoded.kind !== 'jws' && decoded.kind !== 'malformed') return undefined;
  const payload = decoded.payload;
  const payloadText = payload === undefined ? '' : payload.kind === 'binary' ? payload.base64url : payload.text;
  return { headerText: decoded.headerText ?? '{}', payloadText, signature: decoded.segments[2] ?? '' };
}

let editSequence = 0;

const useDebuggerStore = create<DebuggerState & { actions: DebuggerActions }>()((set, get) => {
  /** Re-encodes after an edit: re-signs when there is a signing key, otherwise keeps the old (now stale) signature. */
  async function reencode(forceSign = false): Promise<void> {
    const state = get();
    const parts = currentParts(state.input);
    const headerText = state.headerDraft ?? parts?.headerText ?? '';
    const payloadText = state.payloadDraft ?? parts?.payloadText ?? '';
    const header = readJson(headerText);
    if (!header.ok || typeof header.value !== 'object' || header.value === null || Array.isArray(header.value)) return;
    if (state.payloadDraft !== null && draftError(payloadText, 'payload')) return;
    const sequence = ++editSequence;
    const { reencodeUnsigned, signToken } = await import('../../lib/jwt/sign');
    if (state.signingKey.trim() !== '' || forceSign || (header.value as { alg?: unknown }).alg === 'none') {
      try {
        const token = await signToken({ headerText, payloadText, keyText: state.signingKey, encoding: state.secretEncoding });
        if (sequence === editSequence) set({ input: token, signatureStale: false, signError: null });
        return;
      } catch (error) {
        if (sequence !== editSequence) return;
        const message = error instanceof Error ? error.message : String(error);
        set({ input: reencodeUnsigned(headerText, payloadText, parts?.signature ?? ''), signatureStale: true, signError: message });
        return;
      }
    }
    if (sequence === editSequence) set({ input: reencodeUnsigned(headerText, payloadText, parts?.signature ?? ''), signatureStale: true, signError: null });
  }

  return {
    ...initialState,
    actions: {
      tokenPasted: (input) => {
        editSequence++;
        set({ input, headerDraft: null, payloadDraft: null, signatureStale: false, signError: null, maskClaims: [] });
      },
      exampleLoaded: ({ token, verificationKey, secretEncoding, decryptionKey }) => {
        editSequence++;
        set({ input: token, verificationKey, secretEncoding, decryptionKey, headerDraft: null, payloadDraft: null, signatureStale: false, signError: null, maskClaims: [] });
      },
      decryptionKeyChanged: (decryptionKey) => set({ decryptionKey }),
      headerEdited: (text) => {
        set({ headerDraft: text });
        void reencode();
      },
      payloadEdited: (text) => {
        set({ payloadDraft: text });
        void reencode();
      },
      verificationKeyChanged: (verificationKey) => set({ verificationKey }),
      secretEncodingChanged: (secretEncoding) => {
        set({ secretEncoding });
        if (get().signatureStale && get().signingKey.trim() !== '') void reencode();
      },
      signingKeyChanged: (signingKey) => {
        set({ signingKey });
        if (get().signatureStale && signingKey.trim() !== '') void reencode();
      },
      signRequested: () => void reencode(true),
      keyGenerated: (generated) => set({ generated }),
      generatedKeyApplied: () => {
        const { generated, input } = get();
        if (!generated) return;
        const parts = currentParts(input);
        let header: Record<string, unknown> = {};
        const current = readJson(get().headerDraft ?? parts?.headerText ?? '{}');
        if (current.ok && current.value && typeof current.value === 'object' && !Array.isArray(current.value)) header = current.value as Record<string, unknown>;
        // Without recursion: a header pasted from a hostile token may nest thousands of levels deep.
        const nextHeader = formatJson(stringifyJson({ ...header, alg: generated.alg, typ: header.typ ?? 'JWT', kid: generated.thumbprint }));
        if (generated.type === 'secret') {
          set({ signingKey: generated.secret, verificationKey: generated.secret, secretEncoding: 'base64url', headerDraft: nextHeader });
        } else {
          set({ signingKey: generated.privatePem, verificationKey: generated.publicPem, headerDraft: nextHeader });
        }
        if (get().payloadDraft === null && parts === undefined) set({ payloadDraft: '{\n  "sub": "1234567890",\n  "name": "Demo User"\n}' });
        void reencode(true);
      },
      clockSkewChanged: (clockSkew) => set({ clockSkew }),
      profileChanged: (patch) => set((state) => ({ profile: { ...state.profile, ...patch } })),
      profileAlgorithmToggled: (alg, on) =>
        set((state) => ({
          profile: { ...state.profile, algorithms: on ? [...new Set([...state.profile.algorithms, alg])] : state.profile.algorithms.filter((a) => a !== alg) },
        })),
      maskedClaimToggled: (claim, on) =>
        set((state) => ({ maskClaims: on ? [...new Set([...state.maskClaims, claim])] : state.maskClaims.filter((c) => c !== claim) })),
      stripSignatureChanged: (stripSignature) => set({ stripSignature }),
    },
  };
});

export const useTokenInput = () => useDebuggerStore((s) => s.input);
export const useDrafts = () => useDebuggerStore(useShallow((s) => ({ headerDraft: s.headerDraft, payloadDraft: s.payloadDraft })));
export const useSignatureStale = () => useDebuggerStore((s) => s.signatureStale);
export const useSignError = () => useDebuggerStore((s) => s.signError);
export const useVerificationKey = () => useDebuggerStore((s) => s.verificationKey);
export const useSecretEncoding = () => useDebuggerStore((s) => s.secretEncoding);
export const useDecryptionKey = () => useDebuggerStore((s) => s.decryptionKey);
export const useSigningKey = () => useDebuggerStore((s) => s.signingKey);
export const useGeneratedKey = () => useDebuggerStore((s) => s.generated);
export const useClockSkew = () => useDebuggerStore((s) => s.clockSkew);
export const useProfile = () => useDebuggerStore((s) => s.profile);
export const useShareOptions = () => useDebuggerStore(useShallow((s) => ({ maskClaims: s.maskClaims, stripSignature: s.stripSignature })));
export const useDebuggerActions = () => useDebuggerStore((s) => s.actions);

/** Test helper: back to a blank editor. */
export function resetDebuggerStore(): void {
  editSequence++;
  useDebuggerStore.setState(initialState);
}
