// `npm run dev`: the companion server (API + demo AS) and Vite's dev server with hot reload, /api proxied.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

// One access key for both: the server checks it, and Vite's dev server turns `?key=` into the server's cookie.
const key = process.env.WORKBENCH_KEY || randomBytes(24).toString('base64url');
const env = { ...process.env, WORKBENCH_KEY: key };
if (key !== 'off') console.info(`Dev app (hot reload): http://127.0.0.1:5173/?key=${key}`);

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'src/server/main.ts'], {
    stdio: 'inherit',
    env: { ...env, WORKBENCH_DEV: '1', WORKBENCH_DIST: process.env.WORKBENCH_DIST ?? '.no-dist' },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env }),
];

const stop = (signal) => {
  for (const child of children) if (!child.killed) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
}
