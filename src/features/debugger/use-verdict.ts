import { useEffect, useState } from 'react';
import type { DecodeResult } from '../../lib/jwt/decode';
import type { SecretEncoding } from '../../lib/jwt/keys';
import type { Verdict } from '../../lib/jwt/verify';

const loadVerify = () => import('../../lib/jwt/verify');

/**
 * Verifies locally (no network) whenever the token or the key changes. The crypto code is its own
 * lazy chunk; keys are imported once and cached, so re-renders do not re-import. The options are the library's
 * defaults, with the secret encoding the user chose.
 */
export function useVerdict(decoded: DecodeResult, keyText: string, encoding: SecretEncoding): Verdict | undefined {
  const [result, setResult] = useState<{ for: unknown[]; verdict: Verdict } | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const inputs = [decoded, keyText, encoding];
    void loadVerify()
      .then(({ verifyToken, DEFAULT_VERIFY_OPTIONS }) => verifyToken(decoded, keyText, { ...DEFAULT_VERIFY_OPTIONS, encoding }))
      .then(
        (verdict) => {
          if (!cancelled) setResult({ for: inputs, verdict });
        },
        (error: unknown) => {
          if (!cancelled) {
            const detail = error instanceof Error ? error.message : String(error);
            setResult({ for: inputs, verdict: { kind: 'not-verified', reason: 'key-error', detail, text: `Not verified: ${detail}` } });
          }
        },
      );
    return () => {
      cancelled = true;
    };
  }, [decoded, keyText, encoding]);
  const current = result && result.for[0] === decoded && result.for[1] === keyText && result.for[2] === encoding;
  return current ? result.verdict : undefined;
}
