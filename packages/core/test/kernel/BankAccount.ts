/**
 * A tiny sample decider for the kernel tests (not a domain aggregate): a bank account.
 */
import { Result, Schema } from "effect"
import type * as CommandHandler from "../../src/kernel/CommandHandler.js"
import type * as Decider from "../../src/kernel/Decider.js"
import * as EventCodec from "../../src/kernel/EventCodec.js"

const Amount = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1_000_000 }))

export const Command = Schema.Union([
  Schema.TaggedStruct("Open", { owner: Schema.String }),
  Schema.TaggedStruct("Deposit", { amount: Amount }),
  Schema.TaggedStruct("Withdraw", { amount: Amount }),
  Schema.TaggedStruct("Close", {})
])
export type Command = typeof Command.Type

export const Event = Schema.Union([
  Schema.TaggedStruct("Opened", { owner: Schema.String }),
  Schema.TaggedStruct("Deposited", { amount: Amount }),
  Schema.TaggedStruct("Withdrawn", { amount: Amount }),
  Schema.TaggedStruct("Closed", {})
])
export type Event = typeof Event.Type

export const State = Schema.Struct({
  status: Schema.Literals(["New", "Open", "Closed"]),
  balance: Schema.Int
})
export type State = typeof State.Type

export class AccountError extends Schema.TaggedError<AccountError>()("AccountError", {
  reason: Schema.Literals(["NotOpen", "AlreadyOpen", "Closed", "InsufficientFunds", "NonZeroBalance"])
}) {}

const refuse = (reason: AccountError["reason"]) => Result.fail(new AccountError({ reason }))

export const decider: Decider.Decider<Command, Event, State, AccountError> = {
  initialState: { status: "New", balance: 0 },
  decide: (command, state) => {
    if (state.status === "Closed") return refuse("Closed")
    switch (command._tag) {
      case "Open":
        return state.status === "New"
          ? Result.succeed([{ _tag: "Opened", owner: command.owner }])
          : refuse("AlreadyOpen")
      case "Deposit":
        return state.status === "Open"
          ? Result.succeed([{ _tag: "Deposited", amount: command.amount }])
          : refuse("NotOpen")
      case "Withdraw":
        if (state.status !== "Open") return refuse("NotOpen")
        return state.balance >= command.amount
          ? Result.succeed([{ _tag: "Withdrawn", amount: command.amount }])
          : refuse("InsufficientFunds")
      case "Close":
        if (state.status !== "Open") return refuse("NotOpen")
        if (state.balance !== 0) return refuse("NonZeroBalance")
        return Result.succeed([{ _tag: "Closed" }])
    }
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "Opened":
        return { status: "Open", balance: 0 }
      case "Deposited":
        return { ...state, balance: state.balance + event.amount }
      case "Withdrawn":
        return { ...state, balance: state.balance - event.amount }
      case "Closed":
        return { ...state, status: "Closed" }
    }
  },
  isTerminal: (state) => state.status === "Closed"
}

/**
 * `Deposited` is at schema version 2: version 1 recorded whole euros (`{ euros }`), version 2
 * records cents (`{ amount }`).
 */
export const codec = EventCodec.make({
  schema: Event,
  versions: { Deposited: 2 },
  upcasters: [
    {
      type: "Deposited",
      from: 1,
      up: (data) => {
        const { euros, ...rest } = data as { readonly euros: number }
        return { ...rest, amount: euros * 100 }
      }
    }
  ]
})

export const account: CommandHandler.Aggregate<Command, Event, State, AccountError> = {
  decider,
  codec,
  snapshot: { evolveVersion: "account-v1", schema: State, every: 3 }
}
