import assert from "node:assert/strict"
import { Decider } from "@soltrace/core"
import { DeciderSpec } from "@soltrace/core/testing"
import { Result, Schema } from "effect"

// Commands and events are Schema tagged unions; the business "no" is a tagged error.
const Command = Schema.Union([
  Schema.TaggedStruct("Increment", { by: Schema.Int.check(Schema.isGreaterThan(0)) }),
  Schema.TaggedStruct("Close", {})
])
const Event = Schema.Union([Schema.TaggedStruct("Incremented", { by: Schema.Int }), Schema.TaggedStruct("Closed", {})])
class CounterClosed extends Schema.TaggedError<CounterClosed>()("CounterClosed", {}) {}

interface State {
  readonly total: number
  readonly closed: boolean
}

const counter: Decider.Decider<typeof Command.Type, typeof Event.Type, State, CounterClosed> = {
  initialState: { total: 0, closed: false },
  decide: (command, state) => {
    if (state.closed) return Result.fail(new CounterClosed())
    return command._tag === "Increment"
      ? Result.succeed([{ _tag: "Incremented", by: command.by }])
      : Result.succeed([{ _tag: "Closed" }])
  },
  evolve: (state, event) =>
    event._tag === "Incremented" ? { ...state, total: state.total + event.by } : { ...state, closed: true },
  isTerminal: (state) => state.closed
}

// Rehydration is a fold.
assert.deepStrictEqual(
  Decider.fold(counter, [
    { _tag: "Incremented", by: 2 },
    { _tag: "Incremented", by: 3 }
  ]),
  { total: 5, closed: false }
)

// Given / when / then. Inputs are decoded at the edge with the same Schemas.
const history = Schema.decodeUnknownSync(Schema.Array(Event))([{ _tag: "Incremented", by: 2 }])
const command = Schema.decodeUnknownSync(Command)({ _tag: "Increment", by: 3 })
const state = DeciderSpec.for(counter)
  .given(history)
  .when(command)
  .then([{ _tag: "Incremented", by: 3 }])
assert.equal(state.total, 5)

DeciderSpec.for(counter)
  .given([{ _tag: "Closed" }])
  .when({ _tag: "Increment", by: 1 })
  .thenFails((error) => error._tag === "CounterClosed")
