/**
 * Tests shared by the PGlite and PostgreSQL test files: one SqlClient per file, migrations once,
 * then the kernel's conformance suite and the SQL-specific tests on top of it.
 */
import assert from "node:assert/strict"
import { Context, Effect, Fiber, Layer, ManagedRuntime, Result, Schema, Tracer } from "effect"
import { SqlClient } from "effect/sql"
import { describe, it } from "vitest"
import * as EventCodec from "../../src/kernel/EventCodec.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as Projection from "../../src/kernel/Projection.js"
import { Migrations, SqlEventStore, SqlProjections, SqlSnapshotStore } from "../../src/sql/index.js"
import * as FastAppend from "../../src/sql/internal/fastAppend.js"
import type { ConformanceTransaction as Transaction } from "../../src/testing/index.js"

export type Runtime = ManagedRuntime.ManagedRuntime<SqlClient.SqlClient, unknown>

/** A runtime holding one SqlClient for the whole file, with the schema migrated once. */
export const makeRuntime = (client: Layer.Layer<SqlClient.SqlClient, unknown>): Runtime =>
  ManagedRuntime.make(Layer.effectDiscard(Effect.asVoid(Migrations.run)).pipe(Layer.provideMerge(client)))

/** The SQL event store over the runtime's shared client: cheap to build once per test. */
export const storeLayer = (runtime: Runtime, options?: SqlEventStore.Options) =>
  SqlEventStore.layer(options).pipe(Layer.provideMerge(Layer.effectContext(runtime.contextEffect)))

/** The SQL event store and the SQL snapshot store over the runtime's shared client. */
export const snapshotLayer = (runtime: Runtime) =>
  Layer.merge(SqlEventStore.layer(), SqlSnapshotStore.layer).pipe(
    Layer.provideMerge(Layer.effectContext(runtime.contextEffect))
  )

/**
 * The store layer given to the kernel's conformance suite. The suite builds it once per test and
 * reuses event ids across tests ("pre:0", "o:0"…) in different streams, which the kernel's own
 * idempotency rule turns into `EventIdConflict` on a store that keeps its data between builds;
 * so each build starts from empty tables (positions keep growing: the sequence is not reset).
 */
export const conformanceLayer = (runtime: Runtime, options?: SqlEventStore.Options) =>
  SqlEventStore.layer(options).pipe(
    Layer.provideMerge(
      Layer.effectDiscard(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* sql`TRUNCATE soltrace_events`
        })
      )
    ),
    Layer.provideMerge(Layer.effectContext(runtime.contextEffect))
  )

/**
 * The conformance suite's caller transactions on SQL: `SqlEventStore.withTransaction` on the
 * runtime's client, the one the store of `conformanceLayer` uses.
 */
export const transactionOf =
  (runtime: Runtime): Transaction =>
  (effect) =>
    Effect.flatMap(Effect.orDie(runtime.contextEffect), (context) =>
      SqlEventStore.withTransaction(effect).pipe(
        Effect.provideService(SqlClient.SqlClient, Context.get(context, SqlClient.SqlClient))
      )
    )

/**
 * The highest position recorded (0 if none), read from the table: earlier tests of the file leave
 * rows damaged on purpose, which the store's own readers refuse.
 */
const lastPosition = (sql: SqlClient.SqlClient) =>
  Effect.map(
    sql<{ readonly p: unknown }>`SELECT coalesce(max(position), 0)::float8 AS p FROM soltrace_events`,
    (rows) => Number(rows[0]!.p)
  )

export const uniqueCategory = (): string => `t${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`

export const toAppend = (eventId: string, type: string, data: unknown): EventStore.EventToAppend => ({
  eventId,
  type,
  schemaVersion: 1,
  recordedAt: 1_767_225_600_000,
  data,
  metadata: { actor: "test" }
})

const Meter = Schema.Union([
  Schema.TaggedStruct("MeterInstalled", { serial: Schema.String, kwp: Schema.Number }),
  Schema.TaggedStruct("MeterRead", { kwh: Schema.Number })
])
const codec = EventCodec.make({ schema: Meter })

/** Tests every SQL backend must pass besides the conformance suite. */
export const sqlBackendTests = (name: string, runtime: Runtime) => {
  const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>) =>
    runtime.runPromise(Effect.provide(effect, storeLayer(runtime)))

  describe(`SQL event store specifics: ${name}`, () => {
    it("migrations are idempotent: running them again applies nothing", () =>
      run(
        Effect.gen(function* () {
          const applied = yield* Migrations.run
          assert.deepStrictEqual(applied, [])
          const sql = yield* SqlClient.SqlClient
          const rows = yield* sql<{ readonly n: unknown }>`SELECT count(*)::int AS n FROM soltrace_migrations`
          assert.equal(Number(rows[0]!.n), Object.keys(Migrations.migrations).length)
        })
      ))

    it("a stored event whose JSON no longer decodes is a typed EventDecodeError naming stream, version and type; other streams read fine", () =>
      run(
        Effect.gen(function* () {
          const store = yield* EventStore.EventStore
          const sql = yield* SqlClient.SqlClient
          const category = uniqueCategory()
          const broken = `${category}-broken`
          const healthy = `${category}-healthy`
          yield* store.append(
            broken,
            [
              toAppend(`${broken}:1`, "MeterInstalled", { _tag: "MeterInstalled", serial: "S-1", kwp: 6 }),
              toAppend(`${broken}:2`, "MeterRead", { _tag: "MeterRead", kwh: 12 })
            ],
            EventStore.noStream
          )
          yield* store.append(
            healthy,
            [toAppend(`${healthy}:1`, "MeterInstalled", { _tag: "MeterInstalled", serial: "S-2", kwp: 3 })],
            EventStore.noStream
          )
          // Someone edits the stored JSON by hand: kwh becomes a string.
          yield* sql`UPDATE soltrace_events SET data = jsonb_set(data, '{kwh}', '"twelve"')
            WHERE stream_id = ${broken} AND stream_version = 2`
          const brokenRead = EventCodec.decodeAll(codec, yield* store.readStream(broken))
          assert.ok(Result.isFailure(brokenRead))
          const error = brokenRead.failure
          assert.equal(error._tag, "EventDecodeError")
          assert.equal(error.stream, broken)
          assert.equal(error.version, 2)
          assert.equal(error.type, "MeterRead")
          assert.match(error.message, new RegExp(`MeterRead at version 2 of stream "${broken}"`))
          const healthyRead = EventCodec.decodeAll(codec, yield* store.readStream(healthy))
          assert.ok(Result.isSuccess(healthyRead))
          assert.deepStrictEqual(healthyRead.success, [{ _tag: "MeterInstalled", serial: "S-2", kwp: 3 }])
          // The global log itself still reads: decoding is the reader's business, event by event.
          const log = yield* store.readCategory(category)
          assert.deepStrictEqual(
            log.map((e) => [e.streamId, e.version]),
            [
              [broken, 1],
              [broken, 2],
              [healthy, 1]
            ]
          )
        })
      ))

    it("a stored row that no longer has the store's shape is a typed UnreadableEvent naming position, stream, version, event id and field (issue 12)", () =>
      run(
        Effect.gen(function* () {
          const store = yield* EventStore.EventStore
          const sql = yield* SqlClient.SqlClient
          const category = uniqueCategory()
          const stream = `${category}-1`
          yield* store.append(stream, [toAppend(`${stream}:1`, "MeterRead", { kwh: 1 })], EventStore.noStream)
          yield* sql`UPDATE soltrace_events SET metadata = '{"actor": 7}'::jsonb WHERE stream_id = ${stream}`
          const [recorded] = yield* sql<{ readonly position: unknown }>`SELECT position::float8 AS position
            FROM soltrace_events WHERE stream_id = ${stream}`
          for (const read of [store.readStream(stream), store.readCategory(category)]) {
            const result = yield* Effect.result(read)
            assert.ok(Result.isFailure(result))
            const failure = result.failure
            assert.ok(failure instanceof EventStore.UnreadableEvent)
            assert.equal(failure.field, "metadata.actor")
            assert.equal(failure.stream, stream)
            assert.equal(failure.version, 1)
            assert.equal(failure.eventId, `${stream}:1`)
            assert.equal(failure.position, Number(recorded!.position))
          }
          yield* sql`UPDATE soltrace_events SET metadata = '[]'::jsonb WHERE stream_id = ${stream}`
          const array = yield* Effect.result(store.readStream(stream))
          assert.ok(Result.isFailure(array) && array.failure instanceof EventStore.UnreadableEvent)
          assert.equal(array.failure.field, "metadata")
        })
      ))

    it(
      "an id past 1000 bytes never reaches the server's B-tree limit (about 2.7 kB, SQLSTATE 54000): InvalidEvent naming the field even with maxEventBytes raised to 64 MiB; nothing stored (issue 12)",
      () =>
        runtime.runPromise(
          Effect.provide(
            Effect.gen(function* () {
              const store = yield* EventStore.EventStore
              const sql = yield* SqlClient.SqlClient
              const category = uniqueCategory()
              const stream = `${category}-1`
              const start = yield* lastPosition(sql)
              // 3,000 bytes: past the B-tree maximum even if the server compressed it by half.
              const long = "é".repeat(1500)
              const cases: ReadonlyArray<readonly [string, EventStore.EventToAppend, string]> = [
                [stream, toAppend(long, "MeterRead", {}), "eventId"],
                [stream, toAppend(`${stream}:1`, long, {}), "type"]
              ]
              for (const [target, event, field] of cases) {
                const error = yield* Effect.flip(store.append(target, [event], EventStore.any))
                assert.ok(error instanceof EventStore.InvalidEvent, String(error))
                assert.equal(error.field, field)
                assert.match(error.reason, /at most 1000 bytes/)
              }
              const streamError = yield* Effect.flip(
                store.append(`${category}-${long}`, [toAppend(`${stream}:2`, "MeterRead", {})], EventStore.any)
              )
              assert.ok(streamError instanceof EventStore.InvalidArgument, String(streamError))
              assert.equal(streamError.field, "stream")
              assert.equal(yield* store.streamVersion(stream), 0)
              assert.equal(yield* lastPosition(sql), start)
              assert.deepStrictEqual(yield* store.readCategory(category), [])
            }),
            storeLayer(runtime, { maxEventBytes: 64 * 1_048_576 })
          )
        ),
      30_000
    )

    it("the SQL store's maxJsonDepth option: at the limit accepted and read back, one level more refused naming data or metadata and the limit; nothing stored (issue 12)", () =>
      runtime.runPromise(
        Effect.provide(
          Effect.gen(function* () {
            const store = yield* EventStore.EventStore
            const sql = yield* SqlClient.SqlClient
            const stream = `${uniqueCategory()}-1`
            const start = yield* lastPosition(sql)
            const refused = yield* Effect.flip(
              store.append(stream, [toAppend(`${stream}:1`, "MeterRead", { a: [[[1]]] })], EventStore.any)
            )
            assert.ok(refused instanceof EventStore.InvalidEvent, String(refused))
            assert.equal(refused.field, "data")
            assert.equal(refused.reason, "nests arrays and objects more than maxJsonDepth (3) levels deep")
            const tooDeepMetadata = yield* Effect.flip(
              store.append(
                stream,
                [
                  {
                    ...toAppend(`${stream}:2`, "MeterRead", {}),
                    metadata: { actor: "a", extra: { b: { c: {} } } } as EventStore.EventMetadata
                  }
                ],
                EventStore.any
              )
            )
            assert.ok(tooDeepMetadata instanceof EventStore.InvalidEvent, String(tooDeepMetadata))
            assert.equal(tooDeepMetadata.field, "metadata")
            assert.equal(yield* lastPosition(sql), start)
            const data = { list: [[1, "]]]"]] }
            yield* store.append(stream, [toAppend(`${stream}:3`, "MeterRead", data)], EventStore.any)
            const [back] = yield* store.readStream(stream)
            assert.deepStrictEqual(back?.data, data)
          }),
          storeLayer(runtime, { maxJsonDepth: 3 })
        )
      ))

    it(
      "the server's own program_limit_exceeded (SQLSTATE 54000, an index row too large) in a caller's transaction after an append: EventTooLarge with the SQLSTATE and the server's message; the append is rolled back with it (issue 12)",
      () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore.EventStore
            const sql = yield* SqlClient.SqlClient
            const category = uniqueCategory()
            const stream = `${category}-1`
            const table = `big_${category}`
            yield* sql.unsafe(`CREATE TABLE ${table} (k text PRIMARY KEY)`)
            const start = yield* lastPosition(sql)
            // Whatever the store sends stays under the server's limits (ids are at most 1000 bytes,
            // JSON.stringify gives up on nesting long before the server's parser, a jsonb value may
            // reach 255 MiB): the caller's own statement in the same transaction hits one. 6,400
            // bytes of hex digits do not compress under the B-tree maximum of 2,704.
            const error = yield* Effect.flip(
              SqlEventStore.withTransaction(
                Effect.gen(function* () {
                  yield* store.append(stream, [toAppend(`${stream}:1`, "MeterRead", { kwh: 1 })], EventStore.noStream)
                  yield* sql.unsafe(
                    `INSERT INTO ${table} (k) SELECT string_agg(md5(i::text), '') FROM generate_series(1, 200) AS i`
                  )
                }),
                "read-model update"
              )
            )
            assert.ok(error instanceof EventStore.EventTooLarge, String(error))
            assert.equal(error.sqlstate, "54000")
            assert.match(error.serverMessage, /index row size \d+ exceeds btree version \d+ maximum 2704/)
            assert.equal(error.operation, "read-model update")
            assert.equal(yield* store.streamVersion(stream), 0)
            assert.equal(yield* lastPosition(sql), start)
            assert.deepStrictEqual(yield* store.readCategory(category), [])
            const rows = yield* sql.unsafe<{ readonly n: unknown }>(`SELECT count(*)::int AS n FROM ${table}`)
            assert.equal(Number(rows[0]!.n), 0)
            yield* sql.unsafe(`DROP TABLE ${table}`)
          })
        ),
      30_000
    )

    it("inside a caller's transaction: one appendMany as its first write is accepted, a later append is refused with AppendInTransaction and records nothing; no advisory lock is left held (issue 12)", () =>
      run(
        Effect.gen(function* () {
          const store = yield* EventStore.EventStore
          const sql = yield* SqlClient.SqlClient
          const category = uniqueCategory()
          const held = sql<{ readonly n: unknown }>`SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
          const writes = Array.from({ length: 50 }, (_, k) => ({
            stream: `${category}-${k}`,
            events: [
              toAppend(`${category}-${k}:1`, "MeterRead", { kwh: k }),
              toAppend(`${category}-${k}:2`, "MeterRead", { kwh: k })
            ],
            expected: EventStore.noStream
          }))
          const [positions, refused] = yield* sql.withTransaction(
            Effect.gen(function* () {
              const results = yield* store.appendMany(writes)
              const later = yield* Effect.result(
                store.append(`${category}-late`, [toAppend(`${category}-late:1`, "MeterRead", {})], EventStore.noStream)
              )
              return [results.flatMap((r) => r.events.map((e) => e.position)), later] as const
            })
          )
          assert.ok(Result.isFailure(refused))
          assert.ok(refused.failure instanceof EventStore.AppendInTransaction)
          assert.match(refused.failure.message, /appendMany/)
          assert.equal(yield* store.streamVersion(`${category}-late`), 0)
          assert.equal(positions.length, 100)
          for (let i = 1; i < positions.length; i++) assert.equal(positions[i]!, positions[i - 1]! + 1)
          assert.equal(Number((yield* held)[0]!.n), 0)
          const outside = yield* store.append(
            `${category}-x`,
            [toAppend(`${category}-x:1`, "MeterRead", {}), toAppend(`${category}-x:2`, "MeterRead", {})],
            EventStore.noStream
          )
          assert.deepStrictEqual(
            outside.events.map((e) => e.position),
            [outside.events[0]!.position, outside.events[0]!.position + 1]
          )
          assert.ok(outside.events[0]!.position > positions.at(-1)!)
          assert.equal(Number((yield* held)[0]!.n), 0)
          const log = yield* store.readCategory(category)
          assert.deepStrictEqual(
            log.map((e) => e.position),
            [...positions, ...outside.events.map((e) => e.position)]
          )
        })
      ))

    it(
      "the append's plans do not depend on table statistics: soltrace_append_many runs with enable_seqscan off, and its lookups and those of the one-statement append are index scans on a never-analysed table (issue 12)",
      () =>
        run(
          Effect.gen(function* () {
            const sql = yield* SqlClient.SqlClient
            const config = yield* sql<{ readonly config: unknown }>`SELECT array_to_string(proconfig, ',') AS config
            FROM pg_proc WHERE proname = 'soltrace_append_many'`
            assert.match(String(config[0]?.config), /enable_seqscan=off/)
            const table = `plan_${uniqueCategory()}`
            yield* sql.unsafe(`CREATE TABLE ${table} (LIKE soltrace_events INCLUDING ALL)`)
            const plan = yield* sql.withTransaction(
              Effect.andThen(
                sql`SET LOCAL enable_seqscan = off`,
                sql.unsafe<Record<string, string>>(
                  `EXPLAIN SELECT 1 FROM ${table} WHERE event_id = ANY ('{a,b}'::text[])`
                )
              )
            )
            assert.match(plan.map((r) => Object.values(r).join(" ")).join("\n"), /Index/)
            // The one-statement append (a prepared statement of the client, planned generically):
            // its version lookups are index scans on the never-analysed table too.
            const shapes = [
              ...Object.entries(FastAppend.statements).map(([kind, text]) => ({
                kind,
                text,
                name: `fast_${kind}_${table}`,
                args: kind === "exact" ? "'s', 'c', 1, '[]', 3" : "'s', 'c', 1, '[]'"
              })),
              ...Object.entries(FastAppend.single).map(([kind, text]) => ({
                kind,
                text,
                name: `fast1_${kind}_${table}`,
                args: `'s', 'c', 'e', 't', 1, '{}', '{}', '0'${kind === "exact" ? ", '3'" : ""}`
              }))
            ]
            for (const { args, kind, name, text } of shapes) {
              const generic = yield* sql.withTransaction(
                Effect.gen(function* () {
                  yield* sql`SET LOCAL plan_cache_mode = force_generic_plan`
                  yield* sql.unsafe(`PREPARE ${name} AS ${text.replace(/soltrace_events(?!_)/g, table)}`)
                  const lines = yield* sql.unsafe<Record<string, string>>(`EXPLAIN EXECUTE ${name}(${args})`)
                  yield* sql.unsafe(`DEALLOCATE ${name}`)
                  return lines.map((r) => Object.values(r).join(" ")).join("\n")
                })
              )
              assert.doesNotMatch(generic, /Seq Scan/, `${kind}: ${generic}`)
              if (kind !== "no_stream") assert.match(generic, /Index/, `${kind}: ${generic}`)
            }
            yield* sql.unsafe(`DROP TABLE ${table}`)
          })
        ),
      30_000
    )

    it("a single write outside a transaction is answered by one statement of its shape and expected version; a conflict or a repeat falls back to soltrace_append_many, which answers it (issue 12)", () =>
      run(
        Effect.gen(function* () {
          // The statements the store sends, as the SQL client's spans record them.
          const texts: Array<string> = []
          const tracer = Tracer.make({
            span(options) {
              const span = new Tracer.NativeSpan(options)
              const attribute = span.attribute.bind(span)
              span.attribute = (key, value) => {
                if (key === "db.query.text") texts.push(String(value))
                attribute(key, value)
              }
              return span
            }
          })
          const store = yield* EventStore.EventStore
          const stream = `${uniqueCategory()}-1`
          const sent = <A, E, R>(append: Effect.Effect<A, E, R>) =>
            Effect.gen(function* () {
              texts.length = 0
              const result = yield* Effect.result(Effect.provideService(append, Tracer.Tracer, tracer))
              return { result, texts: texts.map((t) => (t.includes("soltrace_append_many") ? "general" : t)) }
            })
          const first = toAppend(`${stream}:1`, "MeterRead", { kwh: 1 })
          const created = yield* sent(store.append(stream, [first], EventStore.noStream))
          assert.deepStrictEqual(created.texts, [FastAppend.single.no_stream])
          assert.ok(Result.isSuccess(created.result) && created.result.success.version === 1)
          const cases = [
            [EventStore.exact(1), FastAppend.single.exact],
            [EventStore.any, FastAppend.single.any],
            [EventStore.streamExists, FastAppend.single.stream_exists]
          ] as const
          for (const [k, [expected, text]] of cases.entries()) {
            const next = yield* sent(
              store.append(stream, [toAppend(`${stream}:${k + 2}`, "MeterRead", { kwh: k + 2 })], expected)
            )
            assert.deepStrictEqual(next.texts, [text])
            assert.ok(Result.isSuccess(next.result) && next.result.success.version === k + 2)
            assert.equal(next.result.success.events[0]!.version, k + 2)
          }
          const batch = yield* sent(
            store.append(
              stream,
              [toAppend(`${stream}:5`, "MeterRead", { kwh: 5 }), toAppend(`${stream}:6`, "MeterRead", { kwh: 6 })],
              EventStore.exact(4)
            )
          )
          assert.deepStrictEqual(batch.texts, [FastAppend.statements.exact])
          assert.ok(Result.isSuccess(batch.result) && batch.result.success.version === 6)
          // A stale expected version: the statement inserts nothing, the function says why.
          const stale = yield* sent(
            store.append(stream, [toAppend(`${stream}:x`, "MeterRead", { kwh: 0 })], EventStore.exact(1))
          )
          assert.deepStrictEqual(stale.texts, [FastAppend.single.exact, "general"])
          assert.ok(Result.isFailure(stale.result) && stale.result.failure._tag === "WrongExpectedVersion")
          // A repeat of the first append: the event id's unique key refuses the statement, the
          // function finds the repeat.
          const repeat = yield* sent(store.append(stream, [first], EventStore.noStream))
          assert.deepStrictEqual(repeat.texts, [FastAppend.single.no_stream, "general"])
          assert.ok(Result.isSuccess(repeat.result) && repeat.result.success.duplicate)
          assert.equal(repeat.result.success.version, 1)
          const log = yield* store.readStream(stream)
          assert.deepStrictEqual(
            log.map((e) => e.version),
            [1, 2, 3, 4, 5, 6]
          )
        })
      ))

    it("a catch-up projection meeting an unreadable row stops by default (UnreadableEvent, checkpoint before it) or parks it and goes on (issue 12)", () =>
      run(
        Effect.gen(function* () {
          const store = yield* EventStore.EventStore
          const sql = yield* SqlClient.SqlClient
          const category = uniqueCategory()
          for (let k = 1; k <= 3; k++) {
            yield* store.append(
              `${category}-${k}`,
              [toAppend(`${category}-${k}:1`, "MeterRead", { kwh: k })],
              EventStore.noStream
            )
          }
          yield* sql`UPDATE soltrace_events SET metadata = '{"actor": 7}'::jsonb WHERE stream_id = ${`${category}-2`}`
          const seen: Array<string> = []
          const projection = (name: string) => ({
            name,
            category,
            handle: (event: EventStore.RecordedEvent) => Effect.sync(() => void seen.push(event.eventId)),
            reset: Effect.void
          })
          const stopped = yield* Effect.result(
            SqlProjections.catchUp(projection(`stop-${category}`), { batchSize: 10 })
          )
          assert.ok(Result.isFailure(stopped))
          assert.ok(stopped.failure instanceof EventStore.UnreadableEvent)
          assert.equal(stopped.failure.field, "metadata.actor")
          assert.equal(yield* SqlProjections.loadCheckpoint(`stop-${category}`), 0)
          seen.length = 0
          const name = `park-${category}`
          const done = yield* SqlProjections.catchUp(projection(name), { batchSize: 10, onUnreadable: "park" })
          assert.deepStrictEqual(seen, [`${category}-1:1`, `${category}-3:1`])
          const parked = yield* SqlProjections.parkedEvents(name)
          assert.equal(parked.length, 1)
          assert.equal(parked[0]!.stream, `${category}-2`)
          assert.equal(parked[0]!.eventId, `${category}-2:1`)
          assert.equal(parked[0]!.field, "metadata.actor")
          assert.equal(yield* SqlProjections.loadCheckpoint(name), done)
          const log = yield* Effect.result(store.readCategory(category))
          assert.ok(Result.isFailure(log))
        })
      ))

    it(
      "a live projection (Projection.runLive on the SQL subscription) meeting an unreadable row: given the default it stops with UnreadableEvent, checkpoint before it; given park it records catchUp's parked record, goes past it and keeps up with new events (issue 12)",
      () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore.EventStore
            const sql = yield* SqlClient.SqlClient
            const category = uniqueCategory()
            const append = (k: number) =>
              store.append(
                `${category}-${k}`,
                [toAppend(`${category}-${k}:1`, "MeterRead", { kwh: k })],
                EventStore.noStream
              )
            for (const k of [1, 2, 3]) yield* append(k)
            yield* sql`UPDATE soltrace_events SET metadata = '{"actor": 7}'::jsonb WHERE stream_id = ${`${category}-2`}`
            const seen: Array<string> = []
            const projection = (name: string) => ({
              name,
              category,
              handle: (event: EventStore.RecordedEvent) => Effect.sync(() => void seen.push(event.eventId)),
              reset: Effect.void
            })
            const live = (name: string, options?: Projection.LiveOptions) =>
              Projection.runLive(projection(name), options).pipe(Effect.provide(SqlProjections.checkpointStore))

            const stopped = yield* Effect.flip(live(`stop-${category}`))
            assert.ok(stopped instanceof EventStore.UnreadableEvent, String(stopped))
            assert.equal(stopped.field, "metadata.actor")
            assert.equal(stopped.eventId, `${category}-2:1`)
            // The subscription's page holding the bad row is refused as a whole: nothing handled, the
            // checkpoint still 0 — as catchUp's with a page of 10.
            assert.deepStrictEqual(seen, [])
            assert.equal(yield* SqlProjections.loadCheckpoint(`stop-${category}`), 0)

            seen.length = 0
            const name = `park-${category}`
            const fiber = yield* Effect.forkChild(live(name, { onUnreadable: "park" }))
            const until = (count: number) =>
              Effect.gen(function* () {
                while (seen.length < count) yield* Effect.sleep("5 millis")
              }).pipe(Effect.timeout("20 seconds"))
            yield* until(2)
            assert.deepStrictEqual(seen, [`${category}-1:1`, `${category}-3:1`])
            yield* append(4)
            yield* until(3)
            yield* Fiber.interrupt(fiber)
            assert.deepStrictEqual(seen, [`${category}-1:1`, `${category}-3:1`, `${category}-4:1`])
            const parked = yield* SqlProjections.parkedEvents(name)
            assert.deepStrictEqual(
              parked.map((p) => [p.stream, p.version, p.eventId, p.field]),
              [[`${category}-2`, 1, `${category}-2:1`, "metadata.actor"]]
            )
            // catchUp parks the very same record.
            yield* SqlProjections.catchUp(projection(`caught-${category}`), { onUnreadable: "park" })
            assert.deepStrictEqual(yield* SqlProjections.parkedEvents(`caught-${category}`), parked)
            const positions = yield* sql<{ readonly position: unknown }>`SELECT position::float8 AS position
              FROM soltrace_events WHERE category = ${category} ORDER BY position`
            assert.equal(parked[0]!.position, Number(positions[1]!.position))
            assert.equal(yield* SqlProjections.loadCheckpoint(name), Number(positions[3]!.position))
          })
        ),
      30_000
    )

    it("projection checkpoints are written in the same transaction as the projection's updates: a failing batch leaves neither", () =>
      run(
        Effect.gen(function* () {
          const store = yield* EventStore.EventStore
          const sql = yield* SqlClient.SqlClient
          const category = uniqueCategory()
          const table = `proj_${category}`
          yield* sql.unsafe(`CREATE TABLE ${table} (stream_id text PRIMARY KEY, events int NOT NULL)`)
          for (let s = 0; s < 3; s++) {
            yield* store.append(
              `${category}-${s}`,
              [0, 1].map((k) => toAppend(`${category}-${s}:${k}`, "MeterRead", { _tag: "MeterRead", kwh: k })),
              EventStore.noStream
            )
          }
          let failOn: string | undefined = `${category}-1:1`
          const projection = {
            name: `count-${category}`,
            category,
            handle: (event: EventStore.RecordedEvent) =>
              Effect.gen(function* () {
                yield* sql.unsafe(
                  `INSERT INTO ${table} (stream_id, events) VALUES ($1, 1)
                   ON CONFLICT (stream_id) DO UPDATE SET events = ${table}.events + 1`,
                  [event.streamId]
                )
                if (event.eventId === failOn) return yield* Effect.fail("projection bug" as const)
              }),
            reset: Effect.asVoid(sql.unsafe(`DELETE FROM ${table}`))
          }
          const counts = Effect.map(
            sql<{ readonly stream_id: string; readonly events: number }>`SELECT stream_id, events FROM ${sql(
              table
            )} ORDER BY stream_id`,
            (rows) => rows.map((r) => [r.stream_id, Number(r.events)])
          )
          // Batches of 2 events: the first batch (stream 0) commits, the second fails half-way.
          const failed = yield* Effect.result(SqlProjections.catchUp(projection, { batchSize: 2 }))
          assert.ok(Result.isFailure(failed))
          assert.equal(failed.failure, "projection bug")
          const firstBatch = yield* store.readCategory(category, { maxCount: 2 })
          assert.equal(yield* SqlProjections.loadCheckpoint(projection.name), firstBatch[1]!.position)
          assert.deepStrictEqual(yield* counts, [[`${category}-0`, 2]])
          // Fixed and rerun: every event counted exactly once.
          failOn = undefined
          const checkpoint = yield* SqlProjections.catchUp(projection, { batchSize: 2 })
          const all = yield* store.readCategory(category)
          assert.equal(checkpoint, all[all.length - 1]!.position)
          assert.deepStrictEqual(yield* counts, [
            [`${category}-0`, 2],
            [`${category}-1`, 2],
            [`${category}-2`, 2]
          ])
          // A rebuild resets read model and checkpoint together, then counts everything again once.
          yield* SqlProjections.rebuild(projection, { batchSize: 4 })
          assert.deepStrictEqual(yield* counts, [
            [`${category}-0`, 2],
            [`${category}-1`, 2],
            [`${category}-2`, 2]
          ])
        })
      ))

    it("the kernel CheckpointStore on SQL keeps one checkpoint per projection", () =>
      run(
        Effect.gen(function* () {
          const checkpoints = yield* SqlProjections.makeCheckpointStore
          const name = `cp-${uniqueCategory()}`
          assert.equal(yield* checkpoints.load(name), 0)
          yield* checkpoints.save(name, 41)
          yield* checkpoints.save(name, 42)
          assert.equal(yield* checkpoints.load(name), 42)
          assert.equal(yield* checkpoints.load(`${name}-other`), 0)
        })
      ))
  })
}
