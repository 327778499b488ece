/**
 * Child process of bench/reconcile: serves the cached center ledger over HTTP so that the
 * reconciliation's memory is measured apart from the center's. Prints nothing; reports its URL
 * to the parent over IPC and stops when told.
 */
import { openLedger, startSandbox } from '../src/core/center/sandbox/index.js';

const file = process.argv[2]!;
const ledger = openLedger(file, { fixmedins_code: 'H43010000001', admdvs: '430100' });
const sb = await startSandbox({ lenientVisits: true, ledger, port: 0, admdvs: '430100' });
process.send?.({ url: sb.url });
process.on('message', async (m: { stop?: boolean }) => {
  if (m?.stop) {
    await sb.close();
    ledger.close();
    process.exit(0);
  }
});
