/**
 * Without these the SDK waits forever on a service that accepted the connection and never answers:
 * a hung request instead of an honest 503. Generous, so a slow emulator on a busy machine still
 * answers in time.
 */
export const requestTimeouts = { connectionTimeout: 3_000, requestTimeout: 10_000 };
