/**
 * A break in a long piece of synchronous work: what I/O has arrived meanwhile (answers from the
 * center, rows from a database) is handled before the work goes on.
 */
export const yieldToIo = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
