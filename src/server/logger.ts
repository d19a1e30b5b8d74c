export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/**
 * A logger that replaces every configured secret with `[redacted]` before a line is written,
 * so that no code path can leak a client secret or key material into a log.
 */
export function createRedactingLogger(secrets: readonly string[], sink: Logger = console): Logger {
  const needles = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const redact = (line: string) => needles.reduce((out, secret) => out.split(secret).join('[redacted]'), line);
  return {
    info: (message) => sink.info(redact(message)),
    error: (message) => sink.error(redact(message)),
  };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };
