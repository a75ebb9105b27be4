/**
 * From typed events to stored raw JSON and back, with schema evolution.
 *
 * An event is stored with its type (its `_tag`), the schema version it was written with and its
 * data encoded by the event Schema (the encoded object, `_tag` included). On read, the raw data
 * goes through the upcasters of its type, one version at a time (n → n+1), up to the type's
 * current version, and is then decoded by the Schema. Anything that goes wrong is a typed
 * `EventDecodeError` naming the stream, the version and the type — it never crashes a read of
 * other streams, and nothing is thrown.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type { RecordedEvent } from "./EventStore.js"

/**
 * An event read from the store could not be upcast or decoded.
 *
 * @since 0.1.0
 * @category errors
 */
export class EventDecodeError extends Schema.TaggedError<EventDecodeError>()("EventDecodeError", {
  stream: Schema.String,
  version: Schema.Int,
  type: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Cannot decode event ${this.type} at version ${this.version} of stream "${this.stream}": ${this.reason}`
  }
}

/**
 * A decided event could not be encoded with the event Schema (a bug in the decider or Schema).
 *
 * @since 0.1.0
 * @category errors
 */
export class EventEncodeError extends Schema.TaggedError<EventEncodeError>()("EventEncodeError", {
  type: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Cannot encode event ${this.type}: ${this.reason}`
  }
}

/**
 * Turns the raw data of `type` written at schema version `from` into data of version `from + 1`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Upcaster {
  readonly type: string
  readonly from: number
  readonly up: (data: unknown) => unknown
}

/**
 * An encoded event, ready to be wrapped into an `EventToAppend`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EncodedEvent {
  readonly type: string
  readonly schemaVersion: number
  readonly data: unknown
}

/**
 * @since 0.1.0
 * @category models
 */
export interface EventCodec<Event> {
  /** The current schema version of a type (1 unless declared). */
  readonly versionOf: (type: string) => number
  readonly encode: (event: Event) => Result.Result<EncodedEvent, EventEncodeError>
  readonly decode: (event: RecordedEvent) => Result.Result<Event, EventDecodeError>
}

/**
 * Builds a codec from a Schema of tagged events.
 *
 * - `versions`: the current schema version of each type whose Schema has evolved (default 1);
 * - `upcasters`: for each evolved type, one upcaster per step (`from: 1` turns v1 into v2…).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <Event extends { readonly _tag: string }>(options: {
  readonly schema: Schema.Codec<Event, unknown, never, never>
  readonly versions?: Readonly<Record<string, number>> | undefined
  readonly upcasters?: ReadonlyArray<Upcaster> | undefined
}): EventCodec<Event> => {
  const decodeData = Schema.decodeUnknownResult(options.schema)
  const encodeData = Schema.encodeResult(options.schema)
  const versions = options.versions ?? {}
  const steps = new Map<string, Upcaster["up"]>()
  for (const upcaster of options.upcasters ?? []) steps.set(`${upcaster.type}@${upcaster.from}`, upcaster.up)
  const versionOf = (type: string): number => versions[type] ?? 1

  const decode = (event: RecordedEvent): Result.Result<Event, EventDecodeError> => {
    const fail = (reason: string) =>
      Result.fail(new EventDecodeError({ stream: event.streamId, version: event.version, type: event.type, reason }))
    const target = versionOf(event.type)
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      return fail(`invalid schema version ${String(event.schemaVersion)}`)
    }
    if (event.schemaVersion > target) {
      return fail(`written with schema version ${event.schemaVersion}, newer than the known version ${target}`)
    }
    let data = event.data
    for (let v = event.schemaVersion; v < target; v++) {
      const up = steps.get(`${event.type}@${v}`)
      if (up === undefined) return fail(`no upcaster from schema version ${v} to ${v + 1}`)
      try {
        data = up(data)
      } catch (cause) {
        return fail(
          `upcaster from schema version ${v} failed: ${cause instanceof Error ? cause.message : String(cause)}`
        )
      }
    }
    const decoded = decodeData(data)
    if (Result.isFailure(decoded)) return fail(decoded.failure.message)
    if (decoded.success._tag !== event.type) {
      return fail(`data has type ${decoded.success._tag}, the envelope says ${event.type}`)
    }
    return Result.succeed(decoded.success)
  }

  const encode = (event: Event): Result.Result<EncodedEvent, EventEncodeError> => {
    const encoded = encodeData(event)
    if (Result.isFailure(encoded)) {
      return Result.fail(new EventEncodeError({ type: event._tag, reason: encoded.failure.message }))
    }
    return Result.succeed({ type: event._tag, schemaVersion: versionOf(event._tag), data: encoded.success })
  }

  return { versionOf, encode, decode }
}

/**
 * Decodes a list of recorded events, stopping at the first that cannot be decoded.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeAll = <Event>(
  codec: EventCodec<Event>,
  events: ReadonlyArray<RecordedEvent>
): Result.Result<Array<Event>, EventDecodeError> => {
  const out: Array<Event> = []
  for (const event of events) {
    const decoded = codec.decode(event)
    if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
    out.push(decoded.success)
  }
  return Result.succeed(out)
}
