/**
 * What the contract scenarios share: a complete offer (parties, installation, specification) that
 * each scenario adjusts, and a handle on one contract stream through the event store.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { CommandHandler } from "@soltrace/core"
import type { EventStore } from "@soltrace/core"
import { Contract, Deadlines, Statement } from "@soltrace/contracts"
import type { Terms } from "@soltrace/contracts"
import { Money, PaymentSchedule } from "@soltrace/rules"
import type { Timeline, UnexpectedAcceptance, UnexpectedRefusal } from "../Timeline.js"

/**
 * A 4.2 kWp three-phase installation, every specification item completed (WAL-3, WAL-5.1.2),
 * €8,000.00 excl. VAT at 6%, the schedule D4 builds under `"both"`. Override what a scenario needs.
 *
 * @since 0.1.0
 */
export const offer = (overrides: Partial<Terms.Offer> = {}): Terms.Offer => {
  const priceExclCents = overrides.priceExclCents ?? 800_000
  const vatBp = overrides.vatBp ?? 600
  return {
    installer: { partyId: "installer-soleil-wallon", kind: "legal-person", recognisedPvTraining: true },
    customers: [{ partyId: "customer-claire-dupont", naturalPerson: true }],
    installation: { peakPowerWp: 4_200, connection: "three-phase", maxAcPowerVa: 3_680 },
    priceExclCents,
    vatBp,
    options: [],
    schedule: PaymentSchedule.build(Money.inclVat(priceExclCents, vatBp)).schedule,
    worksStartOn: "2025-06-02",
    worksEndOn: "2025-06-30",
    inspectionByInstaller: true,
    studies: [],
    dwelling: {
      firstOccupationYear: 1998,
      privateDwelling: true,
      finalConsumer: true,
      sameContractorSuppliesAndInstalls: true
    },
    specificationHandedOver: true,
    specification: {
      sizingCriteria: "Annual consumption 4,100 kWh",
      dimensions: "2 rows of 6 panels, 6.9 m × 3.5 m",
      tilt: "35°",
      orientation: "South-south-west (200°)",
      roofLocation: "Rear slope of the main roof",
      shadingElements: "Chimney to the east, shading measured at 3%",
      cableRouting: "Through the attic to the meter cupboard",
      mountingPlan: "Annex 5",
      panelTechnology: "Monocrystalline",
      panelMakeAndType: "SunPower Maxeon 6 AC 350",
      panelPeakPowerWp: 350,
      panelDimensions: "1.69 m × 1.05 m",
      panelQuantity: 12,
      mountingType: "Superimposed",
      cableSection: "6 mm²",
      inverterMakeAndType: "Enphase IQ8M",
      inverterMaxAcPowerVa: 3_680,
      inverterQuantity: 12,
      inverterWarrantedLifetime: "25 years",
      inverterLocation: "Under each panel",
      inverterSynergridCompliant: true,
      expectedKwhPerYear: 3_900,
      after25YearsKwhPerYear: 3_400,
      optimalKwhPerYear: 4_150,
      expectedToOptimalBp: 9_398,
      productionAssumptions: "PVGIS, 3% shading losses"
    },
    ...overrides
  }
}

type Handled = CommandHandler.Handled<Contract.Event, Contract.State>

/**
 * One contract stream, driven through the event store.
 *
 * @since 0.1.0
 */
export interface ContractHandle {
  readonly streamId: string
  /** A command the scenario expects to pass. */
  readonly send: (
    command: Contract.Command
  ) => Effect.Effect<Handled, CommandHandler.HandleError | UnexpectedRefusal, EventStore.EventStore>
  /** A command the scenario expects to be refused: the refusal, with its reasons. */
  readonly refused: (
    command: Contract.Command
  ) => Effect.Effect<Contract.ContractRefused, CommandHandler.HandleError | UnexpectedAcceptance, EventStore.EventStore>
  /** The contract's state, loaded from the store. */
  readonly state: Effect.Effect<Contract.State, unknown, EventStore.EventStore>
  /** The statement at `asOf` (invoices, payments, late charges, delay penalty, who owes what), recorded in the timeline. */
  readonly statement: (asOf: string) => Effect.Effect<Statement.Statement, unknown, EventStore.EventStore>
  /** The deadlines at `asOf` (D12), recorded in the timeline. */
  readonly deadlines: (asOf: string) => Effect.Effect<ReadonlyArray<Deadlines.Deadline>, unknown, EventStore.EventStore>
}

/**
 * A contract stream `contract-<scenario>-<local>` under `policy` (D5, D7, D8, D11 parameters).
 *
 * @since 0.1.0
 */
export const contract = (
  t: Timeline,
  local: string,
  policy: Contract.Policy = Contract.defaultPolicy
): ContractHandle => {
  const aggregate = Contract.aggregate(policy)
  const streamId = Contract.streamId(t.id(local))
  const state = Effect.map(CommandHandler.load(aggregate, streamId), (l) => l.state)
  return {
    streamId,
    send: (command) => t.handle(aggregate, streamId, command),
    refused: (command) => t.handleRefused(aggregate, streamId, command),
    state,
    statement: (asOf) =>
      Effect.map(state, (s) => {
        const st = Statement.statement(s, asOf, policy)
        t.note(`Statement as of ${asOf}:`, asOf)
        for (const line of st.lines) {
          t.amount(`${line.description} [${line.rule}]`, line.amount)
        }
        // D10: one amount per VAT basis, never a sum across bases.
        for (const owed of st.owedByCustomer) t.amount("owed by the customer", owed)
        for (const owed of st.owedByInstaller) t.amount("owed by the installer", owed)
        if (st.owedByCustomer.length + st.owedByInstaller.length === 0) t.note("Nothing is owed either way.", asOf)
        return st
      }),
    deadlines: (asOf) =>
      Effect.map(state, (s) => {
        const ds = Deadlines.deadlines(s, asOf, policy)
        t.note(`Deadlines as of ${asOf} (D12):`, asOf)
        for (const d of ds) {
          t.deadline({
            rule: d.rule,
            what: `${d.what} — ${d.party}, ${d.status}${d.doneOn === undefined ? "" : ` (done ${d.doneOn})`}`,
            due: d.due
          })
        }
        return ds
      })
  }
}
