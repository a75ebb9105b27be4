/**
 * Rows of `soltrace_events` as recorded events: the columns every read selects and their checked
 * conversion, shared by the event store's reads and the snapshot store's snapshot + tail read.
 */
import { Effect } from "effect"
import * as EventStore from "../../kernel/EventStore.js"

export const toNumber = (u: unknown): number =>
  typeof u === "number" ? u : typeof u === "bigint" || typeof u === "string" ? Number(u) : Number.NaN

export const columns = `soltrace_events.position::float8 AS position, soltrace_events.stream_id,
  soltrace_events.stream_version::float8 AS stream_version, soltrace_events.event_id, soltrace_events.event_type,
  soltrace_events.schema_version, (extract(epoch FROM soltrace_events.recorded_at) * 1000)::float8 AS recorded_at,
  soltrace_events.data::text AS data, soltrace_events.metadata::text AS metadata`

export interface Row {
  readonly position: unknown
  readonly stream_id: unknown
  readonly stream_version: unknown
  readonly event_id: unknown
  readonly event_type: unknown
  readonly schema_version: unknown
  readonly recorded_at: unknown
  readonly data: unknown
  readonly metadata: unknown
}

const metadataKeys = ["commandId", "causationId", "correlationId", "actor"] as const

class MalformedRow extends Error {
  constructor(
    readonly field: string,
    readonly why: string
  ) {
    super(`${field} ${why}`)
  }
}

const numberField = (value: unknown, field: string): number => {
  const n = toNumber(value)
  if (!Number.isFinite(n)) throw new MalformedRow(field, "is not a finite number")
  return n
}

const stringField = (value: unknown, field: string): string => {
  if (typeof value !== "string") throw new MalformedRow(field, "is not a string")
  return value
}

const jsonField = (value: unknown, field: string): unknown => {
  if (typeof value !== "string") throw new MalformedRow(field, "is not JSON text")
  try {
    return JSON.parse(value) as unknown
  } catch {
    throw new MalformedRow(field, "is not valid JSON")
  }
}

const metadataField = (value: unknown): EventStore.EventMetadata => {
  const metadata = jsonField(value, "metadata")
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new MalformedRow("metadata", "is not an object")
  }
  for (const key of metadataKeys) {
    const v = (metadata as Record<string, unknown>)[key]
    if (v !== undefined && typeof v !== "string") throw new MalformedRow(`metadata.${key}`, "is not a string")
  }
  return metadata
}

/** What could be read of a row that failed, for the error (never throws). */
const locate = (row: Row) => {
  const position = toNumber(row.position)
  const version = toNumber(row.stream_version)
  return {
    ...(Number.isFinite(position) ? { position } : {}),
    ...(typeof row.stream_id === "string" ? { stream: row.stream_id } : {}),
    ...(Number.isFinite(version) ? { version } : {}),
    ...(typeof row.event_id === "string" ? { eventId: row.event_id } : {})
  }
}

/**
 * A page of rows as recorded events: one synchronous loop (the SQL casts already type the
 * columns; each is checked with `typeof`), an `UnreadableEvent` naming the row's position,
 * stream, version, event id and the first malformed field.
 */
export const fromRows = (
  rows: ReadonlyArray<Row>
): Effect.Effect<Array<EventStore.RecordedEvent>, EventStore.UnreadableEvent> => {
  const out = new Array<EventStore.RecordedEvent>(rows.length)
  let i = 0
  try {
    for (; i < rows.length; i++) {
      const row = rows[i]!
      out[i] = {
        eventId: stringField(row.event_id, "event_id"),
        type: stringField(row.event_type, "event_type"),
        schemaVersion: numberField(row.schema_version, "schema_version"),
        recordedAt: numberField(row.recorded_at, "recorded_at"),
        data: jsonField(row.data, "data"),
        metadata: metadataField(row.metadata),
        streamId: stringField(row.stream_id, "stream_id"),
        version: numberField(row.stream_version, "stream_version"),
        position: numberField(row.position, "position")
      }
    }
  } catch (cause) {
    const row = rows[i]!
    return Effect.fail(
      new EventStore.UnreadableEvent({
        ...locate(row),
        field: cause instanceof MalformedRow ? cause.field : "row",
        reason: cause instanceof MalformedRow ? cause.why : String(cause)
      })
    )
  }
  return Effect.succeed(out)
}
