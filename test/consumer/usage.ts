// A consumer's own code, type-checked against the published types by test/consumer.test.ts.
import { Decision } from "@soltrace/rules"
import { Decider } from "@soltrace/core"
import { Result } from "effect"

const refused: Decision.Decision<number> = Decision.refuse(Decision.reason("ENP-L5", "Claimed too late."))
export const isRefused: boolean = Decision.isRefused(refused)

interface Counter {
  readonly count: number
}
const counter: Decider.Decider<"inc", "incremented", Counter, never> = {
  initialState: { count: 0 },
  decide: () => Result.succeed(["incremented"]),
  evolve: (state) => ({ count: state.count + 1 }),
  isTerminal: () => false
}
export const three: number = Decider.fold(counter, ["incremented", "incremented", "incremented"]).count

// Inferred types that a consumer's declaration emit must be able to name from public entry points.
import { CommandHandler, EventStore, InMemoryEventStore } from "@soltrace/core"
export const storeLayer = InMemoryEventStore.layer
export const expectedNoStream = EventStore.noStream
export const load = CommandHandler.load

// The after-sales package on the kernel: its aggregates plug into the kernel's command handling.
// (Through its per-module entry points; the root barrel's bundled declarations are the packaging
// work's to fix.)
import { RmaId, SystemId } from "@soltrace/aftersales/AfterSalesIds"
import * as AfterSalesService from "@soltrace/aftersales/AfterSalesService"
import * as Rma from "@soltrace/aftersales/Rma"
import * as System from "@soltrace/aftersales/System"
export const systemId: SystemId = SystemId.make("SYS-1")
export const systemAggregate: CommandHandler.Aggregate<
  System.Command,
  System.Event,
  System.State,
  System.SystemCommandRefused
> = System.aggregate
export const rmaStream: string = Rma.streamId(RmaId.make("R-1"))
export const serviceLayer = AfterSalesService.layer

// The personal-data store (D16), from its own entry point: its Schemas are values as well as types.
import * as PersonalData from "@soltrace/core/PersonalData"
import { SqlPersonalData } from "@soltrace/core/sql"
export const peopleLayer = PersonalData.layerMemory
export const sqlPeopleLayer = SqlPersonalData.layerWithMigrations
export const partySchema = PersonalData.Party
export const erased: PersonalData.Erased = {
  _tag: "Erased",
  subjectId: PersonalData.SubjectId.make("party-1"),
  erasedOn: "2026-12-01"
}
export const isErased: boolean = PersonalData.isErased(erased)
