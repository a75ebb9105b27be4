/**
 * Write-time checks shared by every backend (internal): the same input gives the same typed
 * error in memory, on PGlite and on PostgreSQL, and nothing that a reader would later refuse is
 * ever stored. Hand-written rather than a Schema: it runs on every append, must name the exact
 * field (`data.items[2].name`) and must produce the JSON texts the SQL backends send anyway.
 *
 * @since 0.2.0
 */
import * as EventStore from "../EventStore.js"
import { textDeeperThan, valueDeeperThan } from "./jsonDepth.js"

/** Default of `maxEventBytes`: 1 MiB, far below PostgreSQL's and the drivers' limits (≈ 1 GB / 16 MiB). */
export const defaultMaxEventBytes = 1_048_576

/**
 * Default of `maxJsonDepth`: `data` and `metadata` may each nest arrays and objects 512 levels
 * deep. Far above any real event (a few levels), and far below every point where a backend
 * fails: `JSON.stringify` overflows the call stack from about 3,000–4,400 levels on Node's
 * default stack (less the deeper the caller's stack already is), PGlite's `jsonb` parser returns
 * no row at all from about 7,000, PostgreSQL 15's refuses 20,000 (`54001`, stack depth limit
 * exceeded). A fixed rule, checked before anything is written, keeps the answer the same on
 * every backend and at every caller's stack depth (issue 12).
 */
export const defaultMaxJsonDepth = 512

/** Longest stream id, event id or type, in UTF-8 bytes (a B-tree index entry must fit in a page). */
export const maxIdBytes = 1000

/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: what every backend stores exactly. */
const minRecordedAt = -62_135_596_800_000
const maxRecordedAt = 253_402_300_799_999

const maxSchemaVersion = 2_147_483_647

const metadataKeys = ["commandId", "causationId", "correlationId", "actor"] as const

/** An event ready to be written: the envelope and its data and metadata as JSON texts. */
export interface Prepared {
  readonly event: EventStore.EventToAppend
  readonly data: string
  readonly metadata: string
}

/** One validated write of `appendMany`. */
export interface PreparedWrite {
  readonly stream: string
  readonly category: string
  readonly expected: EventStore.ExpectedVersion
  readonly events: ReadonlyArray<Prepared>
}

/** `Array.isArray` without its narrowing to `any[]` (inputs may come from untyped callers). */
const isArray = (u: unknown): boolean => Array.isArray(u)

/** UTF-8 length of a well-formed string (no allocation). */
export const utf8Length = (s: string): number => {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units).
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Why a string cannot be stored as is (NUL, lone surrogate), or undefined. */
const badString = (s: string): string | undefined => {
  if (s.includes("\u0000")) return "contains a NUL character (U+0000), which PostgreSQL cannot store"
  if (loneSurrogate.test(s)) return "contains a lone UTF-16 surrogate (not valid Unicode)"
  return undefined
}

const isIdentifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/

const child = (path: string, key: string | number): string =>
  typeof key === "number"
    ? `${path}[${key}]`
    : isIdentifier.test(key)
      ? `${path}.${key}`
      : `${path}[${JSON.stringify(key)}]`

/** The path and reason of the first bad string (key or value) in a parsed JSON value. */
const findBadString = (value: unknown, path: string): readonly [string, string] | undefined => {
  if (typeof value === "string") {
    const bad = badString(value)
    return bad === undefined ? undefined : [path, bad]
  }
  if (typeof value !== "object" || value === null) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadString(value[i], child(path, i))
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const key in value as Record<string, unknown>) {
    const badKey = badString(key)
    if (badKey !== undefined) return [child(path, key), `has a key that ${badKey}`]
    const found = findBadString((value as Record<string, unknown>)[key], child(path, key))
    if (found !== undefined) return found
  }
  return undefined
}

/** Why a value nested deeper than `maxJsonDepth` is refused (the same words on every path). */
const tooDeep = (maxJsonDepth: number): string =>
  `nests arrays and objects more than maxJsonDepth (${maxJsonDepth}) levels deep`

/**
 * The JSON text of a value, or the field and reason it cannot be stored.
 *
 * - Depth (`maxJsonDepth`, issue 12): read from the text itself, no second parse; most texts are
 *   not even read (too short, or too few brackets, to be too deep: see `textDeeperThan`). A value too
 *   deep for `JSON.stringify` itself (a `RangeError`: the call stack overflowed) is measured
 *   iteratively, so it gets the same answer as one that `JSON.stringify` could still handle.
 * - NUL and lone surrogates: JSON.stringify escapes them as `\u….`: only a text with a `\u`
 *   escape needs the walk that finds the exact field. The depth check runs first, so that walk
 *   (recursive) never meets a value deeper than `maxJsonDepth`.
 */
const jsonText = (value: unknown, field: string, maxJsonDepth: number): string | readonly [string, string] => {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch (cause) {
    if (cause instanceof RangeError && valueDeeperThan(value, maxJsonDepth)) return [field, tooDeep(maxJsonDepth)]
    return [field, `is not serialisable as JSON: ${cause instanceof Error ? cause.message : String(cause)}`]
  }
  if (text === undefined) return [field, "is not a JSON value"]
  if (textDeeperThan(text, maxJsonDepth)) return [field, tooDeep(maxJsonDepth)]
  if (text.includes("\\u")) {
    const found = findBadString(JSON.parse(text), field)
    if (found !== undefined) return found
  }
  return text
}

/** Why an id-like string (stream id, event id, type) is invalid, or undefined. */
export const badId = (value: unknown): string | undefined => {
  if (typeof value !== "string") return "must be a string"
  if (value.length === 0) return "must not be empty"
  const bad = badString(value)
  if (bad !== undefined) return bad
  if (utf8Length(value) > maxIdBytes) return `must be at most ${maxIdBytes} bytes in UTF-8`
  return undefined
}

/** Why a number argument is not a non-negative safe integer, or undefined. */
export const badCount = (value: unknown): string | undefined =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? undefined
    : `must be a non-negative integer, got ${typeof value === "number" ? String(value) : typeof value}`

/** Checks the options of `readStream`. */
export const checkReadStream = (
  stream: unknown,
  options: EventStore.ReadStreamOptions | undefined
): EventStore.InvalidArgument | undefined => {
  const badStream = badId(stream)
  if (badStream !== undefined)
    return new EventStore.InvalidArgument({ operation: "readStream", field: "stream", reason: badStream })
  if (options === undefined) return undefined
  for (const field of ["from", "maxCount"] as const) {
    const value = options[field]
    const bad = value === undefined ? undefined : badCount(value)
    if (bad !== undefined) return new EventStore.InvalidArgument({ operation: "readStream", field, reason: bad })
  }
  const direction = options.direction
  if (direction !== undefined && direction !== "forwards" && direction !== "backwards") {
    return new EventStore.InvalidArgument({
      operation: "readStream",
      field: "direction",
      reason: `must be "forwards" or "backwards", got ${String(direction)}`
    })
  }
  return undefined
}

/** Checks the options of `readAll`, `readCategory`, `subscribe`. */
export const checkReadAll = (
  operation: string,
  options: (EventStore.ReadAllOptions & { readonly category?: string | undefined }) | undefined,
  category?: unknown
): EventStore.InvalidArgument | undefined => {
  if (category !== undefined) {
    const bad = badId(category)
    if (bad !== undefined) return new EventStore.InvalidArgument({ operation, field: "category", reason: bad })
  }
  if (options === undefined) return undefined
  for (const field of ["after", "maxCount"] as const) {
    const value = options[field]
    const bad = value === undefined ? undefined : badCount(value)
    if (bad !== undefined) return new EventStore.InvalidArgument({ operation, field, reason: bad })
  }
  return undefined
}

/** Checks an expected version (its tag, and an `Exact` version that is a non-negative integer). */
export const checkExpected = (
  operation: string,
  expected: unknown,
  field: string
): EventStore.InvalidArgument | undefined => {
  if (typeof expected !== "object" || expected === null) {
    return new EventStore.InvalidArgument({ operation, field, reason: "must be an expected version" })
  }
  const tag = (expected as { readonly _tag?: unknown })._tag
  if (tag === "Any" || tag === "NoStream" || tag === "StreamExists") return undefined
  if (tag === "Exact") {
    const bad = badCount((expected as { readonly version?: unknown }).version)
    return bad === undefined
      ? undefined
      : new EventStore.InvalidArgument({ operation, field: `${field}.version`, reason: bad })
  }
  return new EventStore.InvalidArgument({ operation, field, reason: `has an unknown tag ${String(tag)}` })
}

const invalid = (
  stream: string,
  write: number,
  index: number,
  event: unknown,
  field: string,
  reason: string
): EventStore.InvalidEvent => {
  const eventId =
    typeof event === "object" && event !== null ? (event as { readonly eventId?: unknown }).eventId : undefined
  return new EventStore.InvalidEvent({
    stream,
    write,
    index,
    ...(typeof eventId === "string" ? { eventId } : {}),
    field,
    reason
  })
}

/** Validates one event to append; its JSON texts, or the typed error naming the field. */
const prepareEvent = (
  stream: string,
  write: number,
  index: number,
  event: EventStore.EventToAppend,
  maxEventBytes: number,
  maxJsonDepth: number
): Prepared | EventStore.InvalidEvent => {
  const fail = (field: string, reason: string) => invalid(stream, write, index, event, field, reason)
  if (typeof event !== "object" || event === null) return fail("event", "must be an object")
  const badEventId = badId(event.eventId)
  if (badEventId !== undefined) return fail("eventId", badEventId)
  const badType = badId(event.type)
  if (badType !== undefined) return fail("type", badType)
  const sv = event.schemaVersion
  if (typeof sv !== "number" || !Number.isInteger(sv) || sv < 1 || sv > maxSchemaVersion) {
    return fail("schemaVersion", `must be an integer from 1 to ${maxSchemaVersion}, got ${String(sv)}`)
  }
  const at = event.recordedAt
  if (typeof at !== "number" || !Number.isInteger(at) || at < minRecordedAt || at > maxRecordedAt) {
    return fail(
      "recordedAt",
      `must be a whole number of milliseconds since the epoch between years 1 and 9999, got ${String(at)}`
    )
  }
  const metadata = event.metadata as unknown
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    return fail(
      "metadata",
      `must be an object, got ${metadata === null ? "null" : Array.isArray(metadata) ? "an array" : typeof metadata}`
    )
  }
  for (const key of metadataKeys) {
    const v = (metadata as Record<string, unknown>)[key]
    if (v !== undefined && typeof v !== "string")
      return fail(`metadata.${key}`, `must be a string, got ${v === null ? "null" : typeof v}`)
  }
  const metadataText = jsonText(metadata, "metadata", maxJsonDepth)
  if (typeof metadataText !== "string") return fail(metadataText[0], metadataText[1])
  const dataText = jsonText(event.data, "data", maxJsonDepth)
  if (typeof dataText !== "string") return fail(dataText[0], dataText[1])
  // Cheap upper bound first (≤ 3 bytes per UTF-16 unit), the exact UTF-8 size only when needed.
  const units = dataText.length + metadataText.length + event.eventId.length + event.type.length
  if (units * 3 > maxEventBytes) {
    const bytes = utf8Length(dataText) + utf8Length(metadataText) + utf8Length(event.eventId) + utf8Length(event.type)
    if (bytes > maxEventBytes)
      return fail("size", `is ${bytes} bytes of JSON, more than maxEventBytes (${maxEventBytes})`)
  }
  return { event, data: dataText, metadata: metadataText }
}

/**
 * Validates a whole `appendMany` call before anything is written: stream ids, expected versions,
 * every event's envelope (its size at most `maxEventBytes`, its `data` and `metadata` nested at
 * most `maxJsonDepth` levels), one write per stream, distinct event ids across the call.
 */
export const prepareWrites = (
  operation: string,
  writes: ReadonlyArray<EventStore.StreamWrite>,
  maxEventBytes: number,
  maxJsonDepth: number = defaultMaxJsonDepth
): Array<PreparedWrite> | EventStore.InvalidEvent | EventStore.InvalidArgument | EventStore.EventIdConflict => {
  if (!isArray(writes))
    return new EventStore.InvalidArgument({ operation, field: "writes", reason: "must be an array" })
  const out = new Array<PreparedWrite>(writes.length)
  const streams = new Set<string>()
  const ids = new Map<string, string>()
  for (let w = 0; w < writes.length; w++) {
    const write = writes[w]!
    const prefix = operation === "append" ? "" : `writes[${w}].`
    const badStream = badId(write.stream)
    if (badStream !== undefined)
      return new EventStore.InvalidArgument({ operation, field: `${prefix}stream`, reason: badStream })
    if (streams.has(write.stream)) {
      return new EventStore.InvalidArgument({
        operation,
        field: `${prefix}stream`,
        reason: `"${write.stream}" appears in more than one write: put its events into one write`
      })
    }
    streams.add(write.stream)
    const badExpected = checkExpected(operation, write.expected, `${prefix}expected`)
    if (badExpected !== undefined) return badExpected
    if (!isArray(write.events)) {
      return new EventStore.InvalidArgument({ operation, field: `${prefix}events`, reason: "must be an array" })
    }
    const events = new Array<Prepared>(write.events.length)
    for (let i = 0; i < write.events.length; i++) {
      const prepared = prepareEvent(write.stream, w, i, write.events[i]!, maxEventBytes, maxJsonDepth)
      if (prepared instanceof EventStore.InvalidEvent) return prepared
      const id = prepared.event.eventId
      const seen = ids.get(id)
      if (seen !== undefined) {
        return new EventStore.EventIdConflict({
          stream: write.stream,
          eventIds: [id],
          reason:
            seen === write.stream
              ? "the same event id appears twice in the batch"
              : `the same event id appears in the writes of "${seen}" and "${write.stream}"`
        })
      }
      ids.set(id, write.stream)
      events[i] = prepared
    }
    out[w] = { stream: write.stream, category: EventStore.categoryOf(write.stream), expected: write.expected, events }
  }
  return out
}
