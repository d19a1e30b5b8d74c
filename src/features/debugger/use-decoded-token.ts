import { useMemo } from 'react';
import { classifyToken } from '../../lib/jwt/classify';
import { decodeTokenMemo } from '../../lib/jwt/decode';
import { cleanTokenInput } from '../../lib/jwt/lenient-input';
import { useTokenInput } from './debugger-store';

/** The pasted text, cleaned, decoded (UNVERIFIED) and classified; memoized so a keystroke elsewhere costs nothing. */
export function useDecodedToken() {
  const input = useTokenInput();
  return useMemo(() => {
    const cleaned = cleanTokenInput(input);
    const decoded = decodeTokenMemo(cleaned.token);
    return { input, cleaned, decoded, classification: classifyToken(decoded) };
  }, [input]);
}
