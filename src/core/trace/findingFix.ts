/** What to do about each kind of finding (English; findingWords.ts has the Chinese). */
import type { FindingKind } from './types.js';

export const FINDING_FIX: Readonly<Record<FindingKind, string>> = {
  no_code: 'Scan the traceability code of every box into the record in the HIS, then run again.',
  bad_length: 'Rescan the code from the box: a 码上放心 traceability code has 20 digits.',
  bad_chars: 'Rescan the code from the box (check that the scanner is not typing through an input method).',
  prefix_mismatch:
    "Check that the box belongs to this drug (the first 7 digits identify the product); rescan it, or add the product code to the drug's prefixes in the HIS (drug_trace_prefixes).",
  drug_mismatch:
    "Check the box against the item dispensed: the four-code library names another drug for this code. Rescan the right box, or correct the item's mapping if the library's drug is the right one.",
  not_in_library:
    'Nothing is held back. Update the four-code library (hisops trace library download, or import a newer file); if the code stays unknown, check the box.',
  duplicate_in_record: 'Every box has its own code: rescan the other boxes of this record.',
  duplicate_in_batch: 'The same box was received twice: remove the double scan from one of the stock records.',
  sold_again:
    'A code can be sold only once until it is returned. Check the box (a returned or recycled drug?) and the earlier sale; this record is not sent.',
  return_never_sold:
    'Check the return: hisops knows no sale of this code. Correct the record, or upload the day of the original sale first.',
  return_over_quantity: 'The returns exceed the quantity sold: correct sel_retn_cnt of the return.',
  no_mapping: "Map the item to its national code for that day (the HIS's mapping table), then run again.",
  mapping_ambiguous:
    'Close one of the overlapping mapping rows so that exactly one national code is valid on that day.',
  missing_field: 'Fill these fields in the HIS record, or give a value under trace.defaults in hisops.yaml.',
  changed_after_upload:
    'The center holds the earlier version: restore the HIS record, or have the record deleted at the center (3507) and upload it again.',
  stock_other_drug:
    'The box was received as another drug: check the box and the stock-in record (drug or code scanned wrongly), correct the wrong one in the HIS; this record is not sent.',
  returned_to_supplier:
    'The box was sent back to the supplier before this dispensing: check the box and the supplier return, correct the wrong record in the HIS; this record is not sent.',
};
