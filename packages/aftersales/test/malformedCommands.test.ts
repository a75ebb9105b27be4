/**
 * Every malformed command given to the after-sales service is a typed error naming the field,
 * never a defect (fast-check feeds broken versions of valid commands to every entry point).
 */
import * as fc from "fast-check"
import { Cause, Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { InMemoryEventStore } from "@soltrace/core"
import { AfterSalesService } from "../src/index.js"
import { A, owner, RA, sysId, ticketId } from "./fixtures.js"
import { commissionedSystem, installerRequester, licensed, R1 } from "./scenarios.js"

type Entry = "system" | "ticket" | "rma" | "openTicket" | "requestReturn" | "installReplacement" | "claim"

const valid: ReadonlyArray<readonly [Entry, Record<string, unknown>]> = [
  ["system", { _tag: "RecordFault", systemId: sysId, serial: A, detectedOn: "2025-04-28", source: "monitoring" }],
  [
    "system",
    {
      _tag: "InstallDevice",
      systemId: sysId,
      serial: "MI-NEW",
      kind: "microinverter",
      manufacturer: "Enphase",
      model: "IQ8",
      installedOn: "2025-01-01"
    }
  ],
  ["ticket", { _tag: "AddNote", ticketId: "T-1", authorId: "agent-1", text: "called", on: "2025-05-05" }],
  ["rma", { _tag: "ReceiveUnit", rmaId: R1, serial: A, receivedOn: "2025-05-20" }],
  [
    "rma",
    {
      _tag: "ShipReplacement",
      rmaId: R1,
      original: A,
      replacement: RA,
      carrier: "DHL",
      tracking: "T",
      shippedOn: "2025-05-03"
    }
  ],
  [
    "openTicket",
    {
      ticketId: ticketId("T-9"),
      systemId: sysId,
      openedAt: "2025-05-05T10:00",
      requester: { _tag: "Owner", partyId: owner },
      channel: "form",
      kind: "technical",
      subject: "LED",
      serials: [A],
      description: "red"
    }
  ],
  [
    "requestReturn",
    {
      rmaId: R1,
      systemId: sysId,
      serials: [A],
      shippingAddress: "depot",
      requester: installerRequester,
      requestedAt: "2025-05-02T09:30",
      proofOfOwnershipProvided: false
    }
  ],
  ["installReplacement", { rmaId: R1, original: A, replacement: RA, installedOn: "2025-05-06" }],
  ["claim", { systemId: sysId, interventionOn: "2025-05-06", claimedOn: "2025-06-01", paymentAddress: "addr" }]
]

/** Breaks a valid command: a key removed, or a value made of the wrong kind. */
type Mutation =
  | { readonly _tag: "drop"; readonly key: number }
  | { readonly _tag: "wrong"; readonly key: number; readonly value: unknown }
  | { readonly _tag: "whole"; readonly value: unknown }

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.constant(""),
  fc.constant("not-a-date"),
  fc.constant("2025-02-30"),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.record({ _tag: fc.constant("Nope") }),
  fc.boolean(),
  fc.constant(undefined)
)

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ _tag: fc.constant("drop" as const), key: fc.nat() }),
  fc.record({ _tag: fc.constant("wrong" as const), key: fc.nat(), value: wrongValue }),
  fc.record({ _tag: fc.constant("whole" as const), value: fc.oneof(wrongValue, fc.anything()) })
)

const apply = (command: Record<string, unknown>, m: Mutation): { input: unknown; field?: string } => {
  const keys = Object.keys(command)
  switch (m._tag) {
    case "drop": {
      const key = keys[m.key % keys.length]!
      const { [key]: _dropped, ...rest } = command
      return { input: rest, field: key }
    }
    case "wrong": {
      const key = keys[m.key % keys.length]!
      return { input: { ...command, [key]: m.value } }
    }
    case "whole":
      return { input: m.value }
  }
}

const call = (
  svc: AfterSalesService.AfterSalesServiceShape,
  entry: Entry,
  input: unknown
): Effect.Effect<unknown, unknown> => {
  const meta = { commandId: `m-${Math.random()}` }
  // The service's entry points are typed; a caller's JSON is not: that is what this test sends.
  const anyInput = input as never
  switch (entry) {
    case "system":
      return svc.system(anyInput, meta)
    case "ticket":
      return svc.ticket(anyInput, meta)
    case "rma":
      return svc.rma(anyInput, meta)
    case "openTicket":
      return svc.openTicket(anyInput, meta)
    case "requestReturn":
      return svc.requestReturn(anyInput, meta)
    case "installReplacement":
      return svc.installReplacement(anyInput, meta)
    case "claim":
      return svc.claimLabourReimbursement(anyInput, meta)
  }
}

const typed = new Set([
  "InvalidCommand",
  "SystemCommandRefused",
  "TicketCommandRefused",
  "RmaCommandRefused",
  "WrongExpectedVersion",
  "EventDecodeError",
  "EventEncodeError"
])

describe("malformed commands", () => {
  it("every malformed command to the service is a typed error (a dropped key is an InvalidCommand naming it), never a defect", async () => {
    const runtime = await Effect.runPromise(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        return yield* AfterSalesService.AfterSalesService
      }).pipe(Effect.provide(AfterSalesService.layer.pipe(Layer.provideMerge(InMemoryEventStore.layer))))
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...valid), mutation, async ([entry, command], m) => {
        const { input, field } = apply(command, m)
        const exit = await Effect.runPromiseExit(call(runtime, entry, input))
        if (Exit.isFailure(exit)) {
          expect(Cause.hasDies(exit.cause), `${entry} ${JSON.stringify(input)}: ${Cause.pretty(exit.cause)}`).toBe(
            false
          )
          const error = Cause.findErrorOption(exit.cause)
          const tag = error._tag === "Some" ? (error.value as { _tag?: string })._tag : undefined
          expect(typed.has(tag ?? ""), `${entry}: ${String(tag)}`).toBe(true)
          if (field !== undefined) {
            expect(tag).toBe("InvalidCommand")
            expect(error._tag === "Some" && (error.value as { field: string }).field).toBe(field)
          }
        } else {
          // only a mutation that leaves the command valid may succeed (an optional key dropped)
          expect(m._tag === "drop" || m._tag === "wrong").toBe(true)
        }
      }),
      { numRuns: 420 }
    )
  })
})
