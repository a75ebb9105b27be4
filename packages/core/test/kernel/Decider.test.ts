import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Arbitraries, DeciderSpec, deciderLaws } from "../../src/testing/index.js"
import * as Decider from "../../src/kernel/Decider.js"
import { Command, codec, decider, State } from "./BankAccount.js"

describe("DeciderSpec (given / when / then)", () => {
  it("accepts a deposit on an open account", () => {
    const state = DeciderSpec.for(decider)
      .given([{ _tag: "Opened", owner: "ada" }])
      .when({ _tag: "Deposit", amount: 500 })
      .then([{ _tag: "Deposited", amount: 500 }])
    expect(state).toEqual({ status: "Open", balance: 500 })
  })

  it("refuses a withdrawal beyond the balance with a typed error", () => {
    const error = DeciderSpec.for(decider)
      .given([
        { _tag: "Opened", owner: "ada" },
        { _tag: "Deposited", amount: 100 }
      ])
      .when({ _tag: "Withdraw", amount: 101 })
      .thenFails((e) => e.reason === "InsufficientFunds")
    expect(error._tag).toBe("AccountError")
  })

  it("with no given, starts from the initial state", () => {
    DeciderSpec.for(decider)
      .when({ _tag: "Deposit", amount: 1 })
      .thenFails((e) => e.reason === "NotOpen")
    DeciderSpec.for(decider)
      .when({ _tag: "Open", owner: "bob" })
      .thenState((s) => s.status === "Open")
  })

  it("a wrong expectation fails the spec (then, thenFails, predicate)", () => {
    const spec = DeciderSpec.for(decider).given([{ _tag: "Opened", owner: "ada" }])
    expect(() => spec.when({ _tag: "Deposit", amount: 5 }).then([{ _tag: "Deposited", amount: 6 }])).toThrow()
    expect(() => spec.when({ _tag: "Deposit", amount: 5 }).thenFails()).toThrow(/refused/)
    expect(() => spec.when({ _tag: "Withdraw", amount: 5 }).then([])).toThrow(/accepted/)
    expect(() => spec.when({ _tag: "Withdraw", amount: 5 }).thenFails((e) => e.reason === "Closed")).toThrow()
  })

  it("nothing is decided after close (isTerminal)", () => {
    const spec = DeciderSpec.for(decider).given([{ _tag: "Opened", owner: "ada" }, { _tag: "Closed" }])
    spec.when({ _tag: "Deposit", amount: 1 }).thenFails((e) => e.reason === "Closed")
    spec.when({ _tag: "Open", owner: "x" }).thenFails((e) => e.reason === "Closed")
  })
})

describe("fold", () => {
  it("folds from the initial state, or from a given state", () => {
    const events = [
      { _tag: "Opened", owner: "a" },
      { _tag: "Deposited", amount: 7 },
      { _tag: "Withdrawn", amount: 2 }
    ] as const
    expect(Decider.fold(decider, events)).toEqual({ status: "Open", balance: 5 })
    const open: typeof State.Type = { status: "Open", balance: 5 }
    expect(Decider.fold(decider, [{ _tag: "Deposited", amount: 1 }], open)).toEqual({
      status: "Open",
      balance: 6
    })
  })
})

describe("Arbitraries.fromSchema", () => {
  it("generates values that satisfy the Schema, reproducibly for a seed", async () => {
    const arbitrary = Arbitraries.fromSchema(Command)
    const samples = fc.sample(arbitrary, { numRuns: 200, seed: 42 })
    const again = fc.sample(arbitrary, { numRuns: 200, seed: 42 })
    expect(samples).toEqual(again)
    const { Schema } = await import("effect")
    for (const s of samples) expect(Schema.is(Command)(s)).toBe(true)
    expect(new Set(samples.map((s) => s._tag)).size).toBe(4)
  })
})

// Commands biased towards a real life (small amounts, frequent Close) so that terminal states,
// refusals and acceptances all occur; the Schema-derived arbitrary is mixed in.
const lifelike: fc.Arbitrary<Command> = fc.oneof(
  fc.constant<Command>({ _tag: "Open", owner: "ada" }),
  fc.integer({ min: 1, max: 3 }).map((amount): Command => ({ _tag: "Deposit", amount })),
  fc.integer({ min: 1, max: 3 }).map((amount): Command => ({ _tag: "Withdraw", amount })),
  fc.constant<Command>({ _tag: "Close" }),
  Arbitraries.fromSchema(Command)
)

it("the law generator reaches terminal states (so the isTerminal law is not vacuous)", () => {
  const histories = fc.sample(fc.array(lifelike, { maxLength: 20 }), { numRuns: 200, seed: 7 })
  const closed = histories.filter((cs) => {
    let state = decider.initialState
    for (const c of cs) {
      const r = decider.decide(c, state)
      if (Result.isSuccess(r)) state = Decider.fold(decider, r.success, state)
    }
    return decider.isTerminal(state)
  })
  expect(closed.length).toBeGreaterThan(10)
})

deciderLaws(
  "bank account",
  decider,
  { command: lifelike },
  {
    codec,
    snapshot: { evolveVersion: "account-v1", schema: State },
    numRuns: 60
  }
)
