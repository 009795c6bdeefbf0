// Headless Chromium checks of camsweep's HTML report (docs/report-format.md §4).
//
//   node tests/browser/html_report.mjs REPORT.html REPORT.json [HOSTILE.html]
//
// REPORT.html and REPORT.json are the same analysis written with --format html and json; the
// optional HOSTILE.html was written from a capture whose banners carry markup and script.
// Also checks each device's "What it sent" table against the JSON's `sent`.
// Drives Debian's /usr/bin/chromium (override with CHROMIUM) through playwright-core; every
// request that is not file:// fails the run. Full-page screenshots go to $SCREENSHOT_DIR.
// Prints "N passed, M failed" and exits non-zero when anything failed.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [reportPath, jsonPath, hostilePath] = process.argv.slice(2);
if (!reportPath || !jsonPath) {
  console.error("usage: node html_report.mjs REPORT.html REPORT.json [HOSTILE.html]");
  process.exit(2);
}
const screenshotDir = process.env.SCREENSHOT_DIR || path.join(process.cwd(), "artifacts");
fs.mkdirSync(screenshotDir, { recursive: true });
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}${detail ? ": " + detail : ""}`);
  }
}

// A page on a fresh context that records console errors, page errors, dialogs and any
// request that would leave file://.
async function openReport(browser, file, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const events = { consoleErrors: [], pageErrors: [], dialogs: [], offline: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error") events.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => events.pageErrors.push(String(err)));
  page.on("dialog", async (dialog) => {
    events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    events.offline.push(url);
    return route.abort();
  });
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("file:") && !events.offline.includes(url)) events.offline.push(url);
  });
  await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
  return { context, page, events };
}

const visibleRows = (page) =>
  page.$$eval("#device-table > tbody.device", (bodies) =>
    bodies.filter((b) => b.offsetParent !== null && getComputedStyle(b).display !== "none").map((b) => b.id));

async function checkSample(browser) {
  const expected = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
  const { context, page, events } = await openReport(browser, reportPath);

  // Summary counts equal the JSON report's.
  const count = (id) => page.$eval(`#${id}`, (el) => Number(el.textContent.trim()));
  check("summary: devices", (await count("count-devices")) === expected.summary.devices);
  for (const status of ["covered", "likely-covered", "not-covered", "unknown"])
    check(`summary: ${status}`, (await count(`count-${status}`)) === expected.summary.by_verdict[status],
      `${await count(`count-${status}`)} vs ${expected.summary.by_verdict[status]}`);
  const verdictBars = await page.$$eval("#chart-verdict g.bar", (gs) => gs.map((g) => Number(g.getAttribute("data-count"))));
  check("chart by verdict adds up", verdictBars.reduce((a, b) => a + b, 0) === expected.summary.devices, String(verdictBars));
  const vendorBars = await page.$$eval("#chart-vendor g.bar", (gs) => gs.map((g) => Number(g.getAttribute("data-count"))));
  check("chart by maker adds up", vendorBars.reduce((a, b) => a + b, 0) === expected.summary.devices, String(vendorBars));
  check("header: audit date", (await page.textContent("#audit-date")).trim() === expected.audit_date);
  check("header: listings as of", (await page.textContent("#listings-as-of")).trim() === expected.signatures.listings_as_of);

  // The hand-over header: title, site, capture window, inputs by file name with their SHA-256.
  check("header: title", (await page.textContent("#report-title")).trim() === expected.title, await page.textContent("#report-title"));
  check("header: site", (await page.textContent("#site")).trim() === expected.site);
  const window = (await page.textContent("#capture-window")).trim();
  check("header: capture window from the first to the last packet",
    window === `${expected.inputs[0].first_packet} to ${expected.inputs[0].last_packet}`, window);
  const digests = await page.$$eval("table.inputs td.sha256", (tds) => tds.map((td) => td.textContent.trim()));
  check("header: each input's SHA-256", JSON.stringify(digests) === JSON.stringify(expected.inputs.map((i) => i.sha256)), digests.join(","));
  const html = await page.content();
  const given = expected.inputs[0].path;
  check("no local directory in the report", given.startsWith("/") && !html.includes(given) && html.includes(path.basename(given)), given);
  check("no notice on a complete, current report", (await page.$$("#notices")).length === 0);

  // All rows visible, most severe first (covered, likely covered, unknown, not covered; the
  // surest first), the same ids as the JSON.
  const rank = { covered: 0, "likely-covered": 1, unknown: 2, "not-covered": 3 };
  const bySeverity = expected.devices.map((d, i) => ({ d, i })).sort((a, b) =>
    rank[a.d.verdict.status] - rank[b.d.verdict.status] || b.d.verdict.confidence - a.d.verdict.confidence || a.i - b.i).map((x) => x.d);
  const all = await visibleRows(page);
  check("table: one row per device, by severity", JSON.stringify(all) === JSON.stringify(bySeverity.map((d) => d.id)), all.join(","));
  check("script ran: controls shown", await page.isVisible("#controls"));
  check("details start collapsed", (await page.$$eval("details.device-detail[open]", (els) => els.length)) === 0);
  await page.screenshot({ path: path.join(screenshotDir, "html-report-sample.png"), fullPage: true });

  // Filter: "Axis" leaves the one Axis camera.
  const axis = expected.devices.filter((d) => d.vendor && d.vendor.name === "Axis").map((d) => d.id);
  await page.fill("#filter", "Axis");
  const filtered = await visibleRows(page);
  check('filter "Axis" narrows to the Axis device', filtered.length === 1 && filtered[0] === axis[0], filtered.join(","));
  check("shown count follows the filter", (await page.textContent("#shown-count")).startsWith(`1 of ${expected.summary.devices}`));
  await page.screenshot({ path: path.join(screenshotDir, "html-report-filtered.png"), fullPage: true });
  await page.fill("#filter", "");
  check("clearing the filter shows every row", (await visibleRows(page)).length === expected.summary.devices);

  // Verdict checkbox: unchecking "covered" hides exactly the covered devices.
  await page.uncheck("#show-covered");
  const uncovered = await visibleRows(page);
  const notCoveredIds = bySeverity.filter((d) => d.verdict.status !== "covered").map((d) => d.id);
  check("unchecking covered hides covered rows", JSON.stringify(uncovered) === JSON.stringify(notCoveredIds), uncovered.join(","));
  await page.check("#show-covered");
  check("re-checking covered shows them again", (await visibleRows(page)).length === expected.summary.devices);

  // Sorting: by model ascending, then descending; devices without a model sort last.
  const models = () =>
    page.$$eval("#device-table > tbody.device", (bodies) => bodies.map((b) => b.querySelector("td.model").textContent.trim()));
  await page.click('th[data-sort="model"] button');
  const ascending = await models();
  const named = expected.devices.filter((d) => d.model).map((d) => d.model.value.toLowerCase()).sort();
  check("click Model sorts ascending",
    JSON.stringify(ascending.slice(0, named.length).map((m) => m.toLowerCase())) === JSON.stringify(named), ascending.join(" | "));
  check("aria-sort set", (await page.getAttribute('th[data-sort="model"]', "aria-sort")) === "ascending");
  await page.click('th[data-sort="model"] button');
  const descending = await models();
  check("second click sorts descending", descending[0].toLowerCase() === named[named.length - 1], descending.join(" | "));
  await page.click('th[data-sort="id"] button');
  check("sort by id restores id order",
    JSON.stringify(await visibleRows(page)) === JSON.stringify(expected.devices.map((d) => d.id)));

  // Evidence expansion: the OEM device (Lorex, else LTS) shows its relation chain and citation.
  const oem = expected.devices.find((d) => d.verdict.chain.some((c) => c.relation === "oem_of")) ||
    expected.devices.find((d) => d.brand && d.brand.id === "lts");
  check("sample has an OEM device", Boolean(oem));
  if (oem) {
    const details = `#${oem.id} details.device-detail`;
    check("its chain is hidden before expanding", !(await page.isVisible(`${details} .chain`)));
    await page.click(`${details} > summary`);
    check("details open on click", await page.$eval(details, (el) => el.open));
    const text = await page.innerText(details);
    const relation = oem.verdict.chain.length ? oem.verdict.chain[0].relation : "produced_by";
    check(`evidence chain shows ${relation}`, text.includes(relation));
    check("evidence chain shows the citation", text.includes(oem.verdict.listings[0].citation));
    check("evidence chain names the listed entity", text.includes(oem.verdict.listings[0].entity));
    check("evidence list shows the rules", oem.evidence.every((e) => text.includes(e.rule)));
    const links = await page.$$eval(`${details} a[href]`, (as) => as.map((a) => a.getAttribute("href")));
    check("listing URLs are http(s) links", links.length > 0 && links.every((h) => /^https?:\/\//.test(h)), links.join(" "));
    await page.locator(`#${oem.id}`).screenshot({ path: path.join(screenshotDir, "html-report-evidence.png") });
  }

  // What it sent: one row per entry of the JSON's "sent" for every device, and a banner no rule
  // matched (the unknown device's SSDP SERVER) is shown, marked "no rule".
  const sentRows = await page.$$eval("#device-table > tbody.device", (bodies) =>
    bodies.map((b) => b.querySelectorAll("table.sent > tbody > tr").length));
  const wantRows = expected.devices.map((d) => d.sent.length);
  check("what it sent: one row per sent entry", JSON.stringify(sentRows) === JSON.stringify(wantRows),
    `${sentRows} vs ${wantRows}`);
  const unmatched = expected.devices
    .map((d) => ({ d, s: d.sent.find((s) => s.field === "ssdp.server" && !d.evidence.some((e) => e.field === s.field && e.value === s.value)) }))
    .find((x) => x.s);
  check("sample has an SSDP SERVER no rule matched", Boolean(unmatched));
  if (unmatched) {
    const details = `#${unmatched.d.id} details.device-detail`;
    if (!(await page.$eval(details, (el) => el.open))) {
      check("what it sent is hidden before expanding", !(await page.isVisible(`${details} table.sent`)));
      await page.click(`${details} > summary`);
    }
    check("what it sent is visible after expanding", await page.isVisible(`${details} table.sent`));
    const rows = await page.$$eval(`${details} table.sent tr.unmatched`, (trs) => trs.map((tr) => tr.innerText));
    check("the unmatched SSDP SERVER is shown, marked no rule",
      rows.some((r) => r.includes(unmatched.s.value) && r.includes("no rule") && r.includes(unmatched.s.first_seen)), rows.join(" | "));
    await page.locator(`#${unmatched.d.id}`).screenshot({ path: path.join(screenshotDir, "html-report-sent.png") });
  }

  // Print: controls hidden, every details body rendered.
  await page.emulateMedia({ media: "print" });
  check("print hides the controls", !(await page.isVisible("#controls")));
  const printable = await page.$$eval("details.device-detail .detail-body", (els) => els.filter((e) => e.getClientRects().length > 0).length);
  check("print shows every device's evidence", printable === expected.summary.devices, `${printable}`);
  await page.screenshot({ path: path.join(screenshotDir, "html-report-print.png"), fullPage: true });
  const pdf = await page.pdf({ format: "A4", landscape: true, printBackground: true });
  fs.writeFileSync(path.join(screenshotDir, "html-report-sample.pdf"), pdf);
  check("prints to PDF", pdf.length > 10000 && pdf.subarray(0, 5).toString() === "%PDF-");
  // Few pages: every device with its verdict basis and evidence, and no more than a page each
  // (what each device sent, the edges table and the producer's repeated tables are left to the
  // screen and the JSON; the producers' tables print once). The sample: 14 pages for 15 devices.
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`note: the sample prints on ${pages} A4 landscape pages`);
  check("prints in at most a page per device", pages > 0 && pages <= expected.summary.devices, `${pages} pages`);
  await page.emulateMedia({ media: "screen" });

  // Readable at 800 px: nothing wider than the window, so no sideways scrolling.
  await page.setViewportSize({ width: 800, height: 900 });
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  check("800 px wide: no horizontal scrolling", widest <= 800, `${widest} px`);
  await page.screenshot({ path: path.join(screenshotDir, "html-report-800px.png"), fullPage: true });

  check("no console errors", events.consoleErrors.length === 0, events.consoleErrors.join(" | "));
  check("no page errors", events.pageErrors.length === 0, events.pageErrors.join(" | "));
  check("no request leaves file://", events.offline.length === 0, events.offline.join(" "));
  await context.close();

  // Without JavaScript everything is readable: details open, rows all there.
  const nojs = await openReport(browser, reportPath, { javaScriptEnabled: false });
  check("no JS: every details open", (await nojs.page.$$eval("details.device-detail[open]", (els) => els.length)) === expected.summary.devices);
  check("no JS: every row shown", (await visibleRows(nojs.page)).length === expected.summary.devices);
  check("no JS: controls hidden", !(await nojs.page.isVisible("#controls")));
  await nojs.page.screenshot({ path: path.join(screenshotDir, "html-report-nojs.png"), fullPage: true });
  await nojs.context.close();
}

async function checkHostile(browser) {
  const { context, page, events } = await openReport(browser, hostilePath);
  await page.click("#expand-all");
  // Give any injected handler (onerror, onload) a chance to run.
  await page.waitForTimeout(300);
  check("hostile: no dialog fired", events.dialogs.length === 0, events.dialogs.join(" | "));
  const injected = await page.evaluate(() => document.querySelectorAll("img[src=x], script:not([type])").length);
  check("hostile: no element injected (only the report's own script)", injected === 1, `${injected}`);
  const counts = await page.evaluate(() => ({
    scripts: document.scripts.length,
    imgs: document.images.length,
    iframes: document.querySelectorAll("iframe, object, embed, svg [onload], [onerror], [onload], [onclick], [onmouseover]").length,
  }));
  check("hostile: two script elements (data + code), no images, no handlers",
    counts.scripts === 2 && counts.imgs === 0 && counts.iframes === 0, JSON.stringify(counts));
  check("hostile: title intact", (await page.title()).startsWith("camsweep device inventory"), await page.title());
  const text = await page.innerText("body");
  for (const s of ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "</title><script>alert(4)</script>",
    '"><img src=x onerror=alert(6)>', "<script>alert(7)</script>", "\\xff\\xfe"])
    check(`hostile: shown as text: ${s}`, text.includes(s));
  // What it sent: values no rule matched (so shown nowhere else) are there, as text.
  const sentValues = await page.$$eval("table.sent td.value", (tds) => tds.map((td) => td.textContent));
  for (const s of ['"><img src=x onerror=alert(5)>', "<b onmouseover=alert(11)>cam</b>", "</title><script>alert(3)</script>"])
    check(`hostile: what it sent shows as text: ${s}`, sentValues.includes(s));
  check("hostile: what it sent is visible", await page.isVisible("table.sent"));
  check("hostile: data block parsed", await page.isVisible("#controls"));
  await page.fill("#filter", "alert(1)");
  const rows = await visibleRows(page);
  check("hostile: filter matches hostile text", rows.length === 1, rows.join(","));
  await page.fill("#filter", "");
  await page.screenshot({ path: path.join(screenshotDir, "html-report-hostile.png"), fullPage: true });
  check("hostile: no console errors (no CSP violation)", events.consoleErrors.length === 0, events.consoleErrors.join(" | "));
  check("hostile: no page errors", events.pageErrors.length === 0, events.pageErrors.join(" | "));
  check("hostile: no request leaves file://", events.offline.length === 0, events.offline.join(" "));
  await context.close();
}

let browser;
try {
  browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  await checkSample(browser);
  if (hostilePath) await checkHostile(browser);
} catch (err) {
  check("browser run", false, err && err.stack ? err.stack : String(err));
} finally {
  if (browser) await browser.close();
}
console.log(`screenshots: ${screenshotDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
