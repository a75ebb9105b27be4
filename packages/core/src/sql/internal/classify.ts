/**
 * From a driver's `SqlError` to the store's classified backend errors (internal).
 *
 * @since 0.2.0
 */
import { Redacted } from "effect"
import { SqlError } from "effect/sql"
import * as EventStore from "../../kernel/EventStore.js"

/** Where the store's server is, as named by `ConnectionLost`. */
export interface Endpoint {
  readonly host: string
  readonly port: string
}

/**
 * The host and port of a client, read from its configuration when it exposes one (as
 * `@effect/sql-pg`'s `PgClient` does); `in-process` for a client without one (PGlite).
 */
export const endpointOf = (client: unknown): Endpoint => {
  const config = (client as { readonly config?: unknown }).config as
    { readonly url?: unknown; readonly host?: unknown; readonly port?: unknown } | undefined
  if (config === undefined || config === null || typeof config !== "object") return { host: "in-process", port: "-" }
  try {
    if (config.url !== undefined) {
      const raw = Redacted.isRedacted(config.url) ? Redacted.value(config.url) : config.url
      if (typeof raw === "string") {
        const url = new URL(raw)
        return { host: url.hostname || "localhost", port: url.port || "5432" }
      }
    }
  } catch {
    // An unparsable URL: fall back to the separate fields.
  }
  return {
    host: typeof config.host === "string" ? config.host : "localhost",
    port: typeof config.port === "number" || typeof config.port === "string" ? String(config.port) : "5432"
  }
}

interface ServerFields {
  readonly code?: unknown
  readonly message?: unknown
}

const fieldsOf = (error: SqlError.SqlError): ServerFields => {
  const cause: unknown = error.reason.cause
  return typeof cause === "object" && cause !== null ? cause : {}
}

/** The SQLSTATE of a driver error, when the server sent one. */
export const sqlstateOf = (error: SqlError.SqlError): string | undefined => {
  const code = fieldsOf(error).code
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

const serverMessageOf = (error: SqlError.SqlError): string => {
  const message = fieldsOf(error).message
  return typeof message === "string" && message !== "" ? message : error.message
}

/**
 * Classifies a driver error: connection lost (`ConnectionError`, SQLSTATE class 08, or the server
 * ending the session: 57P01–57P03), deadlock (40P01) or serialisation failure (40001), statement
 * timeout (57014), value too large (54000, or a driver refusing an oversize message); anything
 * else is `EventStoreError` with its SQLSTATE.
 *
 * `54001` (stack depth limit exceeded: PostgreSQL 15's `jsonb` parser refuses about 20,000
 * nested levels) is not met by an append: the envelope check refuses `data` and `metadata`
 * nested more than `maxJsonDepth` (512) levels before anything is sent, and the store's own
 * payload adds only a few levels. Only the caller's own statements (in `withTransaction`) or a
 * limit raised past about 10,000 on a larger Node stack could still meet it: it is then an
 * `EventStoreError` carrying `54001`, not retried.
 */
export const classifier =
  (endpoint: Endpoint) =>
  (operation: string) =>
  (error: SqlError.SqlError): EventStore.BackendError => {
    const sqlstate = sqlstateOf(error)
    const serverMessage = serverMessageOf(error)
    const withState = sqlstate === undefined ? {} : { sqlstate }
    const tag = error.reason._tag
    if (
      tag === "ConnectionError" ||
      sqlstate?.startsWith("08") === true ||
      sqlstate === "57P01" ||
      sqlstate === "57P02" ||
      sqlstate === "57P03"
    ) {
      return new EventStore.ConnectionLost({
        operation,
        host: endpoint.host,
        port: endpoint.port,
        ...withState,
        serverMessage,
        cause: error
      })
    }
    if (tag === "DeadlockError" || sqlstate === "40P01") {
      return new EventStore.TransactionConflict({
        operation,
        kind: "deadlock",
        sqlstate: sqlstate ?? "40P01",
        serverMessage,
        cause: error
      })
    }
    if (tag === "SerializationError" || sqlstate === "40001") {
      return new EventStore.TransactionConflict({
        operation,
        kind: "serialization",
        sqlstate: sqlstate ?? "40001",
        serverMessage,
        cause: error
      })
    }
    if (tag === "StatementTimeoutError" || sqlstate === "57014") {
      return new EventStore.StatementTimeout({ operation, sqlstate: sqlstate ?? "57014", serverMessage, cause: error })
    }
    if (sqlstate === "54000" || /too large|exceeds? (the )?maximum/i.test(serverMessage)) {
      return new EventStore.EventTooLarge({ operation, ...withState, serverMessage, cause: error })
    }
    return new EventStore.EventStoreError({
      reason: `${operation}: ${serverMessage}`,
      ...withState,
      cause: error
    })
  }

/**
 * Why the migrations (the first statements a store sends) failed, in words a person can act on:
 * for a connection that could not be opened, the host, the port and the system's reason
 * (`ECONNREFUSED`, `ENOTFOUND`, …) — not just the driver's "Failed to connect".
 */
export const migrationFailure = (
  endpoint: Endpoint,
  error: SqlError.SqlError | { readonly message: string }
): string => {
  if (!SqlError.isSqlError(error)) return `migrations failed: ${error.message}`
  if (error.reason._tag !== "ConnectionError" && sqlstateOf(error)?.startsWith("08") !== true) {
    return `migrations failed: ${serverMessageOf(error)}`
  }
  const cause = fieldsOf(error)
  const code = typeof cause.code === "string" ? cause.code : undefined
  const why = typeof cause.message === "string" && cause.message !== "" ? cause.message : error.message
  const detail = code !== undefined && !why.includes(code) ? `${code}: ${why}` : why
  return `migrations failed: cannot connect to ${endpoint.host}:${endpoint.port} (${detail})`
}

/** True for a classified backend error (of any kind). */
export const isBackendError = (u: unknown): u is EventStore.BackendError =>
  u instanceof EventStore.EventStoreError ||
  u instanceof EventStore.ConnectionLost ||
  u instanceof EventStore.TransactionConflict ||
  u instanceof EventStore.StatementTimeout ||
  u instanceof EventStore.EventTooLarge
