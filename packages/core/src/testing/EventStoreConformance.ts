/**
 * The event-store conformance suite: one set of vitest tests every `EventStore` backend must pass.
 *
 * ```ts
 * import { InMemoryEventStore } from "@soltrace/core"
 * import { runEventStoreConformance } from "@soltrace/core/testing"
 * runEventStoreConformance("in-memory", InMemoryEventStore.layer)
 * ```
 *
 * The layer is built once for the suite (or once per test, see `ConformanceOptions.build`). The
 * tests share the store: every test uses streams of its own fresh category and reads the global
 * log only after the last position it saw when it started. Nothing else may write to the store
 * while the suite runs.
 *
 * @since 0.1.0
 */
import assert from "node:assert/strict"
import { Effect, Fiber, ManagedRuntime, Result, Stream } from "effect"
import type { Layer } from "effect"
import type * as FastCheck from "fast-check"
import type * as Vitest from "vitest"
import * as EventStore from "../kernel/EventStore.js"
import { optionalPeer } from "../internal/optionalPeer.js"

/**
 * Options of the suite.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConformanceOptions {
  /** fast-check runs of the model-based property (default 60). */
  readonly numRuns?: number | undefined
  /** Concurrent writer fibers in the concurrency test (default 8). */
  readonly writers?: number | undefined
  /** Successful appends per writer in the concurrency test (default 12). */
  readonly appendsPerWriter?: number | undefined
  /** fast-check runs of the random-envelopes property (default 40). */
  readonly envelopes?: number | undefined
  /** fast-check runs of the concurrent-histories property (default 6). */
  readonly histories?: number | undefined
  /** Per-test timeout in milliseconds (default 60 000). */
  readonly timeout?: number | undefined
  /**
   * `"suite"` (default): the layer is built once for the whole suite (one store, shared by all
   * tests — what a slow-to-start backend wants). `"test"`: built again for every test and every
   * property run.
   */
  readonly build?: "suite" | "test" | undefined
  /**
   * How the backend runs an effect in one of the caller's transactions, if it has them (SQL:
   * `(effect) => SqlEventStore.withTransaction(effect)` with the store's `SqlClient` provided).
   * Given, the concurrent histories include writers that append inside a transaction and then
   * commit, roll back on purpose, or try a second append (refused with `AppendInTransaction`).
   * Absent (the in-memory store has no transactions), the histories have none, and the test's
   * name says so.
   */
  readonly transaction?: Transaction | undefined
}

/**
 * Runs an effect in one transaction of the backend: committed when it succeeds, rolled back when
 * it fails (with its own error, passed through unchanged).
 *
 * @since 0.2.0
 * @category models
 */
export type Transaction = <A, E>(effect: Effect.Effect<A, E>) => Effect.Effect<A, E | EventStore.BackendError>

type Store = EventStore.EventStoreService

const freshCategory = (): string => `c${globalThis.crypto.randomUUID().replaceAll("-", "")}`

const event = (eventId: string, n: number): EventStore.EventToAppend => ({
  eventId,
  type: n % 2 === 0 ? "Even" : "Odd",
  schemaVersion: 1 + (n % 3),
  recordedAt: 1_767_225_600_000 + n,
  data: { n, text: `é${n}`, nested: { list: [1, "two", null, true], flag: n % 2 === 0 } },
  metadata: { commandId: `cmd-${eventId}`, correlationId: "corr", causationId: "cause", actor: "tester" }
})

/** `levels` arrays (`"arrays"`: `[[…[0]…]]`) or objects (`"objects"`: `{"a":{"a":…0}}`) inside each other. */
const nested = (levels: number, kind: "arrays" | "objects"): unknown => {
  let value: unknown = 0
  for (let i = 0; i < levels; i++) value = kind === "arrays" ? [value] : { a: value }
  return value
}

/** The default `maxJsonDepth` of every store (issue 12). */
const defaultMaxJsonDepth = 512

const batchOf = (prefix: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => event(`${prefix}:${from + i}`, from + i))

/** Global position of the last recorded event (0 if none). */
const lastPosition = (store: Store) =>
  Effect.gen(function* () {
    let after = 0
    while (true) {
      const batch = yield* store.readAll({ after, maxCount: 1000 })
      const last = batch[batch.length - 1]
      if (last === undefined) return after
      after = last.position
    }
  })

const readAllAfter = (store: Store, start: number) =>
  Effect.gen(function* () {
    const out: Array<EventStore.RecordedEvent> = []
    let after = start
    while (true) {
      const batch = yield* store.readAll({ after, maxCount: 1000 })
      const last = batch[batch.length - 1]
      if (last === undefined) return out
      out.push(...batch)
      after = last.position
    }
  })

const failure = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) assert.fail(`expected a failure, got ${JSON.stringify(result.success)}`)
  return result.failure
}

const success = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) assert.fail(`expected a success, got ${String(result.failure)}`)
  return result.success
}

/** Event ids without the per-test prefix (`<uid>/`). */
const ids = (events: ReadonlyArray<{ readonly eventId: string }>) =>
  events.map((e) => e.eventId.slice(e.eventId.indexOf("/") + 1))

/** Per-test helpers: event ids prefixed by a fresh uid, so tests can share one store. */
const kit = () => {
  const uid = freshCategory()
  return {
    event: (localId: string, n: number) => event(`${uid}/${localId}`, n),
    batchOf: (prefix: string, count: number, from = 0) => batchOf(`${uid}/${prefix}`, count, from)
  }
}
type Kit = ReturnType<typeof kit>

const assertSameAppended = (recorded: EventStore.RecordedEvent, appended: EventStore.EventToAppend) => {
  assert.equal(recorded.eventId, appended.eventId)
  assert.equal(recorded.type, appended.type)
  assert.equal(recorded.schemaVersion, appended.schemaVersion)
  assert.equal(recorded.recordedAt, appended.recordedAt)
  assert.deepStrictEqual(recorded.data, appended.data)
  assert.deepStrictEqual(recorded.metadata, appended.metadata)
}

/**
 * Registers the conformance tests of an event store under `describe(name)`.
 *
 * @since 0.1.0
 * @category conformance
 */
export const runEventStoreConformance = <E>(
  name: string,
  layer: Layer.Layer<EventStore.EventStore, E>,
  options?: ConformanceOptions
): void => {
  const fc = optionalPeer<typeof FastCheck>("fast-check", "runEventStoreConformance")
  const { afterAll, beforeAll, describe, it } = optionalPeer<typeof Vitest>("vitest", "runEventStoreConformance")
  const transaction = options?.transaction
  const historyOp = historyOpArbitrary(fc, transaction !== undefined)
  const envelope = envelopeArbitrary(fc)
  const timeout = options?.timeout ?? 60_000
  let runtime: ManagedRuntime.ManagedRuntime<EventStore.EventStore, E> | undefined
  if ((options?.build ?? "suite") === "suite") {
    beforeAll(() => {
      runtime = ManagedRuntime.make(layer)
    })
    afterAll(() => runtime?.dispose())
  }
  const run = <A, E2>(body: (store: Store) => Effect.Effect<A, E2>): Promise<A> => {
    const program = Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      return yield* body(store)
    })
    return runtime === undefined ? Effect.runPromise(program.pipe(Effect.provide(layer))) : runtime.runPromise(program)
  }
  const test = (title: string, body: (store: Store, t: Kit) => Effect.Effect<unknown, unknown>) =>
    it(title, () => run((store) => body(store, kit())).then(() => undefined), timeout)

  describe(`EventStore conformance: ${name}`, () => {
    describe("append and read a stream", () => {
      test("the first event of a stream has version 1; versions follow on; data and metadata round-trip", (store, t) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          const first = t.batchOf("a", 3)
          const r1 = yield* store.append(stream, first, EventStore.noStream)
          assert.equal(r1.streamId, stream)
          assert.equal(r1.version, 3)
          assert.deepStrictEqual(
            r1.events.map((e) => e.version),
            [1, 2, 3]
          )
          const r2 = yield* store.append(stream, t.batchOf("a", 2, 3), EventStore.exact(3))
          assert.equal(r2.version, 5)
          const read = yield* store.readStream(stream)
          assert.deepStrictEqual(
            read.map((e) => e.version),
            [1, 2, 3, 4, 5]
          )
          read.forEach((e, i) => {
            assert.equal(e.streamId, stream)
            assertSameAppended(e, [...first, ...t.batchOf("a", 2, 3)][i]!)
          })
          assert.deepStrictEqual(read, [...r1.events, ...r2.events])
          assert.equal(yield* store.streamVersion(stream), 5)
          for (let i = 1; i < read.length; i++) assert.ok(read[i]!.position > read[i - 1]!.position)
        }))

      test("data and metadata are stored as JSON: a Date reads back as its ISO string, an undefined property is dropped", (store, t) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          const appended = {
            ...t.event("json", 1),
            data: { when: new Date(0), gone: undefined, list: [1, "x"], nested: { ok: true } },
            metadata: { commandId: "c", actor: undefined }
          }
          yield* store.append(stream, [appended], EventStore.noStream)
          const [read] = yield* store.readStream(stream)
          assert.deepStrictEqual(read?.data, { when: "1970-01-01T00:00:00.000Z", list: [1, "x"], nested: { ok: true } })
          assert.deepStrictEqual(read?.metadata, { commandId: "c" })
        }))

      test("an unknown stream reads as empty, with version 0", (store) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-none`
          assert.deepStrictEqual(yield* store.readStream(stream), [])
          assert.deepStrictEqual(yield* store.readStream(stream, { direction: "backwards" }), [])
          assert.equal(yield* store.streamVersion(stream), 0)
        }))

      test("readStream honours from, direction and maxCount", (store, t) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          yield* store.append(stream, t.batchOf("r", 6), EventStore.any)
          const versions = (events: ReadonlyArray<EventStore.RecordedEvent>) => events.map((e) => e.version)
          assert.deepStrictEqual(versions(yield* store.readStream(stream, { from: 3 })), [3, 4, 5, 6])
          assert.deepStrictEqual(versions(yield* store.readStream(stream, { from: 2, maxCount: 2 })), [2, 3])
          assert.deepStrictEqual(
            versions(yield* store.readStream(stream, { direction: "backwards" })),
            [6, 5, 4, 3, 2, 1]
          )
          assert.deepStrictEqual(
            versions(yield* store.readStream(stream, { direction: "backwards", from: 4, maxCount: 3 })),
            [4, 3, 2]
          )
          assert.deepStrictEqual(versions(yield* store.readStream(stream, { from: 7 })), [])
          assert.deepStrictEqual(versions(yield* store.readStream(stream, { maxCount: 0 })), [])
        }))
    })

    describe("expected version", () => {
      const cases: ReadonlyArray<{
        readonly title: string
        readonly existing: number
        readonly expected: EventStore.ExpectedVersion
        readonly ok: boolean
      }> = [
        { title: "any on an empty stream", existing: 0, expected: EventStore.any, ok: true },
        { title: "any on a stream with events", existing: 2, expected: EventStore.any, ok: true },
        { title: "noStream on an empty stream", existing: 0, expected: EventStore.noStream, ok: true },
        { title: "noStream on a stream with events", existing: 2, expected: EventStore.noStream, ok: false },
        { title: "streamExists on an empty stream", existing: 0, expected: EventStore.streamExists, ok: false },
        { title: "streamExists on a stream with events", existing: 2, expected: EventStore.streamExists, ok: true },
        { title: "exact(0) on an empty stream", existing: 0, expected: EventStore.exact(0), ok: true },
        { title: "exact(1) on an empty stream", existing: 0, expected: EventStore.exact(1), ok: false },
        { title: "exact(2) on a stream at version 2", existing: 2, expected: EventStore.exact(2), ok: true },
        { title: "exact(1) on a stream at version 2", existing: 2, expected: EventStore.exact(1), ok: false },
        { title: "exact(3) on a stream at version 2", existing: 2, expected: EventStore.exact(3), ok: false }
      ]
      for (const c of cases) {
        test(`${c.title}: ${c.ok ? "appends" : "fails with WrongExpectedVersion and records nothing"}`, (store, t) =>
          Effect.gen(function* () {
            const stream = `${freshCategory()}-1`
            if (c.existing > 0) yield* store.append(stream, t.batchOf("pre", c.existing), EventStore.noStream)
            const before = yield* lastPosition(store)
            const result = yield* Effect.result(store.append(stream, t.batchOf("new", 1), c.expected))
            if (c.ok) {
              assert.equal(success(result).version, c.existing + 1)
              assert.equal(yield* store.streamVersion(stream), c.existing + 1)
            } else {
              const error = failure(result)
              assert.ok(error instanceof EventStore.WrongExpectedVersion)
              assert.equal(error._tag, "WrongExpectedVersion")
              assert.equal(error.stream, stream)
              assert.deepStrictEqual(error.expected, c.expected)
              assert.equal(error.actual, c.existing)
              assert.equal(yield* store.streamVersion(stream), c.existing)
              assert.deepStrictEqual(yield* readAllAfter(store, before), [])
            }
          }))
      }

      test("an empty batch checks the expected version and records nothing", (store, t) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          const ok = yield* store.append(stream, [], EventStore.noStream)
          assert.deepStrictEqual(ok.events, [])
          assert.equal(ok.version, 0)
          yield* store.append(stream, t.batchOf("e", 2), EventStore.noStream)
          const again = yield* store.append(stream, [], EventStore.exact(2))
          assert.equal(again.version, 2)
          const error = failure(yield* Effect.result(store.append(stream, [], EventStore.noStream)))
          assert.equal(error._tag, "WrongExpectedVersion")
          assert.equal(yield* store.streamVersion(stream), 2)
        }))

      test("two concurrent creators of a new stream with noStream: exactly one succeeds", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          for (let round = 0; round < 20; round++) {
            const stream = `${category}-${round}`
            const results = yield* Effect.forEach(
              [0, 1, 2, 3],
              (w) => Effect.result(store.append(stream, t.batchOf(`${stream}/w${w}`, 1), EventStore.noStream)),
              { concurrency: "unbounded" }
            )
            assert.equal(results.filter(Result.isSuccess).length, 1)
            for (const r of results.filter(Result.isFailure)) assert.equal(r.failure._tag, "WrongExpectedVersion")
            assert.equal(yield* store.streamVersion(stream), 1)
          }
        }))
    })

    describe("multi-stream appends (appendMany)", () => {
      test("appendMany records every write, each with its own expected version, positions increasing across the writes", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const [a, b, c] = [`${category}-a`, `${category}-b`, `${category}-c`]
          yield* store.append(b, t.batchOf("b", 2), EventStore.noStream)
          const start = yield* lastPosition(store)
          const results = yield* store.appendMany([
            { stream: a, events: t.batchOf("a", 2), expected: EventStore.noStream },
            { stream: b, events: t.batchOf("b", 1, 2), expected: EventStore.exact(2) },
            { stream: c, events: t.batchOf("c", 1), expected: EventStore.any }
          ])
          assert.deepStrictEqual(
            results.map((r) => [r.streamId, r.version, r.duplicate]),
            [
              [a, 2, false],
              [b, 3, false],
              [c, 1, false]
            ]
          )
          const all = yield* readAllAfter(store, start)
          assert.deepStrictEqual(ids(all), ["a:0", "a:1", "b:2", "c:0"])
          assert.deepStrictEqual(
            all.map((e) => e.position),
            results.flatMap((r) => r.events.map((e) => e.position))
          )
          for (let i = 1; i < all.length; i++) assert.ok(all[i]!.position > all[i - 1]!.position)
          assert.deepStrictEqual(
            (yield* store.readStream(b)).map((e) => e.version),
            [1, 2, 3]
          )
        }))

      test("appendMany is all or nothing: one write failing its expected version (or reusing an id) records none of them", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const [a, b] = [`${category}-a`, `${category}-b`]
          yield* store.append(b, t.batchOf("b", 1), EventStore.noStream)
          const start = yield* lastPosition(store)
          const wrong = failure(
            yield* Effect.result(
              store.appendMany([
                { stream: a, events: t.batchOf("a", 2), expected: EventStore.noStream },
                { stream: b, events: t.batchOf("b", 1, 1), expected: EventStore.exact(5) }
              ])
            )
          )
          assert.ok(wrong instanceof EventStore.WrongExpectedVersion)
          assert.equal(wrong.stream, b)
          assert.equal(wrong.actual, 1)
          const conflict = failure(
            yield* Effect.result(
              store.appendMany([
                { stream: a, events: t.batchOf("a", 2), expected: EventStore.noStream },
                { stream: `${category}-c`, events: t.batchOf("b", 1), expected: EventStore.any }
              ])
            )
          )
          assert.ok(conflict instanceof EventStore.EventIdConflict)
          assert.deepStrictEqual(yield* readAllAfter(store, start), [])
          assert.equal(yield* store.streamVersion(a), 0)
        }))

      test("appendMany is idempotent per write: an exact repeat returns the original events with duplicate: true, the new writes are recorded", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const [a, b] = [`${category}-a`, `${category}-b`]
          const first = yield* store.appendMany([
            { stream: a, events: t.batchOf("a", 2), expected: EventStore.noStream },
            { stream: b, events: t.batchOf("b", 1), expected: EventStore.noStream }
          ])
          const again = yield* store.appendMany([
            { stream: a, events: t.batchOf("a", 2), expected: EventStore.noStream },
            { stream: b, events: t.batchOf("b", 1), expected: EventStore.noStream }
          ])
          assert.deepStrictEqual(
            again,
            first.map((r) => ({ ...r, duplicate: true }))
          )
          const mixed = yield* store.appendMany([
            { stream: a, events: t.batchOf("a", 2), expected: EventStore.exact(9) },
            { stream: b, events: t.batchOf("b", 1, 1), expected: EventStore.exact(1) }
          ])
          assert.deepStrictEqual(
            mixed.map((r) => [r.duplicate, r.version]),
            [
              [true, 2],
              [false, 2]
            ]
          )
        }))

      test("appendMany refuses one stream in two writes (InvalidArgument) and one event id in two writes (EventIdConflict); an empty call records nothing", (store, t) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          const twice = failure(
            yield* Effect.result(
              store.appendMany([
                { stream, events: t.batchOf("x", 1), expected: EventStore.any },
                { stream, events: t.batchOf("y", 1), expected: EventStore.any }
              ])
            )
          )
          assert.ok(twice instanceof EventStore.InvalidArgument)
          assert.equal(twice.field, "writes[1].stream")
          const sameId = failure(
            yield* Effect.result(
              store.appendMany([
                { stream, events: [t.event("z", 1)], expected: EventStore.any },
                { stream: `${stream}x`, events: [t.event("z", 2)], expected: EventStore.any }
              ])
            )
          )
          assert.ok(sameId instanceof EventStore.EventIdConflict)
          assert.deepStrictEqual(yield* store.appendMany([]), [])
          assert.equal(yield* store.streamVersion(stream), 0)
        }))
    })

    describe("poison inputs (issue 12): refused at write time with one typed error, the same on every backend; nothing stored", () => {
      const valid = (eventId: string): EventStore.EventToAppend => event(eventId, 1)
      const withOut = (e: EventStore.EventToAppend, patch: Record<string, unknown>) => ({ ...e, ...patch })
      const poisons: ReadonlyArray<readonly [string, (id: string) => EventStore.EventToAppend, string]> = [
        ["metadata.actor not a string", (id) => withOut(valid(id), { metadata: { actor: 7 } }), "metadata.actor"],
        ["metadata null", (id) => withOut(valid(id), { metadata: null }), "metadata"],
        ["metadata an array", (id) => withOut(valid(id), { metadata: [] }), "metadata"],
        [
          "metadata.commandId null",
          (id) => withOut(valid(id), { metadata: { commandId: null } }),
          "metadata.commandId"
        ],
        ["metadata with a NUL", (id) => withOut(valid(id), { metadata: { actor: "a\u0000b" } }), "metadata.actor"],
        ["recordedAt Infinity", (id) => withOut(valid(id), { recordedAt: Number.POSITIVE_INFINITY }), "recordedAt"],
        ["recordedAt NaN", (id) => withOut(valid(id), { recordedAt: Number.NaN }), "recordedAt"],
        ["recordedAt not whole", (id) => withOut(valid(id), { recordedAt: 1.5 }), "recordedAt"],
        ["recordedAt past year 9999", (id) => withOut(valid(id), { recordedAt: 253_402_300_800_000 }), "recordedAt"],
        ["schemaVersion 0", (id) => withOut(valid(id), { schemaVersion: 0 }), "schemaVersion"],
        ["schemaVersion 1.5", (id) => withOut(valid(id), { schemaVersion: 1.5 }), "schemaVersion"],
        ["a NUL in data", (id) => withOut(valid(id), { data: { text: "a\u0000b" } }), "data.text"],
        ["a lone surrogate in data", (id) => withOut(valid(id), { data: { list: ["ok", "\ud800"] } }), "data.list[1]"],
        ["a NUL in a data key", (id) => withOut(valid(id), { data: { "k\u0000": 1 } }), 'data["k\\u0000"]'],
        ["data undefined", (id) => withOut(valid(id), { data: undefined }), "data"],
        ["data not serialisable", (id) => withOut(valid(id), { data: { n: 1n } }), "data"],
        ["an empty event id", () => withOut(valid(""), {}), "eventId"],
        ["a NUL in the type", (id) => withOut(valid(id), { type: "T\u0000" }), "type"],
        [
          "data nesting arrays 513 levels deep, past maxJsonDepth (default 512)",
          (id) => withOut(valid(id), { data: nested(defaultMaxJsonDepth + 1, "arrays") }),
          "data"
        ],
        [
          "data nesting objects 513 levels deep inside a string-heavy event",
          (id) =>
            withOut(valid(id), {
              data: { note: '[[[{{{\\"'.repeat(400), deep: nested(defaultMaxJsonDepth, "objects") }
            }),
          "data"
        ],
        [
          "data nesting 5,000 levels (deeper than JSON.stringify manages on Node's default stack)",
          (id) => withOut(valid(id), { data: nested(5000, "arrays") }),
          "data"
        ],
        [
          "data nesting 20,000 levels (deeper than PostgreSQL's jsonb parser manages, SQLSTATE 54001)",
          (id) => withOut(valid(id), { data: nested(20_000, "objects") }),
          "data"
        ],
        [
          "metadata nesting 513 levels (an extra key)",
          (id) => withOut(valid(id), { metadata: { actor: "a", extra: nested(defaultMaxJsonDepth, "arrays") } }),
          "metadata"
        ],
        [
          "more than maxEventBytes (default 1 MiB)",
          (id) => withOut(valid(id), { data: { blob: "x".repeat(1_100_000) } }),
          "size"
        ]
      ]
      for (const [title, make, field] of poisons) {
        test(`${title}: InvalidEvent naming ${field}`, (store, t) =>
          Effect.gen(function* () {
            const category = freshCategory()
            const stream = `${category}-1`
            const start = yield* lastPosition(store)
            const good = t.batchOf("good", 1)
            const poison = make(`${stream}:poison`)
            for (const attempt of [
              store.append(stream, [...good, poison], EventStore.any),
              Effect.map(
                store.appendMany([
                  { stream: `${category}-0`, events: t.batchOf("other", 1), expected: EventStore.any },
                  { stream, events: [...good, poison], expected: EventStore.any }
                ]),
                (r) => r[0]!
              )
            ]) {
              const error = failure(yield* Effect.result(attempt))
              assert.ok(error instanceof EventStore.InvalidEvent, `expected InvalidEvent, got ${String(error)}`)
              assert.equal(error.field, field)
              assert.equal(error.stream, stream)
              assert.equal(error.index, 1)
            }
            assert.deepStrictEqual(yield* readAllAfter(store, start), [])
            assert.equal(yield* store.streamVersion(stream), 0)
          }))
      }

      test("JSON nested deeper than maxJsonDepth (default 512), in data or metadata, arrays or objects, at any depth: the same InvalidEvent field and reason giving the limit; nothing stored", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const start = yield* lastPosition(store)
          const cases: ReadonlyArray<readonly [string, Partial<EventStore.EventToAppend>, string]> = [
            ["a", { data: nested(defaultMaxJsonDepth + 1, "arrays") }, "data"],
            ["b", { data: { list: [1, nested(defaultMaxJsonDepth, "objects")] } }, "data"],
            ["c", { data: nested(3000, "arrays") }, "data"],
            ["d", { data: nested(50_000, "arrays") }, "data"],
            [
              "e",
              { metadata: { actor: "x", extra: nested(defaultMaxJsonDepth, "objects") } as EventStore.EventMetadata },
              "metadata"
            ],
            ["f", { metadata: { extra: nested(9000, "arrays") } as EventStore.EventMetadata }, "metadata"]
          ]
          for (const [suffix, patch, field] of cases) {
            const stream = `${category}-${suffix}`
            const error = failure(
              yield* Effect.result(store.append(stream, [{ ...t.event(suffix, 1), ...patch }], EventStore.noStream))
            )
            assert.ok(
              error instanceof EventStore.InvalidEvent,
              `${suffix}: expected InvalidEvent, got ${String(error)}`
            )
            assert.equal(error.field, field, suffix)
            assert.equal(error.index, 0)
            assert.equal(
              error.reason,
              `nests arrays and objects more than maxJsonDepth (${defaultMaxJsonDepth}) levels deep`
            )
            assert.equal(yield* store.streamVersion(stream), 0)
          }
          assert.deepStrictEqual(yield* readAllAfter(store, start), [])
        }))

      test("JSON nested exactly maxJsonDepth (512) levels, in data and in metadata, by append and by appendMany, is accepted and read back equal by every reader", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const start = yield* lastPosition(store)
          const atLimit = (prefix: string): ReadonlyArray<EventStore.EventToAppend> => [
            { ...t.event(`${prefix}arrays`, 1), data: nested(defaultMaxJsonDepth, "arrays") },
            {
              ...t.event(`${prefix}objects`, 2),
              data: { deep: nested(defaultMaxJsonDepth - 1, "objects"), note: '[[[{{{\\"' }
            },
            {
              ...t.event(`${prefix}metadata`, 3),
              metadata: { actor: "x", extra: nested(defaultMaxJsonDepth - 1, "arrays") } as EventStore.EventMetadata
            }
          ]
          const writes = [
            { stream: `${category}-1`, events: atLimit("a/") },
            { stream: `${category}-2`, events: atLimit("b/") },
            { stream: `${category}-3`, events: atLimit("c/") }
          ]
          // One stream alone (a backend's one-write path), then two streams at once (its general path).
          yield* store.append(writes[0]!.stream, writes[0]!.events, EventStore.noStream)
          yield* store.appendMany(writes.slice(1).map((w) => ({ ...w, expected: EventStore.noStream })))
          const all = writes.flatMap((w) => w.events)
          const subscribed = yield* Stream.runCollect(Stream.take(store.subscribe({ after: start }), all.length))
          for (const read of [
            store.readCategory(category),
            readAllAfter(store, start),
            Effect.succeed(Array.from(subscribed))
          ]) {
            const back = yield* read
            assert.equal(back.length, all.length)
            back.forEach((recorded, i) => assertSameAppended(recorded, all[i]!))
          }
          for (const w of writes) {
            const back = yield* store.readStream(w.stream)
            assert.equal(back.length, w.events.length)
            back.forEach((recorded, i) => assertSameAppended(recorded, w.events[i]!))
          }
        }))

      test("numbers that are not non-negative integers are InvalidArgument naming the field, on every operation", (store) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          const start = yield* lastPosition(store)
          const cases: ReadonlyArray<readonly [Effect.Effect<unknown, unknown>, string]> = [
            [store.append(stream, [event(`${stream}:a`, 1)], EventStore.exact(1.5)), "expected.version"],
            [store.append(stream, [event(`${stream}:b`, 1)], EventStore.exact(-1)), "expected.version"],
            [
              store.appendMany([{ stream, events: [event(`${stream}:c`, 1)], expected: EventStore.exact(Number.NaN) }]),
              "writes[0].expected.version"
            ],
            [store.append("", [event(`${stream}:d`, 1)], EventStore.any), "stream"],
            [store.readStream(stream, { from: 1.5 }), "from"],
            [store.readStream(stream, { maxCount: -1 }), "maxCount"],
            [store.readAll({ after: 0.5 }), "after"],
            [store.readAll({ after: -1 }), "after"],
            [store.readCategory("c", { maxCount: 2.5 }), "maxCount"],
            [store.streamVersion("a\u0000"), "stream"]
          ]
          for (const [attempt, field] of cases) {
            const error = failure(yield* Effect.result(attempt))
            assert.ok(error instanceof EventStore.InvalidArgument, `expected InvalidArgument, got ${String(error)}`)
            assert.equal(error.field, field)
          }
          const subscribed = yield* Effect.result(Stream.runCollect(store.subscribe({ after: 1.5 })))
          assert.ok(failure(subscribed) instanceof EventStore.InvalidArgument)
          assert.deepStrictEqual(yield* readAllAfter(store, start), [])
        }))

      it(
        "random envelopes (fast-check): an event is refused with InvalidEvent and nothing stored, or accepted and read back by every reader as its JSON",
        () =>
          fc.assert(
            fc.asyncProperty(envelope, (candidate) =>
              run((store) =>
                Effect.gen(function* () {
                  const category = freshCategory()
                  const stream = `${category}-1`
                  const start = yield* lastPosition(store)
                  const e = { ...candidate, eventId: `${stream}:e` } as EventStore.EventToAppend
                  const result = yield* Effect.result(store.append(stream, [e], EventStore.noStream))
                  if (Result.isFailure(result)) {
                    assert.ok(result.failure instanceof EventStore.InvalidEvent, String(result.failure))
                    assert.deepStrictEqual(yield* readAllAfter(store, start), [])
                    return
                  }
                  const json = JSON.parse(JSON.stringify({ data: e.data, metadata: e.metadata })) as {
                    data: unknown
                    metadata: unknown
                  }
                  for (const read of [
                    store.readStream(stream),
                    store.readCategory(category),
                    Effect.map(readAllAfter(store, start), (all) => all.filter((x) => x.streamId === stream))
                  ]) {
                    const [back] = yield* read
                    assert.ok(back !== undefined)
                    assert.deepStrictEqual(back.data, json.data)
                    assert.deepStrictEqual(back.metadata, json.metadata)
                    assert.equal(back.recordedAt, e.recordedAt)
                    assert.equal(back.schemaVersion, e.schemaVersion)
                    assert.equal(back.type, e.type)
                  }
                })
              )
            ),
            { numRuns: options?.envelopes ?? 40 }
          ),
        timeout
      )
    })

    describe("idempotent appends", () => {
      test("repeating an append (same event ids, same stream) records nothing and returns the original result with duplicate: true, whatever the expected version", (store, t) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          const batch = t.batchOf("i", 2)
          const original = yield* store.append(stream, batch, EventStore.noStream)
          yield* store.append(stream, t.batchOf("j", 1), EventStore.exact(2))
          const before = yield* lastPosition(store)
          for (const expected of [
            EventStore.noStream,
            EventStore.exact(0),
            EventStore.exact(2),
            EventStore.exact(7),
            EventStore.any,
            EventStore.streamExists
          ]) {
            const repeat = yield* store.append(stream, batch, expected)
            assert.equal(original.duplicate, false)
            assert.deepStrictEqual(repeat, { ...original, duplicate: true })
          }
          assert.deepStrictEqual(yield* readAllAfter(store, before), [])
          assert.equal(yield* store.streamVersion(stream), 3)
        }))

      test("a partial overlap (some ids recorded, some new) fails with EventIdConflict and records nothing", (store, t) =>
        Effect.gen(function* () {
          const stream = `${freshCategory()}-1`
          yield* store.append(stream, t.batchOf("p", 2), EventStore.noStream)
          const before = yield* lastPosition(store)
          const overlapping = [...t.batchOf("p", 1, 1), ...t.batchOf("p", 1, 2)]
          const error = failure(yield* Effect.result(store.append(stream, overlapping, EventStore.any)))
          assert.ok(error instanceof EventStore.EventIdConflict)
          assert.equal(error.stream, stream)
          assert.deepStrictEqual(ids(error.eventIds.map((eventId) => ({ eventId }))), ["p:1"])
          assert.deepStrictEqual(yield* readAllAfter(store, before), [])
        }))

      test("recorded ids in another order, or recorded in another stream, or twice in a batch: EventIdConflict", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const a = `${category}-a`
          const b = `${category}-b`
          const batch = t.batchOf("o", 2)
          yield* store.append(a, batch, EventStore.noStream)
          const before = yield* lastPosition(store)
          const reversed = failure(yield* Effect.result(store.append(a, [batch[1]!, batch[0]!], EventStore.any)))
          assert.equal(reversed._tag, "EventIdConflict")
          const elsewhere = failure(yield* Effect.result(store.append(b, batch, EventStore.any)))
          assert.equal(elsewhere._tag, "EventIdConflict")
          const twice = failure(
            yield* Effect.result(store.append(b, [t.event("dup", 1), t.event("dup", 2)], EventStore.any))
          )
          assert.equal(twice._tag, "EventIdConflict")
          assert.deepStrictEqual(yield* readAllAfter(store, before), [])
          assert.equal(yield* store.streamVersion(b), 0)
        }))
    })

    describe("global log and categories", () => {
      test("readAll returns every stream's events in commit order, with strictly increasing positions; after and maxCount page through it", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const start = yield* lastPosition(store)
          yield* store.append(`${category}-x`, t.batchOf("x", 2), EventStore.any)
          yield* store.append(`${category}-y`, t.batchOf("y", 1), EventStore.any)
          yield* store.append(`${category}-x`, t.batchOf("x", 1, 2), EventStore.any)
          const all = yield* readAllAfter(store, start)
          assert.deepStrictEqual(ids(all), ["x:0", "x:1", "y:0", "x:2"])
          for (let i = 1; i < all.length; i++) assert.ok(all[i]!.position > all[i - 1]!.position)
          const page1 = yield* store.readAll({ after: start, maxCount: 3 })
          const page2 = yield* store.readAll({ after: page1[page1.length - 1]!.position, maxCount: 3 })
          assert.deepStrictEqual(ids([...page1, ...page2]), ids(all))
        }))

      test("categoryOf takes what precedes the first dash, and readCategory reads one category in commit order", (store, t) =>
        Effect.gen(function* () {
          assert.equal(EventStore.categoryOf("system-42"), "system")
          assert.equal(EventStore.categoryOf("system-42-b"), "system")
          assert.equal(EventStore.categoryOf("system"), "system")
          const mine = freshCategory()
          const other = freshCategory()
          yield* store.append(`${mine}-1`, t.batchOf("m1", 1), EventStore.any)
          yield* store.append(`${other}-1`, t.batchOf("o1", 1), EventStore.any)
          yield* store.append(`${mine}-2`, t.batchOf("m2", 2), EventStore.any)
          const read = yield* store.readCategory(mine)
          assert.deepStrictEqual(ids(read), ["m1:0", "m2:0", "m2:1"])
          const after = yield* store.readCategory(mine, { after: read[0]!.position, maxCount: 1 })
          assert.deepStrictEqual(ids(after), ["m2:0"])
          assert.deepStrictEqual(yield* store.readCategory(freshCategory()), [])
        }))
    })

    describe("catch-up subscriptions", () => {
      test("a subscription delivers the recorded events after its checkpoint, then new ones as they are committed, each once, in order", (store, t) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const start = yield* lastPosition(store)
          yield* store.append(`${category}-1`, t.batchOf("s", 3), EventStore.any)
          const firstPosition = (yield* store.readCategory(category))[0]!.position
          const fiber = yield* store
            .subscribe({ after: firstPosition })
            .pipe(Stream.take(4), Stream.runCollect, Effect.forkChild)
          yield* Effect.sleep("10 millis")
          yield* store.append(`${category}-2`, t.batchOf("t", 1), EventStore.any)
          yield* store.append(`${category}-1`, t.batchOf("s", 1, 3), EventStore.any)
          const seen = yield* Fiber.join(fiber).pipe(Effect.timeout("10 seconds"))
          assert.deepStrictEqual(ids(seen), ["s:1", "s:2", "t:0", "s:3"])
          assert.deepStrictEqual(ids(seen), ids(yield* readAllAfter(store, firstPosition)))
          assert.ok(start < firstPosition)
        }))

      test("a category subscription delivers only that category's events", (store, t) =>
        Effect.gen(function* () {
          const mine = freshCategory()
          const other = freshCategory()
          yield* store.append(`${mine}-1`, t.batchOf("m", 1), EventStore.any)
          const fiber = yield* store
            .subscribe({ category: mine })
            .pipe(Stream.take(3), Stream.runCollect, Effect.forkChild)
          yield* store.append(`${other}-1`, t.batchOf("o", 2), EventStore.any)
          yield* store.append(`${mine}-2`, t.batchOf("m2", 2), EventStore.any)
          const seen = yield* Fiber.join(fiber).pipe(Effect.timeout("10 seconds"))
          assert.deepStrictEqual(ids(seen), ["m:0", "m2:0", "m2:1"])
        }))
    })

    describe("model-based (fast-check)", () => {
      type Expected =
        | { readonly _tag: "Any" }
        | { readonly _tag: "NoStream" }
        | { readonly _tag: "StreamExists" }
        | { readonly _tag: "Relative"; readonly delta: number }
      type Op = {
        readonly stream: number
        readonly expected: Expected
        readonly count: number
        readonly repeat: boolean
      }
      const opArbitrary: FastCheck.Arbitrary<Op> = fc.record({
        stream: fc.integer({ min: 0, max: 2 }),
        expected: fc.oneof(
          fc.constant<Expected>({ _tag: "Any" }),
          fc.constant<Expected>({ _tag: "NoStream" }),
          fc.constant<Expected>({ _tag: "StreamExists" }),
          fc.integer({ min: -2, max: 1 }).map((delta): Expected => ({ _tag: "Relative", delta })),
          fc.constant<Expected>({ _tag: "Relative", delta: 0 })
        ),
        count: fc.integer({ min: 0, max: 3 }),
        repeat: fc.boolean()
      })

      it(
        "random appends with random expected versions across streams agree with a simple model",
        () =>
          fc.assert(
            fc.asyncProperty(fc.array(opArbitrary, { maxLength: 25 }), (ops) =>
              run((store) =>
                Effect.gen(function* () {
                  const category = freshCategory()
                  const start = yield* lastPosition(store)
                  const model = new Map<number, Array<string>>()
                  const log: Array<string> = []
                  const lastBatch = new Map<
                    number,
                    { batch: Array<EventStore.EventToAppend>; result: EventStore.AppendResult }
                  >()
                  let next = 0
                  for (const op of ops) {
                    const stream = `${category}-${op.stream}`
                    const current = model.get(op.stream) ?? []
                    const previous = lastBatch.get(op.stream)
                    const expected: EventStore.ExpectedVersion =
                      op.expected._tag === "Relative"
                        ? EventStore.exact(Math.max(0, current.length + op.expected.delta))
                        : op.expected
                    if (op.repeat && previous !== undefined) {
                      const repeat = yield* store.append(stream, previous.batch, expected)
                      assert.deepStrictEqual(repeat, { ...previous.result, duplicate: true })
                      continue
                    }
                    const batch = Array.from({ length: op.count }, () => event(`${category}:${next}`, next++))
                    const result = yield* Effect.result(store.append(stream, batch, expected))
                    if (EventStore.satisfies(expected, current.length)) {
                      const ok = success(result)
                      assert.equal(ok.version, current.length + batch.length)
                      assert.deepStrictEqual(ids(ok.events), ids(batch))
                      for (const e of batch) {
                        current.push(e.eventId)
                        log.push(e.eventId)
                      }
                      model.set(op.stream, current)
                      if (batch.length > 0) lastBatch.set(op.stream, { batch, result: ok })
                    } else {
                      const error = failure(result)
                      assert.ok(error instanceof EventStore.WrongExpectedVersion)
                      assert.equal(error.actual, current.length)
                    }
                  }
                  for (let s = 0; s <= 2; s++) {
                    const stream = `${category}-${s}`
                    const expectedIds = model.get(s) ?? []
                    const forwards = yield* store.readStream(stream)
                    assert.deepStrictEqual(ids(forwards), expectedIds)
                    assert.deepStrictEqual(
                      forwards.map((e) => e.version),
                      expectedIds.map((_, i) => i + 1)
                    )
                    const backwards = yield* store.readStream(stream, { direction: "backwards" })
                    assert.deepStrictEqual(ids(backwards), [...expectedIds].reverse())
                    assert.equal(yield* store.streamVersion(stream), expectedIds.length)
                  }
                  const all = yield* readAllAfter(store, start)
                  assert.deepStrictEqual(ids(all), log)
                  assert.deepStrictEqual(ids(yield* store.readCategory(category)), log)
                })
              )
            ),
            { numRuns: options?.numRuns ?? 60 }
          ),
        timeout
      )
    })

    describe("concurrency", () => {
      test("concurrent writers with expected versions: every successful append recorded exactly once, versions contiguous, readAll stable and gap-free while writers run, a concurrent subscriber sees every event once", (store) =>
        Effect.gen(function* () {
          const category = freshCategory()
          const streams = [0, 1, 2].map((s) => `${category}-${s}`)
          const writers = options?.writers ?? 8
          const perWriter = options?.appendsPerWriter ?? 12
          const total = writers * perWriter
          const start = yield* lastPosition(store)

          const subscriber = yield* store
            .subscribe({ after: start, category })
            .pipe(Stream.take(total), Stream.runCollect, Effect.forkChild)

          let writing = true
          const reader = yield* Effect.forkChild(
            Effect.gen(function* () {
              let previous: ReadonlyArray<EventStore.RecordedEvent> = []
              let reads = 0
              while (writing || reads === 0) {
                const now = yield* readAllAfter(store, start)
                assert.deepStrictEqual(ids(now.slice(0, previous.length)), ids(previous), "readAll changed its past")
                for (let i = 1; i < now.length; i++) assert.ok(now[i]!.position > now[i - 1]!.position)
                previous = now
                reads++
                yield* Effect.yieldNow
              }
              return reads
            })
          )

          const succeeded = yield* Effect.forEach(
            Array.from({ length: writers }, (_, w) => w),
            (w) =>
              Effect.gen(function* () {
                const mine: Array<string> = []
                for (let k = 0; k < perWriter; k++) {
                  const stream = streams[(w + k) % streams.length]!
                  const id = `${category}:w${w}:${k}`
                  while (true) {
                    const version = yield* store.streamVersion(stream)
                    yield* Effect.yieldNow
                    const result = yield* Effect.result(store.append(stream, [event(id, k)], EventStore.exact(version)))
                    if (Result.isSuccess(result)) {
                      assert.equal(result.success.version, version + 1)
                      break
                    }
                    assert.equal(result.failure._tag, "WrongExpectedVersion")
                  }
                  mine.push(id)
                }
                return mine
              }),
            { concurrency: "unbounded" }
          )
          writing = false
          yield* Fiber.join(reader)

          const expectedIds = succeeded.flat()
          const all = yield* readAllAfter(store, start)
          assert.equal(all.length, total)
          assert.deepStrictEqual([...ids(all)].sort(), [...expectedIds].sort())
          for (const stream of streams) {
            const events = yield* store.readStream(stream)
            assert.deepStrictEqual(
              events.map((e) => e.version),
              events.map((_, i) => i + 1)
            )
          }
          const seen = yield* Fiber.join(subscriber).pipe(Effect.timeout("20 seconds"))
          assert.deepStrictEqual(ids(seen), ids(all))
        }))

      it(
        `concurrent histories (fast-check): 8 writers mixing every expected version, single- and multi-stream appends and repeats, ${
          transaction === undefined
            ? "no caller transactions (this backend has none)"
            : "and caller transactions (committed, rolled back, a second append refused with AppendInTransaction)"
        }, with live readers — nothing lost, duplicated or skipped; per-stream versions contiguous and in order and positions increasing in every reader's view${
          transaction === undefined ? "" : "; nothing of a rolled-back transaction ever seen"
        }`,
        () =>
          fc.assert(
            fc.asyncProperty(
              fc.array(fc.array(historyOp, { minLength: 1, maxLength: 8 }), { minLength: 8, maxLength: 8 }),
              (plans) => run((store) => concurrentHistory(store, plans, transaction))
            ),
            { numRuns: options?.histories ?? 6, endOnFailure: true }
          ),
        timeout
      )
    })
  })
}

type HistoryExpected = "any" | "noStream" | "streamExists" | "exactRead" | "exactGuess"

/**
 * How a write is made: `none`, outside any transaction; else as the first write of a caller's
 * transaction that then commits (`commit`), fails on purpose (`rollback`), tries a second append
 * and lets its `AppendInTransaction` fail the transaction (`secondFails`), or tries a second
 * append, sees it refused and commits the first (`secondCaught`).
 */
type HistoryTransaction = "none" | "commit" | "rollback" | "secondFails" | "secondCaught"

interface HistoryOp {
  /** Indices (0–3) of the streams written, distinct: one for a single append, 2–3 for appendMany. */
  readonly streams: ReadonlyArray<number>
  readonly expected: ReadonlyArray<HistoryExpected>
  readonly count: number
  readonly guess: number
  /** Repeat this writer's previous successful write instead (an exact repeat: duplicate). */
  readonly repeat: boolean
  /** Outside any transaction, or in one (then never a repeat: a repeat writes nothing). */
  readonly transaction: HistoryTransaction
}

// Built from the fast-check the caller has (an optional peer, loaded only when the suite runs).
const historyOpArbitrary = (fc: typeof FastCheck, transactions: boolean): FastCheck.Arbitrary<HistoryOp> => {
  const historyExpected = fc.constantFrom<HistoryExpected>("any", "noStream", "streamExists", "exactRead", "exactGuess")
  // With transactions, about half of the writes are outside any, as in an application.
  const transaction: FastCheck.Arbitrary<HistoryTransaction> = transactions
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constant<HistoryTransaction>("none") },
        fc.constantFrom<HistoryTransaction>("commit", "rollback", "secondFails", "secondCaught")
      )
    : fc.constant<HistoryTransaction>("none")
  return fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }).chain((streams) =>
    fc.record({
      streams: fc.constant(streams),
      expected: fc.array(historyExpected, { minLength: streams.length, maxLength: streams.length }),
      count: fc.integer({ min: 1, max: 3 }),
      guess: fc.integer({ min: 0, max: 6 }),
      repeat: fc.boolean(),
      transaction
    })
  )
}

/** Checks one reader's view: positions increase, each stream's versions are 1, 2, 3… in order. */
const assertReaderView = (view: ReadonlyArray<EventStore.RecordedEvent>, who: string) => {
  const versions = new Map<string, number>()
  for (let i = 0; i < view.length; i++) {
    const e = view[i]!
    if (i > 0)
      assert.ok(e.position > view[i - 1]!.position, `${who}: position ${e.position} after ${view[i - 1]!.position}`)
    const previous = versions.get(e.streamId) ?? 0
    assert.equal(e.version, previous + 1, `${who}: ${e.streamId} v${e.version} after v${previous}`)
    versions.set(e.streamId, e.version)
  }
}

/** The failure a history's writer uses to roll its transaction back on purpose. */
class RolledBackOnPurpose {
  readonly _tag = "RolledBackOnPurpose"
  toString(): string {
    return "RolledBackOnPurpose"
  }
}

const concurrentHistory = (
  store: Store,
  plans: ReadonlyArray<ReadonlyArray<HistoryOp>>,
  transaction: Transaction | undefined
) =>
  Effect.gen(function* () {
    const category = freshCategory()
    const streamOf = (i: number) => `${category}-${i}`
    const start = yield* lastPosition(store)
    let writing = true

    // Live reader 1: pages through readAll with a checkpoint, as a catch-up projection does.
    const poller = yield* Effect.forkChild(
      Effect.gen(function* () {
        const seen: Array<EventStore.RecordedEvent> = []
        let after = start
        while (true) {
          const done = !writing
          const batch = yield* store.readCategory(category, { after, maxCount: 7 })
          seen.push(...batch)
          const last = batch[batch.length - 1]
          if (last !== undefined) {
            after = last.position
            yield* Effect.yieldNow
          } else if (done) return seen
          else yield* Effect.sleep("2 millis")
        }
      })
    )
    // Live reader 2: a subscription, stopped once it has seen as many events as were recorded.
    const delivered: Array<EventStore.RecordedEvent> = []
    const subscriber = yield* Effect.forkChild(
      store.subscribe({ after: start, category }).pipe(Stream.runForEach((e) => Effect.sync(() => delivered.push(e))))
    )

    const write = (writes: ReadonlyArray<EventStore.StreamWrite>) =>
      writes.length === 1
        ? Effect.map(store.append(writes[0]!.stream, writes[0]!.events, writes[0]!.expected), (r) => [r])
        : store.appendMany(writes)
    /** Event ids a reader must never see: refused appends, rolled-back transactions. */
    const neverSeen = new Set<string>()
    const idsOf = (writes: ReadonlyArray<EventStore.StreamWrite>) =>
      writes.flatMap((x) => x.events.map((e) => e.eventId))

    const recorded = yield* Effect.forEach(
      plans,
      (plan, w) =>
        Effect.gen(function* () {
          const mine: Array<EventStore.AppendResult> = []
          let previous: ReadonlyArray<EventStore.StreamWrite> | undefined
          let n = 0
          for (const op of plan) {
            const inTransaction = transaction !== undefined && op.transaction !== "none"
            let writes: ReadonlyArray<EventStore.StreamWrite>
            if (op.repeat && previous !== undefined && !inTransaction) {
              writes = previous
            } else {
              const built: Array<EventStore.StreamWrite> = []
              for (let k = 0; k < op.streams.length; k++) {
                const stream = streamOf(op.streams[k]!)
                const kind = op.expected[k]!
                const expected =
                  kind === "any"
                    ? EventStore.any
                    : kind === "noStream"
                      ? EventStore.noStream
                      : kind === "streamExists"
                        ? EventStore.streamExists
                        : kind === "exactRead"
                          ? EventStore.exact(yield* store.streamVersion(stream))
                          : EventStore.exact(op.guess)
                const events = Array.from({ length: op.count }, () => event(`${category}:w${w}:${n}`, n++))
                built.push({ stream, events, expected })
              }
              writes = built
            }
            yield* Effect.yieldNow
            if (inTransaction) {
              const kind = op.transaction
              // A second append of the same transaction, to a stream of the history.
              const second: ReadonlyArray<EventStore.StreamWrite> = [
                {
                  stream: streamOf((op.streams[0]! + 1) % 4),
                  events: [event(`${category}:w${w}:${n}`, n++)],
                  expected: EventStore.any
                }
              ]
              const body = Effect.gen(function* () {
                const first = yield* write(writes)
                yield* Effect.yieldNow
                if (kind === "secondFails") yield* write(second)
                if (kind === "secondCaught") {
                  const refused = yield* Effect.result(write(second))
                  assert.ok(
                    Result.isFailure(refused) && refused.failure instanceof EventStore.AppendInTransaction,
                    `writer ${w}: a second append in a transaction should be refused with AppendInTransaction`
                  )
                }
                if (kind === "rollback") return yield* Effect.fail(new RolledBackOnPurpose())
                return first
              })
              const result = yield* Effect.result(transaction(body))
              for (const id of idsOf(second)) neverSeen.add(id)
              if (Result.isSuccess(result)) {
                assert.ok(kind === "commit" || kind === "secondCaught", `writer ${w}: ${kind} committed`)
                for (const r of result.success) {
                  assert.equal(r.duplicate, false, `writer ${w}: a fresh write in a transaction is no duplicate`)
                  mine.push(r)
                }
                previous = writes
                continue
              }
              for (const id of idsOf(writes)) neverSeen.add(id)
              const error = result.failure
              if (error instanceof EventStore.WrongExpectedVersion) continue
              if (kind === "rollback") assert.ok(error instanceof RolledBackOnPurpose, `writer ${w}: ${String(error)}`)
              else if (kind === "secondFails")
                assert.ok(error instanceof EventStore.AppendInTransaction, `writer ${w}: ${String(error)}`)
              else assert.fail(`writer ${w}: a transaction (${kind}) failed with ${String(error)}`)
              continue
            }
            const result = yield* Effect.result(write(writes))
            if (Result.isSuccess(result)) {
              const isRepeat = writes === previous
              for (const r of result.success) {
                assert.equal(r.duplicate, isRepeat, `writer ${w}: duplicate should be ${isRepeat}`)
                if (!r.duplicate) mine.push(r)
              }
              previous = writes
            } else {
              assert.ok(
                result.failure instanceof EventStore.WrongExpectedVersion,
                `writer ${w}: unexpected ${String(result.failure)}`
              )
              if (writes !== previous) for (const id of idsOf(writes)) neverSeen.add(id)
            }
          }
          return mine
        }),
      { concurrency: "unbounded" }
    )
    writing = false
    const polled = yield* Fiber.join(poller)

    const results = recorded.flat()
    const expectedIds = results.flatMap((r) => r.events.map((e) => e.eventId))
    const all = yield* readAllAfter(store, start)
    const mineInLog = all.filter((e) => e.streamId.startsWith(`${category}-`))
    // Nothing lost, nothing duplicated.
    assert.deepStrictEqual([...mineInLog.map((e) => e.eventId)].sort(), [...expectedIds].sort())
    assertReaderView(mineInLog, "readAll")
    assertReaderView(polled, "paging reader")
    // Nothing refused or rolled back is seen by any reader.
    for (const [who, view] of [
      ["readAll", mineInLog],
      ["paging reader", polled]
    ] as const) {
      const leaked = view.filter((e) => neverSeen.has(e.eventId)).map((e) => e.eventId)
      assert.deepStrictEqual(leaked, [], `${who} saw events of a refused append or a rolled-back transaction`)
    }
    assert.deepStrictEqual(
      polled.map((e) => e.eventId),
      mineInLog.map((e) => e.eventId),
      "the paging reader skipped or repeated an event"
    )
    // Every result names the positions and versions its events have in the log.
    const byId = new Map(mineInLog.map((e) => [e.eventId, e] as const))
    for (const r of results) {
      for (const e of r.events) {
        const logged = byId.get(e.eventId)!
        assert.equal(logged.position, e.position)
        assert.equal(logged.version, e.version)
        assert.equal(logged.streamId, r.streamId)
      }
    }
    for (let s = 0; s < 4; s++) {
      const events = yield* store.readStream(streamOf(s))
      assert.deepStrictEqual(
        events.map((e) => e.version),
        events.map((_, i) => i + 1)
      )
      assert.equal(yield* store.streamVersion(streamOf(s)), events.length)
    }
    // The subscription catches up to the same view.
    yield* Effect.gen(function* () {
      while (delivered.length < mineInLog.length) yield* Effect.sleep("5 millis")
    }).pipe(Effect.timeout("20 seconds"))
    yield* Fiber.interrupt(subscriber)
    assertReaderView(delivered, "subscription")
    assert.deepStrictEqual(
      delivered.map((e) => e.eventId),
      mineInLog.map((e) => e.eventId)
    )
  })

/**
 * Envelopes mixing valid and invalid fields (the event id is set by the test); strings may hold lone
 * surrogates and NUL (fast-check's "binary" units).
 */
const envelopeArbitrary = (fc: typeof FastCheck) => {
  const anyString = fc.string({ unit: "binary", maxLength: 8 })
  const jsonish: FastCheck.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      anyString,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(anyString, tie("value"), { maxKeys: 3 })
    )
  })).value

  return fc.record({
    type: fc.oneof(fc.constantFrom("Even", "Odd"), anyString),
    schemaVersion: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, -1, 1.5, Number.NaN)),
    recordedAt: fc.oneof(
      fc.integer({ min: 0, max: 4_102_444_800_000 }),
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN, 0.5, -1e20)
    ),
    data: jsonish,
    metadata: fc.oneof(
      fc.record(
        { commandId: anyString, causationId: anyString, correlationId: anyString, actor: anyString },
        { requiredKeys: [] }
      ),
      fc.constantFrom<unknown>(null, [], { actor: 7 }, "text")
    )
  })
}
