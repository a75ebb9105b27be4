/**
 * The layering of ARCHITECTURE.md is enforced by lint: a wrong-layer import must fail.
 * These tests lint small sources placed (virtually) in each layer with the very rules
 * `eslint.config.js` applies to the repository.
 */
import { ESLint } from "eslint"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { layers } from "../eslint.config.js"

const root = path.resolve(import.meta.dirname, "..")
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: layers })

const messagesOf = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe("layers", () => {
  it("rules may not import core, contracts or any other package of ours", async () => {
    for (const source of [
      `import { Decider } from "@soltrace/core"`,
      `import * as C from "@soltrace/contracts"`,
      `import * as K from "../../core/src/kernel/Decider.js"`
    ]) {
      const messages = await messagesOf("packages/rules/src/Bad.ts", source)
      expect(messages.join("\n")).toMatch(/rules is a leaf/)
    }
  })

  it("rules may import effect and its own modules", async () => {
    expect(
      await messagesOf("packages/rules/src/Good.ts", `import { Schema } from "effect"\nimport * as M from "./Money.js"`)
    ).toEqual([])
  })

  it("rules may not import aftersales either", async () => {
    const messages = await messagesOf("packages/rules/src/Bad.ts", `import { System } from "@soltrace/aftersales"`)
    expect(messages.join("\n")).toMatch(/rules is a leaf/)
  })

  it("the kernel (all of @soltrace/core) may not import a domain package", async () => {
    for (const [file, source] of [
      ["packages/core/src/kernel/Bad.ts", `import { LabourReimbursement } from "@soltrace/rules"`],
      ["packages/core/src/kernel/Bad.ts", `import { System } from "@soltrace/aftersales"`],
      ["packages/core/src/kernel/Bad.ts", `import * as S from "../../../aftersales/src/System.js"`],
      ["packages/core/src/sql/Bad.ts", `import * as T from "@soltrace/aftersales/Ticket"`],
      ["packages/core/src/testing/Bad.ts", `import * as R from "@soltrace/rules"`],
      ["packages/core/src/index.ts", `import { Contract } from "@soltrace/contracts"`]
    ] as const) {
      expect((await messagesOf(file, source)).join("\n")).toMatch(/kernel imports no domain module/)
    }
  })

  it("the kernel may import effect and its own modules", async () => {
    expect(
      await messagesOf(
        "packages/core/src/kernel/Good.ts",
        `import { Schema } from "effect"\nimport * as D from "./Decider.js"`
      )
    ).toEqual([])
  })

  it("aftersales aggregates may use rules, the kernel and the shared vocabulary", async () => {
    expect(
      await messagesOf(
        "packages/aftersales/src/Rma.ts",
        [
          `import { ReturnEligibility } from "@soltrace/rules"`,
          `import * as D from "@soltrace/core/Decider"`,
          `import { RmaId } from "./AfterSalesIds.js"`
        ].join("\n")
      )
    ).toEqual([])
  })

  it("aftersales aggregates do not import each other nor the application", async () => {
    for (const [file, source] of [
      ["packages/aftersales/src/Rma.ts", `import { Requester } from "./Ticket.js"`],
      ["packages/aftersales/src/System.ts", `import * as Rma from "./Rma.js"`],
      ["packages/aftersales/src/Ticket.ts", `import * as L from "./ReturnsLedger.js"`],
      ["packages/aftersales/src/ReturnsLedger.ts", `import { Rma } from "@soltrace/aftersales"`],
      ["packages/aftersales/src/System.ts", `import * as V from "./Views.js"`]
    ] as const) {
      expect((await messagesOf(file, source)).join("\n")).toMatch(/aggregates do not import each other/)
    }
  })

  it("the after-sales application may combine the aggregates", async () => {
    expect(
      await messagesOf(
        "packages/aftersales/src/AfterSalesService.ts",
        `import * as Rma from "./Rma.js"\nimport * as System from "./System.js"\nimport * as L from "./ReturnsLedger.js"`
      )
    ).toEqual([])
  })

  it("aftersales and contracts do not import each other", async () => {
    for (const [file, source] of [
      ["packages/aftersales/src/System.ts", `import { Contract } from "@soltrace/contracts"`],
      ["packages/aftersales/src/Views.ts", `import * as C from "@soltrace/contracts/Contract"`],
      ["packages/contracts/src/Contract.ts", `import { System } from "@soltrace/aftersales"`],
      ["packages/contracts/src/Deadlines.ts", `import * as R from "../../aftersales/src/Rma.js"`]
    ] as const) {
      expect((await messagesOf(file, source)).join("\n")).toMatch(/do not import each other \(ARCHITECTURE/)
    }
  })

  it("the package manifests agree with the layers", async () => {
    const { readFile } = await import("node:fs/promises")
    const manifest = async (p: string) =>
      JSON.parse(await readFile(path.join(root, "packages", p, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>
      }
    const deps = async (p: string) =>
      Object.keys((await manifest(p)).dependencies ?? {}).filter((d) => d.startsWith("@soltrace/"))
    expect(await deps("rules")).toEqual([])
    expect(await deps("core")).toEqual([])
    expect((await deps("aftersales")).sort()).toEqual(["@soltrace/core", "@soltrace/rules"])
    expect((await deps("contracts")).sort()).toEqual(["@soltrace/core", "@soltrace/rules"])
  })
})
