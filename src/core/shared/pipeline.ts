/**
 * A three-stage pipeline over items taken in order, so that slow stages of different items overlap
 * (the HIS is read while the center is asked) without losing the order a reader expects:
 *
 * - `ahead(item)`: runs one at a time, in order, up to `depth` items ahead of the item in `main`
 *   (reading and summing the next days while this one is being asked about);
 * - `main(item, a)`: runs one at a time, in order, with the item's `ahead` result;
 * - `behind(item, a, m)`: optional, one at a time, in order, after the item's `main`; `main` of the
 *   next items does not wait for it (details of an unbalanced day are fetched while the next days
 *   are totalled). `main` may return `undefined` to say there is nothing to do behind.
 *
 * Failure: the first error anywhere stops the pipeline at its next step: no stage starts after it,
 * every stage already running is awaited (nothing outlives the call, so the caller may close its
 * databases), then the first error is rethrown. `ahead` results are released as soon as their
 * item's `behind` has run, so at most `depth` + the items still behind are held at once.
 */
export interface PipelineStages<T, A, M> {
  ahead: (item: T, index: number) => Promise<A>;
  main: (item: T, a: A, index: number) => Promise<M>;
  behind?: (item: T, a: A, m: NonNullable<M>, index: number) => Promise<void>;
  /** How many items `ahead` may run ahead of `main` (≥ 0; 0: strictly one after the other). */
  depth: number;
}

const RELEASED: Promise<unknown> = Promise.resolve(undefined);

export async function runPipeline<T, A, M>(items: readonly T[], stages: PipelineStages<T, A, M>): Promise<void> {
  let failure: { e: unknown } | undefined;
  const fail = (e: unknown) => {
    failure ??= { e };
  };
  const aheads: Array<Promise<A>> = [];
  const startAhead = (upTo: number) => {
    for (let i = aheads.length; i <= upTo && i < items.length; i++) {
      const prev = aheads[i - 1];
      const run = async (): Promise<A> => {
        if (prev) await prev;
        if (failure) throw failure.e;
        return stages.ahead(items[i] as T, i);
      };
      const p = run();
      // Seen by the main loop in turn; never an unhandled rejection meanwhile.
      p.catch(fail);
      aheads.push(p);
    }
  };
  let behind: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; i < items.length; i++) {
      if (failure) break;
      startAhead(i + Math.max(0, stages.depth));
      const a = await (aheads[i] as Promise<A>);
      // Settled: the list keeps no item's result past its turn (only `main` and `behind` hold it).
      aheads[i] = RELEASED as Promise<A>;
      if (failure) break;
      const m = await stages.main(items[i] as T, a, i);
      if (stages.behind && m !== undefined && m !== null) {
        const item = items[i] as T;
        const b = stages.behind;
        behind = behind.then(async () => {
          if (failure) return;
          try {
            await b(item, a, m as NonNullable<M>, i);
          } catch (e) {
            fail(e);
          }
        });
      }
    }
  } catch (e) {
    fail(e);
  }
  await Promise.allSettled([...aheads, behind]);
  if (failure) throw failure.e;
}
