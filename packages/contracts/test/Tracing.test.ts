/**
 * Issue 13: every contract command, handled by the kernel's command handler
 * (`CommandHandler.handle(Contract.aggregate(), Contract.streamId(id), command, metadata)`, as the
 * docs show), makes one `CommandHandler.handle` span that names the command (`soltrace.command`),
 * on stream `contract-<id>`, category `contract`, with the version afterwards and the outcome: a
 * refusal's `_tag` and the rule ids of its reasons (`soltrace.rules`).
 */
import { assert, describe, it } from "vitest"
import { Effect, Option, Tracer } from "effect"
import { CommandHandler, InMemoryEventStore } from "@soltrace/core"
import { Contract } from "../src/index.js"
import * as F from "./fixtures.js"

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
  const parentOf = (span: Tracer.NativeSpan) => Option.getOrUndefined(span.parent)?.spanId
  return { spans, tracer, named, parentOf }
}

const aggregate = Contract.aggregate()

/** Handles a command on `contract-<id>`: its events, or its refusal. */
const handle = (id: string, command: Contract.Command, commandId: string) =>
  Effect.result(CommandHandler.handle(aggregate, Contract.streamId(id), command, { commandId }))

describe("issue 13: a span per contract command", () => {
  it("S4 lifecycle (WAL-1.3): one CommandHandler.handle span per command, named by its _tag, with stream, category, version and outcome", () => {
    const t = recording()
    const commands: Array<Contract.Command> = [
      ...F.ordered(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "StartWorks", on: "2025-06-02" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
      { _tag: "CompleteWorks", on: "2025-06-27" },
      { _tag: "RecordInspectionAccepted", on: "2025-07-10" },
      { _tag: "DeliverAdministrativeFile", on: "2025-07-20" }
    ]
    return Effect.runPromise(
      Effect.gen(function* () {
        const versions: Array<number> = []
        for (const [i, command] of commands.entries()) {
          const handled = yield* handle("t1", command, `t1-${i}`)
          assert.isTrue(handled._tag === "Success", `${command._tag} accepted`)
          if (handled._tag === "Success") versions.push(handled.success.version)
        }
        const spans = t.named("CommandHandler.handle")
        assert.deepStrictEqual(
          spans.map((s) => [
            s.attributes.get("soltrace.command"),
            s.attributes.get("soltrace.stream"),
            s.attributes.get("soltrace.category"),
            s.attributes.get("soltrace.version"),
            s.attributes.get("soltrace.outcome")
          ]),
          commands.map((c, i) => [c._tag, "contract-t1", "contract", versions[i], "appended"])
        )
        // The store's spans are inside the command's.
        const append = t.named("EventStore.append")
        assert.strictEqual(append.length, commands.length)
        assert.deepStrictEqual(
          append.map((a) => t.parentOf(a)),
          spans.map((s) => s.spanId)
        )
      }).pipe(Effect.provide(InMemoryEventStore.layer), Effect.provideService(Tracer.Tracer, t.tracer))
    )
  })

  it("a refused contract command (WAL-2.3: offer expired): outcome ContractRefused, soltrace.rules the refusal's rule ids; a repeat is duplicate", () => {
    const t = recording()
    return Effect.runPromise(
      Effect.gen(function* () {
        for (const [i, command] of F.offered().entries()) yield* handle("t2", command, `t2-${i}`)
        const late = yield* handle(
          "t2",
          { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-04-10", concludedBy: "off-premises" },
          "t2-late"
        )
        assert.isTrue(late._tag === "Failure")
        const refusal = late._tag === "Failure" ? late.failure : undefined
        assert.isTrue(refusal instanceof Contract.ContractRefused)
        const span = t.named("CommandHandler.handle").at(-1)!
        assert.strictEqual(span.attributes.get("soltrace.command"), "PlaceOrder")
        assert.strictEqual(span.attributes.get("soltrace.outcome"), "ContractRefused")
        assert.strictEqual(
          span.attributes.get("soltrace.rules"),
          refusal instanceof Contract.ContractRefused ? refusal.rules.join(",") : "none"
        )
        assert.include(String(span.attributes.get("soltrace.rules")).split(","), "WAL-2.3")
        assert.strictEqual(span.status._tag, "Ended")

        yield* handle("t2", { _tag: "SignOffer", on: "2025-03-10" }, "t2-1")
        const again = t.named("CommandHandler.handle").at(-1)!
        assert.strictEqual(again.attributes.get("soltrace.outcome"), "duplicate")
        assert.strictEqual(again.attributes.get("soltrace.rules"), undefined)
      }).pipe(Effect.provide(InMemoryEventStore.layer), Effect.provideService(Tracer.Tracer, t.tracer))
    )
  })
})
