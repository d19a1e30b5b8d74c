import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Activates the waiting worker and reloads once it controls the page. Workbox reloads by itself only when the page
 * had a worker from the start; on a first visit that saw a deploy, the controllerchange does it.
 */
function reloadIntoNewVersion(updateServiceWorker: (reloadPage?: boolean) => Promise<void>) {
  navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  void updateServiceWorker(true);
}

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
          <button type="button" onClick={() => reloadIntoNewVersion(updateServiceWorker)}>
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
