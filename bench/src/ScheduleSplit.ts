/**
 * `pnpm --filter @soltrace/bench exec tsx src/ScheduleSplit.ts`: where `PaymentSchedule.validate`
 * spends its time against the hand-written function of workload 5b, split by outcome. The 1,000
 * schedules of the workload are divided into those `validate` accepts and those it refuses; each
 * group is timed on its own (200 warm-up passes, then 3,000 passes, twice), for `validate` and for
 * the hand-written function. A refusal carries its reasons (clause, sentence, figures); the hand
 * function returns a boolean. Not a workload of `pnpm bench`: a split, no goals.
 */
import { PaymentSchedule } from "@soltrace/rules"
import { handSchedule, scheduleInputs } from "./workloads/Rules.js"
const schedules = scheduleInputs(1000)
const accepted = schedules.filter((s) => PaymentSchedule.validate(s)._tag === "Accepted")
const refused = schedules.filter((s) => PaymentSchedule.validate(s)._tag === "Refused")
const time = (
  label: string,
  list: ReadonlyArray<PaymentSchedule.Schedule>,
  f: (s: PaymentSchedule.Schedule) => number
) => {
  let sink = 0
  const rounds = 3000
  for (let w = 0; w < 200; w++) for (const s of list) sink += f(s)
  const t = performance.now()
  for (let r = 0; r < rounds; r++) for (let i = 0; i < list.length; i++) sink += f(list[i]!)
  console.log(
    label.padEnd(28),
    (((performance.now() - t) * 1e6) / (rounds * list.length)).toFixed(1),
    "ns/decision",
    sink > 0 ? "" : "!"
  )
}
for (let k = 0; k < 2; k++) {
  time("validate, accepted inputs", accepted, (s) => PaymentSchedule.validate(s).reasons.length)
  time("hand, accepted inputs", accepted, (s) => (handSchedule(s).accepted ? 1 : 0))
  time("validate, refused inputs", refused, (s) => PaymentSchedule.validate(s).reasons.length)
  time("hand, refused inputs", refused, (s) => (handSchedule(s).accepted ? 0 : 1))
}
console.log(
  "refused",
  refused.length,
  "reasons per refusal",
  refused.reduce((n, s) => n + PaymentSchedule.validate(s).reasons.length, 0) / refused.length
)
