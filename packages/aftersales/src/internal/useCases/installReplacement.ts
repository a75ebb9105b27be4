/**
 * Use case: a replacement is installed (ENP-R7, ENP-R8) — `ReplacementInstalled` on the RMA and
 * `DeviceReplaced` on the System, each decided once (the System with the approval loaded from the
 * RMA stream) and appended together: both or neither.
 *
 * @internal
 */
import { Effect, Result } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as EventCodec from "@soltrace/core/EventCodec"
import * as EventStore from "@soltrace/core/EventStore"
import type { RmaId, Serial } from "../../AfterSalesIds.js"
import * as Rma from "../../Rma.js"
import * as System from "../../System.js"
import { type Aggregates, handledOf, retrying, type ServiceError, sub } from "../context.js"
import { approvalOf } from "../facts.js"
import * as Spans from "../spans.js"

export interface InstallReplacementInput {
  readonly rmaId: RmaId
  readonly original: Serial
  readonly replacement: Serial
  readonly installedOn: string
  readonly model?: string | undefined
}

export interface InstallReplacementResult {
  readonly rma: ReadonlyArray<Rma.Event>
  readonly system: ReadonlyArray<System.Event>
}

export const installReplacement = (
  aggregates: Aggregates,
  input: InstallReplacementInput,
  metadata: CommandHandler.CommandMetadata
): Effect.Effect<InstallReplacementResult, ServiceError, EventStore.EventStore> =>
  retrying(
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const rmaMeta = sub(metadata, "rma")
      const systemMeta = sub(metadata, "system")
      const rmaStream = Rma.streamId(input.rmaId)
      const rma = yield* CommandHandler.load(aggregates.rma, rmaStream)
      const previous = CommandHandler.recordedBy(rma, rmaMeta.commandId)
      const st = rma.state
      if (previous !== undefined && st._tag === "Requested") {
        // A repeat: both writes were recorded together; report them.
        const sys = yield* CommandHandler.load(aggregates.system, System.streamId(st.systemId))
        yield* Spans.annotate({
          ...Spans.streams(rmaStream, System.streamId(st.systemId)),
          "soltrace.version": rma.version,
          "soltrace.duplicate": true
        })
        const onSystem = CommandHandler.recordedBy(sys, systemMeta.commandId) ?? []
        const rmaEvents = EventCodec.decodeAll(aggregates.rma.codec, previous)
        if (Result.isFailure(rmaEvents)) return yield* Effect.fail(rmaEvents.failure)
        const systemEvents = EventCodec.decodeAll(aggregates.system.codec, onSystem)
        if (Result.isFailure(systemEvents)) return yield* Effect.fail(systemEvents.failure)
        return { rma: rmaEvents.success, system: systemEvents.success }
      }
      const rmaEvents = yield* CommandHandler.decideOn(aggregates.rma, rma, {
        _tag: "RecordReplacementInstalled",
        rmaId: input.rmaId,
        original: input.original,
        replacement: input.replacement,
        installedOn: input.installedOn
      })
      const after = handledOf(aggregates.rma, rma, rmaEvents, undefined).state
      if (after._tag !== "Requested") return { rma: rmaEvents, system: [] }
      const systemStream = System.streamId(after.systemId)
      const sys = yield* CommandHandler.load(aggregates.system, systemStream)
      yield* Spans.annotate(Spans.streams(rmaStream, systemStream))
      const approval = approvalOf(after)
      const systemEvents = yield* CommandHandler.decideOn(aggregates.system, sys, {
        _tag: "ReplaceDevice",
        systemId: after.systemId,
        original: input.original,
        replacement: input.replacement,
        model: input.model,
        rmaId: input.rmaId,
        replacedOn: input.installedOn,
        ...(approval !== undefined ? { approval } : {})
      })
      const [onRma] = yield* store.appendMany([
        yield* CommandHandler.toAppend(aggregates.rma, rmaStream, rma, rmaEvents, rmaMeta),
        yield* CommandHandler.toAppend(aggregates.system, systemStream, sys, systemEvents, systemMeta)
      ])
      yield* Spans.annotate({ "soltrace.version": onRma?.version, "soltrace.duplicate": onRma?.duplicate })
      return { rma: rmaEvents, system: systemEvents }
    })
  )
