import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Registers the service worker that keeps every tool working offline, and asks before a new deploy takes over:
 * a tool may hold a token or form the user would lose on an unasked reload.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  return (
    <div role="status" className="update-prompt-region">
      {needRefresh ? (
        <div className="status update-prompt">
          <span>A new version of Token Workbench is ready. Reload to use it (tokens on screen are not kept).</span>
          <button type="button" onClick={() => void updateServiceWorker(true)}>
            Reload
          </button>
          <button type="button" className="secondary" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </div>
      ) : null}
    </div>
  );
}
