/**
 * Installed in the debugger page with page.evaluate (a string, so nothing of the bundler leaks in, and the page's
 * CSP does not apply). It times each keystroke from its keydown (captured before any app handler) to the moment the
 * "Payload" editor shows the expected text (a MutationObserver, plus a per-frame check for editors whose text is a
 * property, not DOM), then times the same-page baseline on the resulting token: base64url decode + JSON.parse.
 */
export const KEYSTROKE_PROBE = String.raw`(() => {
  if (window.__keystrokeProbe) return;
  const state = { t0: 0, expected: '', resolve: null, done: Promise.resolve(Number.NaN) };
  const payloadEditor = () => document.querySelector('.cm-content[aria-label="Payload"]') || document.querySelector('[aria-label="Payload"]');
  const textOf = (el) => (el instanceof HTMLTextAreaElement ? el.value : el.textContent || '');
  const check = () => {
    if (!state.resolve) return;
    const el = payloadEditor();
    if (el && textOf(el).includes(state.expected)) {
      const elapsed = performance.now() - state.t0;
      const resolve = state.resolve;
      state.resolve = null;
      resolve(elapsed);
    }
  };
  window.addEventListener('keydown', () => { state.t0 = performance.now(); }, true);
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: false });
  const poll = () => { check(); if (state.resolve) requestAnimationFrame(poll); };
  const decodeSegment = (segment) => {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(segment, { alphabet: 'base64url' });
    const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  };
  const baselineOnce = (token) => JSON.parse(new TextDecoder().decode(decodeSegment(token.split('.')[1])));
  const baseline = (token) => {
    let reps = 0;
    const started = performance.now();
    let elapsed = 0;
    do { baselineOnce(token); reps++; elapsed = performance.now() - started; } while (elapsed < 5 || reps < 3);
    return elapsed / reps;
  };
  window.__keystrokeProbe = {
    async arm(box, offset, expected, intervalMs) {
      // A fast typist's cadence: keystrokes at least intervalMs apart, each at the start of a frame.
      const wait = intervalMs - (performance.now() - state.t0);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      box.focus();
      box.setSelectionRange(offset, offset + 1);
      state.expected = expected;
      state.done = new Promise((resolve) => {
        state.resolve = resolve;
        setTimeout(() => { if (state.resolve === resolve) { state.resolve = null; resolve(Number.NaN); } }, 5000);
      });
      requestAnimationFrame(poll);
    },
    async measure(box) {
      const app = await state.done;
      return { app, baseline: baseline(box.value) };
    },
    shows(expected) { const el = payloadEditor(); return Boolean(el && textOf(el).includes(expected)); },
  };
})()`;
