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

  it("the kernel may not import a domain module", async () => {
    for (const [file, source] of [
      ["packages/core/src/kernel/Bad.ts", `import { LabourReimbursement } from "@soltrace/rules"`],
      ["packages/core/src/kernel/Bad.ts", `import * as S from "../aftersales/System.js"`],
      ["packages/core/src/sql/Bad.ts", `import * as S from "../aftersales/System.js"`],
      ["packages/core/src/testing/Bad.ts", `import * as R from "@soltrace/rules"`]
    ] as const) {
      expect((await messagesOf(file, source)).join("\n")).toMatch(/kernel imports no domain module/)
    }
  })

  it("aggregates in core may use rules and the kernel, but not contracts", async () => {
    expect(
      await messagesOf(
        "packages/core/src/aftersales/Good.ts",
        `import { LabourReimbursement } from "@soltrace/rules"\nimport * as D from "../kernel/Decider.js"`
      )
    ).toEqual([])
    expect(
      (await messagesOf("packages/core/src/aftersales/Bad.ts", `import * as C from "@soltrace/contracts"`)).join("\n")
    ).toMatch(/does not depend on @soltrace\/contracts/)
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
    expect(await deps("core")).toEqual(["@soltrace/rules"])
    expect((await deps("contracts")).sort()).toEqual(["@soltrace/core", "@soltrace/rules"])
  })
})
