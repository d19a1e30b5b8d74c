/** Ports and folders of one e2e run. Override them to run several suites at once. */
const appPort = Number(process.env.E2E_PORT ?? 4000);
const asPort = Number(process.env.E2E_AS_PORT ?? 4001);

export const e2eEnv = {
  appPort,
  asPort,
  baseURL: `http://127.0.0.1:${appPort}`,
  issuer: `http://127.0.0.1:${asPort}/`,
  dataDir: process.env.E2E_DATA_DIR ?? `.data/e2e-demo-as-${asPort}`,
  distDir: process.env.WORKBENCH_DIST ?? 'dist',
};
