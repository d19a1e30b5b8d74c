import { createSecretScrubber } from './oauth/secret-scrubber';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/**
 * A logger that replaces every configured secret, in every encoding the scrubber knows, with `[redacted]` before a
 * line is written, so that no code path can leak a client secret, key material or the access key into a log.
 */
export function createRedactingLogger(secrets: readonly string[], sink: Logger = console): Logger {
  const redact = createSecretScrubber({ profiles: [], secrets }).text;
  return {
    info: (message) => sink.info(redact(message)),
    error: (message) => sink.error(redact(message)),
  };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };
