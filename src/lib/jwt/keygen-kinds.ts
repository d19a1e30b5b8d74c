/** The keys the debugger generates, and their labels. Apart from keygen.ts so the picker loads no key-generation code. */
export const KEYGEN_KINDS = [
  'RSA-2048', 'RSA-3072', 'RSA-4096',
  'EC-P-256', 'EC-P-384', 'EC-P-521',
  'Ed25519',
  'HMAC-256', 'HMAC-384', 'HMAC-512',
] as const;
export type KeygenKind = (typeof KEYGEN_KINDS)[number];

export const KEYGEN_LABELS: Record<KeygenKind, string> = {
  'RSA-2048': 'RSA 2048', 'RSA-3072': 'RSA 3072', 'RSA-4096': 'RSA 4096',
  'EC-P-256': 'EC P-256', 'EC-P-384': 'EC P-384', 'EC-P-521': 'EC P-521',
  Ed25519: 'Ed25519',
  'HMAC-256': 'HMAC secret (256 bits)', 'HMAC-384': 'HMAC secret (384 bits)', 'HMAC-512': 'HMAC secret (512 bits)',
};
