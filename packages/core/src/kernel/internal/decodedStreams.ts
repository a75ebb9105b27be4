/**
 * Decoded streams (internal): events decoded once per stored event and codec, kept next to the
 * stream they belong to, so that loading a stream already decoded is a walk over an array.
 *
 * - The in-memory store registers every forward read it hands out (`registerView`): the stream's
 *   own append-only array of recorded events (its log) and where the read starts in it.
 * - `EventCodec.make` registers how its codec decodes one event (`registerCodec`): upcasters and
 *   Schema, the decoded event deeply frozen since every later load shares it.
 * - `decodeRange(codec, events)` then decodes only the events of that log that this codec has not
 *   decoded yet, appends them to the log's decoded array for this codec, and returns that array
 *   with the range that matches `events`. Anything else (a SQL row, a codec not made by
 *   `EventCodec.make`) is decoded event by event with `codec.decode`, as before.
 *
 * A log is only ever appended to, so the decoded event at index `i` stays the decoding of the
 * recorded event at index `i`; a codec's upcasters and versions are fixed when it is made, so a
 * codec decodes an event always the same way — and another codec has its own decoded array.
 * Failures are not kept: the same event fails again with the same `EventDecodeError`.
 */
import { Result } from "effect"
import type { RecordedEvent } from "../EventStore.js"

/**
 * What this machinery needs of a codec: its `decode` of one recorded event. (Structural, so that
 * `EventCodec`, which uses this module, is not imported back.) `E` is the codec's decode error.
 */
interface Codec<Event, E> {
  readonly decode: (event: RecordedEvent) => Result.Result<Event, E>
}

type Log = ReadonlyArray<RecordedEvent>

interface Origin {
  readonly log: Log
  readonly offset: number
  /** A frozen view cannot differ from its log; another array is compared event by event. */
  readonly frozen: boolean
}

/** A log's events decoded by one codec: `events[i]` decodes `log[lo + i]`, for `lo ≤ i + lo < hi`. */
interface Decoded {
  readonly lo: number
  hi: number
  readonly events: Array<unknown>
}

type DecodeOne = (event: RecordedEvent) => Result.Result<unknown, unknown>

const origins = new WeakMap<Log, Origin>()
const decoders = new WeakMap<object, DecodeOne>()
const decodedByCodec = new WeakMap<object, WeakMap<Log, Decoded>>()

/** `view` holds the events of `log` from index `offset` on (the store's own forward read). */
export const registerView = (view: Log, log: Log, offset: number, frozen: boolean): void => {
  origins.set(view, { log, offset, frozen })
}

/** `codec` decodes one event with `decodeOne` (pure; the decoded event frozen). */
export const registerCodec = (codec: object, decodeOne: DecodeOne): void => {
  decoders.set(codec, decodeOne)
}

/** Decoded events and the range of them that matches the events asked for. */
export interface DecodedRange<Event> {
  readonly events: ReadonlyArray<Event>
  readonly start: number
  readonly end: number
}

const sameEvents = (origin: Origin, events: Log): boolean => {
  const { log, offset } = origin
  if (offset + events.length > log.length) return false
  for (let i = 0; i < events.length; i++) if (events[i] !== log[offset + i]) return false
  return true
}

/** Each event decoded with `codec.decode`, in a fresh array; stops at the first failure. */
const decodeEach = <Event, E>(codec: Codec<Event, E>, events: Log): Result.Result<DecodedRange<Event>, E> => {
  const out = new Array<Event>(events.length)
  for (let i = 0; i < events.length; i++) {
    const decoded = codec.decode(events[i]!)
    if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
    out[i] = decoded.success
  }
  return Result.succeed({ events: out, start: 0, end: out.length })
}

/**
 * The decoded `events`, as `result.events[start] … result.events[end - 1]`; the first that cannot
 * be decoded fails the whole, with its `EventDecodeError`. The array may be shared: never change it.
 */
export const decodeRange = <Event, E>(codec: Codec<Event, E>, events: Log): Result.Result<DecodedRange<Event>, E> => {
  const origin = origins.get(events)
  const decodeOne = decoders.get(codec)
  if (origin === undefined || decodeOne === undefined || (!origin.frozen && !sameEvents(origin, events))) {
    return decodeEach(codec, events)
  }
  const { log, offset } = origin
  let perLog = decodedByCodec.get(codec)
  if (perLog === undefined) {
    perLog = new WeakMap()
    decodedByCodec.set(codec, perLog)
  }
  let decoded = perLog.get(log)
  // A read starting before what is decoded, or after a gap (a tail after a snapshot), starts a
  // new decoded range: the events before it are never decoded for it (they may not even decode).
  if (decoded === undefined || offset < decoded.lo || offset > decoded.hi) {
    decoded = { lo: offset, hi: offset, events: [] }
    perLog.set(log, decoded)
  }
  const end = offset + events.length
  for (let i = decoded.hi; i < end; i++) {
    const one = decodeOne(log[i]!)
    // The decoder registered for `codec` is the codec's own decode of one event: same error type.
    if (Result.isFailure(one)) return Result.fail(one.failure as E)
    decoded.events.push(one.success)
    decoded.hi = i + 1
  }
  return Result.succeed({
    events: decoded.events as ReadonlyArray<Event>,
    start: offset - decoded.lo,
    end: end - decoded.lo
  })
}

/**
 * `evolve` over `events[start] … events[end - 1]` from `state`: a plain index loop (no copy of the
 * range, no iterator), the hot path of every load.
 */
export const foldRange = <Event, State>(
  evolve: (state: State, event: Event) => State,
  range: DecodedRange<Event>,
  state: State
): State => {
  const events = range.events
  const end = range.end
  let current = state
  for (let i = range.start; i < end; i++) current = evolve(current, events[i]!)
  return current
}
