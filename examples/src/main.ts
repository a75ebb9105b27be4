/**
 * `pnpm examples [SCENARIO…] [--store memory|pglite[:DIR]|postgres:URL] [--quiet] [--list]`
 *
 * Runs the reference scenarios and prints, for each, its timeline: commands, events recorded,
 * decisions with their rule ids, amounts and deadlines; then compares each outcome with the
 * expected one and exits with status 1 when one differs (see `Cli.ts`).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { main } from "./Cli.js"

Effect.runPromise(main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`examples: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 2
  }
)
