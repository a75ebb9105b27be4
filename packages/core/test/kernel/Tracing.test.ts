import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option, Result, Tracer } from "effect"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import type { RecordedEvent } from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import * as Projection from "../../src/kernel/Projection.js"
import * as Snapshot from "../../src/kernel/Snapshot.js"
import { account } from "./BankAccount.js"

/** An in-memory tracer: every span it starts, in start order. */
const recording = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  const named = (name: string) => spans.filter((s) => s.name === name)
  const one = (name: string) => {
    const found = named(name)
    assert.strictEqual(found.length, 1, `one ${name} span, got ${found.length}`)
    return found[0]!
  }
  const parentOf = (span: Tracer.NativeSpan) => Option.getOrUndefined(span.parent)?.spanId
  return { spans, tracer, named, one, parentOf }
}

const layer = Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory)

describe("tracing: OpenTelemetry-compatible spans through effect's Tracer", () => {
  it.effect(
    "a command: CommandHandler.handle with stream, category, version and outcome; its load, read, append and snapshot spans inside it",
    () => {
      const t = recording()
      return Effect.gen(function* () {
        yield* CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, { commandId: "c1" })
        yield* CommandHandler.handle(account, "account-1", { _tag: "Deposit", amount: 5 }, { commandId: "c2" })
        t.spans.length = 0
        // The third event: every 3 versions, a snapshot is saved.
        yield* CommandHandler.handle(account, "account-1", { _tag: "Deposit", amount: 7 }, { commandId: "c3" })
        const handle = t.one("CommandHandler.handle")
        assert.strictEqual(handle.attributes.get("soltrace.stream"), "account-1")
        assert.strictEqual(handle.attributes.get("soltrace.category"), "account")
        assert.strictEqual(handle.attributes.get("soltrace.command"), "Deposit")
        assert.strictEqual(handle.attributes.get("soltrace.version"), 3)
        assert.strictEqual(handle.attributes.get("soltrace.outcome"), "appended")
        assert.strictEqual(handle.status._tag, "Ended")
        for (const name of ["Snapshot.load", "EventStore.readStream", "EventStore.append", "Snapshot.save"]) {
          const span = t.one(name)
          assert.strictEqual(span.attributes.get("soltrace.stream"), "account-1", name)
          assert.strictEqual(t.parentOf(span), handle.spanId, `${name} is inside the command's span`)
        }
        const append = t.one("EventStore.append")
        assert.strictEqual(append.attributes.get("soltrace.version"), 3)
        assert.strictEqual(append.attributes.get("soltrace.outcome"), "appended")
        assert.strictEqual(append.attributes.get("soltrace.events"), 1)
        assert.strictEqual(t.one("EventStore.readStream").attributes.get("soltrace.version"), 2)
      }).pipe(Effect.provide(layer), Effect.provideService(Tracer.Tracer, t.tracer))
    }
  )

  it.effect("a refused command's outcome is its error's tag; a repeated command's is duplicate", () => {
    const t = recording()
    return Effect.gen(function* () {
      yield* Effect.flip(
        CommandHandler.handle(account, "account-2", { _tag: "Deposit", amount: 5 }, { commandId: "d1" })
      )
      assert.strictEqual(t.one("CommandHandler.handle").attributes.get("soltrace.outcome"), "AccountError")
      assert.strictEqual(t.one("CommandHandler.handle").status._tag, "Ended")
      t.spans.length = 0
      yield* CommandHandler.handle(account, "account-2", { _tag: "Open", owner: "bob" }, { commandId: "d2" })
      yield* CommandHandler.handle(account, "account-2", { _tag: "Open", owner: "bob" }, { commandId: "d2" })
      const [first, again] = t.named("CommandHandler.handle")
      assert.strictEqual(first!.attributes.get("soltrace.outcome"), "appended")
      assert.strictEqual(again!.attributes.get("soltrace.outcome"), "duplicate")
      assert.strictEqual(again!.attributes.get("soltrace.version"), 1)
    }).pipe(Effect.provide(layer), Effect.provideService(Tracer.Tracer, t.tracer))
  })

  it.effect("a refusal whose reasons carry rule ids: soltrace.rules lists them, in order (issue 13)", () => {
    const t = recording()
    // A refusal as every domain of soltrace makes one: a tagged error with reasons, each with its rule id.
    const refusing: CommandHandler.Aggregate<{ readonly _tag: "Ask" }, never, number, unknown> = {
      decider: {
        initialState: 0,
        decide: () =>
          Result.fail({
            _tag: "Refused",
            reasons: [
              { rule: "X-1", message: "a" },
              { rule: "X-2", message: "b" }
            ]
          }),
        evolve: (s) => s,
        isTerminal: () => false
      },
      codec: account.codec as never
    }
    return Effect.gen(function* () {
      yield* Effect.flip(CommandHandler.handle(refusing, "asker-1", { _tag: "Ask" }, { commandId: "r1" }))
      const span = t.one("CommandHandler.handle")
      assert.strictEqual(span.attributes.get("soltrace.command"), "Ask")
      assert.strictEqual(span.attributes.get("soltrace.outcome"), "Refused")
      assert.strictEqual(span.attributes.get("soltrace.rules"), "X-1,X-2")
    }).pipe(Effect.provide(layer), Effect.provideService(Tracer.Tracer, t.tracer))
  })

  it.effect(
    "a catch-up projection: one Projection.batch span per batch, with its projection, position and size",
    () => {
      const t = recording()
      const seen: Array<RecordedEvent> = []
      const projection: Projection.CatchUpProjection<never, never> = {
        name: "counter",
        category: "account",
        handle: (event) => Effect.sync(() => void seen.push(event)),
        reset: Effect.void
      }
      return Effect.gen(function* () {
        for (let i = 0; i < 3; i++) {
          yield* CommandHandler.handle(account, `account-${i}`, { _tag: "Open", owner: "x" }, { commandId: `p${i}` })
        }
        t.spans.length = 0
        yield* Projection.catchUp(projection, { batchSize: 2 })
        const batches = t.named("Projection.batch")
        assert.deepStrictEqual(
          batches.map((b) => [
            b.attributes.get("soltrace.projection"),
            b.attributes.get("soltrace.after"),
            b.attributes.get("soltrace.events")
          ]),
          [
            ["counter", 0, 2],
            ["counter", seen[1]!.position, 1]
          ]
        )
        assert.strictEqual(t.named("EventStore.readCategory").length, 3)
      }).pipe(
        Effect.provide(Layer.merge(layer, Projection.memoryCheckpointStore)),
        Effect.provideService(Tracer.Tracer, t.tracer)
      )
    }
  )

  it.effect(
    "tracing off inside a recorded span: the kernel makes no span and annotates nothing on the outer one (issue 13)",
    () => {
      const t = recording()
      return Effect.gen(function* () {
        yield* Effect.withSpan(
          Effect.withTracerEnabled(
            CommandHandler.handle(account, "account-7", { _tag: "Open", owner: "o" }, { commandId: "o1" }),
            false
          ),
          "outer"
        )
        const outer = t.one("outer")
        assert.strictEqual(t.spans.length, 1)
        assert.deepStrictEqual([...outer.attributes.keys()], [])
      }).pipe(Effect.provide(layer), Effect.provideService(Tracer.Tracer, t.tracer))
    }
  )

  it.effect("a store made with tracing: false makes no span; the command's own span still does (issue 13)", () => {
    const t = recording()
    return Effect.gen(function* () {
      const untraced = yield* InMemoryEventStore.make({ tracing: false })
      const handled = yield* CommandHandler.handle(
        account,
        "account-8",
        { _tag: "Open", owner: "u" },
        { commandId: "u1" }
      ).pipe(Effect.provideService(EventStore.EventStore, untraced.store))
      assert.strictEqual(handled.version, 1)
      assert.deepStrictEqual(
        t.spans.map((s) => s.name),
        ["CommandHandler.handle"]
      )
    }).pipe(Effect.provideService(Tracer.Tracer, t.tracer))
  })

  it.effect("with the tracer disabled, no span is started and commands work the same", () => {
    const t = recording()
    return Effect.gen(function* () {
      const handled = yield* CommandHandler.handle(
        account,
        "account-9",
        { _tag: "Open", owner: "z" },
        { commandId: "z1" }
      )
      assert.strictEqual(handled.version, 1)
      assert.strictEqual(t.spans.length, 0)
    }).pipe(Effect.provide(layer), Effect.provideService(Tracer.Tracer, t.tracer), Effect.withTracerEnabled(false))
  })
})
