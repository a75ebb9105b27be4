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
import { Result, Schema, SchemaAST } from "effect"
import type { RecordedEvent } from "./EventStore.js"
import * as DecodedStreams from "./internal/decodedStreams.js"

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
  // The upcasters of each type, indexed by the version they start from (built once).
  const steps = new Map<string, Array<Upcaster["up"] | undefined>>()
  for (const upcaster of options.upcasters ?? []) {
    let ofType = steps.get(upcaster.type)
    if (ofType === undefined) {
      ofType = []
      steps.set(upcaster.type, ofType)
    }
    ofType[upcaster.from] = upcaster.up
  }
  const versionOf = (type: string): number => versions[type] ?? 1
  // The compiled decoder of each member of a tagged union, by tag (built once; undefined when the
  // Schema is not a plain union of tagged members, then the whole Schema decodes every event).
  const byTag = memberCodecs(options.schema, "decode", (member) => Schema.decodeUnknownResult(member))
  const encoders = memberCodecs(options.schema, "encode", (member) => Schema.encodeResult(member))

  // Decode once: a frozen recorded event (the in-memory store's) cannot change, so its decoded
  // event is kept (weakly: it goes with the recorded event) and handed out again, frozen in its
  // turn since every load shares it. Failures are not kept.
  const decodedOnce = new WeakMap<RecordedEvent, Event>()
  const decode = (event: RecordedEvent): Result.Result<Event, EventDecodeError> => {
    if (!Object.isFrozen(event)) return decodeFresh(event)
    const known = decodedOnce.get(event)
    if (known !== undefined) return Result.succeed(known)
    const decoded = decodeFresh(event)
    if (Result.isSuccess(decoded)) decodedOnce.set(event, freezePlain(decoded.success))
    return decoded
  }

  const decodeFresh = (event: RecordedEvent): Result.Result<Event, EventDecodeError> => {
    const type = event.type
    const schemaVersion = event.schemaVersion
    const target = versionOf(type)
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
      return decodeFailure(event, `invalid schema version ${String(schemaVersion)}`)
    }
    if (schemaVersion > target) {
      return decodeFailure(
        event,
        `written with schema version ${schemaVersion}, newer than the known version ${target}`
      )
    }
    let data = event.data
    if (schemaVersion < target) {
      const ofType = steps.get(type)
      for (let v = schemaVersion; v < target; v++) {
        const up = ofType?.[v]
        if (up === undefined) return decodeFailure(event, `no upcaster from schema version ${v} to ${v + 1}`)
        try {
          data = up(data)
        } catch (cause) {
          return decodeFailure(
            event,
            `upcaster from schema version ${v} failed: ${cause instanceof Error ? cause.message : String(cause)}`
          )
        }
      }
    }
    // Fast path: the member of the envelope's type alone. Any failure goes through the whole
    // Schema below, so that errors (and a data/envelope type mismatch) read exactly as before.
    const member = byTag?.get(type)
    if (member !== undefined) {
      const decoded = member(data) as Result.Result<Event, Schema.SchemaError>
      if (Result.isSuccess(decoded) && decoded.success._tag === type) return decoded as Result.Result<Event, never>
    }
    const decoded = decodeData(data)
    if (Result.isFailure(decoded)) return decodeFailure(event, decoded.failure.message)
    if (decoded.success._tag !== type) {
      return decodeFailure(event, `data has type ${decoded.success._tag}, the envelope says ${type}`)
    }
    return decoded as Result.Result<Event, never>
  }

  const encode = (event: Event): Result.Result<EncodedEvent, EventEncodeError> => {
    const type = event._tag
    // Fast path: the member of the event's tag alone; a failure goes through the whole Schema.
    const member = encoders?.get(type)
    if (member !== undefined) {
      const encoded = member(event)
      if (Result.isSuccess(encoded))
        return Result.succeed({ type, schemaVersion: versionOf(type), data: encoded.success })
    }
    const encoded = encodeData(event)
    if (Result.isFailure(encoded)) {
      return Result.fail(new EventEncodeError({ type, reason: encoded.failure.message }))
    }
    return Result.succeed({ type, schemaVersion: versionOf(type), data: encoded.success })
  }

  const codec: EventCodec<Event> = { versionOf, encode, decode }
  // Decode once per stored event and codec: the in-memory store's streams keep, per codec, their
  // events decoded by the first load that reads them (see `decodeAll`), frozen like `decode`'s.
  DecodedStreams.registerCodec(codec, (event) => {
    const decoded = decodeFresh(event)
    if (Result.isSuccess(decoded)) freezePlain(decoded.success)
    return decoded
  })
  return codec
}

/**
 * Deeply freezes the plain objects and arrays of a decoded event (class instances such as `Date`
 * are left as they are: freezing them would not stop their setters).
 */
const freezePlain = <A>(value: A): A => {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) freezePlain(value[i])
    return Object.freeze(value)
  }
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return value
  const record = value as Record<string, unknown>
  for (const key in record) freezePlain(record[key])
  return Object.freeze(value)
}

const decodeFailure = (event: RecordedEvent, reason: string): Result.Result<never, EventDecodeError> =>
  Result.fail(new EventDecodeError({ stream: event.streamId, version: event.version, type: event.type, reason }))

/**
 * For a Schema that is a plain union (no checks, no transformation of its own) whose members are
 * each an object with a required literal `_tag`, all different: the compiled decoder (or encoder)
 * of each member, by tag — the tag of the encoded side for decoding, of the type side for
 * encoding. Decoding the data of type `T` with member `T` alone is what the union would do (its
 * candidates for a `_tag` of `T` are that member only), without the union's dispatch. Undefined
 * for any other Schema: then the whole Schema decodes every event.
 */
const memberCodecs = <F>(
  schema: Schema.Top,
  side: "decode" | "encode",
  compile: (member: Schema.Codec<unknown, unknown, never, never>) => F
): Map<string, F> | undefined => {
  const ast = schema.ast
  const members = (schema as unknown as { readonly members?: unknown }).members
  if (
    !SchemaAST.isUnion(ast) ||
    ast.checks !== undefined ||
    ast.encoding !== undefined ||
    ast.context !== undefined ||
    !Array.isArray(members) ||
    members.length !== ast.types.length
  ) {
    return undefined
  }
  const out = new Map<string, F>()
  for (let i = 0; i < members.length; i++) {
    const memberAst = ast.types[i]!
    const tag = literalTagOf(side === "decode" ? SchemaAST.toEncoded(memberAst) : SchemaAST.toType(memberAst))
    const member = members[i] as Schema.Codec<unknown, unknown, never, never>
    if (tag === undefined || out.has(tag) || member.ast !== memberAst) return undefined
    out.set(tag, compile(member))
  }
  return out
}

const literalTagOf = (ast: SchemaAST.AST): string | undefined => {
  if (!SchemaAST.isObjects(ast)) return undefined
  for (const ps of ast.propertySignatures) {
    if (ps.name === "_tag") {
      return SchemaAST.isLiteral(ps.type) && typeof ps.type.literal === "string" && !SchemaAST.isOptional(ps.type)
        ? ps.type.literal
        : undefined
    }
  }
  return undefined
}

/**
 * Decodes a list of recorded events, stopping at the first that cannot be decoded.
 *
 * The events of an in-memory store's read are decoded once per codec made by {@link make}: a
 * later call on the same stream decodes only the events appended since, and returns the same
 * (frozen) decoded events — upcasters and schema versions applied exactly as by `decode`, and an
 * invalid event failing with the same `EventDecodeError` every time.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeAll = <Event>(
  codec: EventCodec<Event>,
  events: ReadonlyArray<RecordedEvent>
): Result.Result<Array<Event>, EventDecodeError> => {
  const decoded = DecodedStreams.decodeRange(codec, events)
  return Result.isFailure(decoded)
    ? Result.fail(decoded.failure)
    : Result.succeed(decoded.success.events.slice(decoded.success.start, decoded.success.end))
}
