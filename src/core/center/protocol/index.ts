/**
 * The center's protocol, shared by the client and the sandbox: envelopes, msgid, code tables,
 * per-transaction field specs and validation, gateway signatures, the 3202 and catalog file
 * formats, ZIP helpers and tolerant record parsers. Pure: no I/O, no clock.
 */
export * from './time.js';
export * from './msgid.js';
export * from './codes.js';
export * from './fieldSpec.js';
export * from './transactions.js';
export { CATALOG_FILE_INFNOS, type CatalogFileInfno } from './catalogTransactions.js';
export * from './envelope.js';
export * from './validate.js';
export * from './sign.js';
export * from './tsv.js';
export * from './stmtFile.js';
export * from './catalogFile.js';
export * from './records.js';
export * from './wire.js';
export * from './gm.js';
export * from './channel.js';
export * from './codeNames.js';
