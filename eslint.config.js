// @ts-check
import js from "@eslint/js"
import { importX } from "eslint-plugin-import-x"
import tseslint from "typescript-eslint"

/**
 * The layers of soltrace, enforced on every import (ARCHITECTURE.md):
 * - `@soltrace/rules` is a leaf: it imports nothing of ours.
 * - `@soltrace/core` is the event-sourcing kernel (`kernel`, `sql`, `testing`): it imports no
 *   domain package — neither `@soltrace/rules` nor `@soltrace/aftersales` nor `@soltrace/contracts`.
 * - aggregates use the kernel and the rules, never the reverse; `@soltrace/aftersales` and
 *   `@soltrace/contracts` do not import each other.
 * - inside `@soltrace/aftersales`, the aggregates (System, Ticket, Rma, ReturnsLedger) do not
 *   import each other, nor the application modules: what they share is the vocabulary module
 *   `AfterSalesIds`. Only the application (`AfterSalesService`, `Views`, `internal/`) combines them.
 *
 * Exported on its own so that `test/layers.test.ts` can prove a wrong-layer import fails lint.
 */
const noContracts = {
  group: ["@soltrace/contracts", "@soltrace/contracts/*", "**/contracts/src/**"],
  message: "@soltrace/aftersales and @soltrace/contracts do not import each other (ARCHITECTURE.md, layers)."
}
const aftersalesAggregates = ["System", "Ticket", "Rma", "ReturnsLedger"].map((m) => `packages/aftersales/src/${m}.ts`)
/** @type {import("eslint").Linter.Config[]} */
export const layers = [
  {
    files: ["packages/rules/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@soltrace/*", "**/core/**", "**/aftersales/**", "**/contracts/**", "../../*"],
              message: "@soltrace/rules is a leaf: it imports nothing of ours (ARCHITECTURE.md, layers)."
            }
          ]
        }
      ]
    }
  },
  {
    files: ["packages/core/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@soltrace/rules",
                "@soltrace/rules/*",
                "@soltrace/aftersales",
                "@soltrace/aftersales/*",
                "@soltrace/contracts",
                "@soltrace/contracts/*",
                "**/aftersales/**",
                "**/contracts/**",
                "**/rules/src/**"
              ],
              message: "The event-sourcing kernel imports no domain module (ARCHITECTURE.md, layers)."
            }
          ]
        }
      ]
    }
  },
  {
    files: ["packages/aftersales/src/**/*.ts"],
    ignores: aftersalesAggregates,
    rules: { "no-restricted-imports": ["error", { patterns: [noContracts] }] }
  },
  {
    files: aftersalesAggregates,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noContracts,
            {
              group: [
                "./System*",
                "./Ticket*",
                "./Rma*",
                "./ReturnsLedger*",
                "./AfterSalesService*",
                "./Views*",
                "@soltrace/aftersales",
                "@soltrace/aftersales/*"
              ],
              message:
                "After-sales aggregates do not import each other: share vocabulary through AfterSalesIds, and let the application pass facts in (ARCHITECTURE.md, layers)."
            }
          ]
        }
      ]
    }
  },
  {
    files: ["packages/contracts/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@soltrace/aftersales", "@soltrace/aftersales/*", "**/aftersales/src/**"],
              message:
                "@soltrace/aftersales and @soltrace/contracts do not import each other (ARCHITECTURE.md, layers)."
            }
          ]
        }
      ]
    }
  }
]

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.tsbuild/**",
      "bench/results/**",
      "**/*.config.ts",
      "eslint.config.js",
      "test/consumer/**",
      "docs/api/**"
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname
      }
    },
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-cycle": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/require-await": "off",
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Deciding never reads the clock: take the date as input, or use effect's Clock."
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Deciding never reads the clock: take the date as input, or use effect's Clock."
        }
      ]
    }
  },
  {
    files: ["bench/**", "scripts/**", "test/**", "examples/**"],
    rules: { "no-restricted-syntax": "off" }
  },
  {
    // plain JavaScript scripts that run before anything is installed or built (scripts/test.mjs)
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, program: null },
      globals: { console: "readonly", process: "readonly" }
    }
  },
  ...layers
)
