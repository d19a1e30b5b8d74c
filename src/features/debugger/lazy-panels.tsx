import { lazyAfterPaint } from '../../components/ui/after-paint';

/**
 * Panels below the fold are their own chunks, requested once the token box has been painted, so the first paint of
 * /debugger stays within its JS budget and does not wait for them.
 */
export const VerificationPanel = lazyAfterPaint(() => import('./verification-panel').then((m) => m.VerificationPanel));
export const SigningPanel = lazyAfterPaint(() => import('./signing-panel').then((m) => m.SigningPanel));
export const ClaimsPanel = lazyAfterPaint(() => import('./claims-panel').then((m) => m.ClaimsPanel));
export const ValidationPanel = lazyAfterPaint(() => import('./validation-panel').then((m) => m.ValidationPanel));
export const SharePanel = lazyAfterPaint(() => import('./share-panel').then((m) => m.SharePanel));
export const JwePanel = lazyAfterPaint(() => import('./jwe-panel').then((m) => m.JwePanel));
export const FindingsPanel = lazyAfterPaint(() => import('./findings-list').then((m) => m.FindingsPanel));
