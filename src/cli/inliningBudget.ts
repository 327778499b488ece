/**
 * How much bytecode V8's optimising compiler inlines into one function, for a batch whose run is
 * short next to the time the compiler spends on it: `settle calc` over a few thousand bills runs
 * the engine (decimal.js, the rules, the result's text) for about a second, of which V8's threads
 * besides the main one (the optimising compiler, the collector's helpers) take about a quarter
 * with V8's own budget (920 bytes of inlined bytecode per function). With a budget of 100 the
 * compiler does less and the optimised code is as fast:
 * 5,000 bills of 20 lines took 1.03 CPU-s instead of 1.145 (medians), 50,000 bills as long as before
 * (docs/rules.md "Many bills", bench/rules.md).
 *
 * The budget is read each time a function is optimised, so setting it at run time takes effect
 * for what is optimised afterwards; it is the process's. A budget given on the command line
 * (`node --max-inlined-bytecode-size-cumulative=…`, NODE_OPTIONS) is left as it is.
 */
import v8 from 'node:v8';

/** The budget of a settle batch. */
export const BATCH_INLINING_BYTES = 100;
/** V8's own budget, given back afterwards. */
const V8_DEFAULT_BYTES = 920;
const FLAG = 'max-inlined-bytecode-size-cumulative';

export async function withInliningBudget<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
  if (givenAtStart()) return fn();
  v8.setFlagsFromString(`--${FLAG}=${bytes}`);
  try {
    return await fn();
  } finally {
    v8.setFlagsFromString(`--${FLAG}=${V8_DEFAULT_BYTES}`);
  }
}

function givenAtStart(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes(FLAG));
}
