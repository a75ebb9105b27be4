/**
 * In a real browser: Debian's headless Chromium, driven by playwright-core, on pages served from
 * 127.0.0.1 only, with a fresh profile.
 *
 * - the partner widget (`examples/partner-widget/`): a form, the decision and its reasons, or the
 *   issues next to the fields — bundled from the published `dist/`;
 * - a scenario page of `pnpm examples --html DIR`: what it shows.
 *
 * Where Chromium is missing the file is skipped, except on CI (`CI=true`), where it fails:
 * `.ci/run` installs it (`apt-get install -y chromium`).
 */
import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { chromium, type BrowserContext, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect } from "effect"
import { build } from "../partner-widget/build.js"
import * as Cli from "../src/Cli.js"

const executablePath = process.env["SOLTRACE_CHROMIUM"] ?? "/usr/bin/chromium"
const available = fs.existsSync(executablePath)
const args = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".css": "text/css; charset=utf-8"
}

/** A static file server for `dir`, on 127.0.0.1 and a free port. */
const serve = async (dir: string): Promise<{ url: string; close: () => Promise<void> }> => {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname)
    const file = path.join(dir, name.endsWith("/") ? `${name}index.html` : name)
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

if (!available && process.env["CI"] === "true") {
  it("Chromium must be installed on CI (.ci/run installs Debian's chromium)", () => {
    expect.fail(`no Chromium at ${executablePath} while CI=true`)
  })
}

describe.skipIf(!available)("in headless Chromium", () => {
  let work: string
  let context: BrowserContext
  let site: { url: string; close: () => Promise<void> }
  const errors: Array<string> = []

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "soltrace-browser-"))
    await build(path.join(work, "site", "widget"))
    const quiet = { out: () => undefined, err: () => undefined }
    const status = await Effect.runPromise(
      Cli.main(["--quiet", "--html", path.join(work, "site", "pages"), "S2", "S5"], quiet)
    )
    expect(status).toBe(0)
    site = await serve(path.join(work, "site"))
    context = await chromium.launchPersistentContext(path.join(work, "profile"), {
      executablePath,
      headless: true,
      args
    })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await site?.close()
    if (work) fs.rmSync(work, { recursive: true, force: true })
  })

  const open = async (url: string): Promise<Page> => {
    const page = await context.newPage()
    page.on("pageerror", (e) => errors.push(String(e)))
    await page.goto(url)
    return page
  }

  it("the widget: a claim in time is reimbursed, with its reasons and their rule ids (ENP-L7)", async () => {
    const page = await open(`${site.url}/widget/`)
    await page.fill('[name="serials"]', "M-001\nM-002")
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent("#outcome")).toBe("Reimbursed: €175.00 excl. VAT")
    const reasons = await page.locator("#reasons li").allTextContents()
    expect(reasons.some((r) => r.startsWith("ENP-L7"))).toBe(true)
    expect(errors).toEqual([])
  })

  it("the widget: claimed one day too late is refused under ENP-L5 (scenario S2)", async () => {
    const page = await open(`${site.url}/widget/`)
    await page.fill('[name="claimedOn"]', "2025-11-07")
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent("#outcome")).toBe("Not reimbursed")
    expect(await page.getAttribute("#decision", "class")).toBe("Refused")
    expect((await page.locator("#reasons li").allTextContents())[0]).toMatch(/^ENP-L5 /)
  })

  it("the widget: bad input shows each issue next to its field, never a crash", async () => {
    const page = await open(`${site.url}/widget/`)
    await page.fill('[name="interventionOn"]', "6 May 2025")
    await page.fill('[name="serials"]', "")
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent("#outcome")).toBe("Please correct the form")
    expect(await page.textContent('.issue[data-for="interventionOn"]')).toMatch(/calendar date/)
    expect(await page.textContent('.issue[data-for="devices"]')).toBe("Expected at least one item, got an empty list")
    expect(errors).toEqual([])
  })

  it("a scenario page (pnpm examples --html): S2's timeline, the refusal under ENP-L5 and its last valid day on the calendar", async () => {
    const page = await open(`${site.url}/pages/S2-claim-too-late.html`)
    expect(await page.textContent("h1")).toMatch(/^S2 — /)
    expect(await page.textContent("#verdict")).toBe("Every outcome as expected.")
    const refusal = page.locator("#timeline tr.Refused")
    expect(await refusal.count()).toBeGreaterThan(0)
    expect(await refusal.first().textContent()).toContain("ENP-L5")
    // the deadline is on its day in the month grid: November 2025, the 6th
    expect(await page.textContent("#calendar caption")).toBe("November 2025")
    expect(await page.getAttribute('#calendar td.due[data-date="2025-11-06"]', "title")).toContain("ENP-L5")
    expect(await page.locator("#states .state").count()).toBeGreaterThan(1)
    await page.screenshot({ path: path.join(work, "S2.png"), fullPage: true })
    expect(fs.statSync(path.join(work, "S2.png")).size).toBeGreaterThan(10_000)
    expect(errors).toEqual([])
  })
})
