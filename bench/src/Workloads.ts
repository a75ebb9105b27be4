/**
 * The registry of workloads, in the order they run.
 */
import type { Mode, Workload } from "./Harness.js"
import * as CommandHandling from "./workloads/CommandHandling.js"
import * as PgServer from "./PgServer.js"
import * as CatchUp from "./workloads/CatchUp.js"
import * as Decoding from "./workloads/Decoding.js"
import * as JsonEdge from "./workloads/JsonEdge.js"
import * as PgAppendGrowth from "./workloads/PgAppendGrowth.js"
import * as PgAppends from "./workloads/PgAppends.js"
import * as Rehydration from "./workloads/Rehydration.js"
import * as Rules from "./workloads/Rules.js"
import * as Scaling from "./workloads/Scaling.js"
import * as StoreSize from "./workloads/StoreSize.js"
import * as TracingOverhead from "./workloads/TracingOverhead.js"

/** What a workload module builds: one or more workloads, and what to release after them. */
export interface Made {
  readonly workloads: ReadonlyArray<Workload>
  readonly cleanup?: (() => Promise<void>) | undefined
}

/** A registered workload module. */
export interface WorkloadEntry {
  readonly id: string
  readonly needsPg: boolean
  readonly make: (mode: Mode) => Promise<Made>
}

const one =
  (make: (mode: Mode) => Promise<Workload>) =>
  async (mode: Mode): Promise<Made> => ({
    workloads: [await make(mode)]
  })

// One PostgreSQL server for every workload that needs one, started on first use, stopped by
// `finish` at the end of the run.
let server: Promise<PgServer.Server> | undefined
const sharedServer = (): Promise<PgServer.Server> => (server ??= PgServer.start())

/** Stops what the workloads started (the PostgreSQL server). */
export const finish = async (): Promise<void> => {
  const running = server
  server = undefined
  if (running !== undefined) await (await running.catch(() => undefined))?.stop()
}

/** Every workload. */
export const WORKLOADS: ReadonlyArray<WorkloadEntry> = [
  { id: "rehydration", needsPg: false, make: one(Rehydration.make) },
  {
    id: "command-handling",
    needsPg: false,
    make: async (mode) => ({
      workloads: [await CommandHandling.make(mode, "large"), await CommandHandling.make(mode, "small")]
    })
  },
  { id: "rules", needsPg: false, make: async (mode) => ({ workloads: await Rules.make(mode) }) },
  { id: "json-edge", needsPg: false, make: one(JsonEdge.make) },
  { id: "decoding", needsPg: false, make: one(Decoding.make) },
  {
    id: "pg-append",
    needsPg: true,
    make: async (mode) => {
      const connections = await PgAppends.connect(await sharedServer())
      await PgAppends.seed(connections, mode)
      return { workloads: PgAppends.workloads(connections, mode), cleanup: connections.close }
    }
  },
  {
    id: "pg-append-flat",
    needsPg: true,
    make: async (mode) => {
      const { workload, close } = await PgAppendGrowth.make(await sharedServer(), mode)
      return { workloads: [workload], cleanup: close }
    }
  },
  {
    id: "catchup-pg",
    needsPg: true,
    make: async (mode) => {
      const { workload, close } = await CatchUp.postgres(await sharedServer(), mode)
      return { workloads: [workload], cleanup: close }
    }
  },
  {
    id: "catchup-pglite",
    needsPg: false,
    make: async (mode) => {
      const { workload, close } = await CatchUp.pglite(mode)
      return { workloads: [workload], cleanup: close }
    }
  },
  { id: "scaling-memory", needsPg: false, make: one(Scaling.memory) },
  {
    id: "scaling-pg",
    needsPg: true,
    make: async (mode) => {
      const { workload, close } = await Scaling.postgres(await sharedServer(), mode)
      return { workloads: [workload], cleanup: close }
    }
  },
  {
    id: "store-size",
    needsPg: true,
    make: async (mode) => {
      const { workloads, close } = await StoreSize.make(await sharedServer(), mode)
      return { workloads, cleanup: close }
    }
  },
  { id: "tracing", needsPg: false, make: one(TracingOverhead.make) }
]
