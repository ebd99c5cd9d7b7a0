// The browser suites' test harness: `ok - name` or `FAIL - name` and the error per test,
// then one closing line, `N passed, N failed`, and the exit code.

let passed = 0;
let failed = 0;

/** Runs `body`; on failure, prints its error and what `context()` adds (a server's log). */
export async function test(name, body, context = () => "") {
  try {
    await body();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    const more = context();
    console.log(`FAIL - ${name}\n  ${String(e?.stack ?? e).split("\n").join("\n  ")}${more ? `\n${more}` : ""}`);
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Prints the closing line and exits, non-zero when anything failed. */
export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
