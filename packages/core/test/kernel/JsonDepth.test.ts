/**
 * The nesting-depth rule of the write-time envelope check (`maxJsonDepth`, issue 12): the text
 * scanner against a plain recursive depth of the value, the iterative walk used when
 * `JSON.stringify` itself overflows, and the store option.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import * as Envelope from "../../src/kernel/internal/envelope.js"
import { depthOfText, textDeeperThan, valueDeeperThan } from "../../src/kernel/internal/jsonDepth.js"

/** The straightforward definition: 0 for a scalar, 1 + the deepest child for an array or object. */
const recursiveDepth = (value: unknown): number => {
  if (typeof value !== "object" || value === null) return 0
  const children: ReadonlyArray<unknown> = Array.isArray(value) ? value : Object.values(value)
  return 1 + children.reduce<number>((deepest, child) => Math.max(deepest, recursiveDepth(child)), 0)
}

const nested = (levels: number, kind: "arrays" | "objects", inner: unknown = 0): unknown => {
  let value: unknown = inner
  for (let i = 0; i < levels; i++) value = kind === "arrays" ? [value] : { a: value }
  return value
}

// Strings made of what could fool a bracket counter: brackets, quotes, backslashes, `\u` escapes
// (control characters, lone surrogates), and ordinary text.
const trickyString = fc.string({
  unit: fc.constantFrom("[", "]", "{", "}", '"', "\\", ":", ",", "u", "a", "é", "\u0001", "\n", "\ud800", "😀"),
  maxLength: 12
})

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "medium", maxDepth: 12 },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(trickyString, tie("value"), { maxKeys: 4 }),
    // A deep chain with a value inside: depths far beyond what a small tree reaches.
    fc
      .tuple(fc.integer({ min: 1, max: 80 }), fc.constantFrom<"arrays" | "objects">("arrays", "objects"), tie("value"))
      .map(([levels, kind, inner]) => nested(levels, kind, inner))
  )
})).value

const event = (eventId: string, data: unknown, metadata: unknown = {}): EventStore.EventToAppend =>
  ({ eventId, type: "T", schemaVersion: 1, recordedAt: 0, data, metadata }) as EventStore.EventToAppend

describe("JSON nesting depth (maxJsonDepth, issue 12)", () => {
  it("the text scanner gives the recursive depth of the parsed value, strings with brackets, quotes and escapes included (fast-check)", () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value)
        const depth = recursiveDepth(JSON.parse(text))
        assert.strictEqual(depthOfText(text), depth)
        // Why texts of at most 2 × limit characters need no scan: every level is two brackets.
        assert.ok(depth <= text.length / 2)
      }),
      { numRuns: 500 }
    )
  })

  it("the scanner stopped at a limit answers 'deeper than the limit?' exactly as the full depth does (fast-check)", () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 100 }), (value, limit) => {
        const text = JSON.stringify(value)
        const depth = recursiveDepth(value)
        const stopped = depthOfText(text, limit)
        assert.strictEqual(stopped > limit, depth > limit)
        if (depth <= limit) assert.strictEqual(stopped, depth)
      }),
      { numRuns: 500 }
    )
  })

  it("the envelope's cheap bounds (text length, number of opening brackets) never change the answer of the full scan (fast-check)", () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 100 }), (value, limit) => {
        const text = JSON.stringify(value)
        assert.strictEqual(textDeeperThan(text, limit), recursiveDepth(value) > limit)
      }),
      { numRuns: 500 }
    )
  })

  it("the iterative walk of a value agrees with the recursive depth (fast-check), and ends on shared and cyclic values", () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 100 }), (value, limit) => {
        assert.strictEqual(valueDeeperThan(value, limit), recursiveDepth(value) > limit)
      }),
      { numRuns: 500 }
    )
    // A value shared at a shallow and a deep place counts at its deepest place.
    const shared = nested(5, "arrays")
    assert.strictEqual(valueDeeperThan([shared, nested(10, "objects", shared)], 15), true)
    assert.strictEqual(valueDeeperThan([shared, nested(10, "objects", shared)], 16), false)
    const cycle: Array<unknown> = []
    cycle.push(cycle)
    assert.strictEqual(valueDeeperThan(cycle, 512), true)
  })

  it("the answer does not depend on how deep the caller's stack already is (JSON.stringify's own limit does)", () => {
    const value = nested(4000, "arrays")
    const refuse = () =>
      Envelope.prepareWrites(
        "append",
        [{ stream: "s-1", events: [event("e", value)], expected: EventStore.any }],
        1_048_576
      )
    const underFrames = (frames: number): unknown => (frames === 0 ? refuse() : [underFrames(frames - 1)][0])
    const shallow = refuse()
    const deep = underFrames(3000)
    assert.ok(shallow instanceof EventStore.InvalidEvent)
    assert.deepStrictEqual(deep, shallow)
    assert.strictEqual(shallow.field, "data")
    assert.strictEqual(
      shallow.reason,
      `nests arrays and objects more than maxJsonDepth (${Envelope.defaultMaxJsonDepth}) levels deep`
    )
  })

  it.effect(
    "the in-memory store's maxJsonDepth option: at the limit accepted and read back, one level more refused naming data or metadata and the limit; nothing stored",
    () =>
      Effect.gen(function* () {
        const { store } = yield* InMemoryEventStore.make({ maxJsonDepth: 3 })
        const refused = yield* Effect.flip(store.append("s-1", [event("e1", nested(4, "arrays"))], EventStore.any))
        assert.ok(refused instanceof EventStore.InvalidEvent)
        assert.strictEqual(refused.field, "data")
        assert.strictEqual(refused.reason, "nests arrays and objects more than maxJsonDepth (3) levels deep")
        const refusedMetadata = yield* Effect.flip(
          store.append("s-1", [event("e2", 1, { actor: "a", extra: nested(3, "objects") })], EventStore.any)
        )
        assert.ok(refusedMetadata instanceof EventStore.InvalidEvent)
        assert.strictEqual(refusedMetadata.field, "metadata")
        assert.deepStrictEqual(yield* store.readAll(), [])
        const data = { list: [[1, "]]]"]] }
        const metadata = { actor: "a", extra: [[1]] }
        yield* store.append("s-1", [event("e3", data, metadata)], EventStore.any)
        const [back] = yield* store.readStream("s-1")
        assert.deepStrictEqual(back?.data, data)
        assert.deepStrictEqual(back?.metadata, metadata)
      })
  )
})
