// The critical path of a cold `/debugger` load, request by request: `npx tsx bench/first-load-trace.ts [dist] [loads]`.
// Starts the companion server on the built app in `dist` (default .dist-bench), then for each cold load prints every
// resource's start, time to first byte and end (Resource Timing, ms from navigation start), DOMContentLoaded, and the
// moment the "Encoded token" box is usable (the bench's own probe). Figures, not assertions: read them side by side.
import { launchChromium } from './browser';
import { navigationToUsable } from './first-load';
import { startCompanionServer } from './processes';

const dist = process.argv[2] ?? '.dist-bench';
const loads = Number(process.argv[3] ?? 3);
const server = await startCompanionServer(dist, `.data/trace-${process.pid}`, `bench/results/local/trace-${process.pid}.log`);
const browser = await launchChromium();
try {
  for (let i = 0; i < loads; i++) {
    const { usable, timeline } = await navigationToUsable(browser, `${server.url}/debugger`, true);
    console.info(`load ${i + 1}: usable at ${usable.at.toFixed(0)} ms, ${(usable.jsBytes / 1024).toFixed(1)} KB of JS before it`);
    for (const line of timeline ?? []) console.info(`  ${line}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
