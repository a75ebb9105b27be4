import assert from "node:assert/strict"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { afterAll, describe, it } from "vitest"
import * as EventStore from "../../src/kernel/EventStore.js"
import { runEventStoreConformance, runSnapshotConformance } from "../../src/testing/index.js"
import { PgliteClient } from "../../src/sql/pglite.js"
import { SqlEventStore } from "../../src/sql/index.js"
import { sqlOptionsTests } from "./options.js"
import { conformanceLayer, makeRuntime, snapshotLayer, sqlBackendTests, toAppend, transactionOf } from "./shared.js"

// One PGlite instance for the whole file (it takes seconds to start).
const runtime = makeRuntime(PgliteClient.layer())
afterAll(() => runtime.dispose())

runEventStoreConformance("PGlite", conformanceLayer(runtime, { pollInterval: 5 }), {
  numRuns: 40,
  histories: 3,
  transaction: transactionOf(runtime)
})
sqlBackendTests("PGlite", runtime)
sqlOptionsTests("PGlite", runtime)
runSnapshotConformance("PGlite", snapshotLayer(runtime), { numRuns: 15 })

describe("PGlite driver", () => {
  it("a file-backed database keeps its events across a close and a reopen", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "soltrace-pglite-"))
    try {
      const store = SqlEventStore.layerWithMigrations().pipe(Layer.provide(PgliteClient.layer({ dataDir })))
      const stream = "meter-1"
      const written = await Effect.runPromise(
        Effect.gen(function* () {
          const s = yield* EventStore.EventStore
          return yield* s.append(stream, [toAppend("e1", "MeterRead", { kwh: 1 })], EventStore.noStream)
        }).pipe(Effect.provide(store))
      )
      const read = await Effect.runPromise(
        Effect.gen(function* () {
          const s = yield* EventStore.EventStore
          return yield* s.readStream(stream)
        }).pipe(Effect.provide(store))
      )
      assert.deepStrictEqual(read, written.events)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
