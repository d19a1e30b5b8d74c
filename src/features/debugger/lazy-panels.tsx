import { lazy } from 'react';

/** Panels below the fold are their own chunks, so the first paint of /debugger stays within its JS budget. */
export const VerificationPanel = lazy(() => import('./verification-panel').then((m) => ({ default: m.VerificationPanel })));
export const SigningPanel = lazy(() => import('./signing-panel').then((m) => ({ default: m.SigningPanel })));
export const ClaimsPanel = lazy(() => import('./claims-panel').then((m) => ({ default: m.ClaimsPanel })));
export const ValidationPanel = lazy(() => import('./validation-panel').then((m) => ({ default: m.ValidationPanel })));
export const SharePanel = lazy(() => import('./share-panel').then((m) => ({ default: m.SharePanel })));
export const JwePanel = lazy(() => import('./jwe-panel').then((m) => ({ default: m.JwePanel })));
export const FindingsPanel = lazy(() => import('./findings-list').then((m) => ({ default: m.FindingsPanel })));
