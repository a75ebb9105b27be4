import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import * as Snapshot from "../../src/kernel/Snapshot.js"
import { account, type Command } from "./BankAccount.js"

const commands: ReadonlyArray<Command> = [
  { _tag: "Open", owner: "ada" },
  { _tag: "Deposit", amount: 10 },
  { _tag: "Deposit", amount: 20 },
  { _tag: "Withdraw", amount: 5 },
  { _tag: "Deposit", amount: 1 },
  { _tag: "Deposit", amount: 2 },
  { _tag: "Withdraw", amount: 3 }
]
const layer = Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory)
const withoutSnapshots = { ...account, snapshot: undefined }

describe("snapshots", () => {
  it.effect("a snapshot is saved every `every` versions; load = snapshot + tail = replay", () =>
    Effect.gen(function* () {
      yield* Effect.forEach(commands, (c, i) => CommandHandler.handle(account, "account-1", c, { commandId: `c${i}` }))
      const snapshots = yield* Snapshot.SnapshotStore
      const saved = yield* snapshots.load("account-1", "account-v1")
      assert.isTrue(Option.isSome(saved))
      assert.strictEqual(Option.getOrThrow(saved).version, 6)
      const loaded = yield* CommandHandler.load(account, "account-1")
      assert.strictEqual(loaded.snapshotVersion, 6)
      assert.strictEqual(loaded.tail.length, 1)
      const replayed = yield* CommandHandler.load(withoutSnapshots, "account-1")
      assert.strictEqual(replayed.snapshotVersion, 0)
      assert.deepStrictEqual(loaded.state, replayed.state)
      assert.deepStrictEqual(loaded.state, { status: "Open", balance: 25 })
      assert.strictEqual(loaded.version, 7)
    }).pipe(Effect.provide(layer))
  )

  it.effect("load really starts from the snapshot: its state is folded with the tail only", () =>
    Effect.gen(function* () {
      yield* Effect.forEach(commands.slice(0, 5), (c, i) =>
        CommandHandler.handle(withoutSnapshots, "account-1", c, { commandId: `c${i}` })
      )
      const snapshots = yield* Snapshot.SnapshotStore
      yield* snapshots.save({
        streamId: "account-1",
        version: 4,
        evolveVersion: "account-v1",
        state: { status: "Open", balance: 1000 }
      })
      const loaded = yield* CommandHandler.load(account, "account-1")
      assert.deepStrictEqual(loaded.state, { status: "Open", balance: 1001 })
    }).pipe(Effect.provide(layer))
  )

  it.effect("a snapshot with another evolve version (or an undecodable one) is ignored", () =>
    Effect.gen(function* () {
      yield* Effect.forEach(commands.slice(0, 5), (c, i) =>
        CommandHandler.handle(withoutSnapshots, "account-1", c, { commandId: `c${i}` })
      )
      const snapshots = yield* Snapshot.SnapshotStore
      for (const snapshot of [
        { evolveVersion: "account-v0", state: { status: "Open", balance: 1000 } },
        { evolveVersion: "account-v1", state: { status: "Open", balance: "a lot" } }
      ]) {
        yield* snapshots.save({ streamId: "account-1", version: 4, ...snapshot })
        const loaded = yield* CommandHandler.load(account, "account-1")
        assert.strictEqual(loaded.snapshotVersion, 0)
        assert.deepStrictEqual(loaded.state, { status: "Open", balance: 26 })
      }
    }).pipe(Effect.provide(layer))
  )
})
