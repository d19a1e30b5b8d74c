import { useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Activates the waiting worker and reloads once it controls the page. Workbox reloads by itself only when the page
 * had a worker from the start; on a first visit that saw a deploy, the controllerchange does it.
 */
function reloadIntoNewVersion(updateServiceWorker: (reloadPage?: boolean) => Promise<void>) {
  navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  void updateServiceWorker(true);
}

/** True once the window's load event has fired (at once for a page that has already loaded). */
function usePageLoaded(): boolean {
  const [loaded, setLoaded] = useState(() => document.readyState === 'complete');
  useEffect(() => {
    if (loaded) return;
    const onLoad = () => setLoaded(true);
    window.addEventListener('load', onLoad, { once: true });
    return () => window.removeEventListener('load', onLoad);
  }, [loaded]);
  return loaded;
}

function ServiceWorkerUpdate() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  return needRefresh ? (
    <div className="status update-prompt">
      <span>A new version of Token Workbench is ready. Reload to use it (tokens on screen are not kept).</span>
      <button type="button" onClick={() => reloadIntoNewVersion(updateServiceWorker)}>
        Reload
      </button>
      <button type="button" className="secondary" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  ) : null;
}

/**
 * Registers the service worker that keeps every tool working offline, and asks before a new deploy takes over:
 * a tool may hold a token or form the user would lose on an unasked reload. Registration waits for the page's load
 * event, as Workbox advises: it cost the first render ~20 ms (the worker container and workbox-window's import) and
 * its precaching would compete with the first route's own downloads. The live region is there from the start.
 */
export function UpdatePrompt() {
  const loaded = usePageLoaded();
  return (
    <div role="status" className="update-prompt-region">
      {loaded ? <ServiceWorkerUpdate /> : null}
    </div>
  );
}
